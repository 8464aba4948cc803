// The W3C SPARQL 1.1 result formats (CSV, TSV, JSON) and the readable ones, on terms that need escaping.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import N3 from 'n3';
import { toMarkdown, toTable } from '../../src/query/format.js';
import { writeSelect, type Row as ResultRow } from '../../src/query/results.js';

const toCsv = (v: string[], r: ResultRow[]): string => writeSelect(v, r, 'csv');
const toTsv = (v: string[], r: ResultRow[]): string => writeSelect(v, r, 'tsv');
const toJson = (v: string[], r: ResultRow[]): string => writeSelect(v, r, 'json');
import type { Row } from '../../src/query/results.js';
import { XSD } from '../../src/rdf/vocab.js';
import { parseBaseIri } from '../../src/core/iri.js';

const { namedNode, literal, blankNode } = N3.DataFactory;
const BASE = parseBaseIri('https://w3id.org/stalin-letters/');
const vars = ['s', 'o'];
const rows: Row[] = [
  { s: namedNode(`${BASE}person/rozengolts`), o: literal('said "no", then\nleft', 'en') },
  { s: blankNode('b0'), o: literal('57', namedNode(XSD.integer)) },
  { s: namedNode('http://example.org/a,b'), o: undefined },
  { s: undefined, o: literal('tab\there') },
];

test('CSV: header of names, CRLF, plain values, RFC 4180 quoting, blank nodes as _:label, unbound empty', () => {
  assert.equal(
    toCsv(vars, rows),
    [
      's,o',
      `${BASE}person/rozengolts,"said ""no"", then\nleft"`,
      '_:b0,57',
      '"http://example.org/a,b",',
      ',tab\there',
      '',
    ].join('\r\n'),
  );
});

test('TSV: ?names, terms in SPARQL syntax with escapes, unbound empty, LF', () => {
  assert.equal(
    toTsv(vars, rows),
    [
      '?s\t?o',
      `<${BASE}person/rozengolts>\t"said \\"no\\", then\\nleft"@en`,
      `_:b0\t"57"^^<${XSD.integer}>`,
      '<http://example.org/a,b>\t',
      '\t"tab\\there"',
      '',
    ].join('\n'),
  );
});

test('JSON: head.vars and results.bindings; unbound variables absent; xsd:string has no datatype', () => {
  assert.deepEqual(JSON.parse(toJson(vars, rows)), {
    head: { vars: ['s', 'o'] },
    results: {
      bindings: [
        {
          s: { type: 'uri', value: `${BASE}person/rozengolts` },
          o: { type: 'literal', value: 'said "no", then\nleft', 'xml:lang': 'en' },
        },
        { s: { type: 'bnode', value: 'b0' }, o: { type: 'literal', value: '57', datatype: XSD.integer } },
        { s: { type: 'uri', value: 'http://example.org/a,b' } },
        { o: { type: 'literal', value: 'tab\there' } },
      ],
    },
  });
});

test('table and Markdown: IRIs under the base shortened, one line per row, pipes escaped', () => {
  const table = toTable(vars, rows, BASE).split('\n');
  assert.equal(table[0], `${'s'.padEnd(26)}o`);
  assert.equal(table[2], `${'person/rozengolts'.padEnd(26)}said "no", then left`);
  assert.equal(table.at(-2), '(4 rows)');
  const md = toMarkdown(['x'], [{ x: literal('a|b') }], BASE);
  assert.equal(md, '| x |\n|---|\n| a\\|b |\n');
});

test('table with a width: the widest columns are cut first (down to their header, then the header too), then the last columns left out', () => {
  const long = [{ s: literal('x'.repeat(60)), o: literal('short') }];
  const fitted = toTable(vars, long, BASE, 30).split('\n');
  assert.equal(fitted[2], `${'x'.repeat(22)}…  short`);
  assert.equal(fitted.at(-2), '(1 row; cells cut to fit 30 characters; --format csv gives every value whole)');
  assert.equal(toTable(vars, long, BASE, 100), toTable(vars, long, BASE), 'a table that fits is not touched');
  const dropped = toTable(vars, long, BASE, 7).split('\n');
  assert.equal(dropped[2], 'xxxxx…');
  assert.match(dropped.at(-2)!, /; not shown: o; --format csv/);
});
