// `npm run bench:queries [-- --source FILE] [--1m] [--cold-runs N] [--load-runs N] [--comunica-runs N] [--no-comunica]
// [--no-cold] [--phases] [NAME…]`:
// the saved queries on both engines, on the built dump (default build/stalin-letters.nt) or another N-Triples file.
// `--1m`: on the 1 M-triple synthetic dump instead (bench/out/build-1M/, made first if missing: `gen --scale 38.46`,
// built without SHACL, about a minute), Oxigraph only (no cold runs, no Comunica: a few minutes in all).
//
// - load: the dump into Oxigraph (as `query` loads build/: bytes straight into the store) and into an N3 store for
//   Comunica, each the median of 3;
// - cold: a fresh `stalin-letters-lod query NAME --format csv` process as a user starts it (package.json's bin, in
//   the repository folder, so on build/ unless --source is given; on build/ it loads only the lines the query can
//   match, src/query/footprint.ts), median of --cold-runs (3);
// - where a cold run's time goes, measured step by step in a fresh process (--phases, once per query);
// - warm: engine and data loaded, median of 5 runs after one warm-up, Oxigraph (the default local engine) and
//   Comunica (--comunica-runs, default 5), and the ratio Comunica/Oxigraph.
// The federated queries (wikidata-*) need an endpoint: they run against the made-up fixture endpoint that the tests
// use (test/sparql-endpoint.ts, on 127.0.0.1), on Comunica, and are listed apart. Prints Markdown tables.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_BASE_IRI } from '../src/rdf/graph.js';
import { DUMPS } from '../src/core/layout.js';
import type { QueryResult } from '../src/query/results.js';
import { prepareQuery } from '../src/query/run.js';
import { loadAllSavedQueries } from '../src/query/saved.js';
import { explicitProjection } from '../src/query/variables.js';
import { BIN as CLI } from '../test/helpers.js'; // the program as users start it: package.json's bin
import { median } from './stats.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const WARM_RUNS = 5;

const range = (xs: number[]): string => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;

async function time(f: () => unknown): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

async function times(n: number, f: () => unknown): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) ms.push(await time(f));
  return ms;
}

const size = (r: QueryResult): number =>
  r.kind === 'select' ? r.rows.length : r.kind === 'graph' ? r.quads.length : 1;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** The 1 M-triple synthetic dump (bench/results.md): made once, kept in bench/out/ (ignored by git). */
