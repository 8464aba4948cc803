// The request-parsing rules of the SPARQL 1.1 Protocol that the endpoint applies before a query runs: one `query`
// per request, UTF-8 bodies only, and the protocol's dataset parameters (§2.1.4). The service holds one fixed
// dataset (its default graph, no named graphs); `default-graph-uri` and `named-graph-uri` are honoured exactly as
// FROM and FROM NAMED in the query text are (which the endpoint always accepted), and override them, as §2.1.4
// requires: a graph name the service does not hold is an empty graph. Kept apart from server.ts (bounds, workers).

import sparqljs from 'sparqljs';

export class ProtocolError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A form body, strictly: malformed percent-encoding is an error, not silently kept; repeated keys are kept. */
export function parseFormBody(body: string): URLSearchParams {
  const out = new URLSearchParams();
  if (!body) return out;
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const [k, v] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    try {
      out.append(decodeURIComponent(k.replace(/\+/g, ' ')), decodeURIComponent(v.replace(/\+/g, ' ')));
    } catch {
      throw new ProtocolError(400, 'malformed form body (bad percent-encoding)');
    }
  }
  return out;
}

/** The one `query` of a request; the Protocol allows exactly one (§2.1.1-2.1.3; manifest test bad_multiple_queries). */
export function singleQuery(params: URLSearchParams, where: string): string | null {
  const all = params.getAll('query');
  if (all.length > 1)
    throw new ProtocolError(400, `${all.length} "query" parameters in the ${where}; send exactly one`);
  return all[0] ?? null;
}

/** A body's declared charset: anything but UTF-8 is refused (Protocol §2.1.3: the body is UTF-8). */
export function requireUtf8(contentType: string | undefined): void {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  if (m && !/^utf-?8$/i.test(m[1]!))
    throw new ProtocolError(415, `the body's charset is ${m[1]!.slice(0, 40)}; SPARQL Protocol bodies are UTF-8`);
}

export interface ProtocolDataset {
  defaultGraphs: string[];
  namedGraphs: string[];
}

/** `default-graph-uri` / `named-graph-uri` from the URL and (for a form POST) the body; undefined when none is given. */
export function protocolDataset(...sources: URLSearchParams[]): ProtocolDataset | undefined {
  const defaultGraphs = sources.flatMap((s) => s.getAll('default-graph-uri'));
  const namedGraphs = sources.flatMap((s) => s.getAll('named-graph-uri'));
  if (!defaultGraphs.length && !namedGraphs.length) return undefined;
  for (const iri of [...defaultGraphs, ...namedGraphs]) {
    if (!URL.canParse(iri) || /[\s<>"{}|\\^`]/.test(iri))
      throw new ProtocolError(
        400,
        `"${iri.slice(0, 100)}" is not an absolute IRI (default-graph-uri and named-graph-uri name graphs by IRI)`,
      );
  }
  return { defaultGraphs: [...new Set(defaultGraphs)], namedGraphs: [...new Set(namedGraphs)] };
}

/** The query with its FROM / FROM NAMED replaced by the protocol's dataset (§2.1.4: the protocol's dataset wins). */
export function withProtocolDataset(query: string, dataset: ProtocolDataset): string {
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser().parse(query);
  } catch (e) {
    throw new ProtocolError(400, `query error: ${(e as Error).message.split('\n')[0]}`);
  }
  if (parsed.type !== 'query') throw new ProtocolError(403, 'this endpoint is read-only: SPARQL Update is refused');
  const iri = (value: string) => ({ termType: 'NamedNode', value }) as sparqljs.IriTerm;
  parsed.from = { default: dataset.defaultGraphs.map(iri), named: dataset.namedGraphs.map(iri) };
  return new sparqljs.Generator().stringify(parsed);
}

// an IRI reference without a scheme (`<s>`, `<#x>`, `<../y>`); `?a<?b>` may match too, where the added BASE is harmless
const RELATIVE_IRI = /<(?![A-Za-z][A-Za-z0-9+.-]*:)[^<>"{}|^`\\\s]*>/;

/**
 * The query with the service's base IRI, the endpoint's own IRI (Protocol manifest, update_base_uri: "which MAY be
 * the service endpoint"), when it has a relative IRI; a BASE of the query's own comes later and wins.
 */
export function withServiceBase(query: string, host: string | undefined): string {
  if (!RELATIVE_IRI.test(query)) return query;
  let endpoint = 'http://localhost/sparql';
  try {
    if (host && /^[A-Za-z0-9.:[\]-]+$/.test(host)) endpoint = new URL(`http://${host}/sparql`).href;
  } catch {
    // a malformed Host header: the fixed fallback
  }
  return `BASE <${endpoint}>\n${query}`;
}
