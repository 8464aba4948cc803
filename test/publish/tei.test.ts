// TEI P5 for every letter (build/tei/<letter>.xml): valid against TEI All (the TEI Consortium's tei_all.rng, P5
// 4.10.2, committed under test/fixtures/tei/ with its licence) with Debian's jing; the body's text with the markup
// stripped (sic kept, corr and notes left out) is the printed text character for character; each note's text is the
// note as printed; the notes and mentions per letter are the dump's; the open profile's TEI has the header, the
// correspondence and the structure, and no sentence of the texts. Each check is also shown to fail on a broken copy.

import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser, type Element, type Node as XNode } from '@xmldom/xmldom';
import { TEI_NS } from '../../src/publish/cmif.js';
import { markUp, teiCorpus } from '../../src/publish/tei.js';
import { buildOf } from '../build-fixture.js';
import { runBuild } from '../../src/pipeline/build.js';
import { DEFAULT_BASE_IRI } from '../../src/rdf/vocab.js';
import { BUILD, CORPUS, FIXTURES, tempDir } from '../helpers.js';
import { sourceSentences } from '../source-scan.js';
import type { Dataset } from '../../src/model/types.js';

const ON_CI = process.env.CI === 'true';
const JING = '/usr/bin/jing';
const SCHEMA = join(FIXTURES, 'tei/tei_all.rng');

function haveJing(t: TestContext): boolean {
  if (existsSync(JING)) return true;
  if (ON_CI) assert.fail(`${JING} is missing (CI must have it: apt-get install jing)`);
  t.skip(`${JING} is missing: apt-get install -y jing to run this test`);
  return false;
}

/** jing's errors for the files (one run: its start costs ~2 s). */
function jing(files: string[]): string[] {
  const r = spawnSync(JING, [SCHEMA, ...files], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.includes(': error:') || l.includes('fatal'));
}

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml');
const els = (root: { getElementsByTagNameNS(ns: string, n: string): unknown }, name: string): Element[] =>
  Array.from(root.getElementsByTagNameNS(TEI_NS, name) as ArrayLike<Element>);

/** The text of a node with the markup stripped: the printed reading (sic), without corr and without notes. */
function stripped(n: XNode): string {
  if (n.nodeType === 3) return n.nodeValue ?? '';
  if (n.nodeType !== 1) return '';
  const e = n as Element;
  if (e.localName === 'corr' || e.localName === 'note') return '';
  let s = '';
  for (let c = e.firstChild; c; c = c.nextSibling) s += stripped(c as XNode);
  return s;
}

/** What the TEI of a letter must hold, checked against the model; returns every difference. */
function teiProblems(d: Dataset, letterId: string, xml: string): string[] {
  const problems: string[] = [];
  const l = d.letters.find((x) => x.id === letterId)!;
  const doc = parse(xml);
  const body = els(doc, 'body')[0];
  if (!body) return ['no body'];
  const text = stripped(body);
  const date = l.blocks[0]!.text;
  if (!text.startsWith(date))
    problems.push(`the body does not start with the editorial date as printed: ${JSON.stringify(text.slice(0, 40))}`);
  else if (text.slice(date.length).replace(/^\n+/, '') !== l.text)
    problems.push(`${letterId}: the stripped body is not the printed text`);
  const notes = els(body, 'note').concat(els(els(doc, 'back')[0]!, 'note'));
  if (notes.length !== l.footnotes.length)
    problems.push(`${letterId}: ${notes.length} notes, ${l.footnotes.length} in the letter`);
  for (const f of l.footnotes) {
    const n = notes.find((x) => x.getAttribute('n') === String(f.number));
    if (!n) problems.push(`${letterId}: note ${f.number} missing`);
    else if (
      Array.from(n.childNodes as unknown as ArrayLike<XNode>)
        .map((c) => stripped(c))
        .join('') !== f.text
    )
      problems.push(`${letterId}: note ${f.number}'s text is not as printed`);
    else if (n.getAttribute('type') !== 'commentary')
      problems.push(`${letterId}: note ${f.number} is not type="commentary"`);
  }
  const names = ['persName', 'orgName', 'placeName'].flatMap((k) =>
    els(els(doc, 'text')[0]!, k).filter((e) => !isInBack(e)),
  );
  const got = names.map((e) => `${e.getAttribute('ref')}|${stripped(e)}`).sort();
  const want = d.mentions
    .filter((m) => m.letter === letterId)
    .map((m) => `${DEFAULT_BASE_IRI}${m.entity}|${m.exact}`)
    .sort();
  if (JSON.stringify(got) !== JSON.stringify(want))
    problems.push(`${letterId}: ${got.length} mentions in the TEI, ${want.length} in the dump`);
  const choices =
    els(body, 'choice').length +
    notes.reduce((s, n) => s + els(n, 'choice').length, 0) -
    els(body, 'note').reduce((s, n) => s + els(n, 'choice').length, 0);
  const corr = d.corrections.filter((c) => c.letter === letterId).length;
  if (choices !== corr) problems.push(`${letterId}: ${choices} corrections in the TEI, ${corr} recorded`);
  return problems;
}

