// Rights: the open profile (what a release publishes under CC BY 4.0) holds no running text of the books. Every
// literal of it — evidence quotes, mention annotations (oa:exact; prefix and suffix are left out), titles,
// summaries, decision items, labels, citations as printed, anchor texts, comments — is scanned against the source
// texts, and none may repeat more than MAX_VERBATIM_RUN (25) consecutive words of them. The same scan over the
// full profile must find the texts (so the scan can fail). build/void.ttl claims no open licence for the texts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import N3 from 'n3';
import { runBuild } from '../../src/pipeline/build.js';
import { DEFAULT_BASE_IRI } from '../../src/rdf/graph.js';
import { MAX_VERBATIM_RUN } from '../../src/model/quotation.js';
import { MAX_QUOTE_WORDS } from '../../src/model/evidence.js';
import { filesOf } from '../build-fixture.js';
import { BUILD, CORPUS } from '../helpers.js';

const SL = 'https://w3id.org/stalin-letters/ontology#';
const OA = 'http://www.w3.org/ns/oa#';
const LIMIT = 25; // stated in README ("Releases and rights"); the code's constant must agree

// an implementation of the scan independent of src/model/quotation.ts: words split on anything but letters/digits
const words = (s: string): string[] =>
  s
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

const sourceGrams = (() => {
  const grams = new Set<string>();
  for (const f of readdirSync(join(CORPUS, 'sources'))) {
    const w = words(readFileSync(join(CORPUS, 'sources', f), 'utf8'));
    for (let i = 0; i + LIMIT + 1 <= w.length; i++) grams.add(w.slice(i, i + LIMIT + 1).join('\u0001'));
  }
  return grams;
})();

/** Literals (predicate → count) that repeat more than LIMIT consecutive words of a source text. */
function longRuns(nt: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const q of new N3.Parser({ format: 'N-Triples' }).parse(nt)) {
    if (q.object.termType !== 'Literal') continue;
    const w = words(q.object.value);
    for (let i = 0; i + LIMIT + 1 <= w.length; i++) {
      if (sourceGrams.has(w.slice(i, i + LIMIT + 1).join('\u0001'))) {
        found.set(q.predicate.value, (found.get(q.predicate.value) ?? 0) + 1);
        break;
      }
    }
  }
  return found;
}

const open = (async () => {
  const r = await runBuild({
    corpusDir: CORPUS,
    outDir: '/nonexistent',
    base: DEFAULT_BASE_IRI,
    write: false,
    profile: 'open',
  });
  assert.deepEqual(r.problems, []);
  return r.files!;
})();

test('the limit the README states is the limit the build enforces', () => {
  assert.equal(MAX_VERBATIM_RUN, LIMIT);
  assert.ok(MAX_QUOTE_WORDS <= LIMIT);
});

test(`no literal of the open profile repeats more than ${LIMIT} consecutive words of the source texts`, async () => {
  const nt = (await open).get('stalin-letters.nt')!;
  assert.deepEqual([...longRuns(nt)], []);
});

test('the same scan finds the running texts in the full profile (the scan can fail)', async () => {
  const full = longRuns((await filesOf()).get('stalin-letters.nt')!);
  assert.ok((full.get(`${SL}text`) ?? 0) > 100, `sl:text: ${full.get(`${SL}text`)}`);
});

test('the open profile leaves out sl:text and the mention contexts, and keeps the short evidence quotes and the mentions', async () => {
  const files = await open;
  const quads = new N3.Parser({ format: 'N-Triples' }).parse(files.get('stalin-letters.nt')!);
  const count = (p: string): number => quads.filter((q) => q.predicate.value === p).length;
  assert.equal(count(`${SL}text`), 0);
  assert.equal(count(`${OA}prefix`), 0);
  assert.equal(count(`${OA}suffix`), 0);
  assert.ok(count(`${OA}exact`) > 800, 'mentions keep the name as printed');
  const quotes = quads.filter((q) => q.predicate.value === `${SL}quote`).map((q) => q.object.value);
  assert.ok(quotes.length > 200);
  for (const quote of quotes) assert.ok(quote.trim().split(/\s+/).length <= MAX_QUOTE_WORDS, quote);
  // the Turtle and JSON-LD dumps are of the same profile
  assert.doesNotMatch(files.get('stalin-letters.ttl')!, /sl:text /);
  assert.doesNotMatch(files.get('stalin-letters.jsonld')!, /"text"\s*:/);
});

test('build/void.ttl (full profile) names the rights holders and grants no open licence for the texts', () => {
  const store = new N3.Store(new N3.Parser().parse(readFileSync(join(BUILD, 'void.ttl'), 'utf8')));
  const DCT = 'http://purl.org/dc/terms/';
  const dataset = `${DEFAULT_BASE_IRI}dataset`;
  const dumps = ['stalin-letters.ttl', 'stalin-letters.nt', 'stalin-letters.jsonld'].map(
    (f) => `${DEFAULT_BASE_IRI}${f}#distribution`,
  );
  for (const s of [dataset, ...dumps]) {
    assert.equal(store.getQuads(s, `${DCT}license`, null, null).length, 0, `${s} has a licence`);
    assert.match(
      store.getQuads(s, `${DCT}rights`, null, null)[0]?.object.value ?? '',
      /in copyright \(rights holder: Yale University and Yale University Press\)/,
      s,
    );
  }
  assert.deepEqual(
    store
      .getQuads(dataset, `${DCT}rightsHolder`, null, null)
      .map((q) => q.object.value)
      .sort(),
    ['Yale University', 'Yale University Press'],
  );
  // the CMIF file is metadata only: CC BY 4.0 even in build/
  assert.equal(
    store.getQuads(`${DEFAULT_BASE_IRI}cmif.xml#distribution`, `${DCT}license`, null, null)[0]?.object.value,
    'https://creativecommons.org/licenses/by/4.0/',
  );
});

test('the editions carry the checked reference facts, with the reference file as their source', async () => {
  const store = new N3.Store(new N3.Parser({ format: 'N-Triples' }).parse((await open).get('stalin-letters.nt')!));
  const ed = `${DEFAULT_BASE_IRI}edition/molotov-1930`;
  const one = (p: string): string | undefined => store.getQuads(ed, p, null, null)[0]?.object.value;
  assert.equal(one('http://purl.org/dc/terms/title'), "Stalin's Letters to Molotov, 1925-1936");
  assert.equal(one(`${SL}isbn13`), '9780300062113');
  assert.equal(one(`${SL}translator`), 'Catherine A. Fitzpatrick');
  assert.equal(one(`${SL}publicationYear`), '1995');
  assert.equal(one(`${SL}factsSource`), 'corpus/reference/editions.yaml');
  assert.match(one('http://purl.org/dc/terms/rights') ?? '', /in copyright/);
  assert.equal(store.getQuads(ed, `${SL}factsEvidence`, null, null).length, 3);
});
