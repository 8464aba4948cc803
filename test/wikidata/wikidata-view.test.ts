// The Wikidata-shaped view (build/stalin-letters-wikidata.nt): WDQS-style queries (test/fixtures/wdqs/*.rq, no
// label service) run unchanged over it, loaded beside the main dump, and give the expected rows; it is what the
// build writes, deterministic, and built only from the offices held it is given.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import N3 from 'n3';
import { runComunica } from '../../src/query/comunica.js';
import { wikidataStatements, timeAt } from '../../src/model/wikidata.js';
import { toWikidataView } from '../../src/rdf/wikidata.js';
import { sortQuads } from '../../src/rdf/serialise/terms.js';
import { toNTriples } from '../../src/rdf/serialise/ntriples.js';
import { DEFAULT_BASE_IRI } from '../../src/rdf/vocab.js';
import { DUMPS } from '../../src/core/layout.js';
import { BUILD, FIXTURES } from '../helpers.js';
import { FAKE, fixtureDataset, shippedDataset } from '../wikidata-fixture.js';

const WDQS = join(FIXTURES, 'wdqs');
const B = DEFAULT_BASE_IRI;

function short(v: string): string {
  return v
    .replace('http://www.wikidata.org/entity/', 'wd:')
    .replace(B, 'sld:')
    .replace('http://www.wikidata.org/prop/qualifier/value/', 'pqv:');
}

async function select(name: string, store: N3.Store): Promise<string[]> {
  const r = await runComunica(readFileSync(join(WDQS, `${name}.rq`), 'utf8'), { type: 'store', store });
  assert.equal(r.kind, 'select');
  if (r.kind !== 'select') return [];
  return r.rows.map((row) => r.variables.map((v) => (row[v] ? short(row[v]!.value) : '-')).join(' '));
}

const storeOf = (...nt: string[]): N3.Store =>
  new N3.Store(nt.flatMap((t) => new N3.Parser({ format: 'N-Triples' }).parse(t)));

const viewNt = (d = shippedDataset(), offices = d.offices): string =>
  toNTriples(sortQuads(toWikidataView(wikidataStatements(d, offices).statements, B)));

test('the build writes the view, byte for byte as the model gives it', () => {
  assert.equal(readFileSync(join(BUILD, DUMPS.wikidata), 'utf8'), viewNt());
});

