// The edition parser on the shipped texts: letters, dates, blocks, footnotes, markers and their anchors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEdition, type ParsedEdition } from '../../src/corpus/edition.js';
import { CorpusError } from '../../src/corpus/errors.js';
import { CORPUS } from '../helpers.js';

const WORKS = [
  { id: 'dokumenty-vneshnei-politiki-sssr', titles: ['Dokumenty vneshnei politiki SSSR'] },
  { id: 'kpss-v-rezoliutsiiakh', titles: ['KPSS v rezoliutsiiakh'] },
  {
    id: 'spravochnik-partiinogo-rabotnika',
    titles: ['Spravochink partiynogo rabotnika', 'Spravochnik partiinogo rabotnika'],
  },
];
const MOLOTOV_FILE = 'corpus/sources/molotov-1930.txt';
const molotovText = readFileSync(join(CORPUS, 'sources/molotov-1930.txt'), 'utf8');
const molotov: ParsedEdition = parseEdition(
  MOLOTOV_FILE,
  molotovText,
  { kind: 'numbered-letters', heading: 'Letter', idPrefix: 'molotov-' },
  WORKS,
);
const kaganovich = parseEdition(
  'corpus/sources/kaganovich-1932.txt',
  readFileSync(join(CORPUS, 'sources/kaganovich-1932.txt'), 'utf8'),
  { kind: 'single-letter', id: 'kaganovich-1932-08-11' },
  WORKS,
);
const letter = (id: string) => [...molotov.letters, ...kaganovich.letters].find((l) => l.id === id)!;

test('17 Molotov letters numbered 55–71 and the 1932 letter', () => {
  assert.deepEqual(
    molotov.letters.map((l) => l.number),
    Array.from({ length: 17 }, (_, i) => 55 + i),
  );
  assert.equal(kaganovich.letters.length, 1);
  assert.equal(kaganovich.letters[0]!.number, undefined);
});

test('dates as printed, with bounds and precision', () => {
  const got = Object.fromEntries(
    [...molotov.letters, ...kaganovich.letters].map((l) => [
      l.id,
      `${l.editorialDate.printed} ${l.editorialDate.value.earliest}..${l.editorialDate.value.latest} p${l.editorialDate.value.precision}`,
    ]),
  );
  assert.equal(got['molotov-55'], '[Earlier than 20 April 1930] 1930-01-01..1930-04-19 p9');
  assert.equal(got['molotov-57'], '[No earlier than 6 August 1930] 1930-08-06..1930-12-31 p9');
  assert.equal(got['molotov-61'], '[Late AugustEarly September 1930] 1930-08-21..1930-09-10 p9');
  assert.equal(got['molotov-67'], '[No later than 15 September 1930] 1930-01-01..1930-09-15 p9');
  assert.equal(got['molotov-68'], '[22 September 1930] 1930-09-22..1930-09-22 p11');
  assert.equal(got['kaganovich-1932-08-11'], '11 August [1932] 1932-08-11..1932-08-11 p11');
});

test('datelines inside letters: the 22 September 1930 line of Letter 68 and signature dates', () => {
  assert.deepEqual(
    letter('molotov-68').datelines.map((d) => [d.printed, d.value.edtf]),
    [['22 September 1930', '1930-09-22']],
  );
  assert.deepEqual(
    letter('molotov-66').datelines.map((d) => [d.printed, d.value.edtf]),
    [['9/13/30', '1930-09-13']],
  );
  assert.deepEqual(
    letter('molotov-69').datelines.map((d) => [d.printed, d.value.edtf]),
    [['9/28/30', '1930-09-28']],
  );
});

test('salutations, signatures, unsigned letters and postscripts', () => {
  assert.equal(letter('molotov-59').salutation, 'Viacheslav,');
  assert.equal(letter('kaganovich-1932-08-11').salutation, 'Greetings, Comrade Kaganovich:');
  assert.deepEqual(letter('kaganovich-1932-08-11').signatures, ['I. Stalin']);
  assert.deepEqual(letter('molotov-62').signatures, ['J. Stalin', 'J. Stalin']);
  for (const unsigned of ['molotov-55', 'molotov-56', 'molotov-57', 'molotov-68', 'molotov-71'])
    assert.deepEqual(letter(unsigned).signatures, [], unsigned);
  assert.deepEqual(
    letter('molotov-67')
      .blocks.filter((b) => b.kind === 'postscript')
      .map((b) => b.postscriptLabel),
    ['P.S.', 'P.P.S.'],
  );
  assert.deepEqual(
    letter('molotov-55')
      .blocks.filter((b) => b.kind === 'attribution')
      .map((b) => b.text),
    ['[V. Molotov]', '[J. Stalin]'],
  );
});

test('numbered points and lettered sub-points', () => {
  assert.deepEqual(
    letter('molotov-57')
      .blocks.filter((b) => b.kind === 'point')
      .map((b) => b.pointLabel),
    ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
  );
  assert.deepEqual(
    letter('kaganovich-1932-08-11')
      .blocks.filter((b) => b.kind === 'subpoint')
      .map((b) => b.pointLabel),
    ['a', 'b', 'c', 'd'],
  );
  assert.deepEqual(
    letter('molotov-69')
      .blocks.filter((b) => b.kind === 'subpoint')
      .map((b) => b.pointLabel),
    ['a', 'b', 'c', 'd', 'e', 'f'],
  );
});

