// Helpers for comparing the two engines (tests, benchmark): an Oxigraph store from N-Triples text, and results
// reduced to canonical lines so that two engines agree when they give the same multiset of rows.

import type { Store as OxStore } from 'oxigraph';
import type sparqljs from 'sparqljs';
import { ntSyntax } from './results.js';
import type { QueryResult } from './results.js';
import { explicitProjection } from './variables.js';

import { oxigraphModule } from './local.js';

export { runOxigraph } from './local.js';

/** A store holding the texts (N-Triples unless a media type is given). */
export async function oxigraphStore(...texts: (string | { text: string; format: string })[]): Promise<OxStore> {
  const { Store } = await oxigraphModule();
  const store = new Store();
  for (const t of texts) {
    const { text, format } = typeof t === 'string' ? { text: t, format: 'application/n-triples' } : t;
    store.load(text, { format });
  }
  return store;
}

/** Canonical lines of a result, sorted: equal lists mean equal multisets of rows (or sets of triples). */
export function canonicalRows(result: QueryResult): string[] {
  if (result.kind === 'ask') return [String(result.value)];
  if (result.kind === 'graph')
    return [
      ...new Set(result.quads.map((q) => `${ntSyntax(q.subject)} ${ntSyntax(q.predicate)} ${ntSyntax(q.object)}`)),
    ].sort();
  const vars = [...result.variables].sort();
  return result.rows.map((r) => vars.map((v) => `${v}=${r[v] ? ntSyntax(r[v]!) : ''}`).join('\t')).sort();
}

/** Names of the projected variables of a parsed SELECT ([] for `SELECT *` and other forms). */
export const projectedVariables = (parsed: sparqljs.SparqlQuery): string[] => explicitProjection(parsed) ?? [];