test('Raptor reads the view without error, and counts the triples VoID states for it', (t) => {
  if (spawnSync('rapper', ['--version']).status !== 0) {
    if (process.env.CI === 'true') assert.fail('rapper is missing (CI must have it: see .ci/run)');
    t.skip('rapper is missing: apt-get install -y raptor2-utils');
    return;
  }
  const r = spawnSync('rapper', ['-i', 'ntriples', '-c', join(BUILD, DUMPS.wikidata)], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const counted = Number(/returned (\d+) triples/.exec(r.stderr)?.[1]);
  const voidTtl = readFileSync(join(BUILD, DUMPS.void), 'utf8');
  const v = new N3.Store(new N3.Parser().parse(voidTtl));
  const stated = Number(
    v.getObjects('https://w3id.org/stalin-letters/dataset/wikidata-view', 'http://rdfs.org/ns/void#triples', null)[0]
      ?.value,
  );
  assert.ok(counted > 0);
  assert.equal(counted, stated);
});

test('WDQS queries run unchanged over the shipped view loaded beside the main dump', async () => {
  const store = storeOf(
    readFileSync(join(BUILD, DUMPS.ntriples), 'utf8'),
    readFileSync(join(BUILD, DUMPS.wikidata), 'utf8'),
  );
  assert.deepEqual(await select('holders-with-start-and-end', store), [
    'wd:Q152738 sld:post/commissar-commissariat-of-provisionment 1930-11-15T00:00:00Z -',
    // the tenure the note gives without naming its holder ("Com. Kaganovich"): presumed, without dates
    'wd:Q215705 wd:Q115147301 - -',
    'wd:Q449630 sld:post/chairman-chemical-industry-association 1929-01-01T00:00:00Z 1930-09-06T00:00:00Z',
  ]);
  // Tomskii's start is printed only as a year (1929): precision 9; the others are days
  assert.deepEqual(await select('start-precision', store), [
    'wd:Q152738 sld:post/commissar-commissariat-of-provisionment pqv:P580 1930-11-15T00:00:00Z 11 wd:Q1985727',
    'wd:Q449630 sld:post/chairman-chemical-industry-association pqv:P580 1929-01-01T00:00:00Z 9 wd:Q1985727',
    'wd:Q449630 sld:post/chairman-chemical-industry-association pqv:P582 1930-09-06T00:00:00Z 11 wd:Q1985727',
  ]);
  assert.deepEqual(await select('references', store), [
    'wd:Q152738 sld:post/commissar-commissariat-of-provisionment sld:edition/molotov-1930 Letter 60, note 7 sld:change/mikoian-appointed-commissar-provisionment-1930-11-15/evidence',
    'wd:Q215705 wd:Q115147301 sld:edition/molotov-1930 Letter 55, note 2 sld:change/kaganovich-lazar-retained-secretary-central-committee-1930-04-18/evidence',
    'wd:Q449630 sld:post/chairman-chemical-industry-association sld:edition/molotov-1930 Letter 63, note 1 sld:change/tomskii-appointed-chairman-chemical-industry-association-1929/evidence',
    'wd:Q449630 sld:post/chairman-chemical-industry-association sld:edition/molotov-1930 Letter 63, note 1 sld:change/tomskii-relieved-chairman-chemical-industry-association-1930-09-06/evidence',
  ]);
  // the one presumed statement says so, as WDQS would find it
  assert.deepEqual(await select('presumed', store), ['wd:Q215705 wd:Q115147301 Letter 55, note 2']);
  // every reference URL is a node of the main dump: the evidence with the quote lives there, not in the view
  const evidence = store.getQuads(
    null,
    N3.DataFactory.namedNode('http://www.wikidata.org/prop/reference/P854'),
    null,
    null,
  );
  assert.ok(evidence.length >= 3);
  for (const q of evidence)
    assert.ok(store.getQuads(q.object, null, null, null).length > 0, `${q.object.value} is not in the main dump`);
});

test('successors, a second tenure of the same post and a month precision (made-up QIDs)', async () => {
  const { dataset, offices } = fixtureDataset();
  const store = storeOf(viewNt(dataset, offices));
  const gosbank = (r: string): boolean => r.includes(`wd:${FAKE.chairmanGosbank}`);
  const rows = (await select('holders-with-start-and-end', store)).filter(gosbank);
  assert.deepEqual(rows, [
    `wd:${FAKE.piatakov} wd:${FAKE.chairmanGosbank} - 1930-10-15T00:00:00Z`,
    `wd:${FAKE.piatakov} wd:${FAKE.chairmanGosbank} 1931-03-01T00:00:00Z -`,
    `wd:${FAKE.kalmanovich} wd:${FAKE.chairmanGosbank} 1930-10-15T00:00:00Z -`,
  ]);
  // ties in ORDER BY come in any order: compare as sets
  assert.deepEqual(
    (await select('truthy-and-successors', store)).filter(gosbank).sort(),
    [
      `wd:${FAKE.piatakov} wd:${FAKE.chairmanGosbank} - wd:${FAKE.kalmanovich}`,
      `wd:${FAKE.piatakov} wd:${FAKE.chairmanGosbank} - -`,
      `wd:${FAKE.kalmanovich} wd:${FAKE.chairmanGosbank} wd:${FAKE.piatakov} -`,
    ].sort(),
  );
  assert.ok(
    (await select('start-precision', store)).includes(
      `wd:${FAKE.piatakov} wd:${FAKE.chairmanGosbank} pqv:P580 1931-03-01T00:00:00Z 10 wd:Q1985727`,
    ),
  );
  // two statements, not one: the second tenure has its own node
  const { namedNode } = N3.DataFactory;
  const statements = store
    .getQuads(
      namedNode(`http://www.wikidata.org/entity/${FAKE.piatakov}`),
      namedNode('http://www.wikidata.org/prop/P39'),
      null,
      null,
    )
    .filter(
      (q) =>
        store.getQuads(
          q.object,
          namedNode('http://www.wikidata.org/prop/statement/P39'),
          namedNode(`http://www.wikidata.org/entity/${FAKE.chairmanGosbank}`),
          null,
        ).length,
    );
  assert.equal(statements.length, 2);
});

test('the view depends only on the offices given: shuffled input, same bytes; an office left out, its statement gone', () => {
  const d = shippedDataset();
  const shuffled = [...d.offices].reverse();
  assert.equal(viewNt(d, shuffled), viewNt(d));
  const without = d.offices.filter((o) => o.holder !== 'tomskii');
  assert.ok(!viewNt(d, without).includes('tomskii'));
  assert.ok(viewNt(d).includes('tomskii'));
});

test('time values are normalised to their precision as Wikibase stores them', () => {
  assert.deepEqual(timeAt('1930-07-21', 10), { day: '1930-07-01', precision: 10 });
  assert.deepEqual(timeAt('1930-08-21', 9), { day: '1930-01-01', precision: 9 });
  assert.deepEqual(timeAt('1930-08-21', 11), { day: '1930-08-21', precision: 11 });
});

test('an end the sources do not state (inferred from a successor) does not go to Wikidata as if it were stated', () => {
  const { dataset: d, offices } = fixtureDataset();
  const withEnd = offices.find((o) => o.end && o.endPrecision && wikidataStatements(d, [o]).statements[0]?.end);
  assert.ok(withEnd, 'the fixture has an office with a stated end');
  const inferred = { ...withEnd, endBasis: 'inferred' as const, endReason: 'made up for the test' };
  const [s] = wikidataStatements(d, [inferred]).statements;
  assert.ok(s, 'the office still becomes a statement');
  assert.equal(s.end, undefined);
  assert.ok(wikidataStatements(d, [withEnd]).statements[0]!.end);
});
