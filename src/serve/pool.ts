// Runs SPARQL queries in worker threads (sparql-worker.ts), a few at a time, each under a time limit: a worker
// whose query runs over the limit is terminated and replaced, and the query answered as timed out; so is a worker
// whose engine trapped (its WebAssembly instance is corrupt: every later query would fail the same way). A new
// worker is started only once the old one has gone (two copies of the data at once is what made a burst of
// time-limited queries triple the server's memory), and at most `maxQueue` queries wait.

import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { distModule, workerExecArgv } from '../core/package.js';
import type { WorkerJob, WorkerReply } from './sparql-worker.js';

const WORKER = fileURLToPath(distModule('serve/sparql-worker.js'));

export type QueryOutcome =
  | { ok: true; body: string; rows: number; truncated: boolean }
  | { ok: false; error: string; refused?: boolean; update?: boolean; fatal?: boolean; busy?: boolean }
  | { ok: false; timeout: true };

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: boolean;
}

interface Pending {
  job: WorkerJob;
  resolve: (o: QueryOutcome) => void;
}

export class QueryPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;
  triples = 0;

  /** Workers started so far (the first `size` and every replacement): tests and the bench read it. */
  spawned = 0;

  constructor(
    private readonly ntriples: string,
    size: number,
    private readonly timeoutMs: number,
    private readonly maxQueue = size * 32,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  /** Resolves when every worker has loaded the data (rejects if one cannot). */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.ready));
  }

  private spawn(): Slot {
    this.spawned++;
    const worker = new Worker(WORKER, { workerData: { ntriples: this.ntriples }, execArgv: workerExecArgv() });
    const slot: Slot = { worker, busy: true, ready: Promise.resolve() };
    slot.ready = new Promise<void>((resolve, reject) => {
      const onReady = (m: { ready?: boolean; triples?: number }): void => {
        if (!m.ready) return;
        worker.off('message', onReady);
        worker.off('error', reject);
        this.triples = m.triples ?? 0;
        slot.busy = false;
        resolve();
        this.pump();
      };
      worker.on('message', onReady);
      worker.once('error', reject);
    });
    slot.ready.catch(() => undefined);
    return slot;
  }

  /** `bounds: false` skips the worker's shape check (only for the test of the trap path: the server never does). */
  run(query: string, type: string, rowLimit: number, opts: { bounds?: boolean } = {}): Promise<QueryOutcome> {
    if (this.closed) return Promise.resolve({ ok: false, error: 'the server is stopping' });
    if (this.queue.length >= this.maxQueue)
      return Promise.resolve({
        ok: false,
        error: `${this.queue.length} queries are waiting already; try again shortly`,
        busy: true,
      });
    return new Promise((resolve) => {
      this.queue.push({
        job: { id: this.nextId++, query, type, rowLimit, ...(opts.bounds === false ? { unbounded: true } : {}) },
        resolve,
      });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy || !this.queue.length || this.closed) continue;
      const p = this.queue.shift()!;
      slot.busy = true;
      const done = (o: QueryOutcome): void => {
        clearTimeout(timer);
        slot.worker.off('message', onMessage);
        slot.worker.off('error', onError);
        p.resolve(o);
      };
      const onMessage = (m: WorkerReply): void => {
        if (m.id !== p.job.id) return;
        if (!m.ok && m.fatal) {
          this.replace(slot);
          done({ ok: false, error: m.error, fatal: true });
          return;
        }
        slot.busy = false;
        done(
          m.ok
            ? { ok: true, body: m.body, rows: m.rows, truncated: m.truncated }
            : {
                ok: false,
                error: m.error,
                ...(m.refused ? { refused: true } : {}),
                ...(m.update ? { update: true } : {}),
              },
        );
        this.pump();
      };
      const onError = (e: Error): void => {
        this.replace(slot);
        done({ ok: false, error: `the query engine failed: ${e.message}` });
      };
      const timer = setTimeout(() => {
        // Oxigraph cannot be interrupted inside a query: the worker goes, a fresh one takes its place
        this.replace(slot);
        done({ ok: false, timeout: true });
      }, this.timeoutMs);
      slot.worker.on('message', onMessage);
      slot.worker.on('error', onError);
      slot.worker.postMessage(p.job);
    }
  }

  private replace(slot: Slot): void {
    slot.busy = true; // stays busy until its successor has loaded the data
    const gone = slot.worker.terminate();
    void gone
      .catch(() => undefined)
      .then(() => {
        if (this.closed) return;
        const i = this.slots.indexOf(slot);
        const fresh = this.spawn();
        if (i >= 0) this.slots[i] = fresh;
      });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.resolve({ ok: false, error: 'the server is stopping' });
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
