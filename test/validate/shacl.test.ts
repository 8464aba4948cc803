// The SHACL shapes (ontology/shapes.ttl): a small valid graph conforms, and breaking it once per constraint makes
// exactly the intended shape fire — every named shape at least once, checked by sh:sourceShape, not by message.
// The same broken graph is checked by a second engine (rdf-validate-shacl) on the core constraints, and the
// violations are traced back to corpus files and lines.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import SHACLValidator from 'rdf-validate-shacl';
import { rdf, GraphBuilder, DEFAULT_BASE_IRI } from '../../src/rdf/graph.js';
import { shaclStep } from '../../src/pipeline/build.js';
import type { Dataset } from '../../src/model/types.js';
import { CHANGE_TYPES, NS, PROPOSAL_OUTCOMES } from '../../src/rdf/vocab.js';
import {
  ShaclValidator,
  SourceFinder,
  loadShapes,
  toProblems,
  violationsOf,
  SH,
  SHAPES_NS,
  type ShaclProblem,
  type Violation,
} from '../../src/validate/index.js';
import { captureIo, FIXTURES, ROOT } from '../helpers.js';
import { main } from '../../src/cli/main.js';

const SHAPES_FILE = join(ROOT, 'ontology/shapes.ttl');
const BASE_FILE = join(FIXTURES, 'invalid/shacl-mutations/base.ttl');
const shapes = loadShapes(SHAPES_FILE);
const base = new Parser().parse(readFileSync(BASE_FILE, 'utf8'));
const validator = new ShaclValidator(shapes);

const sh = (local: string) => rdf.namedNode(SH + local);
const TYPE = rdf.namedNode(`${NS.rdf}type`);
const objects = (g: DatasetCore | Quad[], s: Term, p: Term): Term[] =>
  [
    ...(Array.isArray(g)
      ? g.filter((q) => q.subject.equals(s) && q.predicate.equals(p))
      : g.match(s as Quad['subject'], p as Quad['predicate'])),
  ].map((q) => q.object);
const one = (s: Term, p: string): Term | undefined => objects(shapes, s, sh(p))[0];
const SUBCLASS = rdf.namedNode(`${NS.rdfs}subClassOf`);
const lit = (value: string, dt: string) => rdf.literal(value, rdf.namedNode(dt));

/** One broken copy of a node: which shape and constraint component must fire on it. */
interface Mutation {
  shape: string;
  component: string;
  focus: string;
  quads: Quad[];
}

let counter = 0;
/** Copies `node`'s triples to a fresh IRI (so many mutations fit in one graph), then lets `edit` change them. */
function mutate(shape: string, component: string, node: Term, edit: (copy: Quad[], s: Term) => Quad[]): Mutation {
  const s = rdf.namedNode(`${node.value}#mutation-${++counter}`);
  const copy = base.filter((q) => q.subject.equals(node)).map((q) => rdf.quad(s, q.predicate, q.object));
  return { shape, component, focus: s.value, quads: edit(copy, s) };
}

const instancesOf = (classes: Term[]): Term[] =>
  base.filter((q) => q.predicate.equals(TYPE) && classes.some((c) => c.equals(q.object))).map((q) => q.subject);

/** A literal of the wrong datatype for `datatype`. */
const wrongDatatype = (datatype: string): Term =>
  datatype === `${NS.rdf}langString`
    ? rdf.literal('x')
    : datatype === `${NS.xsd}string`
      ? rdf.literal('x', 'en')
      : rdf.literal('x');

/** A value of the same kind as `v`, but different from it (for going over a maximum count). */
function another(v: Term | undefined, i: number): Term {
  if (!v) return rdf.literal(`extra ${i}`);
  if (v.termType !== 'Literal') return rdf.namedNode(`${v.value}-other-${i}`);
  const dt = v.datatype.value;
  if (dt === `${NS.xsd}integer`) return lit(String(Number(v.value) + i), dt);
  if (dt === `${NS.xsd}date`) return lit(`1931-01-${String(i).padStart(2, '0')}`, dt);
  if (dt === `${NS.xsd}boolean`) return lit(v.value === 'true' ? 'false' : 'true', dt);
  return v.language ? rdf.literal(`${v.value} ${i}`, v.language) : lit(`${v.value} ${i}`, dt);
}

