// A worker is started with the parent's Node options but not V8's (the CLI's first line passes
// --interrupt-budget; `node --max-old-space-size=… site` too): Node refuses a worker given any V8 option, so `site`
// and `serve` would not start. Each kept list is checked by starting a worker with it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
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
