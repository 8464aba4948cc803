// The daemon (src/cli/daemon.ts) and its client (daemon-client.ts): first in this process with a stand-in command
// (output, exit codes, working folder, order, Ctrl-C, stale code, idle time), then as a user runs it: `daemon
// start`, `validate` and `build` from the bin in fresh processes, byte for byte what they give without it.

import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BIN, BUILD, captureIo, CORPUS, filesUnder, tempDir } from '../helpers.js';
import { codeStamp, type Daemon, type DaemonOptions, startDaemon, type RunCommand } from '../../src/cli/daemon.js';
import {
  DAEMON_SOCKET_ENV,
  daemonMayRun,
  daemonSocket,
  NO_DAEMON_ENV,
  runInDaemon,
  type Terminal,
} from '../../src/cli/daemon-client.js';
import { main } from '../../src/cli/main.js';

/** A package root with a file of code, for the code stamp. */
function fakeRoot(): string {
  const root = tempDir('daemon-root');
  mkdirSync(join(root, 'dist', 'bundle', 'cli'), { recursive: true });
  writeFileSync(join(root, 'dist', 'bundle', 'cli', 'bin.js'), '// v1\n');
  writeFileSync(join(root, 'package.json'), '{}\n');
  return root;
}

/** A package of its own, a socket for it, and a way to start daemons there, each closed after the test (a daemon
 * that does not stop by itself fails the test at its time limit instead of hanging the file). */
function daemonPlace(ctx: TestContext) {
  const root = fakeRoot();
  const socket = join(tempDir('daemon-sock'), 'd.sock');
  const start = async (o: Omit<DaemonOptions, 'root' | 'socket'>): Promise<Daemon> => {
    const daemon = await startDaemon({ root, socket, ...o });
    ctx.after(() => daemon.close());
    return daemon;
  };
  return { root, socket, env: { [DAEMON_SOCKET_ENV]: socket }, start };
}

function terminal(cwd: string): Terminal & { stdout: string; stderr: string } {
  const t = {
    stdout: '',
    stderr: '',
    cwd,
    isTTY: false,
    out: (s: string) => {
      t.stdout += s;
    },
    err: (s: string) => {
      t.stderr += s;
    },
  };
  return t;
}

test('which command lines the daemon may run', () => {
  const env = {};
  assert.equal(daemonMayRun(['validate'], env), true);
  assert.equal(daemonMayRun(['build', '--out', 'x', '--no-figures'], env), true);
  for (const argv of [
    ['build', '--watch'],
    ['validate', '--no-daemon'],
    ['build', '--help'],
    ['validate', '-h'],
    ['query', 'x'],
    ['site'],
    ['daemon', 'status'],
    [],
  ])
    assert.equal(daemonMayRun(argv, env), false, argv.join(' '));
  assert.equal(daemonMayRun(['validate'], { [NO_DAEMON_ENV]: '1' }), false);
  assert.equal(daemonMayRun(['validate'], { [NO_DAEMON_ENV]: '0' }), true);
  assert.equal(daemonMayRun(['build'], { SL_CRASH_AT: 'before-swap' }), false);
});

test("the daemon's socket: beside the package's caches, under the temporary folder when that path is too long, or chosen", () => {
  assert.equal(daemonSocket('/p', {}), '/p/node_modules/.cache/stalin-letters-lod/daemon.sock');
  const long = `/${'x'.repeat(120)}`;
  const far = daemonSocket(long, {});
  assert.ok(Buffer.byteLength(far) < 108, far);
  assert.match(far, /stalin-letters-lod-[^/]+\/[0-9a-f]{16}\.sock$/);
  assert.notEqual(daemonSocket(`${long}y`, {}), far, 'one socket a package');
  assert.equal(daemonSocket('/p', { [DAEMON_SOCKET_ENV]: '/s/d.sock' }), '/s/d.sock');
});

