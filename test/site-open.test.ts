// A public site is built from the open profile (a release, or `build` with profile open): its pages carry the
// letters' metadata, notes' metadata, entities and facts, but not the running texts, which are in copyright.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBuild } from '../src/pipeline/build.js';
import { writeSite } from '../src/site/site.js';
import { DEFAULT_BASE_IRI } from '../src/rdf/vocab.js';
import { CORPUS, ROOT, tempDir } from './helpers.js';

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
