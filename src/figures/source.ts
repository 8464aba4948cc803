// Where the figures' inputs come from: the saved SPARQL queries (queries/*.rq) over the built N-Triples dump.
// This is the one place that picks the engine (Oxigraph in memory: the figures' ≤ 2 s budget leaves no room for
// Comunica's start-up); swapping engines means changing only `openQueries`.
//
// Only the triples one of the queries can match are loaded (query/footprint.ts, the same selection `query` makes:
// the letters' full texts, source positions and selectors are most of the dump and no figure asks for them). A
// query that may read any triple loads every triple. The tests compare the inputs with the same queries run by
// Comunica over the whole dump.

import { footprint, selectLines, unionFootprint, type Footprint } from '../query/footprint.js';
import { prepareQuery, type PreparedQuery } from '../query/run.js';
import { preferBaselineCompiler } from '../query/local.js';
import { oxigraphStore, projectedVariables, runOxigraph } from '../query/oxigraph.js';
import type { BaseIri } from '../core/iri.js';

/** A result row as plain strings: IRIs and literal values, absent when unbound. */
export type FigureRow = Record<string, string | undefined>;

/** Runs one of the opened saved queries by name with its default parameters. */
export type FigureQueries = (name: string) => FigureRow[];

export interface QuerySourceOptions {
  base: BaseIri;
  /** Folder of saved queries; the shipped queries/ by default. */
  queriesDir?: string;
  /** The process draws once and exits (`build` or `figures` from a shell): see preferBaselineCompiler. */
  oneShot?: boolean;
}

/** The saved queries prepared (default parameters) and the lines of the dump they can match: all the figures'
 * input is a function of these (the figure cache's key of the whole set, cache.ts). */
export interface PreparedFigureQueries {
  prepared: Map<string, PreparedQuery>;
  /** The lines of the dump the queries can match (the whole dump if one may match any). */
  text: string;
}

/** Prepares the saved queries `names` (default parameters) and loads what they need from the dump. */
export async function openQueries(
  ntriples: string,
  names: readonly string[],
  o: QuerySourceOptions,
): Promise<FigureQueries> {
  return openPrepared(prepareFigureQueries(ntriples, names, o), o);
}

export function prepareFigureQueries(
  ntriples: string,
  names: readonly string[],
  o: QuerySourceOptions,
): PreparedFigureQueries {
  const prepared = new Map<string, PreparedQuery>(
    names.map((name) => [
      name,
      prepareQuery({
        name,
        params: [],
        base: o.base,
        cwd: process.cwd(),
        ...(o.queriesDir ? { queriesDir: o.queriesDir } : {}),
      }),
    ]),
  );
  const needed = [...prepared.values()].map((p) => footprint(p.query.parsed));
  const fp = needed.some((f) => f === undefined) ? undefined : unionFootprint(needed as Footprint[]);
  const text = fp ? selectLines(Buffer.from(ntriples, 'utf8'), fp).toString('utf8') : ntriples;
  return { prepared, text };
}

/** Loads the prepared queries' lines into Oxigraph; each query then runs by name. */
export async function openPrepared(
  { prepared, text }: PreparedFigureQueries,
  o: QuerySourceOptions,
): Promise<FigureQueries> {
  if (o.oneShot) preferBaselineCompiler(Buffer.byteLength(text));
  const store = await oxigraphStore(text);
  return (name) => {
    const p = prepared.get(name);
    if (!p) throw new Error(`query ${name} was not opened for the figures`);
    const result = runOxigraph(store, p.sparql, projectedVariables(p.query.parsed));
    if (result.kind !== 'select') throw new Error(`query ${name} is not a SELECT query`);
    return result.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, t]) => [k, t?.value])));
  };
}