test('the code stamp changes with any file of the code, package.json or node_modules', () => {
  const root = fakeRoot();
  const before = codeStamp(root);
  assert.equal(codeStamp(root), before);
  writeFileSync(join(root, 'dist', 'bundle', 'cli', 'bin.js'), '// v2\n');
  const edited = codeStamp(root);
  assert.notEqual(edited, before);
  mkdirSync(join(root, 'dist', 'src', 'cli'), { recursive: true });
  writeFileSync(join(root, 'dist', 'src', 'cli', 'main.js'), '');
  assert.notEqual(codeStamp(root), edited);
  const withSrc = codeStamp(root);
  mkdirSync(join(root, 'node_modules'));
  writeFileSync(join(root, 'node_modules', '.package-lock.json'), '{}');
  assert.notEqual(codeStamp(root), withSrc);
  // not the corpus, the build or anything else: those the commands read anew
  writeFileSync(join(root, 'notes.txt'), 'x');
  mkdirSync(join(root, 'build'));
  writeFileSync(join(root, 'build', 'void.ttl'), '');
  assert.equal(codeStamp(root), codeStamp(root));
});

test('a command in the daemon: its output, exit code and working folder are the client’s; one at a time', {
  timeout: 60_000,
}, async (ctx) => {
  const { root, socket, env, start } = daemonPlace(ctx);
  const order: string[] = [];
  const run: RunCommand = async (argv, io) => {
    order.push(`start ${argv[1]}`);
    io.out(`out ${argv.join(' ')} in ${io.cwd} (process in ${realpathSync(process.cwd())})\n`);
    io.err(`err ${io.isTTY}\n`);
    await sleep(30);
    order.push(`end ${argv[1]}`);
    return Number(argv[1]);
  };
  const daemon = await start({ run });
  try {
    const here = realpathSync(tempDir('daemon-cwd'));
    const a = terminal(here);
    const b = terminal(here);
    const [codeA, codeB] = await Promise.all([
      runInDaemon(['validate', '0'], root, a, env),
      runInDaemon(['build', '3'], root, { ...b, isTTY: true }, env),
    ]);
    assert.equal(codeA, 0);
    assert.equal(codeB, 3);
    assert.equal(a.stdout, `out validate 0 in ${here} (process in ${here})\n`);
    assert.equal(a.stderr, 'err false\n');
    assert.equal(b.stderr, 'err true\n');
    // in whichever order they came, never side by side
    assert.ok(
      order.join() === 'start 0,end 0,start 3,end 3' || order.join() === 'start 3,end 3,start 0,end 0',
      order.join(),
    );
    // the daemon's own folder again after the command
    assert.notEqual(realpathSync(process.cwd()), here);
    // a folder that is gone: an error for that command only
    const gone = terminal(join(here, 'gone'));
    assert.equal(await runInDaemon(['validate', '0'], root, gone, env), 1);
    assert.match(gone.stderr, /^error: cannot work in .*gone: ENOENT/);
    assert.equal(await runInDaemon(['validate', '5'], root, terminal(here), env), 5);
    // not the daemon's to run: the client runs it itself
    assert.equal(await runInDaemon(['query', 'x'], root, terminal(here), env), undefined);
    assert.equal(await runInDaemon(['validate', '--no-daemon'], root, terminal(here), env), undefined);
  } finally {
    daemon.close();
    await daemon.stopped;
  }
  assert.equal(existsSync(socket), false, 'the socket file goes with the daemon');
  // no daemon: the client runs the command itself, saying nothing
  const t = terminal('/');
  assert.equal(await runInDaemon(['validate'], root, t, env), undefined);
  assert.equal(t.stdout + t.stderr, '');
});

