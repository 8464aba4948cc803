// `npm run bench:queries`: per saved query, the cold time (a fresh `query NAME --format csv` process, as a user
// pays it), the warm time (engine and data loaded; median of several runs) and Oxigraph's warm time on the same
// data and the same bound query text, with the ratio Comunica/Oxigraph. Needs a built dump (build/ or --source).

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_BASE_IRI } from '../src/rdf/graph.js';
import { DUMPS } from '../src/publish/dumps.js';
import { loadRdfFile, runComunica } from '../src/query/engine.js';
import { oxigraphStore, projectedVariables, runOxigraph } from '../src/query/oxigraph.js';
import { prepareQuery } from '../src/query/run.js';
import { loadAllSavedQueries } from '../src/query/saved.js';
import { BIN as CLI } from '../test/helpers.js'; // the program as users start it: package.json's bin

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const WARM_RUNS = 5;
const COLD_RUNS = 3;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(f: () => unknown): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const arg = process.argv.indexOf('--source');
  const source = arg > 0 ? resolve(process.argv[arg + 1]!) : resolve(ROOT, 'build', DUMPS.ntriples);
  const only = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--source');
  const loadMs = await time(() => loadRdfFile(source));
  const store = await loadRdfFile(source);
  const ox = await oxigraphStore(readFileSync(source, 'utf8'));
  console.log(`data: ${source} (${store.size} triples; N3 store load ${loadMs.toFixed(0)} ms)`);
  console.log(`cold = median of ${COLD_RUNS} fresh processes; warm = median of ${WARM_RUNS} runs after one warm-up\n`);
  const header = ['query', 'rows', 'cold ms', 'warm ms', 'oxigraph ms', 'warm/oxigraph'];
  const lines: string[][] = [];
  for (const q of loadAllSavedQueries().filter((x) => !only.length || only.includes(x.name))) {
    const { sparql } = prepareQuery({ name: q.name, params: [], base: DEFAULT_BASE_IRI, cwd: ROOT });
    const format = q.parsed.type === 'query' && q.parsed.queryType === 'CONSTRUCT' ? 'nt' : 'csv';
    const cold: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) cold.push(await time(() => execFileSync('node', [CLI, 'query', q.name, '--format', format, '--source', source], { stdio: 'pipe' })));
    const first = await runComunica(sparql, { type: 'store', store });
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push(await time(() => runComunica(sparql, { type: 'store', store })));
    const vars = projectedVariables(q.parsed);
    runOxigraph(ox, sparql, vars);
    const oxi: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) oxi.push(await time(() => runOxigraph(ox, sparql, vars)));
    const rows = first.kind === 'select' ? first.rows.length : first.kind === 'graph' ? first.quads.length : 1;
    lines.push([q.name, String(rows), median(cold).toFixed(0), median(warm).toFixed(1), median(oxi).toFixed(2), `${(median(warm) / median(oxi)).toFixed(0)}×`]);
    console.error(`  ${q.name} done`);
  }
  console.log(`| ${header.join(' | ')} |\n|${header.map((_, i) => (i ? '---:|' : '---|')).join('')}`);
  for (const l of lines) console.log(`| ${l.join(' | ')} |`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
