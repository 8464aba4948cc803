// `stalin-letters-lod daemon`: a resident process that runs the `build` and `validate` of fresh commands, as the
// Gradle daemon or eslint_d do. A fresh process spends most of a curator's `validate` on loading modules, warming up
// the JIT and compiling the shapes; the daemon pays that once. What it runs is the same CLI (main.ts) on the same
// corpus files read anew each time, so its output is byte for byte a fresh process's: nothing is kept between
// commands but the compiled code, the compiled shapes (keyed on their text) and the caches a fresh process also
// reads (SHACL state, figures). Its code is checked on every command: once a file of the package's code changes
// (a new compile, `npm ci`), it answers "stale" and stops, and the command runs in its own process.
//
// One command at a time, in the order they come; each in the client's working folder (process.chdir) with the
// client's terminal settings. The client side is daemon-client.ts.

import type { Command } from 'commander';
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../core/package.js';
import {
  controlDaemon,
  daemonSocket,
  type DaemonReply,
  type DaemonStatus,
  NO_DAEMON_ENV,
  onLines,
} from './daemon-client.js';
import { UsageError, type Io } from './io.js';

/** Runs one command line (main.ts's `main`), its output to `io`, stopped by `io.signal`. */
export type RunCommand = (argv: string[], io: Io) => Promise<number>;

/** Without a command for this long the daemon stops (minutes). */
export const DEFAULT_IDLE_MINUTES = 60;

/**
 * The state of the package's code: each file's path, size and modification time, for the bundle and the
 * unbundled modules (dist/bundle/cli, dist/src), the compiled schemas (dist/generated), package.json and npm's
 * record of node_modules (node_modules/.package-lock.json, rewritten by every `npm ci` and `npm install`).
 */
export function codeStamp(root: string): string {
  const lines: string[] = [];
  const file = (path: string): void => {
    try {
      const s = statSync(path);
      lines.push(`${relative(root, path)} ${s.size} ${s.mtimeMs}`);
    } catch {
      lines.push(`${relative(root, path)} -`);
    }
  };
  const folder = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
    } catch {
      lines.push(`${relative(root, dir)}/ -`);
      return;
    }
    for (const n of names) if (n.endsWith('.js') || n.endsWith('.cjs') || n.endsWith('.json')) file(join(dir, n));
  };
  for (const dir of ['dist/bundle/cli', 'dist/src', 'dist/generated']) folder(join(root, dir));
  file(join(root, 'package.json'));
  file(join(root, 'node_modules', '.package-lock.json'));
  return lines.join('\n');
}

/** A file's identity: its inode, and its change time (a removed socket's inode is often the next one's). */
function socketId(path: string): string {
  const s = statSync(path, { bigint: true });
  return `${s.ino} ${s.ctimeNs}`;
}

export interface DaemonOptions {
  root: string;
  socket: string;
  run: RunCommand;
  idleMinutes?: number;
  /** A line for the daemon's own log (its stderr). */
  log?: (line: string) => void;
  /** How often the daemon checks that its socket file is still there (ms). */
  socketCheckMs?: number;
  /** Run first, before any command: what makes the first command as quick as the later ones. */
  warmUp?: () => Promise<unknown>;
}

interface Request {
  argv?: string[];
  cwd?: string;
  isTTY?: boolean;
  columns?: number;
  ping?: boolean;
  stop?: boolean;
  abort?: boolean;
}

export interface Daemon {
  /** Settles when the daemon has stopped (a `stop`, stale code, the idle time, or `close()`). */
  stopped: Promise<void>;
  close: () => void;
}