test('Ctrl-C in the client stops the command in the daemon (exit 130, nothing more printed); the daemon goes on', {
  timeout: 60_000,
}, async (ctx) => {
  const { root, env, start } = daemonPlace(ctx);
  let stoppedBy: unknown;
  const run: RunCommand = async (argv, io) => {
    if (argv[1] !== 'wait') return 0;
    io.out('begun\n');
    await new Promise<void>((resolve) => io.signal!.addEventListener('abort', () => resolve(), { once: true }));
    stoppedBy = io.signal!.reason;
    io.err('error: stopped\n');
    return 1;
  };
  const daemon = await start({ run });
  try {
    const t = terminal('/');
    const pending = runInDaemon(['build', 'wait'], root, t, env);
    while (!t.stdout) await sleep(5);
    process.emit('SIGINT', 'SIGINT');
    assert.equal(await pending, 130);
    assert.ok(stoppedBy instanceof Error);
    assert.equal(t.stdout, 'begun\n');
    assert.equal(t.stderr, '', 'what the stopped command said after the stop is not shown');
    assert.equal(process.listenerCount('SIGINT'), 0, 'the client leaves no handler behind');
    assert.equal(await runInDaemon(['build', 'next'], root, terminal('/'), env), 0);
  } finally {
    daemon.close();
    await daemon.stopped;
  }
});

test('a daemon whose code changed answers "stale" and stops; the client runs the command itself', {
  timeout: 60_000,
}, async (ctx) => {
  const { root, socket, env, start } = daemonPlace(ctx);
  let runs = 0;
  const daemon = await start({
    run: async () => {
      runs++;
      return 0;
    },
  });
  assert.equal(await runInDaemon(['validate'], root, terminal('/'), env), 0);
  writeFileSync(join(root, 'dist', 'bundle', 'cli', 'bin.js'), '// v2, compiled anew\n');
  const t = terminal('/');
  assert.equal(await runInDaemon(['validate'], root, t, env), undefined);
  assert.match(t.stderr, /^note: the resident process .* ran older code of this package and has stopped/);
  await daemon.stopped;
  assert.equal(runs, 1, 'the stale daemon ran nothing more');
  assert.equal(existsSync(socket), false);
});

test('a daemon stops by itself after its idle time or when its socket file goes, and a socket file with no daemon behind it is ignored', {
  timeout: 60_000,
}, async (ctx) => {
  const { root, socket, env, start } = daemonPlace(ctx);
  const daemon = await start({ run: async () => 0, idleMinutes: 0.001 });
  await daemon.stopped;
  assert.equal(existsSync(socket), false);
  // a daemon killed leaves its socket file: a client finds no one there and runs the command itself
  writeFileSync(socket, '');
  assert.equal(await runInDaemon(['validate'], root, terminal('/'), env), undefined);
  // a daemon whose socket file is removed (`npm ci` removes node_modules/) stops, and leaves a new one's alone
  const lost = await start({ run: async () => 0, socketCheckMs: 20 });
  rmSync(socket);
  const successor = await start({ run: async () => 9 });
  await lost.stopped;
  assert.equal(await runInDaemon(['validate'], root, terminal('/'), env), 9);
  successor.close();
  await successor.stopped;
  // and a new daemon takes the place
  const again = await start({ run: async () => 7 });
  assert.equal(await runInDaemon(['validate'], root, terminal('/'), env), 7);
  again.close();
  await again.stopped;
});

/** The bin in a fresh process, as a shell starts it, with this test's daemon socket. */
function bin(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8' });
}

const withoutTime = (s: string): string => s.replace(/\(\d+ ms\)/g, '(… ms)');

/** The command in this process, from `cwd` as a shell would start it there (the corpus reader names files relative
 * to the process's folder). */
async function here(argv: string[], cwd: string) {
  const io = captureIo(cwd);
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return { status: await main(argv, io), stdout: io.stdout, stderr: io.stderr };
  } finally {
    process.chdir(before);
  }
}

