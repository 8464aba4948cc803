// The verbatim-run check (src/model/quotation.ts) keeps word runs as rolling hashes checked word by word; it must
// find exactly what a plain set of joined word runs finds: on pieces of the real letters and notes, cut at random
// places, with words changed, dropped or glued in, and on runs that cross from one text into the next.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset } from '../../src/pipeline/build.js';
import { MAX_VERBATIM_RUN, VerbatimIndex, wordsOf } from '../../src/model/quotation.js';
import { CORPUS } from '../helpers.js';

/** The reference: every run of n words as a joined string (what the index did before hashing). */
function reference(texts: string[], n: number): (text: string) => string | undefined {
  const grams = new Set<string>();
  for (const t of texts) {
    const w = wordsOf(t);
    for (let i = 0; i + n <= w.length; i++) grams.add(w.slice(i, i + n).join(' '));
  }
  return (text) => {
    const w = wordsOf(text);
    for (let i = 0; i + n <= w.length; i++) {
      if (!grams.has(w.slice(i, i + n).join(' '))) continue;
      let end = i + n;
      while (end < w.length && grams.has(w.slice(end - n + 1, end + 1).join(' '))) end++;
      return w.slice(i, end).join(' ');
    }
    return undefined;
  };
}

test('the hashed index finds the same verbatim runs as joined word runs do', () => {
  const { dataset } = loadDataset(CORPUS);
  const texts = dataset!.letters.flatMap((l) => [l.text, ...l.footnotes.map((f) => f.text)]);
  const n = MAX_VERBATIM_RUN + 1;
  const index = new VerbatimIndex(texts);
  const expected = reference(texts, n);
  let seed = 20261205;
  const pick = (k: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % k;
  };
  const all = texts.flatMap((t) => wordsOf(t));
  let found = 0;
  for (let r = 0; r < 600; r++) {
    const start = pick(Math.max(1, all.length - 80));
    const words = all.slice(start, start + 10 + pick(70));
    // a word changed, dropped, or an unknown one glued in, now and then
    if (pick(3) === 0) words[pick(words.length)] = pick(2) ? 'zzzunknown' : all[pick(all.length)]!;
    if (pick(4) === 0) words.splice(pick(words.length), 1);
    const text = words.join(pick(2) ? ' ' : ', ');
    const want = expected(text);
    assert.equal(index.longRun(text), want, text);
    if (want) found++;
  }
  assert.ok(found > 100, `only ${found} samples held a run`);
  assert.equal(index.longRun('too short'), undefined);
});