/** Every mutation the shapes call for: one per constraint of each named property shape. */
function mutations(): Mutation[] {
  const out: Mutation[] = [];
  for (const ps of [...shapes.match(null, TYPE, sh('PropertyShape'))].map((q) => q.subject)) {
    const owner = [...shapes.match(null, sh('property'), ps)][0]?.subject;
    const targets = owner ? objects(shapes, owner, sh('targetClass')) : [];
    const path = one(ps, 'path')!;
    // rules across nodes (other targets, sequence paths) get their own cases below
    if (!targets.length || path.termType !== 'NamedNode') continue;
    const nodes = instancesOf(targets);
    const node = nodes.find((n) => objects(base, n, path).length) ?? nodes[0];
    assert.ok(node, `${ps.value}: the base graph has no node of ${targets.map((t) => t.value).join(', ')}`);
    const without = (c: Quad[]) => c.filter((q) => !q.predicate.equals(path));
    const values = objects(base, node, path);
    const setValue = (v: Term) => (c: Quad[], s: Term) => [
      ...without(c),
      rdf.quad(s as Quad['subject'], path as Quad['predicate'], v as Quad['object']),
    ];
    const add = (component: string, edit: (c: Quad[], s: Term) => Quad[]) =>
      out.push(mutate(ps.value, SH + component, node, edit));

    if (one(ps, 'minCount')) add('MinCountConstraintComponent', (c) => without(c));
    const max = one(ps, 'maxCount');
    if (max)
      add('MaxCountConstraintComponent', (c, s) => [
        ...c,
        ...Array.from({ length: Number(max.value) + 1 }, (_, i) =>
          rdf.quad(s as Quad['subject'], path as Quad['predicate'], another(values[0], i + 1) as Quad['object']),
        ),
      ]);
    const datatype = one(ps, 'datatype');
    if (datatype) add('DatatypeConstraintComponent', setValue(wrongDatatype(datatype.value)));
    if (one(ps, 'class')) add('ClassConstraintComponent', setValue(rdf.namedNode(`${SHAPES_NS}untyped-node`)));
    if (one(ps, 'or')) add('OrConstraintComponent', setValue(rdf.namedNode(`${SHAPES_NS}untyped-node`)));
    if (one(ps, 'nodeKind')) add('NodeKindConstraintComponent', setValue(rdf.literal('not an IRI')));
    if (one(ps, 'in')) add('InConstraintComponent', setValue(rdf.namedNode(`${SHAPES_NS}not-a-listed-value`)));
    if (one(ps, 'hasValue'))
      add('HasValueConstraintComponent', setValue(rdf.namedNode(`${SHAPES_NS}some-other-value`)));
    if (one(ps, 'pattern'))
      add(
        'PatternConstraintComponent',
        setValue(
          values[0]?.termType === 'NamedNode' ? rdf.namedNode('https://example.org/Q0') : rdf.literal('Q0 <bad>'),
        ),
      );
    if (one(ps, 'minInclusive')) add('MinInclusiveConstraintComponent', setValue(lit('-1', `${NS.xsd}integer`)));
    if (one(ps, 'languageIn')) add('LanguageInConstraintComponent', setValue(rdf.literal('x', 'de')));
    for (const [param, component] of [
      ['lessThanOrEquals', 'LessThanOrEqualsConstraintComponent'],
      ['lessThan', 'LessThanConstraintComponent'],
    ] as const) {
      const other = one(ps, param);
      if (!other) continue;
      const bound = objects(base, node, other)[0] ?? values[0];
      assert.ok(bound?.termType === 'Literal', `${ps.value}: the base node has no value to compare with`);
      const big =
        bound.datatype.value === `${NS.xsd}date`
          ? lit('2999-12-31', bound.datatype.value)
          : lit('999999', bound.datatype.value);
      add(component, (c, s) => [
        ...c.filter((q) => !q.predicate.equals(path) && !q.predicate.equals(other)),
        rdf.quad(s as Quad['subject'], path as Quad['predicate'], big),
        rdf.quad(s as Quad['subject'], other as Quad['predicate'], bound as Quad['object']),
      ]);
    }
  }
  // node-level rules
  const S = (local: string) => SHAPES_NS + local;
  const SL = (local: string) => rdf.namedNode(NS.sl + local);
  const withQid = instancesOf([SL('Person')]).find((n) => objects(base, n, SL('qid')).length)!;
  out.push(
    mutate(S('Reconciled'), `${SH}XoneConstraintComponent`, withQid, (c, s) => [
      ...c,
      rdf.quad(s as Quad['subject'], SL('needsReconciliation'), lit('true', `${NS.xsd}boolean`)),
    ]),
  );
  const anchored = instancesOf([SL('Footnote')]).find((n) => objects(base, n, SL('anchor')).length)!;
  out.push(
    mutate(S('FootnoteAnchor'), `${SH}OrConstraintComponent`, anchored, (c) =>
      c.filter((q) => !q.predicate.equals(SL('anchor'))),
    ),
  );
  const decided = instancesOf([SL('ChangeOfOffice')]).find(
    (n) => objects(base, n, SL('resolution')).length && objects(base, n, SL('earliest')).length,
  )!;
  const redate = (c: Quad[], s: Term, day: string): Quad[] => [
    ...c.filter((q) => !q.predicate.equals(SL('earliest')) && !q.predicate.equals(SL('latest'))),
    rdf.quad(s as Quad['subject'], SL('earliest'), lit(day, `${NS.xsd}date`)),
    rdf.quad(s as Quad['subject'], SL('latest'), lit(day, `${NS.xsd}date`)),
  ];
  out.push(
    mutate(S('ChangeWithinResolution-start'), `${SH}LessThanOrEqualsConstraintComponent`, decided, (c, s) =>
      redate(c, s, '1929-01-01'),
    ),
  );
  const deciding = instancesOf([SL('Resolution')]).find((n) =>
    objects(base, n, SL('decides')).some((c) => objects(base, c, SL('latest')).length),
  )!;
  out.push(
    mutate(S('ResolutionCoversChanges-end'), `${SH}LessThanOrEqualsConstraintComponent`, deciding, (c, s) =>
      redate(c, s, '1929-01-01'),
    ),
  );
  return out;
}

