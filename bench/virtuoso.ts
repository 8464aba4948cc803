// The Virtuoso part of `npm run bench`: a scratch Virtuoso (test/virtuoso.ts: own folder, free ports, stopped after)
// loads an N-Triples dump (the 1 M-triple synthetic corpus) through `load`'s Graph Store path and, for comparison,
// through the bulk loader; then a few saved queries run through its /sparql endpoint (Comunica sending the query
// to the endpoint, as `query NAME --endpoint` does) beside the local engine (Comunica over an N3 Store, as `query`
// does by default) and Oxigraph over the same dump; and Virtuoso's own time for the query (one SPARQL protocol POST). Run in a child process of bench.ts (its own memory).

import { copyFileSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startVirtuoso, virtuosoMissing } from '../test/virtuoso.js';
import { warmMedian } from './stats.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const DIST = join(ROOT, 'dist');
const BASE = 'https://w3id.org/stalin-letters/';
const GRAPH = `${BASE}dataset`;
/** Cheap enough locally at 1 M triples to time three times each. */
export const VIRTUOSO_QUERIES = ['letters-in-period', 'career', 'organization-changes', 'export-letters', 'who-held'];

export interface VirtuosoRun {
  triples: number;
  mb: number;
  loadMs?: number;
  /** Of loadMs: parsing the dump here, and the POSTs (the rest is COUNT, MOVE, COUNT). */
  parseMs?: number;
  uploadMs?: number;
  chunks?: number;
  bulkMs?: number;
  queries: {
    name: string;
    rows: number;
    protocolMs?: number;
    endpointMs?: Timed;
    localMs: Timed;
    oxigraphMs: number;
    note?: string;
  }[];
  note?: string;
}

/** A wall time, and whether it is one run only (a first run over CAP_MS is not repeated). */
type Timed = { ms: number; once?: boolean };
const CAP_MS = 15_000;
const ENDPOINT_CUTOFF_MS = 90_000;
async function capped(f: () => unknown): Promise<Timed> {
  const t0 = performance.now();
  await f();
  const first = performance.now() - t0;
  if (first > CAP_MS) return { ms: first, once: true };
  return { ms: await time(f) };
}
const time = (f: () => unknown): Promise<number> => warmMedian(f);

