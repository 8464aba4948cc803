// The reconciliation service gives the same answers as when the golden was written: every query of the large,
// varied set of test/reconcile-answers.ts (every name form of every entity, misspellings, prefixes, types,
// properties, limits, refused batches) through Reconciler.matchText (the service's answer) and Reconciler.match,
// compared with test/expected/reconcile-answers.json
// byte for byte as the service sends them. Made to guard speed work on src/serve/reconcile*.ts: candidates, order,
// scores and match flags must not move. After an intended change of answers or of the dump:
// `npm run golden:reconcile`, and read the diff.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  answerOrRefusal,
  GOLDEN_FILE,
  type Golden,
  loadReconcilerFromBuild,
  querySet,
  rebuildAnswers,
} from '../reconcile-answers.js';

const golden = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as Golden;
const { reconciler, dumpHash } = loadReconcilerFromBuild();

test('the golden was made from the committed dump and holds the whole query set', () => {
  assert.equal(
    golden.dump,
    dumpHash,
    'build/stalin-letters.nt changed since test/expected/reconcile-answers.json was written: run `npm run golden:reconcile` and read the diff',
  );
  assert.ok(golden.answers.length >= 5000, `only ${golden.answers.length} queries in the golden`);
  // the query set is made from the dump: the same dump gives the same queries, in the same batches
  const fromGolden: unknown[] = [];
  for (const [b, k, q] of golden.answers) {
    if (k === null) fromGolden[b] = q;
    else ((fromGolden[b] ??= {}) as Record<string, unknown>)[k] = q;
  }
  assert.deepEqual(fromGolden, querySet(reconciler.index));
});

test('every batch is answered byte for byte as in the golden (candidates, order, scores, match flags, JSON)', () => {
  const want = rebuildAnswers(golden);
  const batches = querySet(reconciler.index);
  let differ = 0;
  const first: string[] = [];
  batches.forEach((batch, b) => {
    const got = answerOrRefusal(reconciler, batch);
    if (got === want.get(b)) return;
    differ++;
    if (first.length < 3) first.push(`batch ${b}:\n  want ${want.get(b)?.slice(0, 600)}\n  got  ${got.slice(0, 600)}`);
  });
  assert.equal(differ, 0, `${differ} of ${batches.length} batches answer differently; first:\n${first.join('\n')}`);
});

test('Reconciler.match gives the same answers as objects: their JSON is the text the service sends', () => {
  for (const batch of querySet(reconciler.index)) {
    let objects: string;
    try {
      objects = JSON.stringify(reconciler.match(batch));
    } catch (e) {
      objects = `!${(e as Error).message}`;
    }
    const text = answerOrRefusal(reconciler, batch);
    assert.equal(text.startsWith('!') ? `!${text.replace(/^!\d+ /, '')}` : text, objects);
  }
});

test('query names of any kind are written as JSON.stringify writes them, in the same order', () => {
  const names = [
    'q"1',
    'back\\slash',
    'tab\there',
    '\u0000',
    'é',
    '😀',
    '\ud800',
    '10',
    '2',
    'x',
    '__proto__',
    'constructor',
    '',
  ];
  const batch = Object.fromEntries(names.map((k, i) => [k, { query: ['Kosior', 'Pyatakov', 'Kuibyshev'][i % 3] }]));
  // as a client's JSON would give it (JSON.parse makes "__proto__" an own property)
  const parsed = JSON.parse(JSON.stringify(batch)) as unknown;
  assert.equal(Object.keys(parsed as object).length, names.length);
  const text = reconciler.matchText(parsed);
  assert.equal(text, JSON.stringify(reconciler.match(parsed)));
  assert.deepEqual(Object.keys(JSON.parse(text) as object), [
    '2',
    '10',
    // every name answered, "__proto__" too
    ...names.filter((k) => !/^\d+$/.test(k)),
  ]);
});

test('the comparison can fail: a changed score, order or match flag in the golden is seen', () => {
  const batches = querySet(reconciler.index);
  const at = golden.answers.findIndex(([, k, , res]) => k !== null && (res as unknown[]).length >= 2);
  const [b, k, q, res] = golden.answers[at]!;
  const c = res as [string, number, boolean, boolean][];
  for (const spoilt of [
    [[c[0]![0], c[0]![1] - 1, ...c[0]!.slice(2)], ...c.slice(1)],
    [c[1], c[0], ...c.slice(2)],
    [[c[0]![0], c[0]![1], !c[0]![2], ...c[0]!.slice(3)], ...c.slice(1)],
    c.slice(1),
  ]) {
    const answers = golden.answers.map((a, i) => (i === at ? [b, k, q, spoilt] : a)) as Golden['answers'];
    const want = rebuildAnswers({ ...golden, answers });
    assert.notEqual(answerOrRefusal(reconciler, batches[b]!), want.get(b));
  }
});