/** In back's lists of entities (not a mention). */
const isInBack = (e: Element): boolean => {
  for (let p = e.parentNode; p; p = p.parentNode)
    if (['listPerson', 'listOrg', 'listPlace'].includes((p as Element).localName ?? '')) return true;
  return false;
};

test('every letter of build/ has its TEI file, and the build makes the same bytes', async () => {
  const r = await buildOf();
  for (const l of r.dataset!.letters) {
    const rel = `tei/${l.id}.xml`;
    assert.ok(r.files!.has(rel), rel);
    assert.equal(
      readFileSync(join(BUILD, rel), 'utf8'),
      r.files!.get(rel),
      `build/${rel} is not what the build makes: run npm run build`,
    );
  }
});

test('the TEI of every letter is valid TEI All (jing), in both profiles, and jing rejects a broken file', async (t) => {
  if (!haveJing(t)) return;
  const dir = tempDir('tei');
  const r = await buildOf();
  const open = await runBuild({
    corpusDir: CORPUS,
    outDir: '/nonexistent',
    base: DEFAULT_BASE_IRI,
    write: false,
    profile: 'open',
  });
  const files: string[] = [];
  for (const [profile, files0] of [
    ['full', r.files!],
    ['open', open.files!],
  ] as const) {
    for (const [rel, xml] of files0) {
      if (!rel.startsWith('tei/')) continue;
      const f = join(dir, `${profile}-${rel.slice(4)}`);
      writeFileSync(f, xml);
      files.push(f);
    }
  }
  assert.equal(files.length, 2 * r.dataset!.letters.length);
  // the release's one file: all letters in a teiCorpus (open profile)
  const corpus = join(dir, 'corpus.xml');
  const corpusXml = teiCorpus(open.dataset!, {
    base: DEFAULT_BASE_IRI,
    profile: 'open',
    date: '2026-12-02',
    version: '1.0.0',
  });
  writeFileSync(corpus, corpusXml);
  // xml:ids are unique across the corpus file
  const ids = corpusXml.match(/xml:id="[^"]+"/g) ?? [];
  assert.ok(ids.length > 100);
  assert.equal(new Set(ids).size, ids.length);
  files.push(corpus);
  assert.deepEqual(jing(files), []);
  // a p with @type (TEI's p has none) and a list after a div's closer are rejected
  const bad = join(dir, 'bad.xml');
  writeFileSync(bad, r.files!.get('tei/molotov-63.xml')!.replace('<p>', '<p type="x">'));
  assert.equal(jing([bad]).length, 1);
  writeFileSync(bad, r.files!.get('tei/molotov-63.xml')!.replace('</closer>', '</closer><p>x</p>'));
  assert.ok(jing([bad]).length >= 1);
});

