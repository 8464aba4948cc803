// `npm run bench:loop` (and the first part of `npm run bench`): the curator's loop of issue #30 on a copy of the
// shipped corpus, each command as a fresh process of the bundled CLI (as `npm run build` starts it, without npm's
// own ≈0.2 s), median of RUNS wall times with the median CPU time (user + system) beside it, and each beside the
// yardstick: bench/floor.ts, a bare script that only reads the corpus's YAML and writes the same N-Triples. The
// loop is: edit a record, `validate`, `build`; so each command is timed cold (no cache, no SHACL state), after an
// edit (the SHACL state of the run before, validate/incremental.ts) and, for validate, with nothing changed. Then
// the rebuild that `build --watch` does (in one process, after a first build: modules loaded, shapes compiled,
// figures cached). Then validate and build again as fresh processes, with a daemon running. The machine's load average is printed before and after: these machines are shared.
// Prints numbers and ratios only; asserts nothing.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BIN } from '../test/helpers.js';
import { DAEMON_SOCKET_ENV, NO_DAEMON_ENV } from '../src/cli/daemon-client.js';
import { median } from './stats.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const CORPUS = join(ROOT, 'corpus');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

interface Timed {
  wall: number;
  cpu: number;
}

/** The Node flags `npm run validate` (and `build`, and the bin's first line) start the CLI with. */
const NODE_FLAGS = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.validate as string)
  .split(' ')
  .slice(1)
  .filter((t, i, all) => t.startsWith('--') && all.slice(0, i).every((x) => x.startsWith('--')));

