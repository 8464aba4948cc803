// The federating engine: Comunica over SPARQL endpoints and local files (parsed into one N3 store), several sources
// joined in one query. Imported only when a query needs it (an endpoint, more than one source, --engine comunica):
// loading Comunica takes about a second, which the local path never pays. One engine serves the whole process.

import N3 from 'n3';
import type { QueryEngine } from '@comunica/query-sparql';
import { UsageError } from '../core/errors.js';
import type { QueryResult, Row } from './results.js';
import { DEFAULT_TIMEOUT_MS, remoteFetch } from './http.js';
import { fileType, firstLine, jsonLdToNQuads, readRdfFile, type FileOptions } from './rdf-file.js';
import { inQueryOrder } from './variables.js';

export type Source = { type: 'store'; store: N3.Store } | { type: 'endpoint'; url: string };

export interface ComunicaOptions {
  timeoutMs?: number;
  /** The projected columns, when the query names them (else the in-scope variables, in query order). */
  variables?: readonly string[];
}

let engine: Promise<QueryEngine> | undefined;

export function comunica(): Promise<QueryEngine> {
  engine ??= import('@comunica/query-sparql').then((m) => new m.QueryEngine());
  return engine;
}

/** Parses local RDF files into one N3 store (for Comunica; the local engine loads them into Oxigraph instead). */
export async function loadN3Store(files: readonly string[], o: FileOptions = {}): Promise<N3.Store> {
  const store = new N3.Store();
  for (const file of files) {
    const type = fileType(file);
    const text = readRdfFile(file).toString('utf8');
    try {
      if (type.media === 'application/ld+json')
        store.addQuads(new N3.Parser({ format: 'N-Quads' }).parse(await jsonLdToNQuads(file, text, o)));
      else if (type.n3) store.addQuads(new N3.Parser({ format: type.n3 }).parse(text));
      else
        throw new UsageError(
          `${file}: ${type.ext} files are read by the local engine only; use --engine oxigraph or convert it to Turtle`,
        );
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`${file}: not valid RDF: ${firstLine(e)}`);
    }
  }
  return store;
}

// An HTML page (a wrong URL, a login page, a proxy's error page) is not an answer, whatever its status.
const isAnswer = (type: string): boolean => !type.includes('html');

/** Runs SPARQL text over the sources; query errors and failing endpoints become one-line UsageErrors. */
export async function runComunica(
  query: string,
  sources: Source | readonly Source[],
  o: ComunicaOptions = {},
): Promise<QueryResult> {
  const list = Array.isArray(sources) ? sources : [sources as Source];
  const e = await comunica();
  const remote = remoteFetch(o.timeoutMs ?? DEFAULT_TIMEOUT_MS, isAnswer);
  const context = {
    sources: list.map((s) => (s.type === 'store' ? s.store : { type: 'sparql', value: s.url })),
    fetch: remote.fetch,
  };
  try {
    const r = await e.query(query, context as Parameters<QueryEngine['query']>[1]);
    if (r.resultType === 'bindings') {
      const names = o.variables
        ? [...o.variables]
        : inQueryOrder(
            (await r.metadata()).variables.map((v) => v.value),
            query,
          );
      const rows = (await (await r.execute()).toArray()).map(
        (b) => Object.fromEntries(names.map((n) => [n, b.get(n)])) as Row,
      );
      return { kind: 'select', variables: names, rows };
    }
    if (r.resultType === 'quads') return { kind: 'graph', quads: await (await r.execute()).toArray() };
    if (r.resultType === 'boolean') return { kind: 'ask', value: await r.execute() };
    throw new UsageError('updates are not supported; the query command only reads');
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const failure = remote.failure();
    if (failure) throw new UsageError(`endpoint ${failure}`);
    const endpoints = list.flatMap((s) => (s.type === 'endpoint' ? [s.url] : []));
    if (endpoints.length) throw new UsageError(`endpoint ${endpoints.join(', ')}: ${firstLine(err)}`);
    throw new UsageError(`query failed: ${firstLine(err)}`);
  }
}