test("the TEI text is the printed text; its notes and mentions are the dump's; a broken copy fails", async () => {
  const r = await buildOf();
  const d = r.dataset!;
  for (const l of d.letters) assert.deepEqual(teiProblems(d, l.id, r.files!.get(`tei/${l.id}.xml`)!), [], l.id);
  const xml = r.files!.get('tei/molotov-63.xml')!;
  assert.notDeepEqual(teiProblems(d, 'molotov-63', xml.replace('Tomskii', 'Tomsky')), []);
  assert.notDeepEqual(
    teiProblems(d, 'molotov-63', xml.replace(/<persName ref="[^"]*">Rykov<\/persName>/, 'Rykov')),
    [],
  );
  assert.notDeepEqual(
    teiProblems(d, 'molotov-63', xml.replace(/<note [^>]*n="2"[^>]*>/, '<note type="commentary" n="2">x')),
    [],
  );
  // letter 63: the mentions the issue names are marked up with our IRIs
  for (const [who, name] of [
    ['tomskii', 'Tomskii'],
    ['rykov', 'Rykov'],
    ['piatakov', 'Piatakov'],
  ]) {
    assert.match(xml, new RegExp(`<persName ref="${DEFAULT_BASE_IRI}person/${who}[^"]*">${name}</persName>`), who);
  }
});

test("the TEI notes and mentions of each letter are the dump's (build/stalin-letters.nt, read with N3)", async () => {
  const N3 = (await import('n3')).default;
  const quads = new N3.Parser({ format: 'N-Triples' }).parse(readFileSync(join(BUILD, 'stalin-letters.nt'), 'utf8'));
  const OA = 'http://www.w3.org/ns/oa#';
  const SLNS = quads
    .find((q) => q.predicate.value.endsWith('#footnoteNumber'))!
    .predicate.value.replace(/footnoteNumber$/, '');
  const sourceOf = new Map(
    quads.filter((q) => q.predicate.value === `${OA}hasSource`).map((q) => [q.subject.value, q.object.value]),
  );
  const mentions = new Map<string, string[]>();
  for (const q of quads) {
    if (q.predicate.value !== `${OA}hasTarget` || !q.subject.value.includes('/mention/')) continue;
    const letter = /letter\/([^/]+)/.exec(sourceOf.get(q.object.value) ?? '')?.[1];
    const body = quads.find((x) => x.subject.equals(q.subject) && x.predicate.value === `${OA}hasBody`)!.object.value;
    if (letter) (mentions.get(letter) ?? mentions.set(letter, []).get(letter)!).push(body);
  }
  const notes = new Map<string, number>();
  for (const q of quads)
    if (q.predicate.value === `${SLNS}hasFootnote`)
      notes.set(
        /letter\/([^/]+)$/.exec(q.subject.value)![1]!,
        (notes.get(/letter\/([^/]+)$/.exec(q.subject.value)![1]!) ?? 0) + 1,
      );
  for (const f of readdirSync(join(BUILD, 'tei'))) {
    const id = f.replace(/\.xml$/, '');
    const doc = parse(readFileSync(join(BUILD, 'tei', f), 'utf8'));
    const text = els(doc, 'text')[0]!;
    const refs = ['persName', 'orgName', 'placeName']
      .flatMap((k) => els(text, k))
      .filter((e) => !isInBack(e))
      .map((e) => e.getAttribute('ref')!)
      .sort();
    assert.deepEqual(refs, (mentions.get(id) ?? []).sort(), `${id}: mentions`);
    assert.equal(els(text, 'note').length, notes.get(id) ?? 0, `${id}: notes`);
  }
});

test('the TEI header: edition, archives cited, correspDesc with dates as printed, previous and next letter, back lists with Wikidata', async () => {
  const r = await buildOf();
  const doc = parse(r.files!.get('tei/molotov-55.xml')!);
  const one = (root: Parameters<typeof els>[0], n: string): Element => els(root, n)[0]!;
  assert.match(stripped(one(one(doc, 'sourceDesc'), 'bibl')), /Stalin's Letters to Molotov/);
  assert.equal(one(one(doc, 'listBibl'), 'orgName').getAttribute('ref'), `${DEFAULT_BASE_IRI}archive/rtskhidni`);
  const date = one(one(doc, 'correspDesc'), 'date');
  assert.equal(stripped(date), '[Earlier than 20 April 1930]');
  assert.equal(date.getAttribute('notAfter'), '1930-04-19');
  assert.equal(date.getAttribute('evidence'), 'conjecture');
  // letter 55 has two parts, each with its own author
  const sent = els(doc, 'correspAction').filter((a) => a.getAttribute('type') === 'sent');
  assert.deepEqual(
    sent.map((a) => one(a, 'persName').getAttribute('ref')),
    [`${DEFAULT_BASE_IRI}person/molotov`, `${DEFAULT_BASE_IRI}person/stalin`],
  );
  const parts = els(doc, 'div').filter((x) => x.getAttribute('type') === 'part');
  assert.deepEqual(
    parts.map((p) => p.getAttribute('corresp')),
    ['#molotov-55-sent-1', '#molotov-55-sent-2'],
  );
  // note 1 of letter 55 is anchored in the editorial date line, which stays in the body with its brackets
  const dateline = one(one(doc, 'body'), 'dateline');
  assert.match(stripped(dateline), /^\[Earlier than 20 April 1930\]/);
  assert.equal(one(dateline, 'note').getAttribute('n'), '1');
  const next = els(one(doc, 'correspContext'), 'ref').map((x) => [x.getAttribute('type'), x.getAttribute('target')]);
  assert.deepEqual(next, [['next', `${DEFAULT_BASE_IRI}letter/molotov-56`]]);
  const stalin = els(one(doc, 'listPerson'), 'person').find((p) =>
    els(p, 'idno').some((i) => i.textContent === 'Q855'),
  );
  assert.ok(stalin, 'Stalin with his Wikidata id');
  // in back, the lists come before any div; xml:ids are unique
  const ids = r.files!.get('tei/molotov-70.xml')!.match(/xml:id="[^"]+"/g) ?? [];
  assert.equal(new Set(ids).size, ids.length);
  const back = one(parse(r.files!.get('tei/molotov-70.xml')!), 'back');
  const kids = Array.from(back.childNodes as unknown as Element[])
    .filter((c) => c.nodeType === 1)
    .map((c) => c.localName);
  assert.ok(kids.indexOf('div') === -1 || kids.lastIndexOf('listPerson') < kids.indexOf('div'), kids.join(','));
});

test("the open profile's TEI has the structure and correspondence, and no sentence of the texts", async () => {
  const open = await runBuild({
    corpusDir: CORPUS,
    outDir: '/nonexistent',
    base: DEFAULT_BASE_IRI,
    write: false,
    profile: 'open',
  });
  const d = open.dataset!;
  const all = [...open.files!]
    .filter(([rel]) => rel.startsWith('tei/'))
    .map(([, x]) => x)
    .join('\n')
    .replace(/\s+/g, ' ');
  assert.ok(all.includes('<correspDesc'));
  assert.ok(all.includes('<gap reason="copyright"/>'));
  const leaks = sourceSentences(d).filter((s) => all.includes(s));
  assert.deepEqual(leaks, []);
  // the scan finds a sentence where there is one
  const full = (await buildOf())
    .files!.get('tei/molotov-63.xml')!
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ');
  assert.ok(sourceSentences(d).some((s) => full.includes(s)));
});

test('markUp nests spans, leaves out one that crosses another, and escapes the text', () => {
  const dropped: string[] = [];
  const x = markUp(
    'a<b & c d',
    [
      { start: 0, end: 3, open: '<x>', close: '</x>' },
      { start: 2, end: 5, open: '<y>', close: '</y>' },
      { start: 8, end: 8, open: '<n/>', close: '' },
    ],
    (s) => dropped.push(s.open),
  );
  assert.equal(x, '<x>a&lt;b</x> &amp; c <n/>d');
  assert.deepEqual(dropped, ['<y>']);
});
