// The Mix'n'match catalogue: every entity without a QID once, in the import format (id, name, desc, url, type; one
// header row; tab-separated), ids that are our IRI paths (stable: the same corpus gives the same bytes), a
// description from the data of at most 250 characters that quotes nothing from the texts, and namesakes told apart.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { DESC_MAX, mixnmatchRows, mixnmatchTsv } from '../../src/wikidata/mixnmatch.js';
import { DEFAULT_BASE_IRI } from '../../src/rdf/vocab.js';
import type { Dataset } from '../../src/model/types.js';
import { captureIo } from '../helpers.js';
import { shippedDataset } from '../wikidata-fixture.js';

const B = DEFAULT_BASE_IRI;

const quotes = (d: Dataset): string[] => [
  ...d.changes.map((c) => c.evidence.quote),
  ...d.resolutions.map((r) => r.evidence.quote),
  ...d.proposals.map((p) => p.evidence.quote),
  ...d.posts.flatMap((p) => (p.evidence ? [p.evidence.quote] : [])),
  // our curated descriptions quote the texts: they must not be used either
  ...d.persons.flatMap((p) => (p.description ? [p.description] : [])),
  ...d.organizations.flatMap((o) => (o.description ? [o.description] : [])),
];

test('one row per entity without a QID, in the import format, ids our IRI paths, types by kind', () => {
  const d = shippedDataset();
  const rows = mixnmatchRows(d, B);
  const unlinked = [
    ...d.persons.filter((x) => !x.wikidata).map((x) => `person/${x.id}`),
    ...d.organizations.filter((x) => !x.wikidata).map((x) => `organization/${x.id}`),
    ...d.places.filter((x) => !x.wikidata).map((x) => `place/${x.id}`),
    ...d.posts.filter((x) => !x.wikidata).map((x) => `post/${x.id}`),
    ...d.editions.filter((x) => !x.wikidata).map((x) => `edition/${x.id}`),
  ].sort();
  assert.deepEqual(
    rows.map((r) => r.id),
    unlinked,
  );
  assert.ok(rows.length > 190);
  const type: Record<string, string> = {
    person: 'Q5',
    organization: 'Q43229',
    place: 'Q2221906',
    post: 'Q4164871',
    edition: 'Q3331189',
  };
  for (const r of rows) {
    assert.equal(r.url, `${B}${r.id}`);
    assert.equal(r.type, type[r.id.split('/')[0]!]);
    assert.ok(r.name.trim() && r.desc.trim(), r.id);
    assert.ok(r.desc.length <= DESC_MAX, `${r.id}: ${r.desc.length} characters`);
  }
  const tsv = mixnmatchTsv(rows);
  const lines = tsv.trimEnd().split('\n');
  assert.equal(lines[0], 'id\tname\tdesc\turl\ttype');
  assert.ok(lines.every((l) => l.split('\t').length === 5));
  // descriptions from the data: posts with dates, the letters and notes that name the entity
  const piatakov = rows.find((r) => r.id === 'person/piatakov')!;
  assert.match(piatakov.desc, /held: .*chairman of Gosbank \(until 15 Oct 1930\)/);
  assert.match(piatakov.desc, /named in .*Letter 63 \(text, notes 1, 2\)/);
  assert.match(
    rows.find((r) => r.id === 'post/chairman-gosbank')!.desc,
    /^chairman post in Gosbank; held by Piatakov \(until 15 Oct 1930\), Kalmanovich \(from 15 Oct 1930\)/,
  );
  assert.match(
    rows.find((r) => r.id === 'edition/molotov-1930')!.desc,
    /^edition, Yale University Press, 1995; ISBN 9780300062113/,
  );
});

test('no quotation from the texts, nor from our descriptions (which quote them)', () => {
  const d = shippedDataset();
  const tsv = mixnmatchTsv(mixnmatchRows(d, B));
  const all = quotes(d);
  assert.ok(all.length > 100);
  for (const q of all) assert.ok(!tsv.includes(q), `quoted: ${q}`);
});

test('namesakes are told apart by their descriptions', () => {
  const d = shippedDataset();
  const rows = mixnmatchRows(d, B);
  const byName = new Map<string, string[]>();
  for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r.desc]);
  for (const [name, descs] of byName) assert.equal(new Set(descs).size, descs.length, `${name}: ${descs.join(' | ')}`);
  // two persons of one name whose data say the same: the id tells them apart
  const twin: Dataset = {
    ...d,
    persons: [...d.persons, { ...d.persons.find((p) => p.id === 'akkerman')!, id: 'akkerman-2' }],
    mentions: [
      ...d.mentions,
      ...d.mentions.filter((m) => m.entity === 'person/akkerman').map((m) => ({ ...m, entity: 'person/akkerman-2' })),
    ],
  };
  const twins = mixnmatchRows(twin, B).filter((r) => r.name === 'Akkerman');
  assert.equal(twins.length, 2);
  assert.notEqual(twins[0]!.desc, twins[1]!.desc);
  assert.ok(twins.every((r) => r.desc.endsWith(`id ${r.id}`) && r.desc.length <= DESC_MAX));
});

test('`wikidata mixnmatch` writes the catalogue, the same bytes twice; an entity linked meanwhile leaves it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-mnm-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const run = async (out: string): Promise<string> => {
    const io = captureIo();
    assert.equal(await main(['wikidata', 'mixnmatch', '--out', out], io), 0, io.stderr);
    assert.match(
      io.stdout,
      /^mixnmatch: \d+ entities without a QID \(2 edition, \d+ organization, \d+ person, \d+ place, \d+ post\) → /,
    );
    return readFileSync(out, 'utf8');
  };
  const a = await run(join(dir, 'a', 'catalogue.tsv'));
  assert.equal(await run(join(dir, 'b.tsv')), a);
  assert.equal(a, mixnmatchTsv(mixnmatchRows(shippedDataset(), B)));
  const d = shippedDataset();
  const linked: Dataset = {
    ...d,
    persons: d.persons.map((p) =>
      p.id === 'piatakov' ? { ...p, wikidata: { qid: 'Q99000001', strength: 'strong' as const } } : p,
    ),
  };
  assert.ok(!mixnmatchRows(linked, B).some((r) => r.id === 'person/piatakov'));
});
