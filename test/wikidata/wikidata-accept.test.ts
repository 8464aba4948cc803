// `wikidata accept`: a curator's match is recorded with who, when and why in corpus/reference/wikidata-accepted.tsv,
// and the next build links the entity; a bad QID, an unknown entity, a QID already used by another entity
// (namesakes), an entity already linked, a QID that was no reconciliation candidate (without --force): one line,
// exit 1, the file untouched. Posts, organisations and editions are accepted like persons; `--from FILE` takes a
// Mix'n'match match export (or any TSV of entity and QID), all or nothing. QIDs here are made up (Q990…).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { readCorpus } from '../../src/corpus/read.js';
import { assemble } from '../../src/model/assemble.js';
import { CORPUS, captureIo } from '../helpers.js';

function corpusCopy(t: { after: (f: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'sl-accept-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(CORPUS, join(dir, 'corpus'), { recursive: true });
  return join(dir, 'corpus');
}

const accept = async (corpus: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  const io = captureIo();
  const code = await main(['wikidata', 'accept', ...args, '--corpus', corpus], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
};

test('an accepted match is recorded with who and why, and the build then links the entity', async (t) => {
  const corpus = corpusCopy(t);
  const file = join(corpus, 'reference/wikidata-accepted.tsv');
  // no reconciliation was run: the QID is no candidate, and --force is needed (issue 32, point 9)
  const refused = await accept(
    corpus,
    'person/piatakov',
    'Q99000001',
    '--by',
    'A. Curator',
    '--why',
    'Chairman of Gosbank 1929-1930 in the item; born 1890',
    '--on',
    '2026-12-02',
  );
  assert.equal(refused.code, 1);
  assert.match(
    refused.stderr,
    /^error: Q99000001 was not among the reconciliation candidates for person\/piatakov \(no .*reconciliation\/person\.yaml: run `wikidata reconcile --kind person`\); check the item by hand, then repeat with --force .*; nothing was written\n$/,
  );
  assert.equal(existsSync(file), false);
  const r = await accept(
    corpus,
    'person/piatakov',
    'Q99000001',
    '--by',
    'A. Curator',
    '--why',
    'Chairman of Gosbank 1929-1930 in the item; born 1890',
    '--on',
    '2026-12-02',
    '--force',
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    'accepted: person/piatakov = Q99000001 (by A. Curator); the next build links it\n' +
      'note: Q99000001 was not among the reconciliation candidates for person/piatakov; recorded as "not a candidate (--force)"\n',
  );
  assert.equal(
    readFileSync(file, 'utf8'),
    'entity\tqid\taccepted_by\taccepted_on\twhy\tcandidate\tscore\n' +
      'person/piatakov\tQ99000001\tA. Curator\t2026-12-02\tChairman of Gosbank 1929-1930 in the item; born 1890\tnot a candidate (--force)\t\n',
  );
  const { dataset, problems } = assemble(readCorpus(corpus, 'corpus'));
  assert.deepEqual(problems, []);
  assert.deepEqual(dataset!.persons.find((p) => p.id === 'piatakov')!.wikidata, {
    qid: 'Q99000001',
    strength: 'strong',
  });
  // a bare id works when it is unique; the candidate's name and score come from the reconciliation file
  mkdirSync(join(corpus, 'reconciliation'));
  writeFileSync(
    join(corpus, 'reconciliation', 'person.yaml'),
    'kind: person\nentities:\n  - entity: person/kalmanovich\n    candidates:\n      - {qid: Q99000002, name: Moisei Kalmanovich, score: 91.5}\n',
  );
  const r2 = await accept(
    corpus,
    'kalmanovich',
    'Q99000002',
    '--by',
    'A. Curator',
    '--why',
    'Gosbank chairman from October 1930',
    '--on',
    '2026-12-02',
  );
  assert.equal(r2.code, 0, r2.stderr);
  assert.match(
    readFileSync(file, 'utf8'),
    /\nperson\/kalmanovich\tQ99000002\tA\. Curator\t2026-12-02\tGosbank chairman from October 1930\tMoisei Kalmanovich\t91\.5\n$/,
  );
  const io = captureIo();
  assert.equal(await main(['validate', '--corpus', corpus], io), 0, io.stderr);
  assert.match(io.stdout, /wikidata: 24\/101 persons/);
});

test('bad input: one line, exit 1, the accepted file untouched', async (t) => {
  const corpus = corpusCopy(t);
  const file = join(corpus, 'reference/wikidata-accepted.tsv');
  assert.equal(
    (
      await accept(
        corpus,
        'person/piatakov',
        'Q99000001',
        '--by',
        'A',
        '--why',
        'checked',
        '--on',
        '2026-12-02',
        '--force',
      )
    ).code,
    0,
  );
  mkdirSync(join(corpus, 'reconciliation'));
  writeFileSync(
    join(corpus, 'reconciliation', 'person.yaml'),
    'kind: person\nentities:\n  - entity: person/kalmanovich\n    candidates:\n      - {qid: Q99000002, name: Moisei Kalmanovich, score: 91.5}\n',
  );
  const before = readFileSync(file, 'utf8');
  const cases: [string[], RegExp][] = [
    [
      ['person/kalmanovich', 'Q12x', '--by', 'A', '--why', 'w'],
      /^error: "Q12x" is not a QID: Q followed by digits, e\.g\. Q855\n$/,
    ],
    [['person/kalmanovich', '855', '--by', 'A', '--why', 'w'], /is not a QID/],
    [['person/nobody', 'Q99000002', '--by', 'A', '--why', 'w'], /^error: unknown entity "person\/nobody": /],
    [
      ['post/chairman-of-nothing', 'Q99000002', '--by', 'A', '--why', 'w'],
      /^error: unknown entity "post\/chairman-of-nothing": give the id of a person, organization, place, post or edition/,
    ],
    [
      ['edition/molotov-1931', 'Q99000002', '--by', 'A', '--why', 'w'],
      /^error: unknown entity "edition\/molotov-1931"/,
    ],
    // a wrong kind in the reference file: Q1048744 is a post there (General Secretary)
    [
      ['organization/gosbank', 'Q1048744', '--by', 'A', '--why', 'w', '--force'],
      /^error: Q1048744 is a post in the reference file \("General Secretary of the Communist Party of the Soviet Union"\), not a organization\n$/,
    ],
    // not a candidate of the reconciliation file, and no --force
    [
      ['person/kalmanovich', 'Q99000009', '--by', 'A', '--why', 'w'],
      /^error: Q99000009 was not among the reconciliation candidates for person\/kalmanovich \(.*reconciliation\/person\.yaml\); check the item by hand, then repeat with --force/,
    ],
    [['person/kalmanovich', '--by', 'A', '--why', 'w'], /^error: give ENTITY QID/],
    [['person/kalmanovich', 'Q99000002', '--why', 'w'], /^error: --by is required/],
    // namesakes: Stalin's QID for another person
    [
      ['person/kalmanovich', 'Q855', '--by', 'A', '--why', 'w'],
      /^error: Q855 is already the QID of person\/stalin: one QID, one entity \(namesakes\?\); nothing was written\n$/,
    ],
    // accepted for Piatakov before: his QID from now on
    [
      ['person/kalmanovich', 'Q99000001', '--by', 'A', '--why', 'w'],
      /^error: Q99000001 is already the QID of person\/piatakov/,
    ],
    [['person/stalin', 'Q99000003', '--by', 'A', '--why', 'w'], /^error: person\/stalin is already linked to Q855/],
    [
      ['person/piatakov', 'Q99000004', '--by', 'A', '--why', 'w'],
      /^error: person\/piatakov is already linked to Q99000001/,
    ],
    [['person/kalmanovich', 'Q15180', '--by', 'A', '--why', 'w'], /^error: Q15180 is already the QID of place\/ussr/],
    [['person/kalmanovich', 'Q99000002', '--by', ' ', '--why', 'w'], /^error: --by must say who/],
    [
      ['person/kalmanovich', 'Q99000002', '--by', 'A', '--why', 'w', '--on', '2026-13-01'],
      /^error: --on "2026-13-01" is not a date/,
    ],
  ];
  for (const [args, expected] of cases) {
    const r = await accept(corpus, ...args);
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.stderr, expected);
    assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
    assert.equal(readFileSync(file, 'utf8'), before, `${args.join(' ')} changed the file`);
  }
  // nothing is ever accepted without the command: a fresh corpus has no accepted file at all
  assert.equal(existsSync(join(CORPUS, 'reference/wikidata-accepted.tsv')), false);
});

test('the build checks the accepted file: an unknown entity and a QID given to two entities are errors', async (t) => {
  const corpus = corpusCopy(t);
  writeFileSync(
    join(corpus, 'reference/wikidata-accepted.tsv'),
    'entity\tqid\taccepted_by\taccepted_on\twhy\tcandidate\tscore\nperson/nobody\tQ99000001\tA\t2026-12-02\tw\t\t\nperson/kalmanovich\tQ855\tA\t2026-12-02\tw\t\t\n',
  );
  const { problems } = assemble(readCorpus(corpus, 'corpus'));
  assert.deepEqual(problems.map((p) => [p.code, p.entry, p.message]).sort(), [
    ['qid-used-twice', 'kalmanovich', 'Q855 is also the QID of person/stalin'],
    [
      'unknown-reference',
      'person/nobody',
      'accepted match for "person/nobody", which is not a known person, organization, place, post or edition',
    ],
  ]);
});

test('posts, organisations and editions are accepted like persons; the build links them and the export cites the edition', async (t) => {
  const corpus = corpusCopy(t);
  mkdirSync(join(corpus, 'reconciliation'));
  writeFileSync(
    join(corpus, 'reconciliation', 'post.yaml'),
    'kind: post\nentities:\n  - entity: post/chairman-gosbank\n    candidates:\n      - {qid: Q99000010, name: Chairman of the State Bank of the USSR, score: 80}\n',
  );
  for (const [entity, qid] of [
    ['post/chairman-gosbank', 'Q99000010'],
    ['organization/gosbank', 'Q99000020'],
    ['edition/molotov-1930', 'Q99000030'],
  ] as const) {
    const r = await accept(
      corpus,
      entity,
      qid,
      '--by',
      'A',
      '--why',
      'checked',
      '--on',
      '2026-12-02',
      ...(entity.startsWith('post') ? [] : ['--force']),
    );
    assert.equal(r.code, 0, r.stderr);
  }
  assert.match(
    readFileSync(join(corpus, 'reference/wikidata-accepted.tsv'), 'utf8'),
    /\npost\/chairman-gosbank\tQ99000010\tA\t2026-12-02\tchecked\tChairman of the State Bank of the USSR\t80\n/,
  );
  const { dataset, problems } = assemble(readCorpus(corpus, 'corpus'));
  assert.deepEqual(problems, []);
  assert.equal(dataset!.posts.find((p) => p.id === 'chairman-gosbank')!.wikidata?.qid, 'Q99000010');
  assert.equal(dataset!.organizations.find((p) => p.id === 'gosbank')!.wikidata?.qid, 'Q99000020');
  assert.equal(dataset!.editions.find((e) => e.id === 'molotov-1930')!.wikidata?.qid, 'Q99000030');
  // a QID of the edition is the QID of one entity only
  const again = await accept(corpus, 'person/kalmanovich', 'Q99000030', '--by', 'A', '--why', 'w', '--force');
  assert.match(again.stderr, /^error: Q99000030 is already the QID of edition\/molotov-1930/);
  const io = captureIo();
  assert.equal(await main(['validate', '--corpus', corpus], io), 0, io.stderr);
  assert.match(io.stdout, /5\/52 posts, 1\/2 editions linked to Wikidata/);
});

test("--from: a Mix'n'match export or any TSV of entity and QID, checked row by row, all or nothing", async (t) => {
  const corpus = corpusCopy(t);
  const dir = dirname(corpus);
  const file = join(corpus, 'reference/wikidata-accepted.tsv');
  const from = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  // the catalogue's ids are ours (kind/id); a Mix'n'match export names them external_id, the item q
  const good = from(
    'matches.tsv',
    'external_id\tq\tuser\npost/chairman-gosbank\tQ99000010\tVolunteer One\nperson/piatakov\tQ99000001\t\n',
  );
  const r = await accept(
    corpus,
    '--from',
    good,
    '--by',
    'A. Curator',
    '--why',
    "confirmed in Mix'n'match",
    '--on',
    '2026-12-02',
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /^accepted: 2 match\(es\) from .*matches\.tsv \(post\/chairman-gosbank = Q99000010, person\/piatakov = Q99000001\)/,
  );
  assert.equal(
    readFileSync(file, 'utf8'),
    'entity\tqid\taccepted_by\taccepted_on\twhy\tcandidate\tscore\n' +
      "post/chairman-gosbank\tQ99000010\tVolunteer One\t2026-12-02\tconfirmed in Mix'n'match\tlisted in matches.tsv line 2\t\n" +
      "person/piatakov\tQ99000001\tA. Curator\t2026-12-02\tconfirmed in Mix'n'match\tlisted in matches.tsv line 3\t\n",
  );
  const before = readFileSync(file, 'utf8');
  const bad: [string, string, RegExp[]][] = [
    [
      'malformed.tsv',
      'entity\tqid\nperson/kalmanovich\tQ99000002\textra\n',
      [/^error: .*malformed\.tsv line 2: 3 field\(s\) where the header has 2 \(tab-separated\)$/],
    ],
    [
      'duplicate.tsv',
      'entity\tqid\nperson/kalmanovich\tQ99000002\nperson/kalmanovich\tQ99000003\n',
      [/^error: .*duplicate\.tsv line 3: person\/kalmanovich is listed twice \(line 2 too\): one QID per entity$/],
    ],
    [
      'badqid.tsv',
      'entity\tqid\nperson/kalmanovich\t99000002\nperson/rozengolts\tQ99000004\n',
      [/^error: .*badqid\.tsv line 2: "99000002" is not a QID: Q followed by digits, e\.g\. Q855$/],
    ],
    [
      'noheader.tsv',
      'person/kalmanovich\tQ99000002\n',
      [/^error: .*noheader\.tsv line 1: the header must name an entity column/],
    ],
    [
      'two.tsv',
      'entity\tqid\nperson/nobody\tQ99000002\nperson/stalin\tQ99000005\nperson/rozengolts\tQ99000010\n',
      [
        /^error: .*two\.tsv line 2: unknown entity "person\/nobody"/,
        /^error: .*two\.tsv line 3: person\/stalin is already linked to Q855/,
        /^error: .*two\.tsv line 4: Q99000010 is already the QID of post\/chairman-gosbank/,
      ],
    ],
  ];
  for (const [name, text, expected] of bad) {
    const out = await accept(corpus, '--from', from(name, text), '--by', 'A', '--why', 'w');
    assert.equal(out.code, 1, name);
    const lines = out.stderr.trim().split('\n');
    assert.equal(lines.length, expected.length + 1, out.stderr);
    expected.forEach((re, i) => assert.match(lines[i]!, re));
    assert.match(lines.at(-1)!, /problem\(s\) in .*; nothing was written$/);
    // all or nothing: the good row of badqid.tsv (rozengolts) was not written either
    assert.equal(readFileSync(file, 'utf8'), before, `${name} changed the file`);
  }
  const both = await accept(corpus, 'person/kalmanovich', 'Q1', '--from', good, '--by', 'A', '--why', 'w');
  assert.match(both.stderr, /^error: give either ENTITY QID or --from FILE, not both\n$/);
  const missing = await accept(corpus, '--from', join(dir, 'nope.tsv'), '--by', 'A', '--why', 'w');
  assert.match(missing.stderr, /^error: --from .*nope\.tsv: no such file\n$/);
});
