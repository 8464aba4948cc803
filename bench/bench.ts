// `npm run bench`: the build's cost per stage (wall time, triples/s) and peak RSS for the shipped corpus and for
// synthetic corpora of about 100 k and 1 M triples (5 M with --5m; --no-shacl skips validation; --only 1M,5M runs
// a subset; --queries-all runs the queries at every size, not only shipped and 100k), each size in a child process so that its peak
// RSS is its own; then the saved queries (queries/*.rq) with Comunica (over an N3 Store, as `query --engine comunica`
// runs them) and with Oxigraph (the default local engine) over the same N-Triples dump; then the Virtuoso part
// (bench/virtuoso.ts: the 1M dump loaded into a scratch Virtuoso, a few saved queries through its endpoint;
// --no-virtuoso skips it). Prints Markdown tables; the numbers and their
// reading go into bench/results.md by hand. Synthetic corpora and builds go to bench/out/ (ignored by git).

import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BIN } from '../test/helpers.js';
import { childVirtuoso, virtuosoTable, type VirtuosoRun } from './virtuoso.js';
import { median, warmMedian } from './stats.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const OUT = join(ROOT, 'bench/out');
const DIST = join(ROOT, 'dist');
const BASE = 'https://w3id.org/stalin-letters/';
/** Triples per unit of `gen --scale`, measured (scale 4 gives 105 k); used to aim at a size. */
const TRIPLES_PER_SCALE = 26_000;
const QUERY_TIMEOUT_MS = 120_000;
const STAGES = [
  'read',
  'model',
  'map',
  'sort',
  'validate',
  'write-ntriples',
  'write-turtle',
  'write-jsonld',
  'write-wikidata',
  'write-small',
  'write-files',
];

interface BuildRun {
  label: string;
  triples: number;
  timings: Record<string, number>;
  maxRssMb: number;
  wallMs: number;
  problems: number;
}
interface QueryRun {
  name: string;
  rows?: number;
  oursMs?: number;
  oxigraphMs?: number;
  note?: string;
}

// --- children ------------------------------------------------------------------------------------------------------