const cases = mutations();
const broken = [...base, ...cases.flatMap((m) => m.quads)];
const key = (v: Pick<Violation, 'focusNode' | 'shape' | 'component'>) => `${v.focusNode} ${v.shape} ${v.component}`;
let found: Promise<Violation[]> | undefined;
const violationsOfBroken = () => (found ??= validator.validate(broken));

test('the valid base graph conforms to the shapes', async () => {
  assert.deepEqual(await validator.validate(base), []);
});

test('every shape with a message is made to fire by at least one mutation', () => {
  const named = new Set(
    [...shapes.match(null, sh('message'))]
      .map((q) => q.subject)
      .filter((s) => s.termType === 'NamedNode')
      .map((s) => s.value),
  );
  const covered = new Set(cases.map((m) => m.shape));
  assert.deepEqual(
    [...named].filter((s) => !covered.has(s)),
    [],
  );
  assert.ok(named.size > 150, `only ${named.size} shapes`);
});

test('each mutation makes its shape fire, with the constraint that was broken', async () => {
  const got = new Set((await violationsOfBroken()).map(key));
  const missing = cases.filter((m) => !got.has(key({ focusNode: m.focus, shape: m.shape, component: m.component })));
  assert.deepEqual(
    missing.map((m) => `${m.shape.replace(SHAPES_NS, 'shape:')} ${m.component.replace(SH, 'sh:')} on ${m.focus}`),
    [],
  );
});

