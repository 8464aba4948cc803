// QuickStatements export: every line parses as a V1 command and maps back to a statement of the Wikidata-shaped
// view (same item, post, dates with their precision, references); a second tenure of a post is a new statement
// (!P39); nothing quoted from the edition goes out; the report says what could not be exported and why; the
// command writes the same bytes twice.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import N3 from 'n3';
import { wikibaseTimeToSimpleDay } from 'wikibase-sdk';
import { main } from '../../src/cli/main.js';
import { wikidataStatements } from '../../src/model/wikidata.js';
import type { Dataset, Office } from '../../src/model/types.js';
import { toWikidataView } from '../../src/rdf/wikidata.js';
import { toQuickStatements, qsTime } from '../../src/wikidata/quickstatements.js';
import { DEFAULT_BASE_IRI } from '../../src/rdf/vocab.js';
import { captureIo } from '../helpers.js';
import { parseV1Line, type V1Command, type V1Value } from '../quickstatements-v1.js';
import { FAKE, fixtureDataset, shippedDataset } from '../wikidata-fixture.js';

const B = DEFAULT_BASE_IRI;
const { namedNode } = N3.DataFactory;
const WD = 'http://www.wikidata.org/entity/';
const PROP = 'http://www.wikidata.org/prop/';

function exportOf(d: Dataset, offices: Office[] = d.offices) {
  const { statements, skipped } = wikidataStatements(d, offices);
  const qs = toQuickStatements(statements, skipped, { base: B, retrieved: '2026-12-01' });
  const view = new N3.Store(toWikidataView(statements, B) as N3.Quad[]);
  return { qs, view, statements };
}

const itemOf = (v: V1Value): string =>
  v.type === 'item' ? v.id : assert.fail(`expected an item, got ${JSON.stringify(v)}`);

/** The view's statement a command speaks of: same item, post and qualifiers; its references include the command's. */
function mapBack(view: N3.Store, c: V1Command): string {
  const candidates = view
    .getQuads(namedNode(WD + c.item), namedNode(`${PROP}P39`), null, null)
    .map((q) => q.object)
    .filter((st) =>
      view.has(
        N3.DataFactory.quad(st as N3.Quad_Subject, namedNode(`${PROP}statement/P39`), namedNode(WD + itemOf(c.value))),
      ),
    );
  const matching = candidates.filter(
    (st) =>
      c.qualifiers.every((q) => {
        if (q.value.type === 'item')
          return (
            view.getQuads(st, namedNode(`${PROP}qualifier/${q.property}`), namedNode(WD + q.value.id), null).length ===
            1
          );
        const v = q.value;
        assert.equal(v.type, 'time');
        if (v.type !== 'time') return false;
        // QuickStatements writes 00 for the parts below the precision; the RDF has 01 there, as Wikibase's dumps do
        const day = wikibaseTimeToSimpleDay(v.time)
          .padEnd(10, '-01')
          .slice(0, 10)
          .replace(/^(\d{4})-(\d\d)$/, '$1-$2-01');
        const [value] = view
          .getQuads(st, namedNode(`${PROP}qualifier/value/${q.property}`), null, null)
          .map((x) => x.object);
        return (
          Boolean(value) &&
          view
            .getQuads(value!, null, null, null)
            .some((x) => x.predicate.value.endsWith('#timeValue') && x.object.value === `${day}T00:00:00Z`) &&
          view
            .getQuads(value!, null, null, null)
            .some((x) => x.predicate.value.endsWith('#timePrecision') && x.object.value === String(v.precision))
        );
      }) &&
      (c.qualifiers.length > 0 || true),
  );
  const withRefs = matching.filter((st) => {
    const url = c.sources.find((s) => s.property === 'P854')?.value;
    const section = c.sources.find((s) => s.property === 'P958')?.value;
    return view
      .getQuads(st, namedNode('http://www.w3.org/ns/prov#wasDerivedFrom'), null, null)
      .some(
        (r) =>
          url?.type === 'string' &&
          section?.type === 'string' &&
          view.has(
            N3.DataFactory.quad(r.object as N3.Quad_Subject, namedNode(`${PROP}reference/P854`), namedNode(url.value)),
          ) &&
          view.has(
            N3.DataFactory.quad(
              r.object as N3.Quad_Subject,
              namedNode(`${PROP}reference/P958`),
              N3.DataFactory.literal(section.value),
            ),
          ),
      );
  });
  assert.ok(withRefs.length >= 1, `no statement of the view for: ${JSON.stringify(c)}`);
  return withRefs
    .map((x) => x.value)
    .sort()
    .join(' ');
}

