// A scratch Virtuoso (Debian's virtuoso-opensource 7.2.5) for tests and benchmarks: its own folder (mkdtemp) with
// its own virtuoso.ini, free loopback ports, started as `virtuoso-t -f -c INI` and stopped by its own pid (other
// Virtuoso instances may run on the machine: never stop them). The folder is removed when it stops, also after a
// failed start. Locally a test skips when virtuoso-t is missing; on CI (CI=true) it fails (see `virtuosoMissing`).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const VIRTUOSO_T = process.env.VIRTUOSO_T ?? '/usr/bin/virtuoso-t';
export const ISQL = process.env.ISQL_VT ?? '/usr/bin/isql-vt';
/** Debian's vsp folder (the HTTP server's root; the SPARQL endpoints do not need its files). */
const VSP = '/var/lib/virtuoso-opensource-7/vsp';

/** What is missing to run Virtuoso, or undefined when it can run. */
export function virtuosoMissing(): string | undefined {
  if (!existsSync(VIRTUOSO_T)) return `${VIRTUOSO_T} is not installed (apt-get install -y virtuoso-opensource)`;
  if (!existsSync(ISQL)) return `${ISQL} is not installed (apt-get install -y virtuoso-opensource)`;
  return undefined;
}

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released for Virtuoso to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Virtuoso {
  /** http://127.0.0.1:PORT */
  base: string;
  /** SPARQL query endpoint. */
  sparql: string;
  /** Graph Store endpoint (digest authentication). */
  graphStore: string;
  user: string;
  password: string;
  isqlPort: number;
  /** A folder Virtuoso may read files from (DirsAllowed), for the bulk loader. */
  loadDir: string;
  pid: number;
  /** Runs SQL through isql-vt; returns its stdout (throws with stderr on failure). */
  isql(sql: string): string;
  /** Stops this Virtuoso (its pid only) and removes its folder; safe to call twice. */
  stop(): Promise<void>;
  /** Kills this Virtuoso with SIGKILL (a crash: no checkpoint), then starts it again on the same database and ports. */
  crashAndRestart(): Promise<void>;
}

