// One SPARQL worker: holds an Oxigraph store of the site's N-Triples dump and answers one query at a time. The
// server runs queries here, not on its own thread, because Oxigraph's WASM evaluation cannot be interrupted: a
// query over its time limit is stopped by terminating this worker (the server then starts a fresh one).

import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import type { Quad } from '@rdfjs/types';
import type { Term } from '@rdfjs/types';
import { resultsFormatOf, writeAsk, writeSelect, type Row } from '../query/results.js';
import { explicitProjection, inQueryOrder } from '../query/variables.js';
import { queryForm, selectVariables } from './results.js';

type Solution = Map<string, Term>;
import { checkQueryShape } from './bounds.js';

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
    parentPort!.postMessage({
      id: job.id,
      ok: false,
      error: shape.error.slice(0, 2000),
      refused: true,
      ...(shape.update ? { update: true } : {}),
    } satisfies WorkerReply);
    return;
  }
  try {
    const r = store.query(job.query);
    let reply: WorkerReply;
    if (typeof r === 'boolean')
      reply = {
        id: job.id,
        ok: true,
        body: writeAsk(r, resultsFormatOf(job.type) === 'xml' ? 'xml' : 'json'),
        rows: 1,
        truncated: false,
      };
    else if (typeof r === 'string') throw new Error('unexpected serialised result');
    else {
      const form = shape.parsed?.type === 'query' ? shape.parsed.queryType : queryForm(job.query);
      const truncated = r.length > job.rowLimit;
      const rows = truncated ? r.slice(0, job.rowLimit) : r;
      if (form === 'CONSTRUCT' || form === 'DESCRIBE') {
        const graph = new ox.Store(rows as Quad[] as never);
        reply = {
          id: job.id,
          ok: true,
          body: graph.dump({ format: job.type, from_graph_name: ox.defaultGraph() }),
          rows: rows.length,
          truncated,
        };
      } else {
        // the projection from the parse (sparqljs, query/variables.ts), as `query` reads it; the text's form otherwise
        let vars = (shape.parsed ? explicitProjection(shape.parsed) : selectVariables(job.query)) ?? [];
        // SELECT *: the variables in the order they first appear in the query, as `query` gives them
        if (!vars.length)
          vars = inQueryOrder([...new Set((rows as Solution[]).flatMap((m) => [...m.keys()]))], job.query);
        const format = resultsFormatOf(job.type);
        if (!format) throw new Error(`no results writer for ${job.type}`);
        const body = writeSelect(
          vars,
          (rows as Solution[]).map((m) => Object.fromEntries(m) as Row),
          format,
          { compact: true },
        );
        reply = { id: job.id, ok: true, body, rows: rows.length, truncated };
      }
    }
    parentPort!.postMessage(reply);
  } catch (e) {
    // a trap (WebAssembly.RuntimeError) or a stack overflow inside the engine: its state cannot be trusted any more
    const fatal = e instanceof WebAssembly.RuntimeError || e instanceof RangeError;
    parentPort!.postMessage({
      id: job.id,
      ok: false,
      error: (e instanceof Error ? e.message : String(e)).slice(0, 2000),
      ...(fatal ? { fatal: true } : {}),
    } satisfies WorkerReply);
  }
});
