// The precheck (src/validate/precheck.ts) lets the engine skip only nodes it would find conforming: for every
// constraint component it follows, on generated values of every kind (valid and ill-formed literals of each
// datatype, language tags, IRIs, blank nodes), a PASS is a node the engine reports nothing on and a FAIL one it
// reports something on; the validator's results equal shacl-engine's alone, also for shapes the precheck declines
// (unknown components, severities, deactivated shapes, paths it does not follow, targets it cannot list), and on
// the shipped graph every target passes, which is where the time goes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import { Validator } from 'shacl-engine';
import { Parser } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { rdf, DEFAULT_BASE_IRI } from '../../src/rdf/graph.js';
import { loadDataset } from '../../src/pipeline/build.js';
import { toGraph } from '../../src/rdf/map.js';
import { ShaclValidator, QuadIndex, loadShapes } from '../../src/validate/index.js';
import { FAIL, PASS, Precheck, UNKNOWN } from '../../src/validate/precheck.js';
import { CORPUS, ROOT } from '../helpers.js';

const PREFIXES = `@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n`;
const parse = (ttl: string): Quad[] => new Parser().parse(PREFIXES + ttl);
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const EX = 'http://example.org/';
const key = (vs: unknown[]): string[] => vs.map((v) => JSON.stringify(v));

/** Values of every kind a property can hold, ill-formed ones included. */
const valueArb: fc.Arbitrary<Term> = fc.oneof(
  fc
    .constantFrom('0', '1', '-5', '+7', '12x', '', ' 3', '1.5', 'abc', '007')
    .map((v) => rdf.literal(v, rdf.namedNode(`${XSD}integer`))),
  fc
    .constantFrom('1930-09-01', '1930-02-29', '1932-02-29', '1930-13-01', '1930-9-1', '1930-09-01Z', 'x')
    .map((v) => rdf.literal(v, rdf.namedNode(`${XSD}date`))),
  fc.constantFrom('1930', '930', '-0044', 'x').map((v) => rdf.literal(v, rdf.namedNode(`${XSD}gYear`))),
  fc.constantFrom('true', 'false', '1', '0', 'TRUE', 'yes').map((v) => rdf.literal(v, rdf.namedNode(`${XSD}boolean`))),
  fc.constantFrom('Q42', 'Q0', 'q1', 'abc-1', 'Abc', '').map((v) => rdf.literal(v)),
  fc
    .tuple(fc.constantFrom('Пятаков', 'Pyatakov', 'x'), fc.constantFrom('en', 'ru', 'ru-Latn', 'de'))
    .map(([v, l]) => rdf.literal(v, l)),
  fc.constantFrom('a', 'b', 'c', 'Q5').map((v) => rdf.namedNode(EX + v)),
  fc.constantFrom('b1', 'Q7').map((v) => rdf.blankNode(v)),
);

