// Where the figures' inputs come from: the saved SPARQL queries (queries/*.rq) over the built N-Triples dump.
// This is the one place that picks the engine (Oxigraph in memory: the figures' ≤ 2 s budget leaves no room for
// Comunica's start-up); swapping engines means changing only `openQueries`.
//
// Only the triples whose predicate one of the queries names are loaded (the letters' full texts, source
// positions and selectors are most of the dump and no figure asks for them). A query pattern with a variable
// predicate would need every triple, and then every triple is loaded. The tests compare the inputs with the
// same queries run by Comunica over the whole dump.

import { prepareQuery, type PreparedQuery } from '../query/run.js';
import { preferBaselineCompiler } from '../query/local.js';
import { oxigraphStore, projectedVariables, runOxigraph } from '../query/oxigraph.js';

/** A result row as plain strings: IRIs and literal values, absent when unbound. */
export type FigureRow = Record<string, string | undefined>;

/** Runs one of the opened saved queries by name with its default parameters. */
export type FigureQueries = (name: string) => FigureRow[];

export interface QuerySourceOptions {
  base: string;
  /** Folder of saved queries; the shipped queries/ by default. */
  queriesDir?: string;
  /** The process draws once and exits (`build` or `figures` from a shell): see preferBaselineCompiler. */
  oneShot?: boolean;
}

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

/** Predicates a parsed query can match (`undefined`: any, when some pattern has a variable predicate). */
export function predicatesOf(parsed: unknown): Set<string> | undefined {
  const found = new Set<string>([RDF_TYPE]);
  let any = false;
  const path = (p: unknown): void => {
    const t = p as { termType?: string; value?: string; type?: string; items?: unknown[] };
    if (t.termType === 'NamedNode') found.add(t.value!);
    else if (t.type === 'path') t.items!.forEach(path);
    else any = true;
  };
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if ('subject' in o && 'predicate' in o && 'object' in o) path(o.predicate);
      for (const v of Object.values(o)) walk(v);
    }
  };
  walk(parsed);
  return any ? undefined : found;
}

const PREDICATE = /^(?:<[^>]*>|_:\S+) <([^>]*)>/;

/** The lines of an N-Triples text whose predicate is in `keep`. */
export function keepPredicates(ntriples: string, keep: Set<string>): string {
  return ntriples.split('\n').filter((line) => {
    const m = PREDICATE.exec(line);
    return m !== null && keep.has(m[1]!);
  }).join('\n');
}

/** Prepares the saved queries `names` (default parameters) and loads what they need from the dump. */
export async function openQueries(ntriples: string, names: readonly string[], o: QuerySourceOptions): Promise<FigureQueries> {
  const prepared = new Map<string, PreparedQuery>(names.map((name) => [name, prepareQuery({
    name, params: [], base: o.base, cwd: process.cwd(), ...(o.queriesDir ? { queriesDir: o.queriesDir } : {}),
  })]));
  const needed = [...prepared.values()].map((p) => predicatesOf(p.query.parsed));
  const keep = needed.some((s) => s === undefined) ? undefined : new Set(needed.flatMap((s) => [...s!]));
  const text = keep ? keepPredicates(ntriples, keep) : ntriples;
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