function ini(dir: string, isqlPort: number, httpPort: number, loadDir: string, defaultGraph?: string): string {
  return `[Database]
DatabaseFile = ${dir}/db/virtuoso.db
ErrorLogFile = ${dir}/db/virtuoso.log
LockFile = ${dir}/db/virtuoso.lck
TransactionFile = ${dir}/db/virtuoso.trx
xa_persistent_file = ${dir}/db/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = ${dir}/db/virtuoso-temp.db
TransactionFile = ${dir}/db/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:${isqlPort}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., ${loadDir}
NumberOfBuffers = 170000
MaxDirtyBuffers = 130000
MaxQueryMem = 1G
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4
VADInstallDir = /usr/share/virtuoso-opensource-7/vad/

[HTTPServer]
ServerPort = 127.0.0.1:${httpPort}
ServerRoot = ${VSP}
MaxClientConnections = 10
DavRoot = DAV
EnabledDavVSP = 0
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
Charset = UTF-8
EnabledGzipContent = 0

[Client]
SQL_PREFETCH_ROWS = 100
SQL_PREFETCH_BYTES = 16000

[SPARQL]
; a publisher serving full exports raises Debian's 10,000-row cap; the saved export queries return more
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 120
${defaultGraph ? `; what /sparql queries when a request names no graph (else: every graph, Virtuoso's own included)\nDefaultGraph = ${defaultGraph}\n` : ''}`;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Starts a scratch Virtuoso and waits until its SPARQL endpoint and ISQL port answer (about 6 s). */
export async function startVirtuoso(opts: { timeoutMs?: number; defaultGraph?: string } = {}): Promise<Virtuoso> {
  const dir = mkdtempSync(join(tmpdir(), 'virtuoso-'));
  const loadDir = join(dir, 'load');
  mkdirSync(join(dir, 'db'));
  mkdirSync(loadDir);
  let child: ChildProcess | undefined;
  let exited = false;
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (child?.pid !== undefined && !exited) {
      const gone = new Promise<void>((r) => child!.once('exit', () => r()));
      child.kill('SIGTERM');
      const killed = await Promise.race([gone.then(() => true), sleep(15_000).then(() => false)]);
      if (!killed) {
        child.kill('SIGKILL');
        await Promise.race([gone, sleep(5_000)]);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const [isqlPort, httpPort] = [await freePort(), await freePort()];
    const iniFile = join(dir, 'virtuoso.ini');
    writeFileSync(iniFile, ini(dir, isqlPort, httpPort, loadDir, opts.defaultGraph));
    // -f: stay in the foreground, so that this pid is Virtuoso's own and stopping it stops the server
    const base = `http://127.0.0.1:${httpPort}`;
    const launch = async (): Promise<void> => {
      exited = false;
      child = spawn(VIRTUOSO_T, ['-f', '-c', iniFile], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => {
        stderr = (stderr + d.toString()).slice(-4000);
      });
      child.once('exit', () => {
        exited = true;
      });
      const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
      for (;;) {
        if (exited) throw new Error(`virtuoso-t exited during start-up: ${stderr}${logTail(dir)}`);
        if (Date.now() > deadline) throw new Error(`Virtuoso did not answer on ${base} in time: ${logTail(dir)}`);
        try {
          const r = await fetch(`${base}/sparql?query=${encodeURIComponent('ASK {}')}`, {
            signal: AbortSignal.timeout(2000),
          });
          if (r.ok) break;
        } catch {
          /* not listening yet */
        }
        await sleep(300);
      }
    };
    let password = 'dba'; // Virtuoso's default, replaced below
    const isql = (sql: string): string => {
      const r = spawnSync(
        ISQL,
        [`127.0.0.1:${isqlPort}`, 'dba', password, 'VERBOSE=OFF', 'BANNER=OFF', 'PROMPT=OFF', `EXEC=${sql}`],
        { encoding: 'utf8', timeout: 600_000 },
      );
      if (r.status !== 0 || /\*\*\* Error/.test(r.stdout + r.stderr))
        throw new Error(`isql-vt failed on ${sql}: ${r.stdout}${r.stderr}`);
      return r.stdout;
    };
    await launch();
    // (dba may write through the Graph Store and /sparql-auth as it is: no GRANT needed)
    // a password of its own, so that tests can check it is never printed
    const fresh = `pw-${randomBytes(8).toString('hex')}`;
    isql(`USER_SET_PASSWORD('dba', '${fresh}')`);
    password = fresh;
    const v: Virtuoso = {
      base,
      sparql: `${base}/sparql`,
      graphStore: `${base}/sparql-graph-crud-auth`,
      user: 'dba',
      password,
      isqlPort,
      loadDir,
      pid: child!.pid!,
      isql,
      stop,
      crashAndRestart: async () => {
        const gone = new Promise<void>((r) => {
          if (exited) r();
          else child!.once('exit', () => r());
        });
        child!.kill('SIGKILL');
        await gone;
        rmSync(join(dir, 'db/virtuoso.lck'), { force: true });
        await launch();
        v.pid = child!.pid!;
      },
    };
    return v;
  } catch (e) {
    await stop();
    throw e;
  }
}

function logTail(dir: string): string {
  try {
    return `\n${readFileSync(join(dir, 'db/virtuoso.log'), 'utf8').split('\n').slice(-15).join('\n')}`;
  } catch {
    return '';
  }
}

/** COUNT of the triples in `graph` through the SPARQL endpoint. */
export async function countGraph(v: Virtuoso, graph: string): Promise<number> {
  const q = `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph}> { ?s ?p ?o } }`;
  const r = await fetch(`${v.sparql}?query=${encodeURIComponent(q)}`, {
    headers: { accept: 'application/sparql-results+json' },
  });
  if (!r.ok) throw new Error(`COUNT failed: ${r.status} ${await r.text()}`);
  const j = (await r.json()) as { results: { bindings: { n: { value: string } }[] } };
  return Number(j.results.bindings[0]!.n.value);
}