/** Listens at `o.socket` (a socket file left there by a daemon that was killed is replaced) until stopped. */
export async function startDaemon(o: DaemonOptions): Promise<Daemon> {
  const stamp = codeStamp(o.root);
  const log = o.log ?? (() => undefined);
  const idleMinutes = o.idleMinutes ?? DEFAULT_IDLE_MINUTES;
  const started = new Date();
  let served = 0;
  let queue: Promise<void> = Promise.resolve();
  let idle: NodeJS.Timeout | undefined;
  let closing = false;
  let markStopped: () => void = () => undefined;
  const stopped = new Promise<void>((r) => {
    markStopped = r;
  });

  const status = (): DaemonStatus => ({
    pid: process.pid,
    root: o.root,
    socket: o.socket,
    started: started.toISOString(),
    served,
    idleMinutes,
    rssMB: Math.round(process.memoryUsage.rss() / 2 ** 20),
    stale: codeStamp(o.root) !== stamp,
  });
  const close = (why: string): void => {
    if (closing) return;
    closing = true;
    clearTimeout(idle);
    log(`stopping: ${why}`);
    // closing a listening Unix socket unlinks its path (libuv): when that path is another daemon's now, this one
    // only lets go of its server, which no client can reach any more
    if (ownSocket()) server.close();
    else server.unref();
    clearInterval(watchSocket);
    // the commands already queued still run and answer; then the socket file goes, if it is still this daemon's
    // (after `npm ci` it may be a new daemon's)
    void queue.then(() => {
      if (ownSocket()) rmSync(o.socket, { force: true });
      markStopped();
    });
  };
  /** The socket file is the one this daemon made (not removed with node_modules/, nor replaced since). */
  const ownSocket = (): boolean => {
    try {
      return socketId(o.socket) === ownId;
    } catch {
      return false;
    }
  };
  let ownId = '';
  let watchSocket: NodeJS.Timeout | undefined;
  const armIdle = (): void => {
    clearTimeout(idle);
    idle = setTimeout(() => close(`no command for ${idleMinutes} minute(s)`), idleMinutes * 60_000);
    idle.unref();
  };

  const send = (s: Socket, r: DaemonReply): void => {
    if (!s.destroyed) s.write(`${JSON.stringify(r)}\n`);
  };

  const command = (s: Socket, req: Request, aborter: AbortController): Promise<void> => {
    if (closing) {
      send(s, {
        stale: 'the resident process (stalin-letters-lod daemon) is stopping: this command runs in its own process',
      });
      return Promise.resolve();
    }
    if (codeStamp(o.root) !== stamp) {
      send(s, {
        stale:
          'the resident process (stalin-letters-lod daemon) ran older code of this package and has stopped; this command runs in its own process (`stalin-letters-lod daemon start` starts one with the new code)',
      });
      close('the code changed');
      return Promise.resolve();
    }
    const before = process.cwd();
    // once stopped, the command's last words ("error: stopped") are not the client's: it exits 130 quietly
    const io: Io = {
      out: (text) => aborter.signal.aborted || send(s, { out: text }),
      err: (text) => aborter.signal.aborted || send(s, { err: text }),
      isTTY: req.isTTY === true,
      cwd: req.cwd!,
      ...(req.columns ? { columns: req.columns } : {}),
      signal: aborter.signal,
    };
    served++;
    // the working folder is the client's: paths in messages are relative to it, as in a fresh process
    try {
      process.chdir(req.cwd!);
    } catch (e) {
      io.err(`error: cannot work in ${req.cwd}: ${(e as Error).message}\n`);
      send(s, { exit: 1 });
      s.end();
      return Promise.resolve();
    }
    return o
      .run(req.argv!, io)
      .catch((e: unknown) => {
        io.err(`error: ${e instanceof Error ? e.message : String(e)}\n`);
        return 1;
      })
      .then((code) => {
        process.chdir(before);
        // a command that ended before the stop came in ended as it would have
        send(s, { exit: code !== 0 && aborter.signal.aborted ? 130 : code });
        s.end();
      });
  };

  const server: Server = createServer((s) => {
    const aborter = new AbortController();
    let asked = false;
    s.on('error', () => undefined);
    // a client gone (Ctrl-C twice, killed) stops its command as Ctrl-C does
    s.on('close', () => aborter.abort(new Error('stopped')));
    onLines(s, (v) => {
      const req = v as Request;
      if (req.abort) {
        aborter.abort(new Error('stopped'));
        return;
      }
      if (asked) return;
      asked = true;
      if (req.ping) {
        send(s, { pong: status() });
        s.end();
      } else if (req.stop) {
        send(s, { stopping: true, pong: status() });
        s.end();
        close('asked to stop');
      } else if (Array.isArray(req.argv) && typeof req.cwd === 'string') {
        clearTimeout(idle);
        // whatever one command does, the next ones still run
        queue = queue
          .then(() => command(s, req, aborter))
          .catch((e: unknown) => log(`a command failed: ${e instanceof Error ? e.stack : String(e)}`))
          .finally(() => closing || armIdle());
      } else s.destroy();
    });
  });

  mkdirSync(dirname(o.socket), { recursive: true, mode: 0o700 });
  // a socket file with no daemon behind it (one that was killed); a live daemon was asked first (daemon start)
  rmSync(o.socket, { force: true });
  // only this user may run commands in it: the socket is made 0600 (under this umask), not changed after
  const umask = process.umask(0o177);
  try {
    await new Promise<void>((res, rej) => {
      server.once('error', rej);
      server.listen(o.socket, () => {
        server.off('error', rej);
        res();
      });
    });
  } finally {
    process.umask(umask);
  }
  ownId = socketId(o.socket);
  // a daemon no client can find any more (its socket file removed, as `npm ci` removes node_modules/) stops
  watchSocket = setInterval(() => {
    if (!ownSocket()) close('its socket file was removed or replaced');
  }, o.socketCheckMs ?? 5000);
  watchSocket.unref();
  // after the umask is back: the warm-up writes files
  if (o.warmUp)
    queue = o.warmUp().then(
      () => log('warmed up'),
      (e: unknown) => log(`warming up failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  armIdle();
  log(`listening on ${o.socket} (pid ${process.pid})`);
  return { stopped, close: () => close('closed') };
}

/** A build of the package's own corpus into a temporary folder, with every figure drawn and no cache read or
 * written: the modules loaded, the shapes compiled and the JIT warm before the first command. */
async function warmUp(run: RunCommand): Promise<void> {
  const corpus = join(PACKAGE_ROOT, 'corpus');
  if (!existsSync(corpus)) return;
  const dir = mkdtempSync(join(tmpdir(), 'sl-daemon-warm-up-'));
  const quiet: Io = { out: () => undefined, err: () => undefined, isTTY: false, cwd: dir };
  try {
    const args = ['--quiet', '--corpus', corpus, '--out', join(dir, 'build'), '--no-shacl-cache'];
    await run(['validate', ...args], quiet);
    await run(['build', ...args, '--no-figure-cache'], quiet);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The bin this code was bundled with (dist/bundle/cli/bin.js), or compiled beside (dist/src/cli/bin.js). */
const BIN = fileURLToPath(new URL('./bin.js', import.meta.url));

const statusLine = (d: DaemonStatus): string =>
  `pid ${d.pid}, since ${d.started.slice(0, 19).replace('T', ' ')} UTC, ${d.served} command(s) run, ${d.rssMB} MB resident, stops after ${d.idleMinutes} minute(s) without one; socket ${d.socket}${d.stale ? "\nits code is older than the package's: it stops at the next command, which runs in its own process" : ''}`;

function idleOption(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--idle "${v}" must be a number of minutes above 0`);
  return n;
}

/** The `daemon` command: start, stop, status, and run (the daemon itself, in the foreground). */
export function registerDaemonCommand(p: Command, io: Io, run: RunCommand): void {
  const d = p
    .command('daemon')
    .description(
      'a resident process that runs `build` and `validate` for this package, so that each is not a cold start: start, status, stop',
    );
  const socket = (): string => daemonSocket(PACKAGE_ROOT);
  d.command('start')
    .description('start the daemon in the background (nothing happens if it runs already)')
    .option('--idle <minutes>', 'stop after this many minutes without a command', String(DEFAULT_IDLE_MINUTES))
    .action(async (o: { idle: string }) => {
      const idle = idleOption(o.idle);
      const running = await controlDaemon(socket(), 'ping');
      if (running?.pong && !running.pong.stale) {
        io.out(`the daemon runs already: ${statusLine(running.pong)}\n`);
        return;
      }
      if (running?.pong) {
        // one with older code: replaced once it has finished what it began
        await controlDaemon(socket(), 'stop');
        for (const t0 = Date.now(); existsSync(socket()) && Date.now() - t0 < 60_000; )
          await new Promise((r) => setTimeout(r, 50));
        io.out(`stopped the daemon with older code (pid ${running.pong.pid})\n`);
      }
      mkdirSync(dirname(socket()), { recursive: true, mode: 0o700 });
      const logFile = `${socket().replace(/\.sock$/, '')}.log`;
      const fd = openSync(logFile, 'w', 0o600);
      const env = { ...process.env };
      delete env[NO_DAEMON_ENV];
      const child = spawn(process.execPath, [...process.execArgv, BIN, 'daemon', 'run', '--idle', String(idle)], {
        detached: true,
        stdio: ['ignore', fd, fd],
        env,
        cwd: PACKAGE_ROOT,
      });
      closeSync(fd);
      child.unref();
      const exited = new Promise<number | null>((r) => child.once('exit', r));
      for (const t0 = Date.now(); Date.now() - t0 < 20_000; ) {
        const ok = await controlDaemon(socket(), 'ping');
        if (ok?.pong) {
          io.out(
            `started the daemon: ${statusLine(ok.pong)}\n\`build\` and \`validate\` of this package now run in it (--no-daemon runs one in its own process); \`stalin-letters-lod daemon stop\` stops it\n`,
          );
          return;
        }
        const code = await Promise.race([exited, new Promise((r) => setTimeout(r, 50, 'wait'))]);
        if (code !== 'wait') break;
      }
      child.kill();
      throw new UsageError(`the daemon did not start; its log (${logFile}):\n${readFileSync(logFile, 'utf8').trim()}`);
    });
  d.command('stop')
    .description('stop the daemon (after the commands it has begun)')
    .action(async () => {
      const r = await controlDaemon(socket(), 'stop');
      io.out(r?.pong ? `stopped the daemon (pid ${r.pong.pid})\n` : 'no daemon runs for this package\n');
    });
  d.command('status')
    .description('whether the daemon runs (exit 0) or not (exit 3), and what it has done')
    .action(async () => {
      const r = await controlDaemon(socket(), 'ping');
      if (r?.pong) io.out(`the daemon runs: ${statusLine(r.pong)}\n`);
      else {
        io.out('no daemon runs for this package\n');
        p.setOptionValue('exit', 3);
      }
    });
  d.command('run')
    .description('be the daemon, in the foreground, until Ctrl-C (`daemon start` runs this in the background)')
    .option('--idle <minutes>', 'stop after this many minutes without a command', String(DEFAULT_IDLE_MINUTES))
    .action(async (o: { idle: string }) => {
      const idleMinutes = idleOption(o.idle);
      const log = (line: string): void => io.err(`${new Date().toISOString().slice(0, 19)} ${line}\n`);
      const daemon = await startDaemon({
        root: PACKAGE_ROOT,
        socket: socket(),
        run,
        idleMinutes,
        log,
        warmUp: () => warmUp(run),
      });
      const onSignal = (): void => daemon.close();
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        await daemon.stopped;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      log('stopped');
    });
}