function synthetic1M(): string {
  const [corpus, out] = [resolve(ROOT, 'bench/out/synthetic-1M'), resolve(ROOT, 'bench/out/build-1M')];
  const dump = resolve(out, DUMPS.ntriples);
  if (existsSync(dump)) return dump;
  console.error('making the 1 M-triple dump: gen --scale 38.46, then a build without SHACL (about a minute)');
  execFileSync(process.execPath, [resolve(ROOT, 'dist/scripts/gen.js'), '--scale', '38.46', '--out', corpus], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const build = `const { runBuild } = await import(${JSON.stringify(pathToFileURL(resolve(ROOT, 'dist/src/pipeline/build.js')).href)});
    const r = await runBuild({ corpusDir: ${JSON.stringify(corpus)}, outDir: ${JSON.stringify(out)}, base: ${JSON.stringify(DEFAULT_BASE_IRI)} });
    if (r.problems.length) { console.error(r.problems.length + ' problem(s)'); process.exit(1); }`;
  execFileSync(process.execPath, ['--input-type=module', '-e', build], { cwd: ROOT, stdio: 'inherit' });
  return dump;
}

/** Child (--phases NAME FILE): a cold `query NAME --format csv`, step by step, with the CLI's own modules. */
async function phases(name: string, file: string): Promise<void> {
  const t0 = performance.now();
  const steps: [string, number][] = [];
  let last = t0;
  const mark = (step: string): void => {
    const now = performance.now();
    steps.push([step, now - last]);
    last = now;
  };
  const dist = resolve(ROOT, 'dist/src');
  let kept = '';
  const { program } = await import(pathToFileURL(resolve(dist, 'cli/main.js')).href);
  void program;
  mark('import CLI');
  const [{ prepareQuery: prep }, { formatResult }] = await Promise.all([
    import(pathToFileURL(resolve(dist, 'query/run.js')).href),
    import(pathToFileURL(resolve(dist, 'query/format.js')).href),
  ]);
  mark('import parser, writers');
  const prepared = prep({ name, params: [], base: DEFAULT_BASE_IRI, cwd: ROOT });
  mark('read, parse, bind query');
  // as `query` does on the build/ dump (local.ts loadLocalStore with a footprint, one-shot), step by step
  const { chunks, runLocal, oxigraphModule, BASELINE_MAX_BYTES } = await import(
    pathToFileURL(resolve(dist, 'query/local.js')).href
  );
  const { footprint, selectLines } = await import(pathToFileURL(resolve(dist, 'query/footprint.js')).href);
  const { readFileSync } = await import('node:fs');
  const all = readFileSync(file);
  const fp = footprint(prepared.query.parsed);
  const bytes: Buffer = fp ? selectLines(all, fp) : all;
  mark('read dump, select lines');
  if (bytes.length <= BASELINE_MAX_BYTES) (await import('node:v8')).setFlagsFromString('--liftoff-only');
  const { Store } = await oxigraphModule();
  mark('import Oxigraph');
  const store = new Store();
  store.load(chunks(bytes), { format: 'application/n-triples', lenient: true });
  mark(`load ${fp ? 'selected lines' : 'dump'}`);
  kept = `${((bytes.length / all.length) * 100).toFixed(0)} %`;
  const result = runLocal(store, prepared);
  mark('run query');
  await formatResult(result, result.kind === 'graph' ? 'nt' : 'csv', DEFAULT_BASE_IRI);
  mark('write CSV/nt');
  // t0: from the process's start to here (Node itself, and this script's own imports, which include the query parser)
  process.stdout.write(
    `${JSON.stringify({ steps: [['Node + bench imports', t0], ...steps], total: performance.now(), kept })}\n`,
  );
}

async function main(): Promise<void> {
  const oneM = process.argv.includes('--1m');
  const source = oneM ? synthetic1M() : resolve(arg('--source') ?? resolve(ROOT, 'build', DUMPS.ntriples));
  const coldRuns = Number(arg('--cold-runs') ?? 3);
  const comunicaRuns = process.argv.includes('--no-comunica') || oneM ? 0 : Number(arg('--comunica-runs') ?? WARM_RUNS);
  const cold = !process.argv.includes('--no-cold') && !oneM;
  const valued = new Set(['--source', '--cold-runs', '--comunica-runs', '--load-runs']);
  const only = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !valued.has(all[i - 1]!));
  const queries = loadAllSavedQueries().filter((x) => !only.length || only.includes(x.name));

  const { loadLocalStore, runLocal } = await import('../src/query/local.js');
  const oxLoads = await times(Number(arg('--load-runs') ?? 3), () => loadLocalStore([source], { lenient: true }));
  const ox = await loadLocalStore([source], { lenient: true });
  console.log(`data: ${source} (${ox.size} triples)`);
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average at start ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(`load into Oxigraph: ${median(oxLoads).toFixed(0)} ms (median of ${oxLoads.length}; ${range(oxLoads)})`);
  const { comunica, loadN3Store, runComunica } = await import('../src/query/comunica.js');
  let store: Awaited<ReturnType<typeof loadN3Store>> | undefined;
  if (comunicaRuns) {
    await comunica();
    const n3Loads = await times(3, () => loadN3Store([source]));
    store = await loadN3Store([source]);
    console.log(
      `load into an N3 store (for Comunica): ${median(n3Loads).toFixed(0)} ms (median of 3; ${range(n3Loads)})`,
    );
  }
  console.log(
    `cold = median of ${coldRuns} fresh \`query NAME --format csv\` processes (range in brackets); warm = median of ${WARM_RUNS} (Comunica: ${comunicaRuns}) after one warm-up\n`,
  );

  const { startSparqlEndpoint } = await import('../test/sparql-endpoint.js');
  const endpoint = await startSparqlEndpoint();
  const header = ['query', 'rows', 'cold ms', 'oxigraph warm ms', 'comunica warm ms', 'comunica/oxigraph'];
  const lines: string[][] = [];
  const federated: string[][] = [];
  const phaseRows: string[] = [];
  const coldOf: [string, number][] = [];
  const warmOf: [string, number][] = [];
  try {
    for (const q of queries) {
      const prepared = prepareQuery({ name: q.name, params: [], base: DEFAULT_BASE_IRI, cwd: ROOT });
      const variables = explicitProjection(q.parsed);
      const cOptions = variables ? { variables } : {};
      if (q.sources.length) {
        if (!store) continue;
        const sources = [
          { type: 'store' as const, store },
          { type: 'endpoint' as const, url: endpoint.url },
        ];
        const first = await runComunica(prepared.sparql, sources, cOptions);
        const warm = await times(Math.max(1, Math.min(comunicaRuns, 3)), () =>
          runComunica(prepared.sparql, sources, cOptions),
        );
        federated.push([q.name, String(size(first)), median(warm).toFixed(0)]);
        console.error(`  ${q.name} done`);
        continue;
      }
      const format = q.parsed.type === 'query' && q.parsed.queryType === 'CONSTRUCT' ? 'nt' : 'csv';
      const coldMs = cold
        ? await times(coldRuns, () =>
            execFileSync(
              process.execPath,
              [CLI, 'query', q.name, '--format', format, ...(arg('--source') || oneM ? ['--source', source] : [])],
              { stdio: 'pipe', cwd: ROOT },
            ),
          )
        : [];
      const r = runLocal(ox, prepared);
      const oxi = await times(WARM_RUNS, () => runLocal(ox, prepared));
      let com: number[] = [];
      if (store) {
        await runComunica(prepared.sparql, { type: 'store', store }, cOptions);
        com = await times(comunicaRuns, () => runComunica(prepared.sparql, { type: 'store', store: store! }, cOptions));
      }
      if (coldMs.length) coldOf.push([q.name, median(coldMs)]);
      warmOf.push([q.name, median(oxi)]);
      lines.push([
        q.name,
        String(size(r)),
        coldMs.length ? `${median(coldMs).toFixed(0)} (${range(coldMs)})` : '–',
        median(oxi).toFixed(1),
        com.length ? median(com).toFixed(0) : '–',
        com.length ? `${(median(com) / Math.max(median(oxi), 0.05)).toFixed(0)}×` : '–',
      ]);
      if (cold && process.argv.includes('--phases')) {
        const p = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child-phases', q.name, source], {
          encoding: 'utf8',
        });
        if (p.status !== 0) throw new Error(`phases of ${q.name}: ${p.stderr.trim().split('\n')[0]}`);
        const { steps, total, kept } = JSON.parse(p.stdout.trim().split('\n').pop()!) as {
          steps: [string, number][];
          total: number;
          kept: string;
        };
        phaseRows.push(
          `| ${q.name} | ${kept} | ${steps.map(([, ms]) => ms.toFixed(0)).join(' | ')} | ${total.toFixed(0)} |`,
        );
        if (phaseRows.length === 1)
          phaseRows.unshift(
            `| query | dump loaded | ${steps.map(([s]) => s.replace(/ (selected lines|dump)$/, '')).join(' | ')} | total |`,
            `|---|---:|${steps.map(() => '---:|').join('')}---:|`,
          );
      }
      console.error(`  ${lines.at(-1)!.join(' | ')}`);
    }
  } finally {
    await endpoint.close();
  }
  console.log(`| ${header.join(' | ')} |\n|${header.map((_, i) => (i ? '---:|' : '---|')).join('')}`);
  for (const l of lines) console.log(`| ${l.join(' | ')} |`);
  if (phaseRows.length)
    console.log(
      `\nWhere a cold run's time goes (ms, one fresh process each, with the CLI's modules unbundled, so slightly slower than the bin):\n\n${phaseRows.join('\n')}`,
    );
  if (federated.length) {
    console.log(
      '\nFederated queries, Comunica over the dump and the made-up fixture endpoint on 127.0.0.1 (not Wikidata), warm:\n',
    );
    console.log('| query | rows | comunica warm ms |\n|---|---:|---:|');
    for (const l of federated) console.log(`| ${l.join(' | ')} |`);
  }
  // the targets of issue #11, checked on this run's figures
  const big = oneM || ox.size > 500_000;
  const worst = (xs: [string, number][]): [string, number] =>
    xs.reduce((a, b) => (b[1] > a[1] ? b : a), ['–', -Infinity]);
  const verdict = (ok: boolean): string => (ok ? 'met' : '**missed**');
  console.log(`\nTargets (issue #11), this run (${big ? '1 M-triple dump' : 'shipped corpus'}):\n`);
  if (coldOf.length) {
    const [n, ms] = worst(coldOf);
    console.log(
      `- cold \`query NAME --format csv\` ≤ 800 ms (median of ${coldRuns}), every local saved query: slowest ${ms.toFixed(0)} ms (${n}): ${verdict(ms <= 800)}`,
    );
  }
  const [wn, wms] = worst(warmOf);
  const limit = big ? 2000 : 50;
  console.log(
    `- every saved query warm on Oxigraph ≤ ${limit} ms (median of ${WARM_RUNS}): slowest ${wms.toFixed(1)} ms (${wn}): ${verdict(wms <= limit)}`,
  );
  if (big)
    console.log(
      `- load ≤ 10 s: ${(median(oxLoads) / 1000).toFixed(1)} s (median of ${oxLoads.length}): ${verdict(median(oxLoads) <= 10_000)}`,
    );
  console.log(
    `\nload average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
}

const child = process.argv[2] === '--child-phases';
(child ? phases(process.argv[3]!, process.argv[4]!) : main()).catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
