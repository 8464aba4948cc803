// The Turtle writer puts a space between a bare literal (8, -1.5, 1.0E3, true) and the `.`, `;` or `,` after it,
// because Virtuoso 7.2.5 reads `8.` as a decimal and rejects the whole file. A small graph with every bare-literal
// form N3.Writer produces, in every position (end of statement, before `;`, before `,`), is written and read back by
// N3 and, where installed, by serdi and rapper (strict W3C parsers). Virtuoso itself reads it in virtuoso.test.ts.

import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { isBareLiteral, toTurtle, TURTLE_PREFIXES } from '../../src/rdf/serialise/turtle.js';
import { NS, type Prefix } from '../../src/rdf/vocab.js';
import { sortQuads } from '../../src/rdf/serialise/terms.js';
import { bareLiteralGraph, BARE_FORMS } from '../turtle-fixture.js';
import { parseBaseIri } from '../../src/core/iri.js';

const BASE = parseBaseIri('https://w3id.org/stalin-letters/');
const ON_CI = process.env.CI === 'true';
const lineWriter = new N3.Writer({ format: 'N-Triples' });
const lines = (quads: readonly N3.Quad[]): string[] =>
  quads.map((q) => lineWriter.quadToString(q.subject, q.predicate, q.object)).sort();

test('every bare-literal form is written bare, with a space before the following . ; or ,', () => {
  const quads = bareLiteralGraph();
  const ttl = toTurtle(sortQuads(quads), BASE);
  for (const [value, datatype] of BARE_FORMS) {
    assert.ok(
      isBareLiteral(N3.DataFactory.literal(value, N3.DataFactory.namedNode(datatype))),
      `${value} ^^${datatype} is bare`,
    );
    // the value stands alone, followed by a space: ` 8 .`, ` 8 ;`, ` 8 ,`
    assert.match(ttl, new RegExp(`[ ,]${value.replace(/[.+]/g, '\\$&')} [.;,]`), `${value} is written bare and spaced`);
  }
  assert.doesNotMatch(ttl, /(?:\d|true|false)[.;,](?:\s|$)/, 'a bare literal is directly followed by punctuation');
  // all three positions occur
  assert.match(ttl, /\d \.\n/);
  assert.match(ttl, /\d ;\n/);
  assert.match(ttl, /\d , /);
  assert.match(ttl, /true ;\n|true \.\n|true , /);
});

