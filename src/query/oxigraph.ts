// The independent engine (Oxigraph, a dev dependency) for tests and the benchmark: same data, same bound query
// text, results converted to the shapes Comunica gives, and a comparison of the two as multisets of rows.

import N3 from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import type { Store as OxStore } from 'oxigraph';
import { ntSyntax } from './format.js';
import type { QueryResult, Row } from './engine.js';

const { namedNode, blankNode, literal, quad } = N3.DataFactory;

function toN3(t: Term): Term {
  if (t.termType === 'NamedNode') return namedNode(t.value);
  if (t.termType === 'BlankNode') return blankNode(t.value);
  if (t.termType === 'Literal') return literal(t.value, t.language || namedNode(t.datatype.value));
  throw new Error(`unexpected ${t.termType} in an Oxigraph result`);
}

export async function oxigraphStore(ntriples: string): Promise<OxStore> {
  const ox = (await import('oxigraph')).default;
  const store = new ox.Store();
  store.load(ntriples, { format: 'application/n-triples' });
  return store;
}

/** Runs `sparql` on Oxigraph; `variables` come from the parsed query (Oxigraph gives none for zero rows). */
export function runOxigraph(store: OxStore, sparql: string, variables: string[]): QueryResult {
  const r = store.query(sparql);
  if (typeof r === 'boolean') return { kind: 'ask', value: r };
  if (typeof r === 'string') throw new Error('unexpected serialised result from Oxigraph');
  if (r.length && !(r[0] instanceof Map)) {
    return { kind: 'graph', quads: (r as Quad[]).map((q) => quad(toN3(q.subject) as N3.Quad_Subject, toN3(q.predicate) as N3.Quad_Predicate, toN3(q.object) as N3.Quad_Object)) };
  }
  const rows = (r as Map<string, Term>[]).map((m) => Object.fromEntries(variables.map((v) => [v, m.has(v) ? toN3(m.get(v)!) : undefined])) as Row);
  return { kind: 'select', variables, rows };
}

/** Canonical lines of a result, sorted: equal lists mean equal multisets of rows (or sets of triples). */
export function canonicalRows(result: QueryResult): string[] {
  if (result.kind === 'ask') return [String(result.value)];
  if (result.kind === 'graph') return [...new Set(result.quads.map((q) => `${ntSyntax(q.subject)} ${ntSyntax(q.predicate)} ${ntSyntax(q.object)}`))].sort();
  const vars = [...result.variables].sort();
  return result.rows.map((r) => vars.map((v) => `${v}=${r[v] ? ntSyntax(r[v]!) : ''}`).join('\t')).sort();
}

/** Names of the projected variables of a parsed SELECT (for `SELECT *`, those the rows bind). */
export function projectedVariables(parsed: object): string[] {
  return ((parsed as { variables?: unknown[] }).variables ?? []).flatMap((v) => {
    const t = v as { termType?: string; value?: string; variable?: { value: string } };
    if (t.termType === 'Variable') return [t.value!];
    if (t.variable) return [t.variable.value];
    return [];
  });
}
