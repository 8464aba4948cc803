// Data and expected results for the saved-query tests. The tests only ever compare against test/expected/queries/;
// scripts/golden/queries.ts (`npm run golden:queries`) is the one thing that rewrites them.
// QUERY_CORPUS=DIR builds from another corpus folder (default: the shipped corpus/).

import { join } from 'node:path';
import N3 from 'n3';
import { DEFAULT_BASE_IRI } from '../src/rdf/graph.js';
import { DUMPS, runBuild } from '../src/pipeline/build.js';
import { formatProblems } from '../src/corpus/errors.js';
import type { QueryResult } from '../src/query/results.js';
import { runComunica } from '../src/query/comunica.js';
import { runLocal, type LocalStore } from '../src/query/local.js';
import { oxigraphStore } from '../src/query/oxigraph.js';
import { explicitProjection } from '../src/query/variables.js';
import { writeSelect } from '../src/query/results.js';
import { toNTriples } from '../src/rdf/serialise/ntriples.js';
import { sortQuads } from '../src/rdf/serialise/terms.js';
import { prepareQuery, type PreparedQuery } from '../src/query/run.js';
import { CORPUS, ROOT } from './helpers.js';

export const EXPECTED_QUERIES = join(ROOT, 'test/expected/queries');
export const BASE = DEFAULT_BASE_IRI;

export interface QueryData {
  ntriples: string;
  /** For Comunica. */
  store: N3.Store;
  /** For Oxigraph, the local engine. */
  oxigraph: LocalStore;
}

let data: Promise<QueryData> | undefined;

/** The dataset built in memory from the corpus (once per process). */
export function queryData(): Promise<QueryData> {
  data ??= (async () => {
    const r = await runBuild({
      corpusDir: process.env.QUERY_CORPUS ?? CORPUS,
      outDir: '/nonexistent',
      base: BASE,
      write: false,
    });
    if (r.problems.length) throw new Error(`the corpus does not build:\n${formatProblems(r.problems)}`);
    const ntriples = r.files!.get(DUMPS.ntriples)!;
    return {
      ntriples,
      store: new N3.Store(new N3.Parser({ format: 'N-Triples' }).parse(ntriples)),
      oxigraph: await oxigraphStore(ntriples),
    };
  })();
  return data;
}

/** The saved query `name` with its default parameters (or `params`), bound and ready to run. */
export const boundQuery = (name: string, params: string[] = []): string => prepared(name, params).sparql;

export const prepared = (name: string, params: string[] = []): PreparedQuery =>
  prepareQuery({ name, params, base: BASE, cwd: ROOT });

/**
 * A saved query as the `query` command runs it by default: a local one on Oxigraph; one that names endpoints
 * (`@source`, the wikidata-* queries) on Comunica over the dataset and `endpoint` (in tests the made-up fixture
 * endpoint of test/sparql-endpoint.ts, never Wikidata).
 */
export async function defaultRun(name: string, endpoint?: string, params: string[] = []): Promise<QueryResult> {
  const p = prepared(name, params);
  const d = await queryData();
  if (!p.query.sources.length) return runLocal(d.oxigraph, p);
  if (!endpoint) throw new Error(`${name} reads an endpoint besides the dataset; give the fixture endpoint`);
  const variables = explicitProjection(p.query.parsed);
  return runComunica(
    p.sparql,
    [
      { type: 'store', store: d.store },
      { type: 'endpoint', url: endpoint },
    ],
    variables ? { variables } : {},
  );
}

/** Expected-result file name and text of a result: TSV (exact terms) for SELECT, sorted N-Triples for graphs. */
export function expectedFile(name: string, result: QueryResult): { file: string; text: string } {
  if (result.kind === 'graph') return { file: `${name}.nt`, text: toNTriples(sortQuads(result.quads)) };
  if (result.kind === 'ask') return { file: `${name}.txt`, text: `${result.value}\n` };
  return { file: `${name}.tsv`, text: writeSelect(result.variables, result.rows, 'tsv') };
}
