// The corpus copy of the verified QIDs keeps up with the shared file (../shared/reference beside the clone, as on CI),
// the new rows link the entities the texts name (not their namesakes), and the linking coverage is reported.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import N3 from 'n3';
import { main } from '../../src/cli/main.js';
import { describeCoverage, linkCoverage } from '../../src/model/wikidata.js';
import { BUILD, CORPUS, ROOT, captureIo } from '../helpers.js';
import { shippedDataset } from '../wikidata-fixture.js';

const SHARED = [
  join(ROOT, '../shared/reference/wikidata-verified.tsv'),
  '/work/shared/reference/wikidata-verified.tsv',
].find((f) => existsSync(f));

test('every row of the shared reference file is in corpus/reference/wikidata-verified.tsv', (t) => {
  if (!SHARED) {
    if (process.env.CI === 'true')
      assert.fail('../shared/reference/wikidata-verified.tsv is missing beside the clone (CI must have it)');
    t.skip('no ../shared/reference/wikidata-verified.tsv beside the repository');
    return;
  }
  const ours = new Set(readFileSync(join(CORPUS, 'reference/wikidata-verified.tsv'), 'utf8').split('\n'));
  const missing = readFileSync(SHARED, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !ours.has(l));
  assert.deepEqual(
    missing.map((l) => l.split('\t').slice(0, 5).join(' ')),
    [],
    `copy the new rows of ${SHARED} into corpus/reference/ and link the records`,
  );
});

test('the rows verified last link the entities the texts name, and not their namesakes', () => {
  const d = shippedDataset();
  const qid = (list: readonly { id: string; wikidata?: { qid: string } }[], id: string): string | undefined =>
    list.find((e) => e.id === id)?.wikidata?.qid;
  assert.equal(qid(d.persons, 'gikalo'), 'Q983512');
  assert.equal(qid(d.organizations, 'central-executive-committee'), 'Q2628638'); // the Union's CEC, not VTsIK Q946380
  assert.equal(qid(d.organizations, 'commissariat-of-agriculture'), 'Q910237');
  assert.equal(qid(d.organizations, 'putilov-factory'), 'Q2621070');
  assert.equal(qid(d.places, 'mariupol'), 'Q37133');
  assert.equal(qid(d.organizations, 'mariupol-iron-and-steel-factory'), undefined, 'the city is not the plant');
  assert.equal(qid(d.places, 'altai-mountains'), 'Q5955');
  // the oblast was created in February 1932: it can only be the region of the 1932 letter
  assert.equal(qid(d.places, 'dnipropetrovsk-region'), 'Q170672');
  assert.ok(
    d.mentions
      .filter((m) => m.entity === 'place/dnipropetrovsk-region')
      .every((m) => m.letter === 'kaganovich-1932-08-11'),
  );
});

test('linking coverage by kind and for offices held, in the build summary and in VoID', async () => {
  const c = linkCoverage(shippedDataset());
  const persons = c.kinds.find((k) => k.kind === 'person')!;
  assert.equal(persons.total, 101);
  assert.equal(persons.linked, shippedDataset().persons.filter((p) => p.wikidata).length);
  assert.deepEqual(c.offices, { total: 32, holderLinked: 3, bothLinked: 1, presumed: 1 });
  assert.deepEqual(
    c.kinds.find((k) => k.kind === 'edition'),
    { kind: 'edition', linked: 0, total: 2 },
  );
  const io = captureIo();
  assert.equal(await main(['validate'], io), 0, io.stderr);
  assert.ok(io.stdout.includes(`wikidata: ${describeCoverage(c)}`), io.stdout);
  const json = captureIo();
  assert.equal(await main(['validate', '--format', 'json'], json), 0, json.stderr);
  assert.deepEqual((JSON.parse(json.stdout) as { wikidata: unknown }).wikidata, c);
  const voidTtl = readFileSync(join(BUILD, 'void.ttl'), 'utf8');
  const v = new N3.Store(new N3.Parser().parse(voidTtl));
  for (const k of c.kinds) {
    const linkset = N3.DataFactory.namedNode(`https://w3id.org/stalin-letters/dataset/wikidata-links/${k.kind}`);
    assert.ok(
      v.has(
        N3.DataFactory.quad(
          linkset,
          N3.DataFactory.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'),
          N3.DataFactory.namedNode('http://rdfs.org/ns/void#Linkset'),
        ),
      ),
      `${k.kind}: a linkset`,
    );
    assert.deepEqual(
      v
        .getObjects(linkset, N3.DataFactory.namedNode('http://rdfs.org/ns/void#triples'), null)
        .map((o) => Number(o.value)),
      [k.linked],
      k.kind,
    );
    assert.match(
      v.getObjects(linkset, N3.DataFactory.namedNode('http://purl.org/dc/terms/description'), null)[0]!.value,
      new RegExp(`^${k.linked} of ${k.total} `),
      k.kind,
    );
  }
  assert.match(voidTtl, /3 of 32 offices held have a holder QID, 1 also a post QID, 1 of these presumed/);
});
