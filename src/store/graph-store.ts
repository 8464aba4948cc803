// Pushes a dump into a triple store through the SPARQL 1.1 Graph Store HTTP Protocol (Virtuoso, Fuseki, Oxigraph
// server, GraphDB …), then checks it there with SPARQL COUNT. It lives in src/publish because loading a store is the
// last step of publishing the dumps this stage writes; it needs no query engine (plain HTTP with node's fetch), so
// `serve` or the CLI can use it without loading Comunica.
//
// How a named graph is replaced, and what a store cannot guarantee:
//  1. the dump is parsed here first (a file that is not RDF never reaches the store) and sent as N-Triples, in
//     POSTs of at most `chunkBytes`, each with a Content-Length (Virtuoso 7.2.5 stores nothing from a chunked
//     transfer and still answers 201), into a new temporary graph; the target graph is not touched;
//  2. SPARQL COUNT on the temporary graph must equal the dump's number of distinct triples;
//  3. `MOVE <temporary> TO <target>` (SPARQL Update) swaps it in, and COUNT checks the target.
// A failure in 1 or 2 leaves the target graph as it was (the temporary graph is dropped when the store still
// answers). The swap is one SPARQL Update request; whether the store runs it as one transaction is the store's
// business, and for Virtuoso 7.2.5 it is not shown: readers may see the target empty while it runs, a server that
// dies during the MOVE may come back with the target empty or partial (as it does after dying during a PUT), and
// MOVE from an empty or missing graph empties the target, which is why the temporary graph is counted right before.
// For Virtuoso, give `isql` (its SQL port): step 3 is then one SQL transaction (`switchByIsql`: delete the target's
// quads, re-label the temporary graph's quads as the target's, commit), which Virtuoso writes to its transaction log
// before it answers; a server killed at any moment comes back with the old graph or the new one (test/store/virtuoso.test.ts
// kills it during the switch). Its SPARQL endpoint cannot run SQL, and its MOVE is not one transaction (a kill left
// 8,266 of 109,620 triples). Every request has a time limit (`timeoutMs`, default 120 s): a store that accepts the
// connection and never answers is reported, not waited for.

import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import N3 from 'n3';
import type { Quad } from '@rdfjs/types';
import { UsageError } from '../core/errors.js';
import { digestAuthorization, parseDigestChallenge, type DigestChallenge } from './digest.js';
import { ntQuad } from '../rdf/serialise/terms.js';

export type AuthScheme = 'basic' | 'digest';

export interface StoreOptions {
  /** Graph Store endpoint, e.g. http://127.0.0.1:8890/sparql-graph-crud-auth, http://host:3030/ds/data, http://host:7878/store */
  store: string;
  /** SPARQL query endpoint (default: derived from the Graph Store URL for Virtuoso, Fuseki and Oxigraph). */
  sparql?: string;
  /** SPARQL Update endpoint for the swap (default: derived likewise). */
  update?: string;
  user?: string;
  password?: string;
  /** How to authenticate; by default whatever the store's 401 challenge asks for (Digest or Basic). */
  auth?: AuthScheme;
  /** Per-request timeout (default 120 s; also the limit on the isql switch). */
  timeoutMs?: number;
  /** Virtuoso's SQL port (host:port): the switch runs there as one transaction (see the top of this file). */
  isql?: string;
  /** The isql client (default isql-vt, or ISQL_VT). */
  isqlBin?: string;
}

export const DEFAULT_TIMEOUT_MS = 120_000;

export interface LoadProgress {
  chunk: number;
  chunks: number;
  bytesSent: number;
  bytes: number;
}

export interface LoadRequest {
  /** The dump to load (.nt, .ttl, .nq, .trig or .jsonld). */
  file: string;
  /** The named graph to replace (an absolute IRI). */
  graph: string;
  /** Largest POST body (default 4 MiB); a dump with blank nodes goes in one request (their labels are scoped to a document). */
  chunkBytes?: number;
  onProgress?: (p: LoadProgress) => void;
  /** Called right before the switch (tests kill the store then). */
  onSwitch?: () => void;
}