/** One property shape per component (and a few combinations), each on its own predicate. */
const PROPERTIES = [
  '[ sh:path ex:int ; sh:datatype xsd:integer ; sh:maxCount 2 ]',
  '[ sh:path ex:date ; sh:datatype xsd:date ]',
  '[ sh:path ex:year ; sh:datatype xsd:gYear ; sh:minInclusive 1930 ]',
  '[ sh:path ex:bool ; sh:datatype xsd:boolean ]',
  '[ sh:path ex:lang ; sh:datatype rdf:langString ; sh:languageIn ( "ru" ) ]',
  '[ sh:path ex:lang2 ; sh:languageIn ( "ru" "en-GB" ) ]',
  '[ sh:path ex:str ; sh:datatype xsd:string ; sh:pattern "^Q[1-9][0-9]*$" ]',
  '[ sh:path ex:flags ; sh:pattern "^abc" ; sh:flags "i" ]',
  '[ sh:path ex:cls ; sh:class ex:Class1 ]',
  '[ sh:path ex:or ; sh:or ( [ sh:class ex:Class1 ] [ sh:class ex:Class2 ] [ sh:datatype xsd:integer ] ) ]',
  '[ sh:path ex:xone ; sh:xone ( [ sh:nodeKind sh:IRI ] [ sh:datatype xsd:integer ] [ sh:in ( ex:a "1" ) ] ) ]',
  '[ sh:path ex:or2 ; sh:or ( [ sh:maxLength 1 ] [ sh:class ex:Class2 ] ) ]',
  '[ sh:path ex:not ; sh:not [ sh:nodeKind sh:BlankNode ] ]',
  '[ sh:path ex:and ; sh:and ( [ sh:nodeKind sh:IRIOrLiteral ] [ sh:maxExclusive 5 ] ) ]',
  '[ sh:path ex:in ; sh:in ( ex:a ex:b "Q42" ) ]',
  '[ sh:path ex:kind ; sh:nodeKind sh:IRI ; sh:minCount 1 ]',
  '[ sh:path ex:has ; sh:hasValue ex:a ]',
  '[ sh:path ex:lo ; sh:lessThan ex:hi ]',
  '[ sh:path ex:lo2 ; sh:lessThanOrEquals ex:hi ]',
  '[ sh:path ex:range ; sh:minExclusive 0 ; sh:maxInclusive 10 ]',
  '[ sh:path ( ex:link ex:int ) ; sh:maxCount 1 ; sh:datatype xsd:integer ]',
  '[ sh:path ex:nested ; sh:node [ sh:property [ sh:path ex:int ; sh:minCount 1 ] ] ]',
  '[ sh:path ex:warn ; sh:severity sh:Warning ; sh:maxCount 0 ]',
  '[ sh:path ex:off ; sh:deactivated true ; sh:maxCount 0 ]',
  '[ sh:path ex:len ; sh:maxLength 2 ]',
  '[ sh:path [ sh:inversePath ex:int ] ; sh:maxCount 0 ]',
];
/** Each property shape as its own root (so that each verdict is about one component), all of them in one node shape
 * with a node-level sh:xone, and the targets of every kind. */
const SHAPES = `
ex:Sub1 rdfs:subClassOf ex:Class1 .
${PROPERTIES.map((p, i) => `ex:P${i} sh:targetClass ex:Thing ; sh:property ${p} .`).join('\n')}
ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property ${PROPERTIES.join(' , ')} ;
  sh:xone ( [ sh:path ex:has ; sh:minCount 1 ] [ sh:path ex:kind ; sh:hasValue ex:b ] ) .
ex:X sh:targetClass ex:Thing ; sh:xone ( [ sh:path ex:has ; sh:minCount 1 ] [ sh:path ex:kind ; sh:hasValue ex:b ] ) .
ex:Objects sh:targetObjectsOf ex:link ; sh:property [ sh:path ex:int ; sh:minCount 1 ] .
ex:Subjects sh:targetSubjectsOf ex:lo ; sh:property [ sh:path ex:hi ; sh:minCount 1 ] .
ex:Nodes sh:targetNode ex:a, ex:zz ; sh:property [ sh:path ex:int ; sh:minCount 1 ] .
ex:Implicit a sh:NodeShape ; sh:property [ sh:path ex:int ; sh:minCount 1 ] .
ex:Declined sh:targetClass ex:Thing ; sh:property [ sh:path ex:len ; sh:maxLength 2 ] .
ex:Super sh:targetClass ex:Class1 ; sh:property [ sh:path ex:int ; sh:maxCount 0 ] .
`;
const PREDICATES = [
  'int',
  'date',
  'year',
  'bool',
  'lang',
  'lang2',
  'str',
  'flags',
  'cls',
  'or',
  'or2',
  'xone',
  'not',
  'and',
  'in',
  'kind',
  'has',
  'lo',
  'lo2',
  'hi',
  'range',
  'link',
  'nested',
  'warn',
  'off',
  'len',
];
const SHAPES_QUADS = parse(SHAPES);
const validator = new ShaclValidator(new QuadIndex(SHAPES_QUADS) as never);
const precheck = new Precheck(new QuadIndex(SHAPES_QUADS) as never);
const engine = new Validator(new QuadIndex(SHAPES_QUADS) as never, { factory: rdf });

