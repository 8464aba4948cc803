// The curator's path end to end, against a local stand-in for a W3C reconciliation service on 127.0.0.1 (no public
// service is reached): reconcile a person, a post and an edition, accept the candidates, build, export. The
// QuickStatements file is not empty, every line is a V1 command, references carry S248/S854/S958/S813, nothing
// quoted goes out, a second tenure of the same post starts with !P39, and the presumed tenure carries P1480.
// Everything happens in a copy of the corpus in a temporary folder; the QIDs are made up (Q990001…). The second
// tenure is test input added to the copy: Piatakov back at Gosbank in December 1930 (invented, with a quote of
// letter 63's note that the build can find).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { readCorpus } from '../../src/corpus/read.js';
import { assemble } from '../../src/model/assemble.js';
import type { Dataset } from '../../src/model/types.js';
import { CORPUS, captureIo } from '../helpers.js';
import { parseV1Line } from '../quickstatements-v1.js';

const CANDIDATES: { match: RegExp; type: string; result: object }[] = [
  {
    match: /Piatakov|Пятаков/,
    type: 'Q5',
    result: { id: 'Q99000101', name: 'Georgy Pyatakov', score: 91, match: false, type: [{ id: 'Q5', name: 'human' }] },
  },
  {
    match: /Kalmanovich/,
    type: 'Q5',
    result: { id: 'Q99000102', name: 'Moisei Kalmanovich', score: 88, match: false, type: ['Q5'] },
  },
  {
    match: /^chairman of Gosbank$/,
    type: 'Q4164871',
    result: {
      id: 'Q99000110',
      name: 'Chairman of the State Bank of the USSR',
      score: 77,
      match: false,
      type: ['Q4164871'],
    },
  },
  {
    match: /Letters to Molotov/,
    type: 'Q3331189',
    result: {
      id: 'Q99000130',
      name: "Stalin's Letters to Molotov, 1925–1936",
      score: 95,
      match: true,
      type: ['Q3331189'],
    },
  },
];

async function standIn(t: { after: (f: () => void) => void }): Promise<string> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      const queries = JSON.parse(new URLSearchParams(body).get('queries') ?? '{}') as Record<
        string,
        { query: string; type: string }
      >;
      const out: Record<string, { result: object[] }> = {};
      for (const [k, q] of Object.entries(queries))
        out[k] = { result: CANDIDATES.filter((c) => c.type === q.type && c.match.test(q.query)).map((c) => c.result) };
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(out));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
}

const run = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  const io = captureIo();
  const code = await main(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
};

const quotes = (d: Dataset): string[] => [
  ...d.changes.map((c) => c.evidence.quote),
  ...d.resolutions.map((r) => r.evidence.quote),
  ...d.proposals.map((p) => p.evidence.quote),
  ...d.posts.flatMap((p) => (p.evidence ? [p.evidence.quote] : [])),
];