test('no violation falls on a node that was not mutated', async () => {
  const mutated = new Set(cases.map((m) => m.focus));
  assert.deepEqual((await violationsOfBroken()).filter((v) => !mutated.has(v.focusNode)).map(key), []);
});

test('every shape has a curator message, and violations carry it', async () => {
  const v = (await violationsOfBroken()).find((x) => x.shape === `${SHAPES_NS}Letter-letterId`)!;
  assert.match(v.message, /letter id/);
  for (const q of shapes.match(null, sh('message')))
    assert.equal(q.object.termType === 'Literal' && q.object.language, 'en', `${q.subject.value} message must be @en`);
});

test('rdf-validate-shacl finds the same violations as shacl-engine', async () => {
  const report = await new SHACLValidator(shapes).validate(rdf.dataset(broken));
  assert.deepEqual(violationsOf(report.dataset).map(key).sort(), (await violationsOfBroken()).map(key).sort());
});

test('the date rule checks a change against its own resolution only', async () => {
  for (const shape of ['ChangeWithinResolution-start', 'ResolutionCoversChanges-end']) {
    const m = cases.find((c) => c.shape === SHAPES_NS + shape)!;
    const hits = (await violationsOfBroken()).filter((v) => v.shape === m.shape);
    assert.deepEqual(
      hits.map((v) => v.focusNode),
      [m.focus],
      shape,
    );
  }
});