const quotes = (d: Dataset): string[] => [
  ...d.changes.map((c) => c.evidence.quote),
  ...d.resolutions.map((r) => r.evidence.quote),
  ...d.proposals.map((p) => p.evidence.quote),
  ...d.posts.flatMap((p) => (p.evidence ? [p.evidence.quote] : [])),
];

test('QuickStatements time syntax: precision 11, 10, 9', () => {
  assert.equal(qsTime({ day: '1930-09-10', precision: 11 }), '+1930-09-10T00:00:00Z/11');
  assert.equal(qsTime({ day: '1930-09-01', precision: 10 }), '+1930-09-00T00:00:00Z/10');
  assert.equal(qsTime({ day: '1929-01-01', precision: 9 }), '+1929-00-00T00:00:00Z/9');
});

for (const [name, make] of [
  ['shipped corpus', () => ({ dataset: shippedDataset(), offices: shippedDataset().offices })],
  ['made-up QIDs', fixtureDataset],
] as const) {
  test(`${name}: every line is a V1 command and maps back to a statement of the view`, () => {
    const { dataset, offices } = make();
    const { qs, view, statements } = exportOf(dataset, offices);
    const lines = qs.commands.split('\n').filter(Boolean);
    // the shipped corpus has one tenure with a holder and a post QID, and its holder is identified by inference:
    // it goes out presumed
    if (name === 'shipped corpus') assert.equal(lines.length, 1);
    else assert.ok(lines.length >= 1);
    const mains = new Set<string>();
    for (const line of lines) {
      const c = parseV1Line(line);
      assert.equal(c.property, 'P39');
      assert.deepEqual(
        c.sources.map((s) => s.property),
        ['P854', 'P958', 'P813'],
        line,
      );
      // a presumed statement says so (P1480 = presumably), and only a presumed one
      const presumed = statements.some(
        (s) => s.holderQid === c.item && 'qid' in s.value && s.value.qid === itemOf(c.value) && s.presumed.length,
      );
      assert.equal(
        c.qualifiers.some((q) => q.property === 'P1480' && q.value.type === 'item' && q.value.id === 'Q18122778'),
        presumed && c.qualifiers.length > 0,
        line,
      );
      assert.deepEqual(c.sources[2]!.value, { type: 'time', time: '+2026-12-01T00:00:00Z', precision: 11 });
      const st = mapBack(view, c);
      if (c.qualifiers.length || !mains.has(st)) mains.add(st);
    }
    // every statement whose post has a QID was exported
    assert.equal(mains.size, statements.filter((s) => 'qid' in s.value).length);
    assert.equal(qs.exported, mains.size);
  });

  test(`${name}: nothing quoted from the texts goes to Wikidata`, () => {
    const { dataset, offices } = make();
    const { qs } = exportOf(dataset, offices);
    for (const q of quotes(dataset)) assert.ok(!qs.commands.includes(q), `quote in the export: ${q}`);
    for (const line of qs.commands.split('\n').filter(Boolean)) {
      for (const v of [
        parseV1Line(line).value,
        ...parseV1Line(line).qualifiers.map((q) => q.value),
        ...parseV1Line(line).sources.map((s) => s.value),
      ]) {
        if (v.type === 'string')
          assert.match(
            v.value,
            /^(https:\/\/w3id\.org\/stalin-letters\/change\/[a-z0-9-]+\/evidence|Letter (\d+|of \d+ \w+ \d{4})(, note \d+)?)$/,
          );
      }
    }
  });
}

