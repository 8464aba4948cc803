// The short way into the resident process (daemon.ts): the bin asks it to run a `build` or `validate` before loading
// anything else, so that a fresh command costs Node's start and a socket, not the modules, the JIT's warming up and
// the shapes' compilation again. Only Node's own modules here: this file is all the bin loads when a daemon answers.
//
// The protocol, one JSON object a line on a Unix socket: the client sends {argv, cwd, isTTY, columns}, or {ping}
// or {stop}, and then {abort} on Ctrl-C; the daemon answers {out}, {err} (the command's output, as it comes) and at
// last {exit}; or {stale}: its code is not this package's code any more, so the client runs the command itself.

import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import type { Io } from './io.js';

/** A socket path of one's choosing (a long package path, tests); both the daemon and the client read it. */
export const DAEMON_SOCKET_ENV = 'STALIN_LETTERS_LOD_DAEMON_SOCKET';
/** Set (to anything but "" or "0"): every command runs in its own process, a daemon or not. */
export const NO_DAEMON_ENV = 'STALIN_LETTERS_LOD_NO_DAEMON';

/** A Unix socket's path must fit in 108 bytes (Linux; 104 on macOS). */
const MAX_SOCKET_PATH = 100;

/** Where the daemon of the package at `root` listens: beside the package's other caches, or, if that path is too
 * long for a socket, in a folder of this user's under the system's temporary folder. */
export function daemonSocket(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env[DAEMON_SOCKET_ENV];
  if (chosen) return resolve(chosen);
  const near = join(root, 'node_modules', '.cache', 'stalin-letters-lod', 'daemon.sock');
  if (Buffer.byteLength(near) <= MAX_SOCKET_PATH) return near;
  const user = process.getuid?.() ?? userInfo().username;
  const id = createHash('sha256').update(root).digest('hex').slice(0, 16);
  return join(tmpdir(), `stalin-letters-lod-${user}`, `${id}.sock`);
}

const off = (v: string | undefined): boolean => v !== undefined && v !== '' && v !== '0';

/** Whether the daemon may run this command line: `build` and `validate` without `--watch` (a watching process is
 * resident itself), `--help` or `--no-daemon`. A crash-test hook (SL_CRASH_AT) kills its own process: never the
 * daemon's. */
export function daemonMayRun(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const [command, ...rest] = argv;
  if (command !== 'build' && command !== 'validate') return false;
  if (off(env[NO_DAEMON_ENV]) || env.SL_CRASH_AT) return false;
  return !rest.some((a) => a === '--watch' || a === '--no-daemon' || a === '-h' || a === '--help' || a === '--');
}

export interface DaemonReply {
  out?: string;
  err?: string;
  exit?: number;
  stale?: string;
  pong?: DaemonStatus;
  stopping?: boolean;
}

export interface DaemonStatus {
  pid: number;
  root: string;
  socket: string;
  started: string;
  served: number;
  idleMinutes: number;
  /** Its resident memory, MB. */
  rssMB: number;
  /** Its code is not the package's any more: it stops at the next command. */
  stale: boolean;
}

/** Reads JSON lines from a socket. */
export function onLines(socket: Socket, each: (value: unknown) => void): void {
  let rest = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    rest += chunk;
    let nl = rest.indexOf('\n');
    while (nl >= 0) {
      const line = rest.slice(0, nl);
      rest = rest.slice(nl + 1);
      if (line) each(JSON.parse(line));
      nl = rest.indexOf('\n');
    }
  });
}

/** Connects to the daemon at `socket`: the connected socket, or undefined when none listens there. */
export function connectDaemon(socket: string): Promise<Socket | undefined> {
  if (!existsSync(socket)) return Promise.resolve(undefined);
  return new Promise((done) => {
    const s = createConnection(socket);
    s.once('connect', () => {
      s.removeAllListeners('error');
      done(s);
    });
    // ECONNREFUSED (a socket file left by a daemon that was killed), ENOENT (gone meanwhile), EACCES
    s.once('error', () => done(undefined));
  });
}

/** Sends one control message ({ping} or {stop}) and resolves with the first answer, or undefined when no daemon
 * listens at `socket`. */
export async function controlDaemon(socket: string, message: 'ping' | 'stop'): Promise<DaemonReply | undefined> {
  const s = await connectDaemon(socket);
  if (!s) return undefined;
  return new Promise((done) => {
    onLines(s, (v) => {
      done(v as DaemonReply);
      s.end();
    });
    s.on('error', () => done(undefined));
    s.on('close', () => done(undefined));
    s.write(`${JSON.stringify({ [message]: true })}\n`);
  });
}

/** What of the CLI's output the daemon's command writes to: the client's. */
export type Terminal = Pick<Io, 'out' | 'err' | 'cwd' | 'isTTY' | 'columns'>;

/**
 * Runs `argv` in the daemon of the package at `root` if one listens and may run it: resolves with the exit code,
 * its output written to `t`; or with undefined, and nothing written but a note, when the command is to run here
 * (no daemon, or one whose code is not this package's). Ctrl-C (SIGINT, SIGTERM) stops the command in the daemon
 * as it stops a build here: at its next stage, the new output folder removed; a second Ctrl-C leaves at once.
 */
export async function runInDaemon(
  argv: readonly string[],
  root: string,
  t: Terminal,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number | undefined> {
  if (!daemonMayRun(argv, env)) return undefined;
  const s = await connectDaemon(daemonSocket(root, env));
  if (!s) return undefined;
  return new Promise((done) => {
    let settled = false;
    let aborts = 0;
    const finish = (code: number | undefined): void => {
      if (settled) return;
      settled = true;
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      s.end();
      done(code);
    };
    const onSignal = (): void => {
      if (++aborts > 1) finish(130);
      else s.write(`${JSON.stringify({ abort: true })}\n`);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    onLines(s, (v) => {
      const r = v as DaemonReply;
      if (r.out !== undefined) t.out(r.out);
      if (r.err !== undefined) t.err(r.err);
      if (r.stale !== undefined) {
        t.err(`note: ${r.stale}\n`);
        finish(undefined);
      }
      if (r.exit !== undefined) finish(r.exit);
    });
    s.on('error', () => undefined);
    s.on('close', () => {
      if (settled) return;
      t.err(
        'error: the resident process (stalin-letters-lod daemon) ended before the command did; run it again, or with --no-daemon to run it in a process of its own\n',
      );
      finish(1);
    });
    s.write(`${JSON.stringify({ argv, cwd: t.cwd, isTTY: t.isTTY, ...(t.columns ? { columns: t.columns } : {}) })}\n`);
  });
}
