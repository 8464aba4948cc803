// A worker is started with the parent's Node options but not V8's (the CLI's first line passes
// --interrupt-budget; `node --max-old-space-size=… site` too): Node refuses a worker given any V8 option, so `site`
// and `serve` would not start. Each kept list is checked by starting a worker with it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BIN, ROOT, tempDir } from '../helpers.js';
import { workerExecArgv } from '../../src/core/package.js';

const starts = (execArgv: string[]): Promise<void> =>
  new Promise((resolve, reject) => {
    const w = new Worker('0', { eval: true, execArgv });
    w.on('error', reject);
    w.on('exit', () => resolve());
  });

test("a worker gets the parent's Node options, without V8's and without --input-type", async () => {
  const cases: [string[], string[]][] = [
    [['--interrupt-budget=1000000'], []],
    [['--max-old-space-size=8192', '--stack-trace-limit=50', '--enable-source-maps'], ['--enable-source-maps']],
    [['--input-type', 'module', '--no-warnings'], ['--no-warnings']],
    [
      ['--input-type=module', '-r', './x.js'],
      ['-r', './x.js'],
    ],
    [
      ['--trace-warnings', '--cpu-prof', '--cpu-prof-dir=/tmp/p'],
      ['--trace-warnings', '--cpu-prof', '--cpu-prof-dir=/tmp/p'],
    ],
  ];
  for (const [given, kept] of cases) assert.deepEqual(workerExecArgv(given), kept, given.join(' '));
  // the kept lists start a worker (not those that would load a file or write a profile)
  for (const [given, kept] of cases) if (!given.includes('-r') && !given.includes('--cpu-prof')) await starts(kept);
  // and the refused options do fail to start one, which is why they are dropped
  assert.throws(() => new Worker('0', { eval: true, execArgv: ['--interrupt-budget=1000000'] }), {
    code: 'ERR_WORKER_INVALID_EXEC_ARGV',
  });
});

test("the bin, started by its first line (with the CLI's V8 flag), writes a site: the page threads start", () => {
  const first = readFileSync(BIN, 'utf8').split('\n')[0]!;
  assert.match(first, /^#!\/usr\/bin\/env -S node --interrupt-budget=\d+$/);
  const out = join(tempDir('bin-site'), 'site');
  const r = spawnSync(BIN, ['site', '--out', out, '--quiet', '--threads', '2'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(out, 'index.html')));
});
