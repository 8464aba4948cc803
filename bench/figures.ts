// `npm run bench:figures`: all figures for the shipped corpus (target ≤ 2 s). Prints
// - cold: a fresh `figures` process as a user runs it (Node start-up, imports, Oxigraph, queries, rendering,
//   writing), median of 5 wall times, with its CPU time (user + system) from the child's resource usage;
// - in-process stages, measured once each in a fresh process order: importing Vega/Vega-Lite, loading the dump's
//   needed triples into Oxigraph, running the saved queries, building the specs, rendering, and the same rendering
//   again (warm JIT);
// - the machine's load average, because the development machines are shared and drift.
// Needs build/ (npm run build). Prints numbers only; it asserts nothing.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_BASE_IRI } from '../src/rdf/graph.js';
import { DUMPS } from '../src/core/layout.js';
import { BIN } from '../test/helpers.js';
import { median } from './stats.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const RUNS = 5;

async function main(): Promise<void> {
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${process.arch}, Node ${process.version}`,
  );
  const out = mkdtempSync(join(tmpdir(), 'sl-bench-fig-'));
  try {
    const walls: number[] = [];
    const cpus: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, BIN, 'figures', '--quiet', '--out', out], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      walls.push(performance.now() - t0);
      if (r.status !== 0) throw new Error(r.stderr);
      const [u, s] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
      cpus.push((u! + s!) * 1000);
    }
    console.log(
      `cold \`figures\` process: median ${median(walls).toFixed(0)} ms wall (${walls.map((w) => w.toFixed(0)).join(', ')}), CPU ${median(cpus).toFixed(0)} ms`,
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  const stages: [string, number][] = [];
  const stage = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await f();
    stages.push([name, performance.now() - t0]);
    return r;
  };
  await stage('import vega, vega-lite', () => Promise.all([import('vega'), import('vega-lite')]));
  const { FIGURE_QUERIES, figureInputs, figureSpecs, renderFigures } = await import('../src/figures/index.js');
  const { openQueries } = await import('../src/figures/source.js');
  const ntriples = readFileSync(resolve(ROOT, 'build', DUMPS.ntriples), 'utf8');
  const q = await stage('oxigraph: load the needed triples', () =>
    openQueries(ntriples, FIGURE_QUERIES, { base: DEFAULT_BASE_IRI }),
  );
  const inputs = await stage(`run ${FIGURE_QUERIES.length} saved queries`, () => figureInputs(q));
  const figures = await stage('build the specs (layout included)', () => figureSpecs(inputs));
  await stage(`render ${figures.length} figures`, () => renderFigures(figures));
  await stage('render them again (warm)', () => renderFigures(figures));
  for (const [name, ms] of stages) console.log(`  ${name.padEnd(36)} ${ms.toFixed(0).padStart(6)} ms`);
}

await main();