export interface LoadReport {
  file: string;
  graph: string;
  triples: number;
  bytes: number;
  chunks: number;
  /** Milliseconds: parsing the dump, uploading it, and the whole load. */
  parseMs: number;
  uploadMs: number;
  totalMs: number;
}

/** Query and update endpoints beside a Graph Store endpoint, for the stores whose layout is known. */
export function endpointsOf(store: string): { sparql?: string; update?: string } {
  const u = new URL(store);
  const path = u.pathname.replace(/\/+$/, '');
  const at = (p: string): string => {
    const v = new URL(u.href);
    v.pathname = p;
    v.search = '';
    return v.href;
  };
  if (/\/sparql-graph-crud(-auth)?$/.test(path)) {
    // Virtuoso
    const root = path.replace(/\/sparql-graph-crud(-auth)?$/, '');
    return { sparql: at(`${root}/sparql`), update: at(`${root}/sparql-auth`) };
  }
  if (/\/store$/.test(path))
    return { sparql: at(path.replace(/store$/, 'query')), update: at(path.replace(/store$/, 'update')) }; // Oxigraph server
  if (/\/data$/.test(path))
    return { sparql: at(path.replace(/data$/, 'sparql')), update: at(path.replace(/data$/, 'update')) }; // Fuseki
  return {};
}

/** An absolute IRI that SPARQL and the Graph Store accept (Virtuoso answers 500 to a relative one). */
export function checkGraphIri(iri: string): string {
  if (!/^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i.test(iri))
    throw new UsageError(`--graph "${iri}" is not an absolute IRI (e.g. https://w3id.org/stalin-letters/dataset)`);
  return iri;
}