/** One process under /usr/bin/time, started as `npm run validate` starts it: wall ms and CPU ms (user + system). */
function timed(args: string[], env: NodeJS.ProcessEnv = process.env): Timed {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...NODE_FLAGS, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env,
  });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stderr}`);
  const [u, s] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { wall, cpu: (u! + s!) * 1000 };
}

function runs(args: string[], before?: () => void, env?: NodeJS.ProcessEnv): Timed {
  const all: Timed[] = [];
  for (let i = 0; i < RUNS; i++) {
    before?.();
    all.push(timed(args, env));
  }
  return { wall: median(all.map((t) => t.wall)), cpu: median(all.map((t) => t.cpu)) };
}

/** Child: builds once, then `n` times again in the same process as `build --watch` does, then checks `n` times as
 * `validate --watch` does (no outputs); prints the ms of each, as {build, validate}. */
async function childRebuilds(out: string, cache: string, n: number): Promise<void> {
  const { runBuild, SHAPES_FILE } = await import(pathToFileURL(join(ROOT, 'dist/src/pipeline/build.js')).href);
  const persons = join(out, '..', 'corpus', 'persons.yaml');
  const original = readFileSync(persons, 'utf8');
  const once = (write: boolean) =>
    runBuild({
      corpusDir: join(out, '..', 'corpus'),
      outDir: out,
      base: 'https://w3id.org/stalin-letters/',
      shapes: SHAPES_FILE,
      shaclCacheDir: join(cache, '..', 'shacl-watch'),
      ...(write ? { figures: { cacheDir: cache } } : { write: false, outputs: false }),
    });
  const times = async (write: boolean): Promise<number[]> => {
    await once(write);
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      // a curator's edit: one record's description (no figure changes), as a save between two runs
      writeFileSync(
        persons,
        original.replace('Author of the letters;', `Author of the letters (edit ${i}, ${write});`),
      );
      const t0 = performance.now();
      const r = await once(write);
      ms.push(performance.now() - t0);
      if (r.problems.length) throw new Error(r.problems[0].message);
    }
    return ms;
  };
  const build = await times(true);
  const validate = await times(false);
  writeFileSync(persons, original);
  process.stdout.write(`${JSON.stringify({ build, validate })}\n`);
}

const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const startLoad = load();
  const work = mkdtempSync(join(tmpdir(), 'sl-bench-loop-'));
  try {
    const out = join(work, 'build');
    const cache = join(work, 'cache');
    const reference = join(work, 'reference.nt');
    cpSync(join(ROOT, 'build', 'stalin-letters.nt'), reference);
    const floor = runs([join(ROOT, 'dist/bench/floor.js'), CORPUS, reference, join(work, 'floor', 'out.nt')]);
    // the commands run on a copy of the corpus, which the curator's edit (one description) changes between runs
    const corpus = join(work, 'corpus');
    cpSync(CORPUS, corpus, { recursive: true });
    const persons = join(corpus, 'persons.yaml');
    const original = readFileSync(persons, 'utf8');
    let edits = 0;
    const edit = (): void =>
      writeFileSync(persons, original.replace('Author of the letters;', `Author of the letters (edit ${++edits});`));
    const shacl = join(work, 'shacl');
    const cli = (...a: string[]): string[] => [
      BIN,
      ...a,
      '--quiet',
      '--corpus',
      corpus,
      '--shacl-cache',
      shacl,
      ...(a[0] === 'build' ? ['--figure-cache', cache] : []),
    ];
    const cold = (): void => {
      rmSync(cache, { recursive: true, force: true });
      rmSync(shacl, { recursive: true, force: true });
    };
    const rows: [string, Timed][] = [
      ['yardstick: read the YAML, write the same N-Triples (bench/floor.ts)', floor],
      ['`validate`, cold (no SHACL state: every node checked)', runs(cli('validate'), cold)],
      ['`validate` after an edit (SHACL checks the changed nodes)', runs(cli('validate'), edit)],
      ['`validate`, nothing changed since the last run', runs(cli('validate'))],
      ['`build --no-figures` after an edit', runs(cli('build', '--no-figures', '--out', out), edit)],
      ['`build` after an edit (figures warm: no figure changed)', runs(cli('build', '--out', out), edit)],
      ['`build`, cold (no figure cache, no SHACL state)', runs(cli('build', '--out', out), cold)],
    ];
    // the same fresh processes with a daemon of their own running (`daemon start`, src/cli/daemon.ts): the CPU is
    // then the client's only; the daemon's is in the wall time
    const daemonEnv: NodeJS.ProcessEnv = { ...process.env, [DAEMON_SOCKET_ENV]: join(work, 'daemon.sock') };
    delete daemonEnv[NO_DAEMON_ENV];
    const daemon = (...a: string[]): void => {
      const r = spawnSync(process.execPath, [BIN, 'daemon', ...a], { env: daemonEnv, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`daemon ${a[0]} failed:\n${r.stdout}${r.stderr}`);
    };
    daemon('start');
    try {
      // the first command waits for the daemon's warm-up
      timed(cli('validate'), daemonEnv);
      rows.push(
        ['`validate` after an edit, with the daemon running', runs(cli('validate'), edit, daemonEnv)],
        ['`build` after an edit, with the daemon running', runs(cli('build', '--out', out), edit, daemonEnv)],
      );
    } finally {
      daemon('stop');
    }
    writeFileSync(persons, original);
    // the rebuild of `build --watch`, in one process, on the copy of the corpus
    const r = spawnSync(
      process.execPath,
      [fileURLToPath(import.meta.url), '--child-rebuilds', join(work, 'watch-out'), cache, String(RUNS)],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    if (r.status !== 0) throw new Error('the rebuild child failed');
    const { build: rebuilds, validate: rechecks } = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
      build: number[];
      validate: number[];
    };
    const lines = [
      `Curator's loop, shipped corpus (${RUNS} runs each, median; fresh processes of the bundled CLI, npm not included)`,
      `load average at the start ${startLoad}, at the end ${load()} (1, 5, 15 min) on ${process.arch}, Node ${process.version}`,
      '',
      '| command | wall | × yardstick | CPU (user+sys) | × yardstick |',
      '|---|---:|---:|---:|---:|',
      ...rows.map(
        ([name, t]) =>
          `| ${name} | ${fmt(t.wall)} | ${(t.wall / floor.wall).toFixed(1)} | ${fmt(t.cpu)} | ${(t.cpu / floor.cpu).toFixed(1)} |`,
      ),
      `| rebuild in \`build --watch\` (one process, after an edit; median of ${rebuilds.length}) | ${fmt(median(rebuilds))} | ${(median(rebuilds) / floor.wall).toFixed(1)} | | |`,
      `| check in \`validate --watch\` (one process, after an edit; median of ${rechecks.length}) | ${fmt(median(rechecks))} | ${(median(rechecks) / floor.wall).toFixed(1)} | | |`,
      '',
      'targets (#30, on a quiet machine): validate ≤ 0.5 s, build ≤ 1.0 s wall, figures and SHACL included',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const argv = process.argv.slice(2);
if (argv[0] === '--child-rebuilds') await childRebuilds(argv[1]!, argv[2]!, Number(argv[3]));
else await main();
