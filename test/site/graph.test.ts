// The site's graph (src/site/graph.ts) keeps literals with plain fields instead of N3's, which compute them from
// their id on every read: the values must be N3's own (its lower-cased language tags included), and the look-ups it
// keeps (class members, the sorted local subjects) must follow quads added later.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import N3 from 'n3';
import { SiteGraph } from '../../src/site/graph.js';
import { parseBaseIri } from '../../src/core/iri.js';
import { NS, RDF, SL } from '../../src/rdf/vocab.js';

const BASE = parseBaseIri('https://w3id.org/stalin-letters/');
const NT = `<${BASE}person/b> <${NS.rdfs}label> "Rykov"@ru-Latn .
<${BASE}person/b> <${NS.rdfs}label> "Рыков"@ru .
<${BASE}person/b> <${SL.position}> "8"^^<${NS.xsd}integer> .
<${BASE}person/b> <${NS.skos}note> "a \\"quoted\\"\\nline" .
<${BASE}person/b> <${RDF.type}> <${SL.Person}> .
<${BASE}letter/a> <${RDF.type}> <${SL.Letter}> .
`;

test('literals read as N3 reads them: value, language (lower-cased), datatype, and equal terms', () => {
  const g = new SiteGraph(BASE);
  g.load(NT, 'N-Triples');
  const n3 = new N3.Parser({ format: 'N-Triples' }).parse(NT);
  const ours = g.quads(`${BASE}person/b`);
  assert.equal(ours.length, 5);
  for (const [i, q] of ours.entries()) {
    const o = n3[i]!.object;
    assert.equal(q.object.termType, o.termType);
    assert.equal(q.object.value, o.value);
    if (o.termType === 'Literal' && q.object.termType === 'Literal') {
      assert.equal(q.object.language, o.language);
      assert.equal(q.object.datatype.value, o.datatype.value);
      const dir = (t: unknown): string => (t as { direction?: string }).direction ?? '';
      assert.equal(dir(q.object), dir(o));
    }
    assert.ok(q.object.equals(o) && o.equals(q.object), `${o.value} equals N3's term`);
  }
  assert.equal(g.value(`${BASE}person/b`, `${NS.rdfs}label`), 'Rykov');
  assert.equal((ours[0]!.object as N3.Literal).language, 'ru-latn');
});

test('class members and the sorted local subjects follow quads added later', () => {
  const g = new SiteGraph(BASE);
  g.load(NT, 'N-Triples');
  assert.ok(g.is(`${BASE}person/b`, SL.Person));
  assert.ok(!g.is(`${BASE}letter/a`, SL.Person));
  assert.deepEqual(g.localSubjects(), [`${BASE}letter/a`, `${BASE}person/b`]);
  const { quad, namedNode } = N3.DataFactory;
  g.add(quad(namedNode(`${BASE}letter/0`), namedNode(RDF.type), namedNode(SL.Person)));
  assert.ok(g.is(`${BASE}letter/0`, SL.Person));
  assert.deepEqual(g.localSubjects(), [`${BASE}letter/0`, `${BASE}letter/a`, `${BASE}person/b`]);
  g.localSubjects().pop();
  assert.equal(g.localSubjects().length, 3, 'a caller changing the list changes no other');
});