test('literals N3 does not write bare stay quoted, and isBareLiteral says so', () => {
  const { literal, namedNode } = N3.DataFactory;
  const xsd = 'http://www.w3.org/2001/XMLSchema#';
  for (const [v, dt] of [
    ['1.', 'decimal'],
    ['1e', 'double'],
    ['TRUE', 'boolean'],
    ['1.5', 'integer'],
    ['8', 'string'],
    ['8', 'nonNegativeInteger'],
  ] as const) {
    const l = literal(v, namedNode(xsd + dt));
    assert.equal(isBareLiteral(l), false, `${v}^^xsd:${dt}`);
    const ttl = toTurtle([N3.DataFactory.quad(namedNode(`${BASE}s`), namedNode(`${BASE}p`), l)], BASE);
    assert.match(ttl, /"\.$|" \.\n$|"(\^\^xsd:\w+)?\.\n$/, ttl);
  }
  assert.equal(isBareLiteral(literal('8', 'en')), false);
  assert.equal(isBareLiteral(namedNode('http://example.org/8')), false);
});

test('the graph of bare literals reads back to the same triples (N3)', () => {
  const quads = bareLiteralGraph();
  const back = new N3.Parser({ format: 'Turtle' }).parse(toTurtle(sortQuads(quads), BASE));
  assert.deepEqual(lines(back), lines(quads));
});

function strict(
  t: TestContext,
  tool: 'serdi' | 'rapper',
  args: (file: string) => string[],
  count: (r: { stdout: string; stderr: string }) => number,
): void {
  if (spawnSync(tool, ['-v']).error) {
    if (ON_CI) assert.fail(`${tool} is not installed (CI must have it: see .ci/run)`);
    t.skip(`${tool} is not installed: apt-get install -y ${tool === 'serdi' ? 'serdi' : 'raptor2-utils'}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'turtle-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'bare.ttl');
  const quads = bareLiteralGraph();
  writeFileSync(file, toTurtle(sortQuads(quads), BASE));
  const r = spawnSync(tool, args(file), { encoding: 'utf8' });
  assert.equal(r.status, 0, `${tool}: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /error|warning/i);
  assert.equal(count(r), quads.length);
}

test('serdi (strict W3C Turtle) reads the graph of bare literals with no error', (t) => {
  strict(
    t,
    'serdi',
    (f) => ['-i', 'turtle', '-o', 'ntriples', f],
    (r) => r.stdout.split('\n').filter(Boolean).length,
  );
});

test('rapper reads the graph of bare literals with no error', (t) => {
  strict(
    t,
    'rapper',
    (f) => ['-i', 'turtle', '-c', f],
    (r) => Number(/returned (\d+) triples/.exec(r.stderr)?.[1]),
  );
});

// toTurtle reuses one N3.Writer per base IRI and prefix list (and keeps each IRI's prefixed form): every document
// must come out as the writer set up afresh for it wrote it before, whatever was written in between
function freshTurtle(
  sorted: readonly N3.Quad[],
  base: string,
  prefixList: readonly Prefix[] = TURTLE_PREFIXES,
): string {
  const prefixes: Record<string, string> = { sld: base };
  for (const p of prefixList) prefixes[p] = NS[p];
  let out = '';
  let afterBare = false;
  const stream = {
    write(chunk: string, _e?: string, done?: () => void) {
      out += afterBare && /^[.;,]/.test(chunk) ? ` ${chunk}` : chunk;
      done?.();
    },
    end(done?: (err: Error | null) => void) {
      done?.(null);
    },
  };
  const writer = new N3.Writer(stream as unknown as NodeJS.WritableStream, { prefixes });
  for (const q of sorted) {
    writer.addQuad(q);
    afterBare = isBareLiteral(q.object);
  }
  writer.end();
  return out;
}

test('a reused writer writes each document as a writer set up for it alone (other bases, prefixes, empty and failed documents in between)', () => {
  const { quad, namedNode, literal, blankNode } = N3.DataFactory;
  const other = parseBaseIri('https://example.org/data/');
  const s = (base: string, n: string) => namedNode(`${base}${n}`);
  const bare = sortQuads(bareLiteralGraph()) as N3.Quad[];
  const mixed = sortQuads([
    quad(s(BASE, 'person/a'), namedNode(`${NS.rdf}type`), namedNode(`${NS.sl}Person`)),
    quad(s(BASE, 'person/a'), namedNode(`${NS.rdfs}label`), literal('Rykov', 'en')),
    quad(s(BASE, 'person/a'), namedNode(`${NS.rdfs}label`), literal('Рыков', 'ru')),
    quad(s(BASE, 'person/a'), namedNode(`${NS.sl}mentionedIn`), s(BASE, 'letter/60')),
    quad(s(BASE, 'person/a'), namedNode('http://example.com/p'), s(other, 'x')),
    quad(s(BASE, 'person/a'), namedNode(`${NS.sl}note`), literal('a "quoted"\nline')),
    quad(s(BASE, 'letter/60'), namedNode(`${NS.rdfs}label`), literal('Letter 60')),
    quad(s(BASE, 'letter/60'), namedNode(`${NS.sl}number`), literal('60', namedNode(`${NS.xsd}integer`))),
    quad(blankNode('b1'), namedNode(`${NS.rdfs}label`), literal('anonymous')),
    quad(namedNode('sl:looks-prefixed'), namedNode(`${NS.rdfs}label`), literal('an IRI like a prefixed name')),
  ]) as N3.Quad[];
  const runs: [readonly N3.Quad[], typeof BASE, Prefix[] | undefined][] = [
    [mixed, BASE, undefined],
    [bare, BASE, undefined],
    [[], BASE, undefined],
    [mixed, other, undefined],
    [mixed, BASE, ['rdf', 'rdfs']],
    [bare.slice(0, 3), BASE, undefined],
    [mixed, BASE, undefined],
    [mixed.slice(-1), BASE, undefined],
  ];
  for (const [quads, base, prefixes] of runs) {
    const want = freshTurtle(quads, base, prefixes);
    assert.equal(toTurtle(quads, base, prefixes ? { prefixes } : {}), want);
    // an error in the middle of a document leaves the next one as it should be
    assert.throws(() => toTurtle([...quads, { subject: quads[0]?.subject } as N3.Quad], base));
  }
  for (const [quads, base, prefixes] of runs)
    assert.equal(toTurtle(quads, base, prefixes ? { prefixes } : {}), freshTurtle(quads, base, prefixes));
});
