// The CMIF file for correspSearch (build/cmif.xml, and the release's): valid against the CMIF 1.1.0 schema
// (xmllint --relaxng; skipped locally without xmllint, failing on CI) and against the CMIF rules checked here
// one by one: TEI namespace, both actions of every letter, the date formats and values, @source resolving to a
// bibl/@xml:id, Wikidata IRIs, the header's licence. Each rule is also made to fail on a broken copy.

import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { CMIF_LICENCE, cmifDate, cmifTimestamp, TEI_NS } from '../../src/publish/cmif.js';
import { filesOf } from '../build-fixture.js';
import { BUILD, FIXTURES } from '../helpers.js';

const ON_CI = process.env.CI === 'true';
// the CMIF 1.1.0 schema (TEI-Correspondence-SIG/CMIF, BSD-2-Clause / CC BY; licences beside it)
const SCHEMA = join(FIXTURES, 'cmif/cmi-customization.rng');
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const XSD_DATETIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
// written out here, not imported, so a change to the generator's text is caught
const CMIF_LICENCE_TEXT = 'This file is licensed under the terms of the Creative Commons License CC-BY 4.0';
const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';

interface HasElements {
  getElementsByTagNameNS(ns: string, name: string): unknown;
}
const els = (root: HasElements, name: string): Element[] =>
  Array.from(root.getElementsByTagNameNS(TEI_NS, name) as ArrayLike<Element>);

