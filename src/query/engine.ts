// Runs a query with Comunica over a local RDF file (loaded into an N3 Store) or a remote SPARQL endpoint.
// Comunica is imported on first use only, so `build` and `query --list` never pay for loading it; one engine
// serves the whole process.

import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import N3 from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import type { QueryEngine } from '@comunica/query-sparql';
import { UsageError } from '../errors.js';

export type Row = Record<string, Term | undefined>;
export type QueryResult =
  | { kind: 'select'; variables: string[]; rows: Row[] }
  | { kind: 'ask'; value: boolean }
  | { kind: 'graph'; quads: Quad[] };

export type Source = { type: 'store'; store: N3.Store } | { type: 'endpoint'; url: string };

let engine: Promise<QueryEngine> | undefined;

export function comunica(): Promise<QueryEngine> {
  engine ??= import('@comunica/query-sparql').then((m) => new m.QueryEngine());
  return engine;
}

const N3_FORMATS: Record<string, string> = {
  '.nt': 'N-Triples', '.ttl': 'Turtle', '.n3': 'N3', '.nq': 'N-Quads', '.trig': 'TriG',
};

/** Parses an RDF file by its extension (N-Triples parses fastest; JSON-LD needs the jsonld library). */
export async function loadRdfFile(file: string): Promise<N3.Store> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}; run \`stalin-letters-lod build\` first, or pass --source FILE or --endpoint URL`);
  }
  const ext = extname(file).toLowerCase();
  try {
    if (ext === '.jsonld' || ext === '.json') {
      const jsonld = (await import('jsonld')).default;
      const nquads = (await jsonld.toRDF(JSON.parse(text) as object, { format: 'application/n-quads' })) as unknown as string;
      return new N3.Store(new N3.Parser({ format: 'N-Quads' }).parse(nquads));
    }
    const format = N3_FORMATS[ext];
    if (!format) throw new UsageError(`${file}: unknown RDF file type "${ext}"; use .nt, .ttl, .nq, .trig, .n3 or .jsonld`);
    return new N3.Store(new N3.Parser({ format }).parse(text));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${file}: not valid RDF: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
  }
}

function firstLine(e: unknown): string {
  const line = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();
  // fetch hides the reason (ECONNREFUSED, ENOTFOUND…) in its cause
  const cause = e instanceof Error && e.cause instanceof Error ? ((e.cause as NodeJS.ErrnoException).code ?? e.cause.message) : undefined;
  return cause ? `${line} (${cause})` : line;
}

/** Runs SPARQL text; query errors and unreachable endpoints become one-line UsageErrors. */
export async function runComunica(query: string, source: Source): Promise<QueryResult> {
  const e = await comunica();
  const sources = source.type === 'store' ? [source.store] : [{ type: 'sparql', value: source.url }];
  try {
    const r = await e.query(query, { sources } as Parameters<QueryEngine['query']>[1]);
    if (r.resultType === 'bindings') {
      const { variables } = await r.metadata();
      const names = variables.map((v) => v.value);
      const rows = (await (await r.execute()).toArray()).map((b) => Object.fromEntries(names.map((n) => [n, b.get(n)])) as Row);
      return { kind: 'select', variables: names, rows };
    }
    if (r.resultType === 'quads') return { kind: 'graph', quads: await (await r.execute()).toArray() };
    if (r.resultType === 'boolean') return { kind: 'ask', value: await r.execute() };
    throw new UsageError('updates are not supported; the query command only reads');
  } catch (err) {
    if (err instanceof UsageError) throw err;
    if (source.type === 'endpoint') throw new UsageError(`endpoint ${source.url}: ${firstLine(err)}`);
    throw new UsageError(`query failed: ${firstLine(err)}`);
  }
}