test('as a user runs it: daemon start, validate and build in fresh processes give what they give without it, daemon stop', {
  timeout: 300_000,
}, async (t) => {
  const work = realpathSync(tempDir('daemon-e2e'));
  const socket = join(work, 'd.sock');
  const env: NodeJS.ProcessEnv = { ...process.env, [DAEMON_SOCKET_ENV]: socket, CI: '1' };
  delete env[NO_DAEMON_ENV];
  cpSync(CORPUS, join(work, 'corpus'), { recursive: true });
  t.after(() => {
    bin(['daemon', 'stop'], work, env);
  });

  assert.equal(bin(['daemon', 'status'], work, env).status, 3);
  const started = bin(['daemon', 'start', '--idle', '10'], work, env);
  assert.equal(started.status, 0, started.stderr);
  assert.match(started.stdout, /^started the daemon: pid \d+/);
  assert.match(bin(['daemon', 'start'], work, env).stdout, /^the daemon runs already: pid \d+/);
  const served = (): number => Number(/(\d+) command\(s\) run/.exec(bin(['daemon', 'status'], work, env).stdout)![1]);
  assert.equal(served(), 0);

  // validate: the same words as in a process of its own (the paths relative to the client's folder)
  const inDaemon = bin(['validate', '--corpus', 'corpus', '--no-shacl-cache'], work, env);
  const alone = await here(['validate', '--corpus', 'corpus', '--no-shacl-cache'], work);
  assert.equal(alone.status, 0);
  assert.equal(inDaemon.status, 0, inDaemon.stderr);
  assert.equal(withoutTime(inDaemon.stdout), withoutTime(alone.stdout));
  assert.match(inDaemon.stdout, /warning: corpus\/persons\.yaml:\d+/);
  assert.equal(served(), 1);

  // a broken record: exit 1 and the same problems, with the file and line
  const persons = join(work, 'corpus', 'persons.yaml');
  const original = readFileSync(persons, 'utf8');
  writeFileSync(persons, original.replace(/^(\s+)name: /m, '$1nmae: '));
  const broken = bin(['validate', '--corpus', 'corpus', '--no-shacl-cache'], work, env);
  const brokenHere = await here(['validate', '--corpus', 'corpus', '--no-shacl-cache'], work);
  assert.equal(brokenHere.status, 1);
  assert.equal(broken.status, 1);
  assert.match(broken.stderr, /corpus\/persons\.yaml:\d+/);
  assert.equal(broken.stderr, brokenHere.stderr);
  writeFileSync(persons, original);
  assert.equal(served(), 2);

  // build: the committed build/, byte for byte
  const built = bin(['build', '--corpus', 'corpus', '--out', 'build', '--quiet'], work, env);
  assert.equal(built.status, 0, built.stderr);
  assert.equal(built.stdout + built.stderr, '');
  assert.equal(served(), 3);
  const files = filesUnder(BUILD);
  assert.deepEqual(filesUnder(join(work, 'build')), files);
  for (const f of files) assert.ok(readFileSync(join(work, 'build', f)).equals(readFileSync(join(BUILD, f))), f);

  // Ctrl-C in the middle of a build: exit 130 with the old output as it was, or (too late) the build done
  writeFileSync(join(work, 'build', 'old-marker'), '');
  const child = spawn(process.execPath, [BIN, 'build', '--corpus', 'corpus', '--out', 'build', '--quiet'], {
    cwd: work,
    env,
  });
  const exited = new Promise<number | null>((r) => child.once('exit', r));
  // once the daemon has the command (and so the client its Ctrl-C handler)
  const asked = served();
  for (let i = 0; served() === asked && i < 50; i++) await sleep(10);
  child.kill('SIGINT');
  const code = await exited;
  assert.ok(code === 130 || code === 0, String(code));
  assert.deepEqual(
    filesUnder(join(work, 'build')),
    code === 130 ? [...files, 'old-marker'].sort() : files,
    'the output folder whole',
  );
  assert.equal(bin(['validate', '--corpus', 'corpus', '-q'], work, env).status, 0, 'the daemon goes on');

  // --no-daemon runs in its own process
  const before = served();
  assert.equal(bin(['validate', '--corpus', 'corpus', '-q', '--no-daemon'], work, env).status, 0);
  assert.equal(served(), before);

  const stopped = bin(['daemon', 'stop'], work, env);
  assert.match(stopped.stdout, /^stopped the daemon \(pid \d+\)/);
  for (let i = 0; existsSync(socket) && i < 100; i++) await sleep(50);
  assert.equal(existsSync(socket), false);
  assert.equal(bin(['daemon', 'status'], work, env).status, 3);
  assert.match(bin(['daemon', 'stop'], work, env).stdout, /^no daemon runs/);
  // without it, the command runs in its own process as before
  assert.equal(bin(['validate', '--corpus', 'corpus', '-q'], work, env).status, 0);
});
