// The figure cache (src/figures/cache.ts) makes no build depend on it: cold (empty cache), without a cache, warm
// (every figure found) and warm after a change of the corpus (only the changed figures drawn) give the same bytes,
// file for file, as a build of the same corpus with no cache at all.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runBuild, SHAPES_FILE } from '../../src/pipeline/build.js';
import { DEFAULT_BASE_IRI } from '../../src/rdf/graph.js';
import { CORPUS, tempDir } from '../helpers.js';

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

/** The files that differ (or exist in one tree only), for a readable failure. */
const differences = (a: Map<string, string>, b: Map<string, string>): string[] =>
  [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();

async function build(corpusDir: string, outDir: string, cacheDir?: string) {
  const r = await runBuild({
    corpusDir,
    outDir,
    base: DEFAULT_BASE_IRI,
    shapes: SHAPES_FILE,
    figures: cacheDir ? { cacheDir } : true,
  });
  assert.deepEqual(r.problems, []);
  return r.figures!;
}

test('builds with a cold, a warm and no figure cache, and warm after a corpus change, are byte-identical', async () => {
  const root = tempDir('figcache');
  const cache = join(root, 'cache');
  const corpus = join(root, 'corpus');
  cpSync(CORPUS, corpus, { recursive: true });

  const none = join(root, 'none');
  const cold = join(root, 'cold');
  const warm = join(root, 'warm');
  await build(corpus, none);
  const coldRun = await build(corpus, cold, cache);
  assert.equal(coldRun.drawn, coldRun.names.length, 'an empty cache draws every figure');
  const warmRun = await build(corpus, warm, cache);
  assert.equal(warmRun.drawn, 0, 'a warm cache draws nothing');
  assert.equal(warmRun.queried, false, 'nor runs a query: the whole set is kept for the same input');
  const reference = snapshot(none);
  assert.ok(reference.has('figures/timeline/piatakov.svg'));
  assert.deepEqual(differences(snapshot(cold), reference), []);
  assert.deepEqual(differences(snapshot(warm), reference), []);

  // a change no figure reads (a person's description): the whole set is found again, nothing queried or drawn
  const persons = join(corpus, 'persons.yaml');
  const original = readFileSync(persons, 'utf8');
  writeFileSync(persons, original.replace('Author of the letters;', 'Author of the letters, as printed;'));
  const descNone = join(root, 'desc-none');
  const descWarm = join(root, 'desc-warm');
  await build(corpus, descNone);
  const descRun = await build(corpus, descWarm, cache);
  assert.deepEqual(differences(snapshot(descWarm), snapshot(descNone)), []);
  assert.ok(differences(snapshot(descNone), reference).includes('stalin-letters.nt'), 'the change reached the dump');
  assert.equal(descRun.drawn, 0);
  assert.equal(descRun.queried, false);

  // a change of a person's name (the title of the person's timeline, a label in the co-mentions network): warm
  // draws only the figures that changed, and the output is what a build of the changed corpus without a cache gives
  writeFileSync(persons, original.replace('  name: Piatakov\n', '  name: Piatakov-renamed-by-the-test\n'));
  const changedNone = join(root, 'changed-none');
  const changedWarm = join(root, 'changed-warm');
  await build(corpus, changedNone);
  const changedRun = await build(corpus, changedWarm, cache);
  assert.equal(changedRun.queried, true);
  const changedReference = snapshot(changedNone);
  assert.deepEqual(differences(snapshot(changedWarm), changedReference), []);
  const redrawn = differences(changedReference, reference).filter((f) => f.endsWith('.svg'));
  assert.ok(
    redrawn.includes('figures/timeline/piatakov.svg'),
    'the change reached the figure (else this proves nothing)',
  );
  assert.ok(redrawn.length < changedRun.names.length);
  assert.equal(changedRun.drawn, redrawn.length, `only the changed figures are drawn (${redrawn.join(', ')})`);
  assert.ok(readFileSync(join(changedWarm, 'figures/timeline/piatakov.svg'), 'utf8').includes('Piatakov-renamed'));
});

test('a cache entry that does not match its figure is never used: the key covers the figure and the code', async () => {
  const { codeFingerprint, figureKey } = await import('../../src/figures/cache.js');
  const code = codeFingerprint(new URL('../../src/figures/index.js', import.meta.url).href);
  assert.ok(code, 'the code can be fingerprinted here');
  // another entry module reaches other code: another fingerprint
  assert.notEqual(codeFingerprint(new URL('../../src/figures/common.js', import.meta.url).href), code);
  const f = { name: 'x', title: 'X', description: 'd', spec: { mark: 'bar', data: { values: [{ a: 1 }] } } };
  const k = figureKey(f, code);
  assert.ok(k);
  assert.notEqual(figureKey({ ...f, spec: { mark: 'bar', data: { values: [{ a: 2 }] } } }, code), k);
  assert.notEqual(figureKey({ ...f, title: 'Y' }, code), k);
  assert.notEqual(figureKey({ ...f, description: 'e' }, code), k);
  assert.notEqual(figureKey(f, `${code}0`), k, 'other code, another key');
  assert.equal(figureKey({ ...f }, code), k);
  assert.equal(figureKey(f, null), undefined, 'no fingerprint, no cache');
});
