// The read-only index that SHACL validation reads the data graph through (src/validate/quad-index.ts) must answer
// every pattern exactly as a reference RDF/JS dataset (N3's Store) does: random graphs over a small pool of terms
// (IRIs, blank nodes, literals that differ only by language or datatype, named graphs, duplicates), random patterns.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DataFactory as F, Store } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { QuadIndex } from '../../src/validate/quad-index.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20240605);

const iris = ['https://e.org/a', 'https://e.org/b', 'https://e.org/c', 'https://e.org/p', 'https://e.org/q'].map((v) =>
  F.namedNode(v),
);
const blanks = [F.blankNode('x'), F.blankNode('https://e.org/a')];
const literals = [
  F.literal('a'),
  F.literal('https://e.org/a'),
  F.literal('a', 'en'),
  F.literal('a', 'ru'),
  F.literal('1', F.namedNode('http://www.w3.org/2001/XMLSchema#integer')),
  F.literal('1'),
];
const graphs = [F.defaultGraph(), F.namedNode('https://e.org/g')];
const nodes = [...iris, ...blanks];

const quadArb = fc
  .record({
    s: fc.constantFrom(...nodes),
    p: fc.constantFrom(...iris),
    o: fc.constantFrom(...nodes, ...literals),
    g: fc.constantFrom(...graphs),
  })
  .map(({ s, p, o, g }) => F.quad(s as never, p, o as never, g as never) as Quad);
const slot = (pool: Term[]) => fc.option(fc.constantFrom(...pool), { nil: null });
const patternArb = fc.tuple(
  slot([...nodes, literals[0]!]),
  slot([...iris, literals[0]!]),
  slot([...nodes, ...literals]),
  slot(graphs),
);

const key = (q: Quad): string =>
  `${q.subject.termType}:${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}@${(q.object as { language?: string }).language ?? ''}^^${(q.object as { datatype?: Term }).datatype?.value ?? ''} ${q.graph.value}`;
const keys = (qs: Iterable<Quad>): string[] => [...qs].map(key).sort();

test('QuadIndex.match agrees with an N3 Store on every pattern', () => {
  fc.assert(
    fc.property(
      fc.array(quadArb, { maxLength: 60 }),
      fc.array(patternArb, { minLength: 1, maxLength: 20 }),
      (quads, patterns) => {
        const index = new QuadIndex(quads);
        const store = new Store(quads);
        assert.equal(index.size, store.size);
        assert.deepEqual(keys(index), keys(store), 'iterating gives every quad once');
        for (const [s, p, o, g] of patterns) {
          const got = index.find(s, p, o, g);
          assert.deepEqual(
            keys(got),
            keys(store.match(s as never, p as never, o as never, g as never)),
            `pattern ${[s, p, o, g].map((t) => t?.value ?? '*').join(' ')}`,
          );
          assert.equal(got.size, got.length, 'a match answers size as the engine reads it');
        }
        for (const q of quads) assert.ok(index.has(q));
      },
    ),
    { seed: SEED, numRuns: 300 },
  );
});

test('QuadIndex agrees with an N3 Store on hubs (long lists of one subject and predicate)', () => {
  const objects = [...Array.from({ length: 40 }, (_, i) => F.namedNode(`https://e.org/o${i}`)), ...literals];
  const hubQuad = fc
    .record({ p: fc.constantFrom(iris[3]!, iris[4]!), o: fc.constantFrom(...objects), g: fc.constantFrom(...graphs) })
    .map(({ p, o, g }) => F.quad(iris[0]!, p, o as never, g as never) as Quad);
  fc.assert(
    fc.property(fc.array(hubQuad, { minLength: 40, maxLength: 200 }), (quads) => {
      const index = new QuadIndex(quads);
      const store = new Store(quads);
      assert.equal(index.size, store.size);
      for (const p of [iris[3]!, iris[4]!])
        assert.deepEqual(keys(index.find(iris[0]!, p)), keys(store.match(iris[0]!, p)));
    }),
    { seed: SEED, numRuns: 100 },
  );
});

test('QuadIndex: a match is a stored list, not a copy, and answers size', () => {
  const [a, p, b] = [iris[0]!, iris[3]!, iris[1]!];
  const index = new QuadIndex([F.quad(a, p, b), F.quad(a, p, literals[0]!), F.quad(a, p, b)]);
  assert.equal(index.size, 2, 'duplicates are dropped');
  assert.equal(index.find(a, p), index.find(a, p), 'the same list both times');
  assert.equal(index.find(a, p).size, 2);
  assert.equal(index.find(b).size, 0);
  assert.equal(index.find(null, null, literals[2]!).size, 0, 'a literal with a language is another term');
  assert.throws(() => (index.find(a, p) as unknown as Quad[]).push(F.quad(a, p, a)), TypeError, 'the lists are frozen');
});

test('QuadIndex: a hub (one subject, one predicate, many objects) drops its duplicates too', () => {
  const [hub, p] = [iris[0]!, iris[3]!];
  const objects = Array.from({ length: 200 }, (_, i) => F.namedNode(`https://e.org/o${i % 150}`));
  const index = new QuadIndex(objects.map((o) => F.quad(hub, p, o)));
  assert.equal(index.size, 150);
  assert.equal(index.find(hub, p).size, 150);
  assert.ok(index.has(F.quad(hub, p, F.namedNode('https://e.org/o149'))));
  assert.ok(!index.has(F.quad(hub, p, F.namedNode('https://e.org/o150'))));
});