/** A graph of a few things, each with generated values on generated predicates, and the fixed class nodes. */
const graphArb = fc
  .array(fc.tuple(fc.constantFrom('t1', 't2', 'a', 'A'), fc.constantFrom(...PREDICATES), valueArb), { maxLength: 14 })
  .chain((triples) =>
    // small integers on the pair predicates, so that equal values (the edge of sh:lessThan) are common
    fc
      .array(fc.tuple(fc.constantFrom('lo', 'lo2', 'hi'), fc.integer({ min: 0, max: 2 })), { maxLength: 4 })
      .map((pairs) => [
        ...triples,
        ...pairs.map(
          ([p, n]) => ['t1', p, rdf.literal(String(n), rdf.namedNode(`${XSD}integer`))] as [string, string, Term],
        ),
      ]),
  )
  .map((triples) => [
    ...parse(
      'ex:t1 a ex:Thing . ex:t2 a ex:Thing, ex:Class1 . ex:A a ex:Class1 . ex:B a ex:Class2 . ex:C a ex:Sub1 . ex:x a ex:Implicit .',
    ),
    ...triples.map(([s, p, o]) => rdf.quad(rdf.namedNode(EX + s), rdf.namedNode(EX + p), o as never)),
  ]);

test('on generated graphs, the validator with the precheck reports exactly what shacl-engine alone reports', async () => {
  await fc.assert(
    fc.asyncProperty(graphArb, async (quads) => {
      assert.deepEqual(key(await validator.validate(quads)), key(await validator.validateWithEngineOnly(quads)));
    }),
    { numRuns: 300, seed: 20261205 },
  );
});

test('each verdict agrees with the engine: PASS where it reports nothing, FAIL where it reports something', async () => {
  const counts = { [PASS]: 0, [FAIL]: 0, [UNKNOWN]: 0 };
  await fc.assert(
    fc.asyncProperty(graphArb, async (quads) => {
      const data = new QuadIndex(quads);
      for (const root of precheck.roots) {
        for (const node of root.targets(data) ?? []) {
          const verdict = root.check(node, data);
          counts[verdict]++;
          // the engine on this node and shape alone (nested shapes report under their own, often blank, names)
          const report = await engine.validate({ dataset: data as never, terms: [node] }, [{ terms: [root.shape] }]);
          const where = `${root.shape.value} on ${node.value}`;
          if (verdict === PASS) assert.ok(report.conforms, `${where}: PASS but the engine reports`);
          if (verdict === FAIL) assert.ok(!report.conforms, `${where}: FAIL but the engine reports nothing`);
        }
      }
    }),
    { numRuns: 200, seed: 5 },
  );
  // the property is not vacuous: every verdict occurs
  assert.ok(counts[PASS] > 50 && counts[FAIL] > 50 && counts[UNKNOWN] > 50, JSON.stringify(counts));
});

test('shapes the precheck does not follow are UNKNOWN, and their targets go to the engine', () => {
  const data = new QuadIndex(parse('ex:t1 a ex:Thing ; ex:int 1 ; ex:kind ex:a ; ex:has ex:a .'));
  const root = (iri: string) => precheck.roots.find((r) => r.shape.value === EX + iri)!;
  // ex:S holds a sh:maxLength, a severity, a deactivated shape and an inverse path: never proven conforming
  assert.equal(root('S').check(rdf.namedNode(`${EX}t1`), data), UNKNOWN);
  // the engine's targets: sh:targetObjectsOf, sh:targetNode (also absent nodes), and a node shape's own class
  assert.deepEqual(
    root('Nodes')
      .targets(data)
      ?.map((t) => t.value),
    [`${EX}a`, `${EX}zz`],
  );
  const withImplicit = new QuadIndex(parse('ex:x a ex:Implicit . ex:c a ex:Sub1 .'));
  assert.deepEqual(
    root('Implicit')
      .targets(withImplicit)
      ?.map((t) => t.value),
    [`${EX}x`],
  );
  // subclasses are read in the shapes graph, as the engine reads them
  assert.deepEqual(
    root('Super')
      .targets(withImplicit)
      ?.map((t) => t.value),
    [`${EX}c`],
  );
});

test('on the shipped graph every target of every shape passes the precheck: the engine runs on no node', () => {
  const { dataset } = loadDataset(CORPUS);
  const data = new QuadIndex(toGraph(dataset!, DEFAULT_BASE_IRI).quads);
  const shipped = new Precheck(loadShapes(join(ROOT, 'ontology/shapes.ttl')));
  let targets = 0;
  for (const root of shipped.roots) {
    const nodes = root.targets(data);
    assert.ok(nodes, `${root.shape.value}: targets listed`);
    for (const n of nodes) {
      targets++;
      assert.equal(root.check(n, data), PASS, `${root.shape.value} on ${n.value}`);
    }
  }
  assert.ok(targets > 1000, `${targets} targets`);
});