test('a line broken by the extraction stays in one paragraph', () => {
  const p = letter('molotov-56').blocks[1]!;
  assert.match(p.text, /^You have probably already received the new testimonies of\nGroman, Kondratiev, and Makarov\./);
});

test('the Molotov file has 69 footnotes, the last one on the final line without a newline', () => {
  assert.equal(
    molotov.letters.reduce((n, l) => n + l.footnotes.length, 0),
    69,
  );
  assert.ok(!molotovText.endsWith('\n'));
  const last = letter('molotov-71').footnotes.at(-1)!;
  assert.equal(last.number, 3);
  assert.ok(last.text.endsWith('mid-1920sU.S. Ed.'));
});

const notes = (id: string) =>
  letter(id).footnotes.map((f) => [f.number, f.marker?.anchorText ?? null, f.text.split(/\s+/).slice(0, 4).join(' ')]);

test('footnotes of Letter 55: marker after the date line and glued to a word', () => {
  assert.deepEqual(notes('molotov-55'), [
    [1, '[Earlier than 20 April 1930]', 'A note from Molotov'],
    [2, 'examples of appeasement of "leftist" deviationists.', 'On 18 April 1930,'],
  ]);
});

test('footnotes of Letter 57: note 1 has no marker; "Italy6" is a marker, "280,000 rubles" is not', () => {
  assert.deepEqual(notes('molotov-57'), [
    [1, null, 'In the upper left-hand'],
    [2, 'and is in need of officials.', 'On 21 August 1930,'],
    [3, 'mistake. You should wait with that.', 'On 20 August 1930,'],
    [4, 'has permitted the importation ofour timber.', 'In 1930, the United'],
    [5, 'on Bogdanov for the time being.', 'P. A. Bogdanov was'],
    [6, '8) The treaty with Italy', 'The agreement between the'],
    [7, 'are things with the German credits?', "Talks on Germany's granting"],
    [8, 'Things are bad there.', 'On 25 August 1930,'],
  ]);
  assert.deepEqual(
    molotov.findings.map((f) => `${f.letter}:${f.footnote}`),
    ['molotov-57:1', 'molotov-70:4'],
  );
});

test('footnotes of Letter 60: "1 to 1.5 million" is not a marker', () => {
  assert.deepEqual(
    notes('molotov-60').map((n) => n.slice(0, 2)),
    [
      [1, 'have taken Gosbank and its "director"'],
      [2, "We'll talk about it in October."],
      [3, 'head of Neftexport[Central Oil Export Agency].'],
      [4, 'the Oil Export Agency have failed.'],
      [5, 'reform him in a French setting?'],
      [6, '6) How is "Lena Goldfields"?'],
      [7, 'a crime to wait any longer.'],
    ],
  );
});

test('footnotes of Letter 62: a marker after a space and before a parenthesis', () => {
  assert.deepEqual(
    notes('molotov-62').map((n) => n.slice(0, 2)),
    [
      [1, 'defense of Leningrad and right-bank Ukraine'],
      [2, 'have to resort again to vodka.'],
      [3, 'want to get this matter moving.'],
      [4, 'I would have expected. Very good.'],
    ],
  );
});

test('footnotes of Letter 71: "2,3" are two markers', () => {
  const l = letter('molotov-71');
  assert.deepEqual(
    l.footnotes.map((f) => [f.number, f.marker?.anchorText ?? null]),
    [
      [1, '2) As for the T-chevskii affair,'],
      [2, 'formalize it one of these days.'],
      [3, 'formalize it one of these days.'],
    ],
  );
});

test('every parsed element keeps its source location', () => {
  const l = letter('molotov-60');
  assert.equal(l.loc.line, 96);
  assert.equal(l.editorialDate.loc.line, 97);
  const n7 = l.footnotes[6]!;
  assert.equal(n7.loc.line, 121);
  assert.equal(molotovText.slice(n7.loc.offset, n7.loc.offset + 3), '7. ');
  for (const b of l.blocks) assert.equal(molotovText.slice(b.loc.offset, b.loc.endOffset), b.text);
});

test('the 1932 letter: the bibliographic citation of the two books is not letter text', () => {
  assert.deepEqual(
    kaganovich.trailer.map((t) => t.text),
    [
      'The Stalin-Kaganovich Correspondence 1931-1936. Yale University Press, New Haven & London, 2003. Pp. 179-181.',
      'Stalin-Kaganovich Korrespondentsiia Pp. 179-182.',
    ],
  );
  assert.ok(!letter('kaganovich-1932-08-11').text.includes('Yale'));
  assert.ok(letter('kaganovich-1932-08-11').text.endsWith('He agrees and welcomes this move in every respect.'));
});

test('a letter heading without a body is an error with file and line', () => {
  const text = 'Letter 1\n[2 August 1930]\n\n1. A note.\nLetter 2\n[3 August 1930]\nText.\n';
  assert.throws(
    () => parseEdition('x.txt', text, { kind: 'numbered-letters', heading: 'Letter', idPrefix: 'x-' }),
    (e: unknown) => e instanceof CorpusError && e.code === 'letter-without-body' && e.line === 2,
  );
});

test('an unknown date form is an error with file and line', () => {
  assert.throws(
    () =>
      parseEdition('x.txt', 'Letter 1\n[Sometime 1930]\nText.\n', {
        kind: 'numbered-letters',
        heading: 'Letter',
        idPrefix: 'x-',
      }),
    (e: unknown) => e instanceof CorpusError && e.code === 'unknown-date-form' && e.line === 2,
  );
});
