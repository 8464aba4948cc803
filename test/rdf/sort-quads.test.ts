// sortQuads (src/rdf/serialise/terms.ts) sorts each subject's quads among themselves after sorting the subjects:
// on random quads (duplicates, a blank node and an IRI of the same value, literals that differ by language or
// datatype, rdf:type first) it gives the same quads, in the same order, as one stable sort of all the quads by the
// three keys followed by dropping repeats, which is what every dump's bytes rest on.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Quad } from '@rdfjs/types';
import { rdf } from '../../src/rdf/graph.js';
import { sortQuads } from '../../src/rdf/serialise/terms.js';
import { RDF } from '../../src/rdf/vocab.js';

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The reference: the order before subjects were sorted apart. */
function oneSort(quads: readonly Quad[]): Quad[] {
  const keyed = quads.map((q) => ({
    q,
    s: q.subject.value,
    p: q.predicate.value === RDF.type ? '' : q.predicate.value,
    o:
      q.object.termType === 'Literal'
        ? `"${q.object.value}"${q.object.language ? `@${q.object.language}` : `^^${q.object.datatype.value}`}`
        : `<${q.object.value}>`,
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

const term = fc.constantFrom('a', 'b', 'c', 'a/1', 'Ж');
const quadArb = fc
  .tuple(
    fc.tuple(fc.boolean(), term),
    fc.constantFrom('http://ex/p', 'http://ex/q', RDF.type),
    fc.oneof(
      term.map((v) => rdf.namedNode(`http://ex/${v}`)),
      fc.tuple(term, fc.constantFrom('', 'en', 'ru')).map(([v, l]) => rdf.literal(v, l || undefined)),
      term.map((v) => rdf.literal(v, rdf.namedNode('http://www.w3.org/2001/XMLSchema#integer'))),
    ),
  )
  .map(([[blank, s], p, o]) =>
    rdf.quad(blank ? rdf.blankNode(`http://ex/${s}`) : rdf.namedNode(`http://ex/${s}`), rdf.namedNode(p), o),
  );

test('sortQuads equals one stable sort of all quads by subject, predicate and object, repeats dropped', () => {
  fc.assert(
    fc.property(fc.array(quadArb, { maxLength: 60 }), (quads) => {
      const got = sortQuads(quads);
      const want = oneSort(quads);
      assert.equal(got.length, want.length);
      // the very same quad objects: which of two repeats is kept matters to nothing but is kept as before
      got.forEach((q, i) => assert.equal(q, want[i]));
    }),
    { numRuns: 500, seed: 42 },
  );
});