test('violations point at the corpus file and line of their node, or of the nearest node that has one', () => {
  const office = base.find((q) => q.predicate.equals(TYPE) && q.object.value === `${NS.sl}OfficeHeld`)!.subject.value;
  const change = base.find((q) => q.subject.value === office && q.predicate.value === `${NS.sl}startEvent`)!.object
    .value;
  const sources = new Map([
    [change, { file: 'corpus/changes.yaml', line: 42, entry: 'a-change' }],
    [
      'https://w3id.org/stalin-letters/letter/molotov-59',
      { file: 'corpus/sources/molotov-1930.txt', line: 7, entry: 'molotov-59' },
    ],
  ]);
  const finder = new SourceFinder(sources, base);
  const v = (focusNode: string): Violation => ({
    shape: `${SHAPES_NS}X`,
    component: `${SH}MinCountConstraintComponent`,
    focusNode,
    message: 'm',
    severity: 'Violation',
  });
  const [a, b, c] = toProblems(
    [v(office), v('https://w3id.org/stalin-letters/letter/molotov-59/block/1'), v('https://nowhere.example/x')],
    finder,
    'corpus',
  );
  assert.deepEqual([a!.file, a!.line, a!.entry], ['corpus/changes.yaml', 42, 'a-change']);
  assert.deepEqual([b!.file, b!.line], ['corpus/sources/molotov-1930.txt', 7]);
  assert.deepEqual([c!.file, c!.line, c!.entry], ['corpus', undefined, 'https://nowhere.example/x']);
  assert.equal(a!.code, 'shacl');
  assert.match(a!.message, /\[shape:X on <.*office/);
});

test("the ontology's controlled values conform to the shapes", async () => {
  const ontology = new Parser().parse(readFileSync(join(ROOT, 'ontology/stalin-letters.ttl'), 'utf8'));
  const concepts = ontology.filter(
    (q) => q.predicate.equals(TYPE) && /#(ChangeType|ProposalOutcome)$/.test(q.object.value),
  );
  assert.ok(concepts.length >= 16, 'the ontology declares the change types and proposal outcomes');
  assert.deepEqual(await validator.validate(ontology), []);
});

test('datatypes and classes of the shapes agree with the ranges of the ontology', () => {
  const ontology = rdf.dataset(new Parser().parse(readFileSync(join(ROOT, 'ontology/stalin-letters.ttl'), 'utf8')));
  const range = rdf.namedNode(`${NS.rdfs}range`);
  const disagreements: string[] = [];
  for (const q of shapes.match(null, sh('path'))) {
    const ranges = objects(ontology, q.object, range)
      .filter((r) => r.termType === 'NamedNode')
      .map((r) => r.value);
    if (!ranges.length) continue;
    const expected = one(q.subject, 'datatype') ?? one(q.subject, 'class');
    // a shape may narrow a class range to a subclass (a delo's parent is an opis, not any archival unit)
    const broader = (c: Term): string[] => [
      c.value,
      ...objects(ontology, c, SUBCLASS)
        .filter((x) => x.termType === 'NamedNode')
        .flatMap(broader),
    ];
    if (expected && !broader(expected).some((c) => ranges.includes(c)))
      disagreements.push(
        `${q.subject.value.replace(SHAPES_NS, 'shape:')}: shapes say ${expected.value}, ontology range ${ranges.join(' ')}`,
      );
  }
  assert.deepEqual(disagreements, []);
});

test("the build's SHACL stage reports a missing shapes file instead of skipping the check", async () => {
  const hook = shaclStep(join(ROOT, 'no-such-ontology-folder', 'shapes.ttl'));
  const problems = await hook(base, new GraphBuilder(DEFAULT_BASE_IRI), { editions: [] } as unknown as Dataset);
  assert.deepEqual(
    problems.map((p) => p.code),
    ['missing-shapes'],
  );
});

test("the build's SHACL stage turns violations into problems at the corpus line of their node", async () => {
  const g = new GraphBuilder(DEFAULT_BASE_IRI);
  const letter = 'https://w3id.org/stalin-letters/letter/molotov-59';
  g.sources.set(letter, { file: 'corpus/sources/molotov-1930.txt', line: 120, entry: 'molotov-59' });
  // a second letter id on a letter breaks shape:Letter-letterId
  const broken = [
    ...base,
    rdf.quad(rdf.namedNode(letter), rdf.namedNode(`${NS.sl}letterId`), rdf.literal('molotov-59-bis')),
  ];
  const problems = await shaclStep(SHAPES_FILE)(broken, g, {
    editions: [{ src: { file: 'corpus/editions.yaml', line: 1 } }],
  } as unknown as Dataset);
  assert.deepEqual(
    problems.map((p) => [p.code, p.file, p.line, p.entry, (p as ShaclProblem).shape]),
    [['shacl', 'corpus/sources/molotov-1930.txt', 120, 'molotov-59', `${SHAPES_NS}Letter-letterId`]],
  );
});

test('the shipped corpus validates: no corpus problem and no SHACL violation (validate --format json)', async () => {
  const io = captureIo(ROOT);
  const code = await main(['validate', '--format', 'json'], io);
  const report = JSON.parse(io.stdout) as {
    ok: boolean;
    problems?: (ShaclProblem | { code: string; file: string; line?: number; message: string })[];
  };
  const summary = (report.problems ?? [])
    .slice(0, 40)
    .map(
      (p) =>
        `${p.file}:${p.line ?? ''} ${p.code} ${'shape' in p ? p.shape.replace(SHAPES_NS, 'shape:') : ''} ${p.message.slice(0, 120)}`,
    );
  assert.deepEqual(summary, []);
  assert.equal(code, 0);
});

test('the controlled values the shapes allow are those of src/rdf/vocab.ts', () => {
  const listed = (shape: string): string[] => {
    const out: string[] = [];
    for (
      let node = one(rdf.namedNode(SHAPES_NS + shape), 'in');
      node && node.value !== `${NS.rdf}nil`;
      node = objects(shapes, node, rdf.namedNode(`${NS.rdf}rest`))[0]
    ) {
      out.push(objects(shapes, node, rdf.namedNode(`${NS.rdf}first`))[0]!.value.replace(NS.sl, ''));
    }
    return out;
  };
  assert.deepEqual(listed('ChangeOfOffice-changeType'), [...CHANGE_TYPES]);
  assert.deepEqual(listed('Proposal-outcome'), [...PROPOSAL_OUTCOMES]);
});
