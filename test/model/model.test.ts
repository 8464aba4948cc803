// The curated prosopography and decisions against the text: derived offices, namesakes, QIDs, mentions.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOf } from '../build-fixture.js';
import { CORPUS } from '../helpers.js';
import type { Dataset, Office } from '../../src/model/types.js';

const data = async (): Promise<Dataset> => {
  const r = await buildOf();
  assert.deepEqual(r.problems, []);
  return r.dataset!;
};

/** Who held `post` on `day` according to the derived offices (start known and ≤ day, no end or end > day). */
const holders = (offices: Office[], post: string, day: string): string[] =>
  offices
    .filter((o) => o.post === post && o.start !== undefined && o.start <= day && (o.end === undefined || o.end > day))
    .map((o) => o.holder)
    .sort();

test('on 1930-11-01 the chairman of Gosbank is Kalmanovich; Piatakov left on 1930-10-15', async () => {
  const d = await data();
  assert.deepEqual(holders(d.offices, 'chairman-gosbank', '1930-11-01'), ['kalmanovich']);
  const piatakov = d.offices.find((o) => o.holder === 'piatakov' && o.post === 'chairman-gosbank')!;
  assert.equal(piatakov.start, undefined, 'the texts do not give when Piatakov started');
  assert.equal(piatakov.end, '1930-10-15');
  assert.equal(piatakov.replacedBy, 'kalmanovich');
  assert.equal(
    d.offices.find((o) => o.holder === 'kalmanovich' && o.post === 'chairman-gosbank')!.replaces,
    'piatakov',
  );
});

test("Rozengolts's career: deputy commissar of trade from 1930-09-10, commissar of foreign trade from 1930-11-15", async () => {
  const d = await data();
  const career = d.offices
    .filter((o) => o.holder === 'rozengolts')
    .map((o) => [o.post, o.start])
    .sort((a, b) => String(a[1]).localeCompare(String(b[1])));
  assert.deepEqual(career, [
    ['deputy-commissar-commissariat-of-trade', '1930-09-10'],
    ['commissar-commissariat-of-foreign-trade', '1930-11-15'],
  ]);
});

test('two ends of one tenure make one office (Bauman released, then transferred)', async () => {
  const d = await data();
  assert.equal(
    d.offices.filter((o) => o.holder === 'bauman' && o.post === 'secretary-moscow-regional-committee').length,
    1,
  );
});

test('a stated tenure keeps its year precision (Bogdanov at Amtorg, 1930 to 1934)', async () => {
  const o = (await data()).offices.find((x) => x.holder === 'bogdanov')!;
  assert.deepEqual([o.start, o.startPrecision, o.end, o.endPrecision], ['1930-01-01', 9, '1934-12-31', 9]);
});

test('namesakes are resolved per letter', async () => {
  const d = await data();
  const who = (letter: string, exact: string, note?: number) => [
    ...new Set(
      d.mentions.filter((m) => m.letter === letter && m.exact === exact && m.note === note).map((m) => m.entity),
    ),
  ];
  assert.deepEqual(who('molotov-68', 'Kosior'), ['person/kosior-iosif']);
  assert.deepEqual(who('molotov-68', 'Kosior', 1), ['person/kosior-iosif']);
  assert.deepEqual(who('kaganovich-1932-08-11', 'Kosior'), ['person/kosior-stanislav']);
  assert.deepEqual(who('molotov-61', 'Kaganovich'), ['person/kaganovich-mikhail']);
  assert.deepEqual(who('molotov-55', 'Kaganovich', 2), ['person/kaganovich-lazar']);
  assert.deepEqual(who('molotov-71', 'Kviring'), ['person/kviring-er']);
  assert.deepEqual(who('molotov-64', 'Kviring'), ['person/kviring-emmanuil']);
});

test('no QID outside the reference file, and the weak ones are flagged', async () => {
  const d = await data();
  const tsv = readFileSync(join(CORPUS, 'reference/wikidata-verified.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split('\t'));
  const strength = new Map(tsv.map((f) => [f[4]!, f[5]!]));
  const linked = [...d.persons, ...d.organizations, ...d.places, ...d.posts].filter((e) => e.wikidata);
  assert.ok(linked.length > 50);
  for (const e of linked) {
    assert.ok(strength.has(e.wikidata!.qid), `${e.id}: ${e.wikidata!.qid} is not in the reference file`);
    assert.equal(e.wikidata!.strength, strength.get(e.wikidata!.qid), e.id);
  }
  assert.equal(d.persons.find((p) => p.id === 'rykov')!.wikidata!.strength, 'weak');
  assert.equal(d.persons.find((p) => p.id === 'stalin')!.wikidata!.qid, 'Q855');
});

test('every proposal about a person names its letter, quote and outcome; enacted ones have a lag', async () => {
  const d = await data();
  const p = d.proposals.find(
    (x) =>
      x.letter === 'molotov-60' &&
      x.concerns.includes('person/rozengolts') &&
      x.concerns.includes('post/deputy-commissar-commissariat-of-trade'),
  )!;
  assert.equal(p.outcome, 'enacted');
  assert.equal(p.decisionDate!.earliest, '1930-09-10');
  assert.equal(p.lagDays, 17);
  const kosior = d.proposals.filter(
    (x) => x.letter === 'kaganovich-1932-08-11' && x.concerns.includes('person/kosior-stanislav'),
  );
  assert.ok(kosior.length > 0);
});

const mentionsOf = (d: Dataset, letter: string, note?: number): string =>
  d.mentions
    .filter((m) => m.letter === letter && m.note === note)
    .map((m) => `${m.start}:${m.exact.replace(/\s+/g, ' ')}=${m.entity}`)
    .join('\n');

test('complete mentions of Letter 56 (text and note)', async () => {
  const d = await data();
  assert.equal(
    mentionsOf(d, 'molotov-56'),
    [
      '58:Groman=person/groman',
      '66:Kondratiev=person/kondratiev',
      '82:Makarov=person/makarov',
      '91:Yagoda=person/yagoda',
      '163:Groman=person/groman',
      '225:Central Committee=organization/central-committee',
      '247:Central Control Commission=organization/central-control-commission',
    ].join('\n'),
  );
  assert.equal(
    mentionsOf(d, 'molotov-56', 1),
    [
      '23:Politburo=organization/politburo',
      "103:Toiling Peasants' Party=organization/toiling-peasants-party",
      '172:Central Committee=organization/central-committee',
      '194:Central Control Commission=organization/central-control-commission',
    ].join('\n'),
  );
});

test('complete mentions of Letter 71', async () => {
  assert.equal(
    mentionsOf(await data(), 'molotov-71'),
    readFileSync(join(CORPUS, '..', 'test/expected/mentions-molotov-71.txt'), 'utf8').trim(),
  );
});

test('complete mentions of the 1932 letter', async () => {
  assert.equal(
    mentionsOf(await data(), 'kaganovich-1932-08-11'),
    readFileSync(join(CORPUS, '..', 'test/expected/mentions-kaganovich-1932-08-11.txt'), 'utf8').trim(),
  );
});

test('the unresolved-names report lists capitalised names no record covers', async () => {
  const d = await data();
  const names = d.reports.unresolvedNames.map((n) => n.name);
  assert.ok(names.includes('Special File'), 'Special File is not a record');
  assert.ok(!names.includes('Rozengolts') && !names.includes('Politburo'));
});