/** The CMIF rules this project follows; returns every broken rule (empty: the file is fine). */
export function cmifProblems(xml: string): string[] {
  const problems: string[] = [];
  const errors: string[] = [];
  let doc;
  try {
    doc = new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') errors.push(msg);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (e) {
    errors.push((e as Error).message);
  }
  if (errors.length || !doc) return [`not well-formed: ${errors[0]}`];
  const root = doc.documentElement!;
  if (root.localName !== 'TEI' || root.namespaceURI !== TEI_NS)
    problems.push(`root is {${root.namespaceURI}}${root.localName}, not TEI in ${TEI_NS}`);
  const header = (name: string): Element | undefined => els(doc, name)[0];
  for (const n of ['title', 'editor', 'publisher'])
    if (!header(n)?.textContent?.trim()) problems.push(`header has no ${n}`);
  const idno = header('idno');
  if (idno?.getAttribute('type') !== 'url' || !/^https?:\/\/\S+$/.test(idno.textContent ?? ''))
    problems.push('header has no idno type="url" with the file URL');
  // the documentation's field table (TEI-Correspondence-SIG/CMIF, doc/documentation-en.md, "Information about the
  // digital index of letters"): date/@when is an xsd:dateTime; the licence statement and target are fixed
  const pubDate = els(header('publicationStmt') ?? doc, 'date')[0]?.getAttribute('when') ?? '';
  if (!XSD_DATETIME.test(pubDate) || Number.isNaN(Date.parse(pubDate)))
    problems.push(`publication date "${pubDate}" is not an xsd:dateTime`);
  if (header('licence')?.getAttribute('target') !== CC_BY) problems.push('licence is not CC BY 4.0');
  if (!(header('licence')?.textContent ?? '').startsWith(CMIF_LICENCE_TEXT))
    problems.push('licence statement is not the one CMIF makes mandatory');
  const bibEls = els(doc, 'bibl').filter((b) => b.parentNode && (b.parentNode as Element).localName === 'sourceDesc');
  if (!bibEls.length) problems.push('sourceDesc has no bibl');
  for (const b of bibEls) {
    if (!['print', 'online'].includes(b.getAttribute('type') ?? ''))
      problems.push(`bibl ${b.getAttribute('xml:id')}: @type "${b.getAttribute('type')}" is not print or online`);
    if (!b.textContent?.trim()) problems.push(`bibl ${b.getAttribute('xml:id')} is empty`);
  }
  const bibls = new Set(
    els(doc, 'bibl')
      .map((b) => b.getAttribute('xml:id'))
      .filter(Boolean),
  );
  const descs = els(doc, 'correspDesc');
  if (!descs.length) problems.push('no correspDesc');
  for (const c of descs) {
    const key = c.getAttribute('key') ?? '';
    if (!key) problems.push('a correspDesc has no @key');
    const source = c.getAttribute('source') ?? '';
    if (!source.startsWith('#') || !bibls.has(source.slice(1)))
      problems.push(`${key}: @source "${source}" does not point to a bibl/@xml:id`);
    const actions = els(c, 'correspAction');
    const ref = c.getAttribute('ref');
    if (ref !== null && !/^https?:\/\/\S+$/.test(ref)) problems.push(`${key}: @ref "${ref}" is not a URL`);
    for (const a of els(c, 'correspAction')) {
      const type = a.getAttribute('type') ?? '';
      if (!['sent', 'received'].includes(type)) problems.push(`${key}: correspAction @type "${type}"`);
      for (const child of Array.from(a.childNodes)) {
        if (child.nodeType === 3 && child.textContent?.trim()) problems.push(`${key}: text directly in correspAction`);
        if (
          child.nodeType === 1 &&
          !['persName', 'orgName', 'placeName', 'date'].includes((child as Element).localName!)
        )
          problems.push(`${key}: ${(child as Element).localName} in correspAction`);
      }
      for (const p of [...els(a, 'persName'), ...els(a, 'placeName'), ...els(a, 'orgName')]) {
        const ev = p.getAttribute('evidence');
        if (ev && ev !== 'conjecture') problems.push(`${key}: ${p.localName} @evidence "${ev}"`);
        const cert = p.getAttribute('cert');
        if (cert && cert !== 'low') problems.push(`${key}: ${p.localName} @cert "${cert}"`);
        if (!p.textContent?.trim()) problems.push(`${key}: empty ${p.localName} (an unknown person is "Unknown")`);
      }
    }
    for (const type of ['sent', 'received']) {
      const a = actions.filter((x) => x.getAttribute('type') === type);
      if (a.length !== 1) problems.push(`${key}: ${a.length} correspAction type="${type}"`);
      else if (!els(a[0]!, 'persName').length) problems.push(`${key}: ${type} names nobody`);
    }
    for (const p of els(c, 'persName')) {
      const ref = p.getAttribute('ref');
      if (ref && !/^http:\/\/www\.wikidata\.org\/entity\/Q\d+$/.test(ref))
        problems.push(`${key}: persName @ref "${ref}" is not a Wikidata IRI`);
    }
    for (const d of els(c, 'date')) {
      const when = d.getAttribute('when');
      const nb = d.getAttribute('notBefore');
      const na = d.getAttribute('notAfter');
      if (!when && !nb && !na) problems.push(`${key}: a date without @when, @notBefore or @notAfter`);
      if (when && (nb || na)) problems.push(`${key}: @when beside @notBefore/@notAfter`);
      for (const v of [when, nb, na])
        if (v && !DATE.test(v)) problems.push(`${key}: date "${v}" is not YYYY, YYYY-MM or YYYY-MM-DD`);
      if (nb && na && nb > na) problems.push(`${key}: notBefore ${nb} after notAfter ${na}`);
      const ev = d.getAttribute('evidence');
      if (ev && ev !== 'conjecture') problems.push(`${key}: @evidence "${ev}" (CMIF 1.1 allows only conjecture)`);
      const cert = d.getAttribute('cert');
      if (cert && cert !== 'low') problems.push(`${key}: @cert "${cert}" (CMIF 1.1 allows only low)`);
    }
  }
  return problems;
}

const cmif = async (): Promise<string> => (await filesOf()).get('cmif.xml')!;

test('build/cmif.xml is what the corpus gives', async () => {
  assert.equal(readFileSync(join(BUILD, 'cmif.xml'), 'utf8'), await cmif());
});

