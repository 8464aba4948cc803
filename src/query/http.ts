// Every request the query command sends to a remote server goes through remoteFetch: it names the project in the
// User-Agent (public endpoints such as Wikidata's ask for one that says who is calling), gives up after the
// timeout (a server that accepts the connection and never answers must not hang the command), and keeps the first
// failure in words a user can act on, naming the server, so the caller can report it in one line.

import { packageJson } from '../core/package.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Used when package.json names neither a repository nor a homepage. */
const PROJECT_HOME = 'https://w3id.org/stalin-letters/';

let agent: string | undefined;

/** `stalin-letters-lod/0.1.0 (+REPOSITORY)` from package.json. */
export function userAgent(): string {
  if (agent) return agent;
  let pkg: { name?: string; version?: string; homepage?: string; repository?: string | { url?: string } } = {};
  try {
    pkg = packageJson() as typeof pkg;
  } catch {
    /* a copied bundle without package.json still sends a useful agent */
  }
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  agent = `${pkg.name ?? 'stalin-letters-lod'}/${pkg.version ?? '0'} (+${(repo ?? pkg.homepage ?? PROJECT_HOME).replace(/^git\+/, '')})`;
  return agent;
}

export interface RemoteFetch {
  fetch: typeof fetch;
  /** The first failure seen, as "URL: what happened", or undefined. */
  failure(): string | undefined;
}

const seconds = (ms: number): string => `${+(ms / 1000).toFixed(3)} s`;

/** The server part of a request URL (the SPARQL endpoint without its query string). */
const server = (url: string): string => url.replace(/\?.*$/s, '');

/**
 * A fetch with the project's User-Agent and a timeout (for the whole exchange, body included). `accept(type)` says
 * whether a response's content type is an answer at all (an HTML page from a wrong URL is not).
 */
export function remoteFetch(timeoutMs: number, accept: (contentType: string) => boolean = () => true): RemoteFetch {
  let first: string | undefined;
  const requests: { url: string; timeout: AbortSignal }[] = [];
  const fail = (url: string, what: string): string => (first ??= `${server(url)}: ${what}`);
  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set('user-agent', userAgent());
    const timeout = AbortSignal.timeout(timeoutMs);
    requests.push({ url, timeout });
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await fetch(input, { ...init, headers, signal });
    } catch (e) {
      if (timeout.aborted) throw new Error(fail(url, `no answer within ${seconds(timeoutMs)} (see --timeout)`));
      const cause =
        e instanceof Error && e.cause instanceof Error
          ? ((e.cause as NodeJS.ErrnoException).code ?? e.cause.message)
          : undefined;
      throw new Error(fail(url, `cannot connect${cause ? ` (${cause})` : ''}`));
    }
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      const snippet = type.includes('html') ? '' : text.replace(/\s+/g, ' ').trim().slice(0, 120);
      throw new Error(fail(url, `HTTP ${res.status} ${res.statusText}${snippet ? `: ${snippet}` : ''}`));
    }
    if (!accept(type))
      throw new Error(
        fail(
          url,
          `answered ${type || 'without a content type'}, not SPARQL results or RDF; is this a SPARQL endpoint?`,
        ),
      );
    return res;
  };
  // a body that stops arriving is cut off by the same signal; the reader then sees only an AbortError
  const timedOut = (): string | undefined => {
    const r = requests.find((x) => x.timeout.aborted);
    return r && `${server(r.url)}: no answer within ${seconds(timeoutMs)} (see --timeout)`;
  };
  return { fetch: wrapped as typeof fetch, failure: () => first ?? timedOut() };
}
