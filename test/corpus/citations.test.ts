// Archival and book citations, with every ibid. resolved in reading order.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCitations, type ArchivalCitation, type CitationContext } from '../../src/corpus/citations.js';

const WORKS = [
  { id: 'dvp', titles: ['Dokumenty vneshnei politiki SSSR'] },
  { id: 'spr', titles: ['Spravochink partiynogo rabotnika', 'Spravochnik partiinogo rabotnika'] },
];
const fresh = (): CitationContext => ({ nextIndex: 0 });
const path = (c: ArchivalCitation) =>
  `${c.resolved.archive} f.${c.resolved.fond} op.${c.resolved.opis} d.${c.resolved.delo}`;

test('a complete RTsKhIDNI citation', () => {
  const [c] = parseCitations(
    'resolved (RTsKhIDNI f. 17, op. 3, d. 783, ll. 12, 13):',
    WORKS,
    fresh(),
  ) as ArchivalCitation[];
  assert.deepEqual(
    [c!.printed, path(c!), c!.folios, c!.folioList, c!.elliptic],
    ['RTsKhIDNI f. 17, op. 3, d. 783, ll. 12, 13', 'RTsKhIDNI f.17 op.3 d.783', 'll. 12, 13', ['12', '13'], null],
  );
});

test('ibid. with a delo, with folios only, with a fond, with an opis', () => {
  const ctx = fresh();
  parseCitations('(RTsKhIDNI f. 17, op. 3, d. 783, ll. 12, 13)', WORKS, ctx);
  const cs = parseCitations(
    '(ibid., d. 791, l. 10) then (ibid., l. 14) and (ibid., f. 613, op. 1, d. 142, l. 90) and (ibid., f. 17, op. 114, d. 181, ll. 1, 2, 38, 58, 59) and (ibid., op. 3, d. 796, ll. 8, 3037)',
    WORKS,
    ctx,
  ) as ArchivalCitation[];
  assert.deepEqual(
    cs.map((c) => [path(c), c.folios, c.elliptic, c.refersTo]),
    [
      ['RTsKhIDNI f.17 op.3 d.791', 'l. 10', 'ibid', 0],
      ['RTsKhIDNI f.17 op.3 d.791', 'l. 14', 'ibid', 1],
      ['RTsKhIDNI f.613 op.1 d.142', 'l. 90', 'ibid', 2],
      ['RTsKhIDNI f.17 op.114 d.181', 'll. 1, 2, 38, 58, 59', 'ibid', 3],
      ['RTsKhIDNI f.17 op.3 d.796', 'll. 8, 3037', 'ibid', 4],
    ],
  );
});

test('a lost dash in the folios stays as printed', () => {
  const [c] = parseCitations('(RTsKhIDNI f. 17, op. 3, d. 793, ll. 2123)', WORKS, fresh()) as ArchivalCitation[];
  assert.deepEqual([c!.folios, c!.folioList], ['ll. 2123', ['2123']]);
});

test('an elliptic continuation after "and" inherits the archive, fond and opis', () => {
  const ctx = fresh();
  parseCitations('(RTsKhIDNI f. 17, op. 3, d. 793, l. 7)', WORKS, ctx);
  const cs = parseCitations('(ibid., d. 790, l. 8, and d. 791, ll. 23, 24):', WORKS, ctx) as ArchivalCitation[];
  assert.deepEqual(
    cs.map((c) => [c.printed, path(c), c.elliptic]),
    [
      ['ibid., d. 790, l. 8', 'RTsKhIDNI f.17 op.3 d.790', 'ibid'],
      ['d. 791, ll. 23, 24', 'RTsKhIDNI f.17 op.3 d.791', 'continuation'],
    ],
  );
});

test('GARF citations and a line break inside a citation', () => {
  const ctx = fresh();
  const [g] = parseCitations('(GARF f. 5446, op. 6, d. 725, ll. 13, 13)', WORKS, ctx) as ArchivalCitation[];
  assert.equal(path(g!), 'GARF f.5446 op.6 d.725');
  parseCitations('(RTsKhIDNI f. 17, op. 3, d. 800, l. 1)', WORKS, ctx);
  const [c] = parseCitations('(ibid., d.\n806, l. 15)', WORKS, ctx) as ArchivalCitation[];
  assert.equal(path(c!), 'RTsKhIDNI f.17 op.3 d.806');
});

test('book citations: volume, place, year and damaged page ranges as printed', () => {
  const cs = parseCitations(
    '(Dokumenty vneshnei politiki SSSR [Documents of USSR foreign policy], vol. 13 [Moscow, 1967], 43941)',
    WORKS,
    fresh(),
  );
  assert.deepEqual(cs, [
    {
      kind: 'bibliographic',
      printed: 'Dokumenty vneshnei politiki SSSR [Documents of USSR foreign policy], vol. 13 [Moscow, 1967], 43941',
      start: 1,
      end: 99,
      work: 'dvp',
      volume: '13',
      place: 'Moscow',
      year: '1967',
      pages: '43941',
    },
  ]);
});

test('an ibid. after a book citation refers to the last archival citation, not to the book', () => {
  const ctx = fresh();
  parseCitations('(RTsKhIDNI f. 17, op. 3, d. 807, l. 5)', WORKS, ctx);
  parseCitations(
    '(Spravochink partiynogo rabotnika [Party worker reference manual], 8th ed. [Moscow, 1934], 38586)',
    WORKS,
    ctx,
  );
  const cs = parseCitations('(ibid., op. 3, d. 801, l. 9) … (Spravochnik partiinogo rabotnika, 39698)', WORKS, ctx);
  assert.equal(cs.length, 2);
  const [a, b] = cs as [ArchivalCitation, { kind: string; work: string; pages: string }];
  assert.deepEqual([path(a), a.refersTo], ['RTsKhIDNI f.17 op.3 d.801', 0]);
  assert.deepEqual([b.kind, b.work, b.pages], ['bibliographic', 'spr', '39698']);
});

test('an ibid. with nothing before it is an error', () => {
  assert.throws(() => parseCitations('(ibid., l. 14)', WORKS, fresh()), /no archival citation precedes it/);
});
