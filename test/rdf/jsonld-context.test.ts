// The JSON-LD context of a document depends only on its predicates and the kind of value each takes; the site writes
// thousands of small documents, so equal contexts are built (and their text written) once and shared. A context must
// still follow every kind: an IRI, a datatype, a language (even one named "id"), plain strings, a mix.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import N3 from 'n3';
import { buildContext, toJsonLd } from '../../src/rdf/serialise/jsonld.js';
import { sortQuads } from '../../src/rdf/serialise/terms.js';
import { parseBaseIri } from '../../src/core/iri.js';
import { NS } from '../../src/rdf/vocab.js';

const BASE = parseBaseIri('https://w3id.org/stalin-letters/');
const { quad, namedNode, literal } = N3.DataFactory;
const s = (n: string) => namedNode(`${BASE}${n}`);
const p = (n: string) => namedNode(`${NS.sl}${n}`);
const doc = (...objects: N3.Quad_Object[]) => sortQuads(objects.map((o, i) => quad(s(`thing/${i}`), p('value'), o)));
const coercion = (quads: ReturnType<typeof doc>) =>
  (buildContext(quads, BASE)['@context'] as Record<string, unknown>).value as Record<string, string> | undefined;

test('documents with the same predicates and kinds share one context; another kind gets its own', () => {
  const a = sortQuads([quad(s('a'), p('name'), literal('A', 'en')), quad(s('a'), p('about'), s('b'))]);
  const b = sortQuads([quad(s('c'), p('about'), s('d')), quad(s('c'), p('name'), literal('C', 'en'))]);
  assert.equal(buildContext(a, BASE), buildContext(b, BASE));
  const c = sortQuads([quad(s('a'), p('name'), literal('A', 'ru')), quad(s('a'), p('about'), s('b'))]);
  assert.notEqual(buildContext(a, BASE), buildContext(c, BASE));
  assert.notEqual(buildContext(a, BASE), buildContext(a, parseBaseIri('https://example.org/x/')));
});

test('each kind of value gives its coercion, and a mix none', () => {
  const xsd = NS.xsd;
  assert.deepEqual(coercion(doc(s('x'))), { '@id': 'sl:value', '@type': '@id' });
  assert.deepEqual(coercion(doc(literal('x', 'id'))), { '@id': 'sl:value', '@language': 'id' });
  assert.deepEqual(coercion(doc(literal('8', namedNode(`${xsd}integer`)))), {
    '@id': 'sl:value',
    '@type': 'xsd:integer',
  });
  assert.deepEqual(coercion(doc(literal('x'))), { '@id': 'sl:value' });
  assert.deepEqual(coercion(doc(literal('x', 'en'), literal('y', 'ru'))), { '@id': 'sl:value' });
  assert.deepEqual(coercion(doc(s('x'), literal('x', 'id'))), { '@id': 'sl:value' });
  assert.deepEqual(coercion(doc(literal('8', namedNode(`${xsd}integer`)), literal('8'))), { '@id': 'sl:value' });
});

test('a shared context writes the same document as a context of its own', () => {
  const quads = doc(s('x'), literal('Рыков', 'ru'), literal('60', namedNode(`${NS.xsd}integer`)));
  const shared = buildContext(quads, BASE);
  const own = structuredClone(shared);
  assert.equal(toJsonLd(quads, shared, BASE), toJsonLd(quads, own, BASE));
  assert.equal(toJsonLd(quads, shared, BASE), toJsonLd(quads, buildContext(quads, BASE), BASE));
  assert.match(toJsonLd(quads, own, BASE), /^\{\n"@context": \{\n "sld": "https:\/\/w3id.org\/stalin-letters\/"/);
});