function checkUrl(url: string, what: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UsageError(`${what} "${url}" is not a URL (e.g. http://127.0.0.1:8890/sparql-graph-crud-auth)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new UsageError(`${what} "${url}" must be an http(s) URL`);
  if (u.username || u.password)
    throw new UsageError(`${what}: put credentials in --user/--password or the environment, not in the URL`);
  return u.href;
}

const N3_FORMATS: Record<string, string> = { '.nt': 'N-Triples', '.ttl': 'Turtle', '.nq': 'N-Quads', '.trig': 'TriG' };

/** The dump's distinct triples as N-Triples lines (sorted: the upload is deterministic), and whether it has blank nodes. */
export async function dumpLines(file: string): Promise<{ lines: string[]; blank: boolean }> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read the dump ${file}; run \`stalin-letters-lod build\` first, or pass --dump FILE`);
  }
  const ext = extname(file).toLowerCase();
  let quads: Quad[];
  try {
    if (ext === '.jsonld' || ext === '.json') {
      const jsonld = (await import('jsonld')).default;
      // no remote contexts: a data file never makes the tool open a connection
      const documentLoader = (url: string): never => {
        throw new Error(`remote context ${url} not loaded`);
      };
      const nq = (await jsonld.toRDF(
        JSON.parse(text) as object,
        { format: 'application/n-quads', documentLoader } as never,
      )) as unknown as string;
      quads = new N3.Parser({ format: 'N-Quads' }).parse(nq);
    } else {
      const format = N3_FORMATS[ext];
      if (!format)
        throw new UsageError(`${file}: unknown RDF file type "${ext}"; use .nt, .ttl, .nq, .trig or .jsonld`);
      quads = new N3.Parser({ format }).parse(text);
    }
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${file} is not valid RDF: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
  }
  if (quads.some((q) => q.graph.termType !== 'DefaultGraph'))
    throw new UsageError(`${file} holds named graphs; load takes a file of triples (one graph)`);
  if (!quads.length) throw new UsageError(`${file} holds no triples; nothing to load (the graph was not touched)`);
  const lines = [...new Set(quads.map(ntQuad))].sort();
  return { lines, blank: quads.some((q) => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode') };
}

/** Lines joined into bodies of at most `max` bytes (a single longer line gets a body of its own). */
export function chunkLines(lines: readonly string[], max: number): Buffer[] {
  const out: Buffer[] = [];
  let part: string[] = [];
  let size = 0;
  for (const l of lines) {
    const n = Buffer.byteLength(l);
    if (size + n > max && part.length) {
      out.push(Buffer.from(part.join(''), 'utf8'));
      part = [];
      size = 0;
    }
    part.push(l);
    size += n;
  }
  if (part.length) out.push(Buffer.from(part.join(''), 'utf8'));
  return out;
}

function reason(e: unknown): string {
  const cause =
    e instanceof Error && e.cause instanceof Error
      ? ((e.cause as NodeJS.ErrnoException).code ?? e.cause.message)
      : undefined;
  if (e instanceof Error && e.name === 'TimeoutError') return 'no answer within the time limit (--timeout)';
  return cause ?? (e instanceof Error ? e.message : String(e));
}

/** The store did not answer (down, connection reset, timeout): the caller says what this means for the graph. */
export class StoreUnreachable extends Error {}

/** HTTP to one store with its credentials: answers Digest (RFC 7616) or Basic challenges; never prints them. */
export class StoreClient {
  private challenge: DigestChallenge | undefined;
  private nc = 0;
  private scheme: AuthScheme | undefined;

  constructor(private readonly o: StoreOptions) {
    this.scheme = o.auth;
    if ((o.user === undefined) !== (o.password === undefined))
      throw new UsageError('give both --user and --password (or STORE_USER and STORE_PASSWORD), or neither');
  }

  private authorization(method: string, url: string): string | undefined {
    if (this.o.user === undefined) return undefined;
    if (this.scheme === 'basic') return `Basic ${Buffer.from(`${this.o.user}:${this.o.password}`).toString('base64')}`;
    if (this.challenge) {
      const u = new URL(url);
      return digestAuthorization(this.challenge, {
        method,
        uri: u.pathname + u.search,
        username: this.o.user,
        password: this.o.password!,
        nc: ++this.nc,
      });
    }
    return undefined;
  }

  /** The store's challenge, from a HEAD without a body (nothing is learnt when it does not answer 401). */
  private async probe(url: string): Promise<void> {
    const r = await fetch(url, {
      method: 'HEAD',
      signal: AbortSignal.timeout(this.o.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    }).catch(() => undefined);
    if (r?.status !== 401) return;
    const header = r.headers.get('www-authenticate');
    const digest = this.scheme === 'basic' ? undefined : parseDigestChallenge(header);
    if (digest) {
      this.challenge = digest;
      this.nc = 0;
      this.scheme = 'digest';
    } else if (/^\s*basic\b/i.test(header ?? '') && this.o.auth !== 'digest') this.scheme = 'basic';
  }

  /** One request; a 401 with a challenge is answered (a stale or first nonce gets one retry); network failures throw StoreUnreachable. */
  async send(
    method: string,
    url: string,
    init: { body?: Buffer | string; type?: string; accept?: string } = {},
  ): Promise<Response> {
    // a store that wants credentials may answer a large body sent without them with 401 and reset the connection
    // while the body is still being sent (Virtuoso on CI): ask for the challenge first with a HEAD, which has no body
    if (init.body !== undefined && this.o.user !== undefined && !this.challenge && this.scheme !== 'basic')
      await this.probe(url);
    let fresh = false;
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = {};
      if (init.type) headers['content-type'] = init.type;
      if (init.accept) headers.accept = init.accept;
      const auth = this.authorization(method, url);
      if (auth) headers.authorization = auth;
      let r: Response;
      for (let tries = 0; ; tries++) {
        try {
          // a Buffer or string body gets a Content-Length, never chunked transfer encoding
          r = await fetch(url, {
            method,
            headers,
            ...(init.body !== undefined ? { body: init.body as Uint8Array<ArrayBuffer> | string } : {}),
            signal: AbortSignal.timeout(this.o.timeoutMs ?? DEFAULT_TIMEOUT_MS),
          });
          break;
        } catch (e) {
          // a kept-alive connection the server had already closed: once more on a new one (the requests here may
          // be repeated: POSTing the same triples twice stores them once, and every load ends with a COUNT)
          if (tries === 0 && /UND_ERR_SOCKET|ECONNRESET|EPIPE/.test(reason(e))) continue;
          throw new StoreUnreachable(`${method} ${new URL(url).origin}${new URL(url).pathname}: ${reason(e)}`);
        }
      }
      if (r.status !== 401) return r;
      await r.arrayBuffer().catch(() => undefined);
      const header = r.headers.get('www-authenticate');
      if (this.o.user === undefined)
        throw new UsageError(
          `the store refused ${method} ${new URL(url).pathname} without credentials (401): pass --user and --password, or set STORE_USER and STORE_PASSWORD`,
        );
      const digest = this.scheme === 'basic' ? undefined : parseDigestChallenge(header);
      // a 401 right after answering a fresh challenge (and not a stale nonce) means the credentials are wrong
      if (attempt >= 2 || (fresh && !digest?.stale) || (this.scheme === 'basic' && attempt > 0)) {
        throw new UsageError(
          `the store refused the credentials of user "${this.o.user}" (401 Unauthorized from ${new URL(url).pathname}); check --user/--password or STORE_USER/STORE_PASSWORD${this.o.auth === 'basic' && /digest/i.test(header ?? '') ? ' (the store asks for --auth digest)' : ''}`,
        );
      }
      if (digest) {
        this.challenge = digest;
        this.nc = 0;
        this.scheme = 'digest';
        fresh = true;
      } else if (/^\s*basic\b/i.test(header ?? '') && this.o.auth !== 'digest') {
        this.scheme = 'basic';
        fresh = true;
      } else {
        throw new UsageError(
          `the store answered 401 to ${method} ${new URL(url).pathname} with no challenge this client can answer${header ? ` (${header.split(',')[0]})` : ''}${this.o.auth === 'basic' ? '; try --auth digest' : ''}`,
        );
      }
    }
  }
}

async function expectOk(r: Response, what: string): Promise<void> {
  if (r.ok) return;
  const body = (await r.text().catch(() => '')).replace(/\s+/g, ' ').trim().slice(0, 200);
  throw new UsageError(`${what}: the store answered ${r.status} ${r.statusText}${body ? `: ${body}` : ''}`);
}

const gsp = (store: string, graph: string): string =>
  `${store}${store.includes('?') ? '&' : '?'}graph=${encodeURIComponent(graph)}`;

/** Number of triples in `graph` by SPARQL COUNT. */
export async function countTriples(client: StoreClient, sparql: string, graph: string): Promise<number> {
  const q = `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph}> { ?s ?p ?o } }`;
  const r = await client.send('POST', sparql, {
    body: new URLSearchParams({ query: q }).toString(),
    type: 'application/x-www-form-urlencoded',
    accept: 'application/sparql-results+json',
  });
  await expectOk(r, `COUNT of <${graph}> at ${sparql}`);
  const text = await r.text();
  try {
    const j = JSON.parse(text) as { results: { bindings: { n?: { value: string } }[] } };
    const n = Number(j.results.bindings[0]?.n?.value);
    if (!Number.isInteger(n)) throw new Error('no count');
    return n;
  } catch {
    throw new UsageError(
      `COUNT of <${graph}> at ${sparql}: not a SPARQL JSON result (${text.slice(0, 80).replace(/\s+/g, ' ')}); is --sparql the query endpoint?`,
    );
  }
}

async function update(client: StoreClient, url: string, sparql: string): Promise<void> {
  const r = await client.send('POST', url, {
    body: new URLSearchParams({ update: sparql }).toString(),
    type: 'application/x-www-form-urlencoded',
  });
  await expectOk(r, `${sparql} at ${url}`);
}

/** Replaces `graph` with the dump (see the top of this file); every step is checked; throws UsageError with one line. */
export async function loadDump(o: StoreOptions, req: LoadRequest): Promise<LoadReport> {
  const t0 = performance.now();
  const store = checkUrl(o.store, '--store');
  const derived = endpointsOf(store);
  const sparql = o.sparql ? checkUrl(o.sparql, '--sparql') : derived.sparql;
  const updateUrl = o.update ? checkUrl(o.update, '--update') : derived.update;
  if (!sparql || !updateUrl)
    throw new UsageError(
      `--store ${store}: not a Virtuoso, Fuseki or Oxigraph Graph Store path; give its query endpoint with --sparql and its update endpoint with --update`,
    );
  const graph = checkGraphIri(req.graph);
  const client = new StoreClient(o);

  const { lines, blank } = await dumpLines(req.file);
  const chunks = chunkLines(lines, blank ? Number.POSITIVE_INFINITY : (req.chunkBytes ?? 4 << 20));
  const bytes = chunks.reduce((n, c) => n + c.length, 0);
  const tParsed = performance.now();

  const temp = `urn:x-stalin-letters-lod:load:${randomUUID()}`;
  let touched = false; // whether anything was written to the temporary graph
  let swapping = false;
  const dropTemp = async (): Promise<void> => {
    if (!touched) return;
    try {
      await update(client, updateUrl, `DROP SILENT GRAPH <${temp}>`);
    } catch {
      /* best effort: reported below */
    }
  };
  try {
    // checks the store is up and the credentials are good before any body is sent (and learns the digest nonce)
    // (GET of the new, empty temporary graph: HEAD is optional in the protocol, and Virtuoso answers it 501)
    const probe = await client.send('GET', gsp(store, temp), { accept: 'application/n-triples' });
    await probe.arrayBuffer().catch(() => undefined);
    if (probe.status >= 500 || probe.status === 403) await expectOk(probe, `GET ${new URL(store).pathname}`);
    let sent = 0;
    for (const [i, body] of chunks.entries()) {
      touched = true;
      const r = await client.send('POST', gsp(store, temp), { body, type: 'application/n-triples' });
      await expectOk(r, `chunk ${i + 1} of ${chunks.length} (POST ${new URL(store).pathname})`);
      sent += body.length;
      req.onProgress?.({ chunk: i + 1, chunks: chunks.length, bytesSent: sent, bytes });
    }
    const tUploaded = performance.now();
    const inTemp = await countTriples(client, sparql, temp);
    if (inTemp !== lines.length)
      throw new UsageError(
        `the store holds ${inTemp} of the dump's ${lines.length} triples after the upload; <${graph}> was not replaced`,
      );
    swapping = true;
    req.onSwitch?.();
    if (o.isql) await switchByIsql(o, temp, graph);
    else await update(client, updateUrl, `MOVE <${temp}> TO <${graph}>`);
    touched = swapping = false;
    const inGraph = await countTriples(client, sparql, graph);
    if (inGraph !== lines.length)
      throw new UsageError(
        `after the swap <${graph}> holds ${inGraph} triples, not the dump's ${lines.length}; load again`,
      );
    return {
      file: req.file,
      graph,
      triples: lines.length,
      bytes,
      chunks: chunks.length,
      parseMs: tParsed - t0,
      uploadMs: tUploaded - tParsed,
      totalMs: performance.now() - t0,
    };
  } catch (e) {
    if (e instanceof StoreUnreachable) {
      if (swapping && o.isql)
        throw new UsageError(
          `the store stopped answering during the switch (${e.message}); <${graph}> holds the old triples or the new ones (one transaction): check, and load again`,
        );
      if (swapping)
        throw new UsageError(
          `the store stopped answering during the swap (${e.message}); <${graph}> may hold the old triples, the new ones, or (Virtuoso without --isql) part of them: load again`,
        );
      throw new UsageError(
        `the store stopped answering (${e.message})${touched ? `; <${graph}> was not replaced (a partial temporary graph <${temp}> may remain: DROP it)` : `; is it running at ${new URL(store).origin}? nothing was loaded`}`,
      );
    }
    await dropTemp();
    throw e;
  }
}

/** IRIs go into SQL string literals: anything but a plain IRI is refused (checkGraphIri has run; this is the SQL guard). */
const sqlIri = (iri: string): string => {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:[^\s'"\\<>{}|^`;]+$/.test(iri))
    throw new UsageError(`<${iri}> cannot be passed to isql`);
  return `'${iri}'`;
};

/** Virtuoso: the target's quads deleted and the temporary graph's re-labelled as the target's, in ONE transaction
 * (a procedure call is one statement: isql commits it whole or not at all), written to the transaction log before
 * isql returns. Credentials go to isql as arguments (its only way); run load where other users cannot list them. */
export function switchByIsql(o: StoreOptions, temp: string, graph: string): Promise<void> {
  const bin = o.isqlBin ?? process.env.ISQL_VT ?? 'isql-vt';
  const proc = 'DB.DBA.STALIN_LETTERS_LOD_SWITCH';
  const sql = `${[
    `CREATE PROCEDURE ${proc} (in tmp varchar, in target varchar) { ` +
      // (names unlike the columns': identifiers are case-insensitive)
      'declare from_id, to_id any; from_id := iri_to_id (tmp); to_id := iri_to_id (target); log_enable (1, 1); ' +
      'DELETE FROM DB.DBA.RDF_QUAD WHERE G = to_id; ' +
      'INSERT INTO DB.DBA.RDF_QUAD (G, S, P, O) SELECT to_id, S, P, O FROM DB.DBA.RDF_QUAD WHERE G = from_id; ' +
      'DELETE FROM DB.DBA.RDF_QUAD WHERE G = from_id; }',
    `${proc} (${sqlIri(temp)}, ${sqlIri(graph)})`,
  ].join(';\n')};\n`;
  return new Promise((resolve, reject) => {
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(
        bin,
        [o.isql!, o.user ?? 'dba', o.password ?? '', 'VERBOSE=OFF', 'BANNER=OFF', 'PROMPT=OFF', 'ERRORS=STDOUT'],
        { stdio: ['pipe', 'pipe', 'pipe'] },
      );
    } catch (e) {
      reject(new UsageError(`cannot run ${bin}: ${(e as Error).message}`));
      return;
    }
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr!.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, o.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new UsageError(
          e.code === 'ENOENT'
            ? `--isql: ${bin} not found (install virtuoso-opensource, or give --isql-bin)`
            : `cannot run ${bin}: ${e.message}`,
        ),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const text = out.replace(/\s+/g, ' ').trim();
      if (signal) reject(new StoreUnreachable(`isql ${o.isql}: no answer within the time limit (--timeout)`));
      else if (/Bad login|password/i.test(text) && /\*\*\* Error/.test(text))
        reject(new UsageError(`isql ${o.isql} refused the credentials of user "${o.user ?? 'dba'}"`));
      else if (
        /\*\*\* Error|Connect failed|Unable to connect|cannot connect|Lost connection/i.test(text) ||
        code !== 0
      ) {
        if (/Connect|connection|08S01|08001|CL0/i.test(text))
          reject(new StoreUnreachable(`isql ${o.isql}: ${text.slice(0, 200)}`));
        else reject(new UsageError(`the switch through isql ${o.isql} failed: ${text.slice(0, 300)}`));
      } else resolve();
    });
    child.stdin!.end(sql);
  });
}