test('the CMIF file keeps every CMIF rule', async () => {
  assert.deepEqual(cmifProblems(await cmif()), []);
});

test('one correspDesc per letter, with the edition number as key, Wikidata IRIs and the dates as the editors give them', async () => {
  const xml = await cmif();
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const descs = els(doc, 'correspDesc');
  assert.equal(descs.length, 18);
  assert.deepEqual(
    descs.map((d) => d.getAttribute('key')),
    [...Array.from({ length: 17 }, (_, i) => String(55 + i)), 'kaganovich-1932-08-11'],
  );
  const byKey = new Map(descs.map((d) => [d.getAttribute('key'), d]));
  const date = (key: string): Record<string, string> => {
    const d = els(byKey.get(key)!, 'date')[0]!;
    return Object.fromEntries(
      ['when', 'notBefore', 'notAfter', 'evidence'].flatMap((a) =>
        d.hasAttribute(a) ? [[a, d.getAttribute(a)!]] : [],
      ),
    );
  };
  // "[Earlier than 20 April 1930]": only the upper bound is the editors'; the open start stays open (as in EDTF)
  assert.deepEqual(date('55'), { notAfter: '1930-04-19', evidence: 'conjecture' });
  // "11 August [1932]": the year supplied by the editors
  assert.deepEqual(date('kaganovich-1932-08-11'), { when: '1932-08-11', evidence: 'conjecture' });
  // letter 55 is Molotov's note with Stalin's reply on it: both wrote, both received
  const refs = (key: string, action: number): (string | null)[] =>
    els(els(byKey.get(key)!, 'correspAction')[action]!, 'persName').map((p) => p.getAttribute('ref'));
  assert.deepEqual(refs('55', 0), ['http://www.wikidata.org/entity/Q132899', 'http://www.wikidata.org/entity/Q855']);
  assert.deepEqual(refs('55', 1), ['http://www.wikidata.org/entity/Q855', 'http://www.wikidata.org/entity/Q132899']);
  assert.deepEqual(refs('60', 0), ['http://www.wikidata.org/entity/Q855']);
  const receivers = els(els(byKey.get('kaganovich-1932-08-11')!, 'correspAction')[1]!, 'persName');
  assert.deepEqual(
    receivers.map((p) => p.getAttribute('ref')),
    ['http://www.wikidata.org/entity/Q215705'],
  );
  assert.equal(byKey.get('kaganovich-1932-08-11')!.getAttribute('source'), '#kaganovich-2003');
  assert.match(
    xml,
    /<bibl type="print" xml:id="molotov-1930">Lars T\. Lih, Oleg V\. Naumov, Oleg V\. Khlevniuk \(eds\.\)\. Stalin's Letters to Molotov, 1925-1936\./,
  );
});

test('the publication timestamp is the release date as an xsd:dateTime, without a clock', () => {
  assert.equal(cmifTimestamp('2026-12-02'), '2026-12-02T00:00:00Z');
  assert.throws(() => cmifTimestamp('2026-12'), /not YYYY-MM-DD/);
});

test('CMIF dates: a day, a whole month or year as @when; else bounds; brackets give @evidence="conjecture"', () => {
  const v = (asPrinted: string, edtf: string, earliest: string, latest: string) =>
    cmifDate({ asPrinted, edtf, earliest, latest, precision: 11 });
  assert.deepEqual(v('2 August 1930', '1930-08-02', '1930-08-02', '1930-08-02'), { when: '1930-08-02' });
  assert.deepEqual(v('[September 1930]', '1930-09', '1930-09-01', '1930-09-30'), {
    when: '1930-09',
    evidence: 'conjecture',
  });
  assert.deepEqual(v('[February 1932]', '1932-02', '1932-02-01', '1932-02-29'), {
    when: '1932-02',
    evidence: 'conjecture',
  });
  assert.deepEqual(v('1930', '1930', '1930-01-01', '1930-12-31'), { when: '1930' });
  assert.deepEqual(v('[Late August–Early September 1930]', '1930-08-21/1930-09-10', '1930-08-21', '1930-09-10'), {
    notBefore: '1930-08-21',
    notAfter: '1930-09-10',
    evidence: 'conjecture',
  });
  assert.deepEqual(v('[No earlier than 6 December 1930]', '1930-12-06/..', '1930-12-06', '1930-12-31'), {
    notBefore: '1930-12-06',
    evidence: 'conjecture',
  });
});