test('from an unlinked post to a QuickStatements line: reconcile, accept, build, export', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-curator-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const corpus = join(dir, 'corpus');
  cpSync(CORPUS, corpus, { recursive: true });
  appendFileSync(
    join(corpus, 'changes.yaml'),
    [
      '# test input, made up: a second tenure of the same post',
      '- id: piatakov-appointed-chairman-gosbank-1930-12-01',
      '  type: appointed',
      '  person: piatakov',
      '  personBasis: stated',
      '  post: chairman-gosbank',
      '  postBasis: stated',
      '  date: "1930-12-01"',
      '  dateAsPrinted: "1 December 1930"',
      '  dateBasis: stated',
      '  effect: {status: carried-out, basis: stated, reason: "made up for the test"}',
      '  evidence: {letter: molotov-63, note: 2, quote: "Piatakov was relieved of his position as head of Gosbank"}',
      '',
    ].join('\n'),
  );
  const service = await standIn(t);

  // 1. reconcile: candidates for the persons, the posts and the editions, written for the curator
  for (const kind of ['person', 'post', 'edition']) {
    const r = await run('wikidata', 'reconcile', '--kind', kind, '--corpus', corpus, '--service', service);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`→ .*reconciliation/${kind}\\.yaml`));
  }
  const postFile = readFileSync(join(corpus, 'reconciliation', 'post.yaml'), 'utf8');
  assert.match(postFile, /entity: post\/chairman-gosbank[\s\S]*?qid: Q99000110/);

  // 2. accept what the curator checked; a QID that was no candidate needs --force
  const by = ['--by', 'A. Curator', '--on', '2026-12-05'];
  const notCandidate = await run(
    'wikidata',
    'accept',
    'post/chairman-gosbank',
    'Q99000199',
    ...by,
    '--why',
    'w',
    '--corpus',
    corpus,
  );
  assert.equal(notCandidate.code, 1);
  assert.match(
    notCandidate.stderr,
    /^error: Q99000199 was not among the reconciliation candidates for post\/chairman-gosbank/,
  );
  for (const [entity, qid, why] of [
    ['person/piatakov', 'Q99000101', 'Gosbank chairman until October 1930 in the item'],
    ['person/kalmanovich', 'Q99000102', 'Gosbank chairman from October 1930 in the item'],
    ['post/chairman-gosbank', 'Q99000110', 'the chairmanship of the State Bank of the USSR'],
    ['edition/molotov-1930', 'Q99000130', 'ISBN 978-0-300-06211-3 in the item'],
  ] as const) {
    const r = await run('wikidata', 'accept', entity, qid, ...by, '--why', why, '--corpus', corpus);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `accepted: ${entity} = ${qid} (by A. Curator); the next build links it\n`);
  }
  const accepted = readFileSync(join(corpus, 'reference', 'wikidata-accepted.tsv'), 'utf8');
  assert.match(
    accepted,
    /\npost\/chairman-gosbank\tQ99000110\tA\. Curator\t2026-12-05\tthe chairmanship of the State Bank of the USSR\tChairman of the State Bank of the USSR\t77\n/,
  );

  // 3. build: the linking summary and VoID count the new links (posts and editions too)
  const out = join(dir, 'build');
  const built = await run('build', '--corpus', corpus, '--out', out, '--no-figures', '--quiet');
  assert.equal(built.code, 0, built.stderr);
  const voidTtl = readFileSync(join(out, 'void.ttl'), 'utf8');
  assert.match(voidTtl, /5 of 52 posts have a Wikidata QID/);
  assert.match(voidTtl, /1 of 2 editions have a Wikidata QID/);
  const main_ = readFileSync(join(out, 'stalin-letters.nt'), 'utf8');
  assert.ok(
    main_.includes(
      '<https://w3id.org/stalin-letters/edition/molotov-1930> <https://w3id.org/stalin-letters/ontology#wikidata> <http://www.wikidata.org/entity/Q99000130> .',
    ),
  );
  const view = readFileSync(join(out, 'stalin-letters-wikidata.nt'), 'utf8');
  assert.ok(
    view.includes('<http://www.wikidata.org/prop/reference/P248> <http://www.wikidata.org/entity/Q99000130> .'),
  );

  // 4. export
  const qsDir = join(out, 'wikidata');
  const qs = await run('wikidata', 'quickstatements', '--corpus', corpus, '--out', qsDir, '--retrieved', '2026-12-05');
  assert.equal(qs.code, 0, qs.stderr);
  // every exported tenure is evidenced in the Molotov edition, whose QID was accepted
  assert.match(
    qs.stdout,
    /\nnote: each reference is S854 \(our evidence IRI\) \+ S958 \(letter and note\) \+ S813 \(retrieved\), with S248 \(stated in\) the edition's item\.\n$/,
  );
  const text = readFileSync(join(qsDir, 'quickstatements.tsv'), 'utf8');
  const lines = text.split('\n').filter(Boolean);
  assert.ok(lines.length >= 4, text);
  const commands = lines.map(parseV1Line); // throws on a line QuickStatements V1 would reject
  for (const [i, c] of commands.entries()) {
    assert.equal(c.property, 'P39', lines[i]);
    // every letter of these tenures is in the Molotov edition, which now has a QID: S248 first
    assert.deepEqual(
      c.sources.map((s) => s.property),
      ['P248', 'P854', 'P958', 'P813'],
      lines[i],
    );
    assert.deepEqual(c.sources[0]!.value, { type: 'item', id: 'Q99000130' });
    assert.deepEqual(c.sources[3]!.value, { type: 'time', time: '+2026-12-05T00:00:00Z', precision: 11 });
  }
  const { dataset } = assemble(readCorpus(corpus, 'corpus'));
  for (const q of quotes(dataset!)) assert.ok(!text.includes(q), `quoted: ${q}`);
  // the unlinked post is now a QuickStatements line: Piatakov, then Kalmanovich, then Piatakov again (!P39)
  const gosbank = commands.filter((c) => c.value.type === 'item' && c.value.id === 'Q99000110' && c.qualifiers.length);
  assert.deepEqual(
    gosbank.map((c) => [c.item, c.newStatement]),
    [
      ['Q99000101', false],
      ['Q99000101', true],
      ['Q99000102', false],
    ],
  );
  const second = lines.find((l) => l.startsWith('Q99000101\t!P39\tQ99000110\t'));
  assert.ok(second, text);
  assert.match(second, /\tP580\t\+1930-12-01T00:00:00Z\/11\t/);
  // the presumed tenure (the note says only "Com. Kaganovich") carries its doubt
  const presumed = commands.filter((c) => c.qualifiers.some((q) => q.property === 'P1480'));
  assert.deepEqual(
    presumed.map((c) => [c.item, c.value, c.qualifiers.find((q) => q.property === 'P1480')!.value]),
    [['Q215705', { type: 'item', id: 'Q115147301' }, { type: 'item', id: 'Q18122778' }]],
  );
  const report = readFileSync(join(qsDir, 'quickstatements-report.tsv'), 'utf8');
  const row = report.split('\n').find((l) => l.startsWith('office/kaganovich-lazar/secretary-central-committee/1\t'))!;
  assert.match(row, /\tpresumed \(P1480 = Q18122778, presumably\): the holder is inferred/);
  assert.equal(
    lines[Number(row.split('\t')[5]) - 1]!.split('\t').slice(0, 5).join(' '),
    'Q215705 P39 Q115147301 P1480 Q18122778',
  );

  // --stated-only: the presumed tenure stays home; the others go as before
  const statedOnly = await run(
    'wikidata',
    'quickstatements',
    '--corpus',
    corpus,
    '--out',
    join(dir, 'stated'),
    '--retrieved',
    '2026-12-05',
    '--stated-only',
  );
  assert.equal(statedOnly.code, 0, statedOnly.stderr);
  const stated = readFileSync(join(dir, 'stated', 'quickstatements.tsv'), 'utf8');
  assert.ok(!stated.includes('P1480'));
  assert.equal(stated.split('\n').filter(Boolean).length, lines.length - presumed.length);
});
