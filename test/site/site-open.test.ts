// A public site is built from the open profile (a release, or `build` with profile open): its pages carry the
// letters' metadata, notes' metadata, entities and facts, but not the running texts, which are in copyright.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBuild } from '../../src/pipeline/build.js';
import { writeSite } from '../../src/site/site.js';
import { DEFAULT_BASE_IRI } from '../../src/rdf/vocab.js';
import { buildOf } from '../build-fixture.js';
import { CORPUS, filesUnder, ROOT, tempDir } from '../helpers.js';
import { MAX_VERBATIM_RUN } from '../../src/model/quotation.js';
import { runRelease } from '../../src/release/release.js';

test('a site of the open profile shows no running text of a letter, and states the open licence', async () => {
  const dir = tempDir('site-open');
  const build = join(dir, 'build');
  const r = await runBuild({ corpusDir: CORPUS, outDir: build, base: DEFAULT_BASE_IRI, profile: 'open' });
  assert.deepEqual(r.problems, []);
  const site = join(dir, 'site');
  await writeSite({
    buildDir: build,
    outDir: site,
    ontologyDir: join(ROOT, 'ontology'),
    queriesDir: join(ROOT, 'queries'),
    base: DEFAULT_BASE_IRI,
    publicUrl: DEFAULT_BASE_IRI,
  });
  const letter = r.dataset!.letters.find((l) => l.id === 'molotov-60')!;
  const words = letter.text.split(/\s+/).filter(Boolean);
  assert.ok(words.length > 200);
  const page = readFileSync(join(site, 'letter/molotov-60.html'), 'utf8').replace(/\s+/g, ' ');
  assert.match(page, /Letter 60|molotov-60/);
  for (let i = 0; i + 8 <= words.length; i += 40) {
    const run = words.slice(i, i + 8).join(' ');
    assert.ok(!page.includes(run), `the open site's page of letter 60 quotes its text: "${run}"`);
  }
  assert.match(readFileSync(join(site, 'dataset.html'), 'utf8'), /creativecommons\.org\/licenses\/by\/4\.0/);
});

test('the site of a release shows its figures, drawn from the open profile: no running text in them (issue 32)', async () => {
  const dir = tempDir('site-release');
  const r = await runRelease({
    corpusDir: CORPUS,
    outDir: dir,
    base: DEFAULT_BASE_IRI,
    version: '1.0.0',
    date: '2026-12-02',
    dateSource: 'test',
  });
  assert.deepEqual(r.problems, []);
  const site = join(dir, 'site');
  await writeSite({
    buildDir: r.dir!,
    outDir: site,
    ontologyDir: join(ROOT, 'ontology'),
    queriesDir: join(ROOT, 'queries'),
    base: DEFAULT_BASE_IRI,
    publicUrl: DEFAULT_BASE_IRI,
  });
  for (const [page, figure] of [
    ['letters.html', 'figures/letters.svg'],
    ['proposals.html', 'figures/proposals.svg'],
    ['person/rozengolts.html', '../figures/timeline/rozengolts.svg'],
  ])
    assert.ok(readFileSync(join(site, page!), 'utf8').includes(`<img src="${figure}"`), `${page} shows ${figure}`);
  // a release's dataset page (dataset/1.0.0.html) gets its Link header from both servers' rules, its dots escaped
  assert.match(readFileSync(join(site, '.htaccess'), 'utf8'), /RewriteRule \^dataset\/\([^)]*1\\\.0\\\.0/);
  assert.match(readFileSync(join(site, 'nginx-http.conf'), 'utf8'), /dataset\/\(\?<[^>]+>[^)]*1\\\.0\\\.0/);
  // the rule of the open profile (README, "Releases and rights"): no run of more than MAX_VERBATIM_RUN words of a
  // source text; the figures carry the same short summaries and quotes as the open dump, nothing longer
  const words = (t: string): string[] =>
    t
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  const n = MAX_VERBATIM_RUN + 1;
  const grams = new Set<string>();
  for (const l of (await buildOf()).dataset!.letters)
    for (const t of [l.text, ...l.footnotes.map((x) => x.text)]) {
      const w = words(t);
      for (let i = 0; i + n <= w.length; i++) grams.add(w.slice(i, i + n).join(' '));
    }
  const figures = filesUnder(join(site, 'figures'));
  assert.ok(figures.length > 30);
  for (const f of figures) {
    const w = words(readFileSync(join(site, 'figures', f), 'utf8').replace(/<[^>]*>/g, ' '));
    for (let i = 0; i + n <= w.length; i++)
      assert.ok(!grams.has(w.slice(i, i + n).join(' ')), `figures/${f} repeats ${n} words of the sources`);
  }
});