/** Child: one build of `corpus` into `out`, with the same SHACL stage as the CLI; prints a JSON BuildRun. */
async function childBuild(corpus: string, out: string, label: string, shacl: boolean): Promise<void> {
  const { runBuild } = await import(pathToFileURL(join(DIST, 'src/pipeline/build.js')).href);
  const t0 = performance.now();
  const r = await runBuild({
    corpusDir: corpus,
    outDir: out,
    base: BASE,
    ...(shacl ? { shapes: join(ROOT, 'ontology', 'shapes.ttl') } : {}),
  });
  const run: BuildRun = {
    label,
    triples: r.triples ?? 0,
    timings: r.timings,
    wallMs: performance.now() - t0,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    problems: r.problems.length,
  };
  if (r.problems.length)
    process.stderr.write(
      `${r.problems
        .slice(0, 5)
        .map((p: { file: string; line?: number; message: string }) => `${p.file}:${p.line} ${p.message}`)
        .join('\n')}\n`,
    );
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

/** Child: Oxigraph's bulk load of an N-Triples dump (read, parsed, indexed, no transaction): the yardstick of the
 * 1 M build (issue #30); prints the milliseconds. */
async function childOxigraphLoad(nt: string): Promise<void> {
  const oxigraph = await import('oxigraph');
  const t0 = performance.now();
  const store = new oxigraph.Store();
  store.load(readFileSync(nt, 'utf8'), { format: 'application/n-triples', no_transaction: true });
  const ms = performance.now() - t0;
  process.stdout.write(`${JSON.stringify({ ms, triples: store.size })}\n`);
}

/** Child: one saved query on one N-Triples dump, warm (median of 3 after a first run), ours and Oxigraph's. */
async function childQuery(nt: string, name: string): Promise<void> {
  const { prepareQuery } = await import(pathToFileURL(join(DIST, 'src/query/run.js')).href);
  const { loadN3Store, runComunica } = await import(pathToFileURL(join(DIST, 'src/query/comunica.js')).href);
  const oxigraph = await import('oxigraph');
  let sparql: string;
  try {
    sparql = prepareQuery({ name, params: [], base: BASE, cwd: ROOT }).sparql;
  } catch (e) {
    process.stdout.write(`${JSON.stringify({ name, note: `not run: ${(e as Error).message.split('\n')[0]}` })}\n`);
    return;
  }
  const store = await loadN3Store([nt]);
  const ox = new oxigraph.Store();
  ox.load(readFileSync(nt, 'utf8'), { format: 'application/n-triples' });
  const time = (f: () => unknown): Promise<number> => warmMedian(f);
  let rows = 0;
  const oxigraphMs = await time(() => {
    const r = ox.query(sparql);
    return Array.isArray(r) ? r.length : r;
  });
  const oursMs = await time(async () => {
    const r = await runComunica(sparql, { type: 'store', store });
    rows = r.kind === 'select' ? r.rows.length : r.kind === 'graph' ? r.quads.length : 1;
  });
  process.stdout.write(`${JSON.stringify({ name, rows, oursMs, oxigraphMs } satisfies QueryRun)}\n`);
}

/** Every saved query, each in its own child so that a query that runs away is cut off by QUERY_TIMEOUT_MS. */
async function queries(nt: string): Promise<QueryRun[]> {
  const { savedQueryNames } = await import(pathToFileURL(join(DIST, 'src/query/saved.js')).href);
  const runs: QueryRun[] = [];
  for (const name of savedQueryNames() as string[]) {
    process.stderr.write(`  ${name} …\n`);
    try {
      runs.push(JSON.parse(runChild(['--child-query', nt, name], QUERY_TIMEOUT_MS)) as QueryRun);
    } catch (e) {
      runs.push({ name, note: `cut off or failed: ${(e as Error).message}` });
    }
  }
  return runs;
}

// --- parent --------------------------------------------------------------------------------------------------------

function runChild(args: string[], timeoutMs = 3_600_000): string {
  const r = spawnSync(process.execPath, ['--max-old-space-size=8192', fileURLToPath(import.meta.url), ...args], {
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0)
    throw new Error(
      `bench child ${args.slice(0, 1).join(' ')} ${args.at(-1)} failed (${r.error ? `${r.error.message.includes('ETIMEDOUT') ? 'timed out' : r.error.message}` : `exit ${r.status}`})`,
    );
  return r.stdout.trim().split('\n').pop()!;
}

function corpusOf(label: string, triples: number | undefined): string {
  if (triples === undefined) return join(ROOT, 'corpus');
  const dir = join(OUT, `corpus-${label}`);
  const scale = +(triples / TRIPLES_PER_SCALE).toFixed(2);
  // regenerated when the scale or the generator changes
  const gen = join(DIST, 'scripts/gen.js');
  const version = `${scale} ${statSync(gen).mtimeMs}`;
  const stamp = join(dir, '.scale');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== version) {
    execFileSync(process.execPath, [gen, '--scale', String(scale), '--out', dir, '--corpus', join(ROOT, 'corpus')], {
      stdio: 'inherit',
    });
    writeFileSync(stamp, version);
  }
  return dir;
}

/**
 * `npm run build` as a user types it (npm, Node start-up and SHACL included), into a scratch folder: median and
 * range of five wall times, or why it failed.
 */
function npmBuild(corpus: string): string {
  const out = join(OUT, 'build-cli');
  // under `npm run bench`, npm names itself; otherwise the npm on PATH
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
  const ms: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = spawnSync(
      npm[0]!,
      [...npm.slice(1), 'run', 'build', '--silent', '--', '--quiet', '--corpus', corpus, '--out', out],
      { encoding: 'utf8', cwd: ROOT },
    );
    if (r.status !== 0) return `fails (${r.stderr.trim().split('\n').pop()}) after ${fmt(performance.now() - t0)}`;
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return `${fmt(median(ms))} (${fmt(ms[0])}–${fmt(ms[ms.length - 1])})`;
}

/** A cold `query` command (start-up, loading the dump, one query): median wall time of three. */
function cliQueryMs(name: string, nt: string): number {
  const ms: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    execFileSync(process.execPath, [BIN, 'query', name, '--source', nt, '--format', 'csv'], { stdio: 'ignore' });
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

const fmt = (ms: number | undefined): string =>
  ms === undefined ? '–' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;
const rate = (triples: number, ms: number | undefined): string =>
  ms ? `${Math.round(triples / (ms / 1000) / 1000)} k/s` : '–';

function buildTable(runs: BuildRun[]): string {
  const head = `| stage | ${runs.map((r) => `${r.label} (${(r.triples / 1000).toFixed(0)} k triples)`).join(' | ')} |`;
  const rows = STAGES.map(
    (s) =>
      `| ${s} | ${runs.map((r) => (r.timings[s] === undefined ? '–' : `${fmt(r.timings[s])} · ${rate(r.triples, r.timings[s])}`)).join(' | ')} |`,
  );
  const total = (r: BuildRun): number => STAGES.reduce((n, s) => n + (r.timings[s] ?? 0), 0);
  return [
    head,
    `|---|${runs.map(() => '---').join('|')}|`,
    ...rows,
    `| **all stages** | ${runs.map((r) => `**${fmt(total(r))}** · ${rate(r.triples, total(r))}`).join(' | ')} |`,
    `| µs per triple | ${runs.map((r) => ((total(r) * 1000) / r.triples).toFixed(1)).join(' | ')} |`,
    `| JSON-LD ÷ N-Triples writing | ${runs.map((r) => (r.timings['write-jsonld']! / r.timings['write-ntriples']!).toFixed(2)).join(' | ')} |`,
    `| peak RSS | ${runs.map((r) => `${r.maxRssMb.toFixed(0)} MB`).join(' | ')} |`,
  ].join('\n');
}

function queryTable(label: string, runs: QueryRun[]): string {
  return [
    `| query (${label}) | rows | Comunica | Oxigraph (the default local engine) | ratio |`,
    '|---|---:|---:|---:|---:|',
    ...runs.map((q) =>
      q.note
        ? `| ${q.name} | ${q.note} | | | |`
        : `| ${q.name} | ${q.rows} | ${fmt(q.oursMs)} | ${fmt(q.oxigraphMs)} | ${(q.oursMs! / Math.max(q.oxigraphMs!, 0.01)).toFixed(1)}× |`,
    ),
  ].join('\n');
}

async function parent(argv: string[]): Promise<void> {
  const sizes: [string, number | undefined][] = [
    ['shipped', undefined],
    ['100k', 100_000],
    ['1M', 1_000_000],
  ];
  if (argv.includes('--5m')) sizes.push(['5M', 5_000_000]);
  const only = argv.includes('--only') ? new Set(argv[argv.indexOf('--only') + 1]?.split(',')) : undefined;
  if (only) sizes.splice(0, sizes.length, ...sizes.filter(([l]) => only.has(l)));
  const querySizes = new Set(argv.includes('--queries-all') ? sizes.map(([l]) => l) : ['shipped', '100k']);
  mkdirSync(OUT, { recursive: true });
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}`;
  const lines = [`# Benchmark ${new Date().toISOString().slice(0, 10)}`, '', `Machine: ${machine}`, ''];
  const say = (s: string): void => {
    lines.push(s);
    process.stdout.write(`${s}\n`);
  };
  process.stdout.write(`${lines.join('\n')}\n`);

  const shacl = !argv.includes('--no-shacl');
  if (!only || only.has('shipped'))
    say(
      `Shipped corpus, \`npm run build\` incl. npm, Node start-up and SHACL (median and range of 5): ${npmBuild(join(ROOT, 'corpus'))}\n`,
    );
  if (!shacl) say('SHACL validation skipped in the stage runs (--no-shacl).\n');
  const runs: BuildRun[] = [];
  const dumps = new Map<string, string>();
  for (const [label, triples] of sizes) {
    const corpus = corpusOf(label, triples);
    const out = join(OUT, `build-${label}`);
    rmSync(out, { recursive: true, force: true });
    process.stderr.write(`building ${label} …\n`);
    const run = JSON.parse(runChild(['--child-build', corpus, out, label, shacl ? 'shacl' : 'no-shacl'])) as BuildRun;
    if (run.problems) {
      say(
        `The ${label} corpus has ${run.problems} problem(s) (first ones above); left out of the table. Rerun with --no-shacl while shapes and corpus are being curated.\n`,
      );
      continue;
    }
    runs.push(run);
    dumps.set(label, join(out, 'stalin-letters.nt'));
  }
  say('## Build stages (wall time · triples/s)\n');
  say(buildTable(runs));
  say('');
  const oneM = runs.find((r) => r.label === '1M');
  if (oneM) {
    // the yardstick of the issue: Oxigraph's bulk load of the same dump, in a process of its own
    const ox = JSON.parse(runChild(['--child-oxigraph', dumps.get('1M')!])) as { ms: number; triples: number };
    say(
      `1M: the whole build (runBuild, wall) ${fmt(oneM.wallMs)}; Oxigraph's bulk load of its N-Triples dump (${ox.triples} triples) ${fmt(ox.ms)}; ratio ${(oneM.wallMs / ox.ms).toFixed(2)}. Target (#30): the build ≤ 20 s and ≤ 3 GB peak.\n`,
    );
  }
  if (!existsSync(join(DIST, 'src/query/run.js')) || !existsSync(join(ROOT, 'queries'))) {
    say('Saved queries: HOOK — the `query` command or queries/ is not there yet; rerun when it is.');
  } else {
    for (const [label] of sizes.filter(([l]) => querySizes.has(l) && runs.some((r) => r.label === l))) {
      process.stderr.write(`queries on ${label} …\n`);
      say(`## Saved queries, warm (median of 3), ${label}\n`);
      say(queryTable(label, await queries(dumps.get(label)!)));
      say('');
    }
    const cold = runs.some((r) => r.label === 'shipped') ? dumps.get('shipped')! : undefined;
    if (cold)
      say(
        `Cold \`query\` command on the shipped dump (who-held, incl. start-up, median of 3): ${fmt(cliQueryMs('who-held', cold))}`,
      );
  }
  const big = dumps.get('1M');
  if (big && !argv.includes('--no-virtuoso')) {
    process.stderr.write('Virtuoso on 1M …\n');
    say('\n## Virtuoso: load and queries through the endpoint, 1M\n');
    try {
      say(virtuosoTable('1M', JSON.parse(runChild(['--child-virtuoso', big])) as VirtuosoRun));
    } catch (e) {
      say(`Virtuoso part failed: ${(e as Error).message}`);
    }
  }
  writeFileSync(join(OUT, 'latest.md'), `${lines.join('\n')}\n`);
  process.stderr.write(`tables written to ${join(OUT, 'latest.md')}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const main =
    argv[0] === '--child-build'
      ? childBuild(argv[1]!, argv[2]!, argv[3]!, argv[4] === 'shacl')
      : argv[0] === '--child-query'
        ? childQuery(argv[1]!, argv[2]!)
        : argv[0] === '--child-virtuoso'
          ? childVirtuoso(argv[1]!)
          : argv[0] === '--child-oxigraph'
            ? childOxigraphLoad(argv[1]!)
            : parent(argv);
  main.catch((e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
