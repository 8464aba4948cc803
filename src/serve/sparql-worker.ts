// One SPARQL worker: holds an Oxigraph store of the site's N-Triples dump and answers one query at a time. The
// server runs queries here, not on its own thread, because Oxigraph's WASM evaluation cannot be interrupted: a
// query over its time limit is stopped by terminating this worker (the server then starts a fresh one).

import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import type { Quad } from '@rdfjs/types';
import { checkQueryShape } from './bounds.js';
import { queryForm, selectVariables, serialiseAsk, serialiseSelect, type Solution } from './results.js';

export interface WorkerJob {
  id: number;
  query: string;
  type: string;
  rowLimit: number;
  /** Skip the shape check (tests of the trap path only). */
  unbounded?: boolean;
}

export type WorkerReply =
  | { id: number; ok: true; body: string; rows: number; truncated: boolean }
  /** `refused`: the query was refused before the engine (syntax, bounds); `fatal`: the engine trapped and this
   * worker must be replaced (a trapped WebAssembly instance fails every later query too). */
  | { id: number; ok: false; error: string; refused?: boolean; update?: boolean; fatal?: boolean };

const { ntriples } = workerData as { ntriples: string };
const ox = (await import('oxigraph')).default;
const store = new ox.Store();
store.load(readFileSync(ntriples, 'utf8'), { format: 'application/n-triples' });
parentPort!.postMessage({ ready: true, triples: store.size });

parentPort!.on('message', (job: WorkerJob) => {
  const shape = job.unbounded ? { ok: true as const } : checkQueryShape(job.query);
  if (!shape.ok) {
    parentPort!.postMessage({ id: job.id, ok: false, error: shape.error.slice(0, 2000), refused: true, ...(shape.update ? { update: true } : {}) } satisfies WorkerReply);
    return;
  }
  try {
    const r = store.query(job.query);
    let reply: WorkerReply;
    if (typeof r === 'boolean') reply = { id: job.id, ok: true, body: serialiseAsk(r, job.type), rows: 1, truncated: false };
    else if (typeof r === 'string') throw new Error('unexpected serialised result');
    else {
      const form = queryForm(job.query);
      const truncated = r.length > job.rowLimit;
      const rows = truncated ? r.slice(0, job.rowLimit) : r;
      if (form === 'CONSTRUCT' || form === 'DESCRIBE') {
        const graph = new ox.Store(rows as Quad[] as never);
        reply = { id: job.id, ok: true, body: graph.dump({ format: job.type, from_graph_name: ox.defaultGraph() }), rows: rows.length, truncated };
      } else {
        let vars = selectVariables(job.query);
        if (!vars.length) vars = [...new Set((rows as Solution[]).flatMap((m) => [...m.keys()]))];
        reply = { id: job.id, ok: true, body: serialiseSelect(vars, rows as Solution[], job.type), rows: rows.length, truncated };
      }
    }
    parentPort!.postMessage(reply);
  } catch (e) {
    // a trap (WebAssembly.RuntimeError) or a stack overflow inside the engine: its state cannot be trusted any more
    const fatal = e instanceof WebAssembly.RuntimeError || e instanceof RangeError;
    parentPort!.postMessage({ id: job.id, ok: false, error: (e instanceof Error ? e.message : String(e)).slice(0, 2000), ...(fatal ? { fatal: true } : {}) } satisfies WorkerReply);
  }
});