test('the rule checks catch each broken rule', async () => {
  const xml = await cmif();
  const broken: [string, string, RegExp][] = [
    [
      'no received action',
      xml.replace(/<correspAction type="received">[\s\S]*?<\/correspAction>/, ''),
      /55: 0 correspAction type="received"/,
    ],
    [
      'a date with a time',
      xml.replace('notAfter="1930-04-19"', 'notAfter="1930-04-19T10:00"'),
      /55: date "1930-04-19T10:00" is not/,
    ],
    [
      'an unresolved source',
      xml.replace('source="#molotov-1930"', 'source="#nowhere"'),
      /55: @source "#nowhere" does not point/,
    ],
    ['a pre-1.1 evidence value', xml.replace('evidence="conjecture"', 'evidence="internal"'), /@evidence "internal"/],
    [
      'not TEI',
      xml.replace(`xmlns="${TEI_NS}"`, 'xmlns="http://example.org/"'),
      /root is \{http:\/\/example\.org\/\}TEI/,
    ],
    [
      'another licence',
      xml.replace(`<licence target="${CC_BY}"`, '<licence target="https://example.org/"'),
      /licence is not CC BY 4\.0/,
    ],
    ['not well-formed', xml.replace('</profileDesc>', ''), /not well-formed/],
    [
      'a publication date without a time',
      xml.replace(/(<publicationStmt>[\s\S]*?<date when=")[^"]+"/, '$11930-01-01"'),
      /publication date "1930-01-01" is not an xsd:dateTime/,
    ],
    [
      'another licence text',
      xml.replace(CMIF_LICENCE, 'Licensed CC BY'),
      /licence statement is not the one CMIF makes mandatory/,
    ],
    [
      'a bibl of another type',
      xml.replace('<bibl type="print"', '<bibl type="manuscript"'),
      /@type "manuscript" is not print or online/,
    ],
    [
      'text in a correspAction',
      xml.replace('<correspAction type="sent">', '<correspAction type="sent">by hand'),
      /text directly in correspAction/,
    ],
    [
      'an evidence value on a name',
      xml.replace(/<persName /, '<persName evidence="external" '),
      /persName @evidence "external"/,
    ],
  ];
  for (const [what, text, expected] of broken) assert.match(cmifProblems(text).join('\n'), expected, what);
});

function xmllint(t: TestContext): boolean {
  if (spawnSync('xmllint', ['--version']).status === 0) return true;
  if (ON_CI) assert.fail('xmllint is missing (CI must have it: apt-get install libxml2-utils, see .ci/run)');
  t.skip('xmllint is missing: apt-get install -y libxml2-utils');
  return false;
}

test('xmllint validates the CMIF file against the CMIF 1.1.0 schema and rejects a broken one', async (t) => {
  if (!xmllint(t)) return;
  const schema = SCHEMA;
  const dir = mkdtempSync(join(tmpdir(), 'sl-cmif-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const good = join(dir, 'cmif.xml');
  writeFileSync(good, await cmif());
  const r = spawnSync('xmllint', ['--noout', '--relaxng', schema, good], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /validates/);
  const bad = join(dir, 'bad.xml');
  writeFileSync(bad, (await cmif()).replace('evidence="conjecture"', 'evidence="internal"'));
  assert.notEqual(spawnSync('xmllint', ['--noout', '--relaxng', schema, bad], { encoding: 'utf8' }).status, 0);
});