test('a second tenure of the same post is a new statement; successors and month precision go out with QIDs', () => {
  const { dataset, offices } = fixtureDataset();
  const lines = exportOf(dataset, offices).qs.commands.split('\n').filter(Boolean).map(parseV1Line);
  const gosbank = lines.filter((c) => c.value.type === 'item' && c.value.id === FAKE.chairmanGosbank);
  assert.deepEqual(
    gosbank.map((c) => [
      c.item,
      c.newStatement,
      c.qualifiers.map(
        (q) =>
          `${q.property}=${q.value.type === 'item' ? q.value.id : q.value.type === 'time' ? `${q.value.time}/${q.value.precision}` : ''}`,
      ),
    ]),
    [
      [FAKE.piatakov, false, [`P582=+1930-10-15T00:00:00Z/11`, `P1366=${FAKE.kalmanovich}`]],
      [FAKE.piatakov, true, ['P580=+1931-03-00T00:00:00Z/10']],
      [FAKE.kalmanovich, false, [`P580=+1930-10-15T00:00:00Z/11`, `P1365=${FAKE.piatakov}`]],
    ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
  // a statement with two pieces of evidence: the second reference is a line of its own, without "!"
  const tomskii = lines.filter(
    (c) => c.value.type === 'item' && c.value.id === FAKE.chairmanChemical && c.item === 'Q449630',
  );
  assert.equal(tomskii.length, 2);
  assert.deepEqual(
    [tomskii[0]!.qualifiers.length > 0, tomskii[1]!.qualifiers.length, tomskii[1]!.newStatement],
    [true, 0, false],
  );
  assert.match(
    tomskii[0]!.qualifiers
      .map((q) => (q.value.type === 'time' ? `${q.value.time}/${q.value.precision}` : ''))
      .join(' '),
    /^\+1929-00-00T00:00:00Z\/9 /,
  );
});

test('the report lists every office held not exported, and why', () => {
  const d = shippedDataset();
  const { qs } = exportOf(d);
  const rows = qs.report
    .trim()
    .split('\n')
    .map((l) => l.split('\t'));
  assert.deepEqual(rows[0], ['office', 'holder', 'post', 'exported', 'why', 'lines']);
  assert.equal(rows.length - 1, d.offices.length);
  const by = new Map(rows.slice(1).map((r) => [r[0], r]));
  assert.match(by.get('office/piatakov/chairman-gosbank/1')![4]!, /holder has no QID.*post has no QID/);
  assert.match(by.get('office/tomskii/chairman-chemical-industry-association/1')![4]!, /^the post has no QID/);
  // the presumed tenure: exported, with the doubt and its reason, and the line of quickstatements.tsv it is on
  const kaganovich = by.get('office/kaganovich-lazar/secretary-central-committee/1')!;
  assert.equal(kaganovich[3], 'partly');
  assert.match(
    kaganovich[4]!,
    /^presumed \(P1480 = Q18122778, presumably\): the holder is inferred, not named by the note \(the note says only 'Com\. Kaganovich'/,
  );
  assert.match(kaganovich[4]!, /S248 \(stated in\) left out: edition\/molotov-1930 has no QID/);
  assert.equal(kaganovich[5], '1');
  assert.match(qs.commands.split('\n')[Number(kaganovich[5]) - 1]!, /^Q215705\tP39\tQ115147301\tP1480\tQ18122778\t/);
  assert.equal(qs.notExported, d.offices.length - 1);
  assert.equal(qs.presumed, 1);
});

test('a tenure whose holder or post the note does not name goes out presumed (P1480), or not at all with --stated-only', () => {
  const d = shippedDataset();
  const office = d.offices.find((o) => o.id === 'office/kaganovich-lazar/secretary-central-committee/1')!;
  const [presumed] = wikidataStatements(d, [office]).statements;
  assert.deepEqual(
    presumed!.presumed.map((p) => [p.what, p.basis, p.change]),
    [['holder', 'inferred', 'kaganovich-lazar-retained-secretary-central-committee-1930-04-18']],
  );
  assert.match(
    exportOf(d, [office]).qs.commands,
    /^Q215705\tP39\tQ115147301\tP1480\tQ18122778\tS854\t"https:\/\/w3id\.org\/stalin-letters\/change\/kaganovich-lazar-retained-secretary-central-committee-1930-04-18\/evidence"/,
  );
  const stated = wikidataStatements(d, [office], { statedOnly: true });
  assert.deepEqual(stated.statements, []);
  assert.match(
    stated.skipped[0]!.reason!,
    /^--stated-only: the holder is inferred, not named by the note: the note says only 'Com\. Kaganovich'/,
  );
  // the basis is read from the model: the same tenure with the person named by the note is a plain statement
  const named: Dataset = {
    ...d,
    changes: d.changes.map((c) => (c.person === 'kaganovich-lazar' ? { ...c, personBasis: { basis: 'stated' } } : c)),
  };
  const { qs } = exportOf(named, [office]);
  assert.match(
    qs.commands,
    /^Q215705\tP39\tQ115147301\tS854\t"https:\/\/w3id\.org\/stalin-letters\/change\/kaganovich-lazar-retained-secretary-central-committee-1930-04-18\/evidence"/,
  );
  assert.equal(qs.presumed, 0);
  // an implied post (Khinchuk's "post at Trade") is presumed the same way
  const khinchuk = d.offices.filter(
    (o) => o.holder === 'khinchuk' && o.post === 'deputy-commissar-commissariat-of-trade',
  );
  const withQid: Dataset = {
    ...d,
    persons: d.persons.map((p) =>
      p.id === 'khinchuk' ? { ...p, wikidata: { qid: 'Q1', strength: 'strong' as const } } : p,
    ),
  };
  assert.deepEqual(
    wikidataStatements(withQid, khinchuk).statements.flatMap((s) => s.presumed.map((p) => [p.what, p.basis])),
    [['post', 'implied']],
  );
  assert.match(
    wikidataStatements(withQid, khinchuk, { statedOnly: true })
      .skipped.map((x) => x.reason)
      .join(' '),
    /the post is implied, not named by the note/,
  );
});

test('an edition with a QID is cited as S248 (stated in) first in every reference of its letters', () => {
  const { dataset, offices } = fixtureDataset();
  const withEdition: Dataset = {
    ...dataset,
    editions: dataset.editions.map((e) =>
      e.id === 'molotov-1930' ? { ...e, wikidata: { qid: 'Q99000030', strength: 'strong' as const } } : e,
    ),
  };
  const { qs, view } = exportOf(withEdition, offices);
  const lines = qs.commands.split('\n').filter(Boolean).map(parseV1Line);
  assert.ok(lines.length >= 3);
  for (const c of lines) {
    assert.deepEqual(
      c.sources.map((s) => s.property),
      ['P248', 'P854', 'P958', 'P813'],
    );
    assert.deepEqual(c.sources[0]!.value, { type: 'item', id: 'Q99000030' });
  }
  assert.ok(
    view.getQuads(null, namedNode('http://www.wikidata.org/prop/reference/P248'), namedNode(`${WD}Q99000030`), null)
      .length >= 3,
  );
  assert.equal(
    view.getQuads(
      null,
      namedNode('http://www.wikidata.org/prop/reference/P248'),
      namedNode(`${B}edition/molotov-1930`),
      null,
    ).length,
    0,
  );
});

test('`wikidata quickstatements` writes the commands and the report, the same bytes twice; a bad date is one line, exit 1', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-qs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const run = async (out: string): Promise<string> => {
    const io = captureIo();
    assert.equal(
      await main(['wikidata', 'quickstatements', '--out', out, '--retrieved', '2026-12-01'], io),
      0,
      io.stderr,
    );
    assert.match(
      io.stdout,
      /quickstatements: 1 statement\(s\) → .*, 1 of them presumed \(P1480 = presumably\); 31 office\(s\) held not exported/,
    );
    assert.match(io.stdout, /S248 \(stated in\) is left out where the edition has no QID \(edition\/molotov-1930; /);
    return (
      readFileSync(join(out, 'quickstatements.tsv'), 'utf8') +
      readFileSync(join(out, 'quickstatements-report.tsv'), 'utf8')
    );
  };
  const a = await run(join(dir, 'a'));
  assert.equal(await run(join(dir, 'b')), a);
  assert.equal(a, exportOf(shippedDataset()).qs.commands + exportOf(shippedDataset()).qs.report);
  const io = captureIo();
  assert.equal(
    await main(['wikidata', 'quickstatements', '--out', join(dir, 'c'), '--retrieved', '2026-02-30'], io),
    1,
  );
  assert.equal(io.stderr, 'error: --retrieved "2026-02-30" is not a date YYYY-MM-DD\n');
  const so = captureIo();
  assert.equal(
    await main(
      ['wikidata', 'quickstatements', '--out', join(dir, 'd'), '--retrieved', '2026-12-01', '--stated-only'],
      so,
    ),
    0,
    so.stderr,
  );
  assert.match(so.stdout, /quickstatements: 0 statement\(s\)/);
  assert.equal(readFileSync(join(dir, 'd', 'quickstatements.tsv'), 'utf8'), '');
  assert.match(
    readFileSync(join(dir, 'd', 'quickstatements-report.tsv'), 'utf8'),
    /\tno\t--stated-only: the holder is inferred/,
  );
});