/** Child: the whole Virtuoso part on one dump; prints a JSON VirtuosoRun. */
export async function childVirtuoso(nt: string, printTable = false): Promise<void> {
  const missing = virtuosoMissing();
  const mb = statSync(nt).size / 1e6;
  if (missing) {
    process.stdout.write(
      `${JSON.stringify({ triples: 0, mb, queries: [], note: `not run: ${missing}` } satisfies VirtuosoRun)}\n`,
    );
    return;
  }
  const { loadDump } = await import(pathToFileURL(join(DIST, 'src/store/graph-store.js')).href);
  const { prepareQuery } = await import(pathToFileURL(join(DIST, 'src/query/run.js')).href);
  const { loadN3Store, runComunica } = await import(pathToFileURL(join(DIST, 'src/query/comunica.js')).href);
  const oxigraph = (await import('oxigraph')).default;
  const v = await startVirtuoso();
  try {
    process.stderr.write('  Virtuoso: load through the Graph Store …\n');
    const t0 = performance.now();
    const report = await loadDump(
      { store: v.graphStore, user: v.user, password: v.password },
      {
        file: nt,
        graph: GRAPH,
        onProgress: (p: { chunk: number; chunks: number }) => {
          if (p.chunk % 10 === 0) process.stderr.write(`    chunk ${p.chunk}/${p.chunks}\n`);
        },
      },
    );
    const loadMs = performance.now() - t0;
    process.stderr.write('  Virtuoso: bulk loader …\n');
    copyFileSync(nt, join(v.loadDir, basename(nt)));
    const t1 = performance.now();
    v.isql(`ld_dir('${v.loadDir}', '${basename(nt)}', 'urn:bench:bulk');`);
    v.isql('rdf_loader_run();');
    v.isql('checkpoint;');
    const bulkMs = performance.now() - t1;
    const errors = v
      .isql('SELECT COUNT(*) FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;')
      .match(/^\s*(\d+)\s*$/m)?.[1];
    if (errors !== '0')
      throw new Error(`bulk loader errors: ${v.isql('SELECT ll_file, ll_error FROM DB.DBA.load_list;')}`);
    // the queries read the union of graphs: only one copy may stay
    v.isql('SPARQL CLEAR GRAPH <urn:bench:bulk>;');
    process.stderr.write('  local engines: loading the dump …\n');
    const store = await loadN3Store([nt]);
    const ox = new oxigraph.Store();
    ox.load(readFileSync(nt, 'utf8'), { format: 'application/n-triples' });
    const queries: VirtuosoRun['queries'] = [];
    for (const name of VIRTUOSO_QUERIES) {
      process.stderr.write(`  ${name} …\n`);
      const sparql = prepareQuery({ name, params: [], base: BASE, cwd: ROOT }).sparql as string;
      let rows = 0;
      const count = (r: { kind: string; rows?: unknown[]; quads?: unknown[] }): number =>
        r.rows?.length ?? r.quads?.length ?? 1;
      // Virtuoso's own time: the SPARQL protocol, one POST, JSON results parsed; cut off after ENDPOINT_CUTOFF_MS
      let protocolMs: number | undefined;
      let endpointMs: Timed | undefined;
      let note: string | undefined;
      try {
        protocolMs = await time(async () => {
          const post = (): Promise<Response> =>
            fetch(v.sparql, {
              method: 'POST',
              body: new URLSearchParams({ query: sparql }),
              headers: { accept: 'application/sparql-results+json' },
              signal: AbortSignal.timeout(ENDPOINT_CUTOFF_MS),
            });
          // a kept-alive connection Virtuoso closed meanwhile (KeepAliveTimeout): once more on a new one
          const r = await post().catch((e: Error) => {
            if ((e.cause as NodeJS.ErrnoException | undefined)?.code === 'UND_ERR_SOCKET') return post();
            throw e;
          });
          const j = (await r.json()) as { results?: { bindings: unknown[] } };
          rows = j.results?.bindings.length ?? 0;
        });
        let viaComunica = 0;
        endpointMs = await capped(async () => {
          viaComunica = count(await runComunica(sparql, { type: 'endpoint', url: v.sparql }));
        });
        if (viaComunica !== rows) throw new Error(`${viaComunica} rows through Comunica, ${rows} from Virtuoso`);
      } catch (e) {
        note = `Virtuoso: ${e instanceof Error && e.name === 'TimeoutError' ? `no answer within ${ENDPOINT_CUTOFF_MS / 1000} s` : (e as Error).message}`;
        process.stderr.write(`    ${note}\n`);
      }
      let localRows = 0;
      const localMs = await capped(async () => {
        localRows = count(await runComunica(sparql, { type: 'store', store }));
      });
      if (protocolMs !== undefined && localRows !== rows)
        throw new Error(`${name}: ${rows} rows from Virtuoso, ${localRows} locally`);
      rows = localRows;
      const oxigraphMs = await time(() => ox.query(sparql));
      queries.push({
        name,
        rows,
        localMs,
        oxigraphMs,
        ...(protocolMs !== undefined ? { protocolMs } : {}),
        ...(endpointMs ? { endpointMs } : {}),
        ...(note ? { note } : {}),
      });
    }
    const run: VirtuosoRun = {
      triples: report.triples,
      mb,
      loadMs,
      parseMs: report.parseMs,
      uploadMs: report.uploadMs,
      chunks: report.chunks,
      bulkMs,
      queries,
    };
    if (printTable) process.stderr.write(`${virtuosoTable(basename(nt), run)}\n`);
    process.stdout.write(`${JSON.stringify(run)}\n`);
  } finally {
    await v.stop();
  }
}

const fmt = (ms: number | undefined): string =>
  ms === undefined ? '–' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;

const t = (x: Timed): string => `${fmt(x.ms)}${x.once ? ' *' : ''}`;

export function virtuosoTable(label: string, r: VirtuosoRun): string {
  if (r.note) return `Virtuoso (${label}): ${r.note}`;
  const rate = (ms: number | undefined): string =>
    ms ? `${Math.round(r.triples / (ms / 1000)).toLocaleString('en')} triples/s` : '–';
  return [
    `| Virtuoso 7.2.5, ${label} (${(r.triples / 1e6).toFixed(2)} M triples, ${r.mb.toFixed(0)} MB N-Triples) | wall time | rate |`,
    '|---|---:|---:|',
    `| \`load\` (parse, ${r.chunks} POSTs of ≤ 4 MB into a temporary graph, COUNT, MOVE, COUNT) | ${fmt(r.loadMs)} | ${rate(r.loadMs)} |`,
    ...(r.parseMs !== undefined
      ? [
          `| … of which parsing the dump | ${fmt(r.parseMs)} | |`,
          `| … of which the POSTs | ${fmt(r.uploadMs)} | ${rate(r.uploadMs)} |`,
        ]
      : []),
    `| bulk loader (\`ld_dir\` + \`rdf_loader_run()\` + \`checkpoint\`) | ${fmt(r.bulkMs)} | ${rate(r.bulkMs)} |`,
    '',
    `| query (${label}), warm median of 3 (* one run: the first took over ${CAP_MS / 1000} s) | rows | Virtuoso /sparql (one POST) | \`query --endpoint\` (Comunica → Virtuoso) | local Comunica (\`query\`) | Oxigraph |`,
    '|---|---:|---:|---:|---:|---:|',
    ...r.queries.map(
      (q) =>
        `| ${q.name} | ${q.rows} | ${q.protocolMs === undefined ? (q.note ?? '–') : fmt(q.protocolMs)} | ${q.endpointMs ? t(q.endpointMs) : '–'} | ${t(q.localMs)} | ${fmt(q.oxigraphMs)} |`,
    ),
  ].join('\n');
}
