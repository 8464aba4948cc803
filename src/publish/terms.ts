// Ordering of terms and quads, shared by every writer so that the same corpus gives byte-identical dumps.

import N3 from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { RDF } from '../rdf/vocab.js';

const lineWriter = new N3.Writer({ format: 'N-Triples' });

/** N-Triples form of a term (the sort key for objects). */
export function ntTerm(t: Term): string {
  return lineWriter.quadToString(t as N3.Quad_Subject, t as N3.Quad_Predicate, t as N3.Quad_Object).split(' ')[0]!;
}

export function ntQuad(q: Quad): string {
  return lineWriter.quadToString(q.subject as N3.Quad_Subject, q.predicate as N3.Quad_Predicate, q.object as N3.Quad_Object);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sorts quads by subject, then predicate (rdf:type first), then object; drops duplicates. */
export function sortQuads(quads: readonly Quad[]): Quad[] {
  const keyed = quads.map((q) => ({
    q,
    s: q.subject.value,
    p: q.predicate.value === RDF.type ? '' : q.predicate.value,
    o: q.object.termType === 'Literal' ? `"${q.object.value}"${q.object.language ? `@${q.object.language}` : `^^${q.object.datatype.value}`}` : `<${q.object.value}>`,
  }));
  keyed.sort((a, b) => cmp(a.s, b.s) || cmp(a.p, b.p) || cmp(a.o, b.o));
  const out: Quad[] = [];
  let prev: (typeof keyed)[number] | undefined;
  for (const k of keyed) {
    if (!prev || prev.s !== k.s || prev.p !== k.p || prev.o !== k.o) out.push(k.q);
    prev = k;
  }
  return out;
}
