// `wikidata accept`: a curator's match is recorded with who, when and why in corpus/reference/wikidata-accepted.tsv,
// and the next build links the entity; a bad QID, an unknown entity, a QID already used by another entity
// (namesakes), an entity already linked: one line, exit 1, the file untouched. QIDs here are made up (Q990…).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';
import { readCorpus } from '../src/corpus/read.js';
import { assemble } from '../src/model/assemble.js';
import { CORPUS, captureIo } from './helpers.js';

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
  const r = await accept(corpus, 'person/piatakov', 'Q99000001', '--by', 'A. Curator', '--why', 'Chairman of Gosbank 1929-1930 in the item; born 1890', '--on', '2026-12-02');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'accepted: person/piatakov = Q99000001 (by A. Curator); the next build links it\n');
  const file = join(corpus, 'reference/wikidata-accepted.tsv');
  assert.equal(readFileSync(file, 'utf8'),
    'entity\tqid\taccepted_by\taccepted_on\twhy\tcandidate\tscore\n' +
    'person/piatakov\tQ99000001\tA. Curator\t2026-12-02\tChairman of Gosbank 1929-1930 in the item; born 1890\t\t\n');
  const { dataset, problems } = assemble(readCorpus(corpus, 'corpus'));
  assert.deepEqual(problems, []);
  assert.deepEqual(dataset!.persons.find((p) => p.id === 'piatakov')!.wikidata, { qid: 'Q99000001', strength: 'strong' });
  // a bare id works when it is unique; the candidate's name and score come from the reconciliation file
  mkdirSync(join(corpus, 'reconciliation'));
  writeFileSync(join(corpus, 'reconciliation', 'person.yaml'), 'kind: person\nentities:\n  - entity: person/kalmanovich\n    candidates:\n      - {qid: Q99000002, name: Moisei Kalmanovich, score: 91.5}\n');
  const r2 = await accept(corpus, 'kalmanovich', 'Q99000002', '--by', 'A. Curator', '--why', 'Gosbank chairman from October 1930', '--on', '2026-12-02');
  assert.equal(r2.code, 0, r2.stderr);
  assert.match(readFileSync(file, 'utf8'), /\nperson\/kalmanovich\tQ99000002\tA\. Curator\t2026-12-02\tGosbank chairman from October 1930\tMoisei Kalmanovich\t91\.5\n$/);
  const io = captureIo();
  assert.equal(await main(['validate', '--corpus', corpus], io), 0, io.stderr);
  assert.match(io.stdout, /wikidata: 24\/101 persons/);
});

test('bad input: one line, exit 1, the accepted file untouched', async (t) => {
  const corpus = corpusCopy(t);
  const file = join(corpus, 'reference/wikidata-accepted.tsv');
  assert.equal((await accept(corpus, 'person/piatakov', 'Q99000001', '--by', 'A', '--why', 'checked', '--on', '2026-12-02')).code, 0);
  const before = readFileSync(file, 'utf8');
  const cases: [string[], RegExp][] = [
    [['person/kalmanovich', 'Q12x', '--by', 'A', '--why', 'w'], /^error: "Q12x" is not a QID: Q followed by digits, e\.g\. Q855\n$/],
    [['person/kalmanovich', '855', '--by', 'A', '--why', 'w'], /is not a QID/],
    [['person/nobody', 'Q99000002', '--by', 'A', '--why', 'w'], /^error: unknown entity "person\/nobody": /],
    [['post/chairman-gosbank', 'Q99000002', '--by', 'A', '--why', 'w'], /^error: unknown entity "post\/chairman-gosbank"/],
    // namesakes: Stalin's QID for another person
    [['person/kalmanovich', 'Q855', '--by', 'A', '--why', 'w'], /^error: Q855 is already the QID of person\/stalin: one QID, one entity \(namesakes\?\); nothing was written\n$/],
    // accepted for Piatakov before: his QID from now on
    [['person/kalmanovich', 'Q99000001', '--by', 'A', '--why', 'w'], /^error: Q99000001 is already the QID of person\/piatakov/],
    [['person/stalin', 'Q99000003', '--by', 'A', '--why', 'w'], /^error: person\/stalin is already linked to Q855/],
    [['person/piatakov', 'Q99000004', '--by', 'A', '--why', 'w'], /^error: person\/piatakov is already linked to Q99000001/],
    [['person/kalmanovich', 'Q15180', '--by', 'A', '--why', 'w'], /^error: Q15180 is already the QID of place\/ussr/],
    [['person/kalmanovich', 'Q99000002', '--by', ' ', '--why', 'w'], /^error: --by must say who/],
    [['person/kalmanovich', 'Q99000002', '--by', 'A', '--why', 'w', '--on', '2026-13-01'], /^error: --on "2026-13-01" is not a date/],
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
  writeFileSync(join(corpus, 'reference/wikidata-accepted.tsv'),
    'entity\tqid\taccepted_by\taccepted_on\twhy\tcandidate\tscore\nperson/nobody\tQ99000001\tA\t2026-12-02\tw\t\t\nperson/kalmanovich\tQ855\tA\t2026-12-02\tw\t\t\n');
  const { problems } = assemble(readCorpus(corpus, 'corpus'));
  assert.deepEqual(problems.map((p) => [p.code, p.entry, p.message]).sort(), [
    ['qid-used-twice', 'kalmanovich', 'Q855 is also the QID of person/stalin'],
    ['unknown-reference', 'person/nobody', 'accepted match for "person/nobody", which is not a known person, organization or place'],
  ]);
});
