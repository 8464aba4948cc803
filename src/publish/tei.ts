// TEI P5 for every letter (build/tei/<letter>.xml): the header with the edition, the archives its notes cite, the
// correspondence metadata (who to whom, the date as printed with its interval and certainty, the previous and next
// letter) and the revision; the body with the letter's blocks as printed (opener, points, paragraphs, closer,
// postscript, and the parts of letters with more than one author), the editors' notes at their markers, the mentions
// as persName/orgName/placeName and the corrections of extraction damage as choice/sic/corr; and the entities in
// back. The markup adds nothing to the text: with the tags (and the corr readings and the notes) stripped, the body
// is the printed text character for character (test/publish/tei.test.ts). The open profile keeps the header, the
// correspondence and the structure, with a gap for each text (the texts are in copyright).

import type { Block } from '../corpus/edition.js';
import type { Correction, Dataset, Letter, Mention } from '../model/types.js';
import { bibl, cmifDate, TEI_NS } from './cmif.js';
import { rightsStatement, CC_BY_4, type Profile } from './profile.js';
import { iriPath, type BaseIri } from '../core/iri.js';

export const TEI_DIR = 'tei';
export const TEI_MEDIA_TYPE = 'application/tei+xml';

export interface TeiOptions {
  base: BaseIri;
  profile: Profile;
  /** The date of the version (package.json config.issued). */
  date: string;
  version: string;
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const attrs = (a: Record<string, string | undefined>): string =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(v!)}"`)
    .join('');

const ELEMENT = { person: 'persName', organization: 'orgName', place: 'placeName' } as const;

/** Something to put into a text: an element around [start, end), or (start === end) a point (a note at its marker). */
interface Span {
  start: number;
  end: number;
  open: string;
  close: string;
  /** Replaces the text inside (a choice: the printed reading in sic, the corrected one in corr). */
  inner?: string;
}

/**
 * `text` with the spans as markup. Spans are nested where they nest; one that crosses another already open (or the
 * text's end) is left out and reported through `dropped`, so that the tests can count it.
 */
export function markUp(text: string, spans: readonly Span[], dropped: (s: Span) => void = () => undefined): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  let out = '';
  let at = 0;
  const open: Span[] = [];
  const closeTo = (pos: number): void => {
    while (open.length && open[open.length - 1]!.end <= pos) {
      const s = open.pop()!;
      out += esc(text.slice(at, s.end)) + s.close;
      at = s.end;
    }
  };
  for (const s of sorted) {
    if (s.start < 0 || s.end > text.length || s.end < s.start) {
      dropped(s);
      continue;
    }
    closeTo(s.start);
    const parent = open[open.length - 1];
    if (parent && (s.end > parent.end || parent.inner !== undefined)) {
      dropped(s);
      continue;
    }
    out += esc(text.slice(at, s.start)) + s.open;
    at = s.start;
    if (s.inner !== undefined || s.start === s.end) {
      out += (s.inner ?? '') + s.close;
      at = s.end;
    } else open.push(s);
  }
  closeTo(text.length);
  return out + esc(text.slice(at));
}

/** How a block is marked up: its element (and the group of elements it belongs in). */
type Zone = 'top' | 'middle' | 'bottom';

function blockElement(b: Block): { zone: Zone; open: string; close: string } {
  const n = b.pointLabel ?? b.postscriptLabel;
  switch (b.kind) {
    case 'editorial-date':
      return { zone: 'top', open: '<dateline n="editorial">', close: '</dateline>' };
    case 'dateline':
      return { zone: 'top', open: '<dateline>', close: '</dateline>' };
    case 'salutation':
      return { zone: 'top', open: '<salute>', close: '</salute>' };
    case 'point':
      return { zone: 'middle', open: `<item${attrs({ n })}>`, close: '</item>' };
    case 'subpoint':
      return { zone: 'middle', open: `<item${attrs({ n, rend: 'subpoint' })}>`, close: '</item>' };
    case 'closing':
      return { zone: 'bottom', open: '<salute>', close: '</salute>' };
    case 'signature':
      return { zone: 'bottom', open: '<signed>', close: '</signed>' };
    case 'attribution':
      return { zone: 'bottom', open: '<signed rend="editorial">', close: '</signed>' };
    case 'postscript':
      return { zone: 'bottom', open: `<p${attrs({ n })}>`, close: '</p>' };
    default:
      return { zone: 'middle', open: '<p>', close: '</p>' };
  }
}

const entityIri = (base: BaseIri, m: Mention): string => `${base}${m.entity}`;

export interface TeiLetter {
  xml: string;
  /** Mentions and corrections that could not be marked up (crossing another span or a block's end). */
  dropped: string[];
}

/** Letters in the editions' order (the edition's year, then the number the editors gave, then the place in the
 * text): the sequence of correspContext. Not by earliest date: an open interval ("no later than") starts on 1 January
 * by convention, which would put letter 67 second. */
export function letterSequence(
  letters: readonly Letter[],
  editions: readonly { id: string; year?: number }[],
): Letter[] {
  const year = new Map(editions.map((e) => [e.id, e.year ?? 9999]));
  return [...letters].sort(
    (a, b) =>
      (year.get(a.edition) ?? 9999) - (year.get(b.edition) ?? 9999) ||
      (a.edition < b.edition ? -1 : a.edition > b.edition ? 1 : 0) ||
      (a.number ?? 0) - (b.number ?? 0) ||
      a.src.offset - b.src.offset,
  );
}

/** What every letter's TEI looks up in the whole data set, found once per data set (a corpus of 700 letters and
 * 100 k mentions took seconds when each letter filtered them all). */
interface TeiIndex {
  persons: Map<string, Dataset['persons'][number]>;
  seq: Letter[];
  position: Map<string, number>;
  mentions: Map<string, Dataset['mentions']>;
  corrections: Map<string, Dataset['corrections']>;
  citations: Map<string, Dataset['citations']>;
  archives: Map<string, Dataset['archives'][number]>;
  /** Each kind's entities by id, with their paths (what a letter's mentions name). */
  sortedPersons: { path: string; x: Dataset['persons'][number] }[];
  sortedOrganizations: { path: string; x: Dataset['organizations'][number] }[];
  sortedPlaces: { path: string; x: Dataset['places'][number] }[];
}

const indexes = new WeakMap<Dataset, TeiIndex>();

function groupBy<T>(items: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

const byId = <T extends { id: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => (a.id < b.id ? -1 : 1));

function teiIndex(d: Dataset): TeiIndex {
  let index = indexes.get(d);
  if (!index) {
    const seq = letterSequence(d.letters, d.editions);
    index = {
      persons: new Map(d.persons.map((p) => [p.id, p])),
      seq,
      position: new Map(seq.map((l, i) => [l.id, i])),
      mentions: groupBy(d.mentions, (m) => m.letter),
      corrections: groupBy(d.corrections, (c) => c.letter),
      citations: groupBy(d.citations, (c) => c.letter),
      archives: new Map(d.archives.map((a) => [a.abbreviation, a])),
      sortedPersons: byId(d.persons).map((x) => ({ path: iriPath.person(x.id), x })),
      sortedOrganizations: byId(d.organizations).map((x) => ({ path: iriPath.organization(x.id), x })),
      sortedPlaces: byId(d.places).map((x) => ({ path: iriPath.place(x.id), x })),
    };
    indexes.set(d, index);
  }
  return index;
}

export function toTei(d: Dataset, letter: Letter, o: TeiOptions): TeiLetter {
  const full = o.profile === 'full';
  const dropped: string[] = [];
  const id = letter.id;
  const iri = (path: string): string => `${o.base}${path}`;
  const index = teiIndex(d);
  const persons = index.persons;
  const edition = d.editions.find((e) => e.id === letter.edition);
  const seq = index.seq;
  const pos = index.position.get(id) ?? -1;
  const title = (l: Letter): string =>
    l.number !== undefined ? `Letter ${l.number}` : `Letter of ${l.date.asPrinted}`;
  const name = (pid: string): string => persons.get(pid)?.fullName ?? persons.get(pid)?.name ?? pid;
  const persName = (pid: string): string =>
    `<persName${attrs({ ref: iri(iriPath.person(pid)) })}>${esc(name(pid))}</persName>`;

  // ---- the text: spans per block (mentions and corrections of the letter's text, notes at their markers)
  const mentions = index.mentions.get(id) ?? [];
  const corrections = index.corrections.get(id) ?? [];
  const noteXml = new Map<number, string>();
  for (const f of letter.footnotes) {
    const spans: Span[] = [];
    if (full) {
      for (const m of mentions.filter((x) => x.note === f.number)) spans.push(mentionSpan(m, o.base));
      for (const c of corrections.filter((x) => x.note === f.number)) spans.push(correctionSpan(c));
    }
    const body = full
      ? markUp(f.text, spans, (s) => dropped.push(`note ${f.number}: ${s.open}`))
      : '<gap reason="copyright"/>';
    noteXml.set(
      f.number,
      `<note${attrs({ type: 'commentary', n: String(f.number), 'xml:id': `${id}-note-${f.number}`, place: 'end' })}>${body}</note>`,
    );
  }
  const placed = new Set<number>();
  const blockXml = (b: Block): string => {
    const spans: Span[] = [];
    const isDate = b.kind === 'editorial-date' && b.position === 1;
    const offset = b.loc.offset - letter.textOffset; // where the block starts in letter.text
    const inBlock = (s: number, e: number): boolean => s >= offset && e <= offset + b.text.length;
    if (full) {
      for (const m of mentions) {
        if (m.note !== undefined || isDate) continue;
        if (inBlock(m.start, m.end))
          spans.push({ ...mentionSpan(m, o.base), start: m.start - offset, end: m.end - offset });
        else if (m.start < offset + b.text.length && m.end > offset)
          dropped.push(`block ${b.position}: mention ${m.id} crosses the block's end`);
      }
      for (const c of corrections) {
        if (c.note !== undefined) continue;
        if (c.target === 'date') {
          if (isDate) spans.push(correctionSpan(c));
          continue;
        }
        if (!isDate && inBlock(c.start, c.end))
          spans.push({ ...correctionSpan(c), start: c.start - offset, end: c.end - offset });
      }
    }
    for (const f of letter.footnotes) {
      if (!f.marker || f.marker.block !== b.position) continue;
      const at = f.marker.offset - b.loc.offset + String(f.number).length;
      if (at > b.text.length) continue;
      placed.add(f.number);
      spans.push({ start: at, end: at, open: noteXml.get(f.number)!, close: '' });
    }
    const el = blockElement(b);
    if (full) return el.open + markUp(b.text, spans, (s) => dropped.push(`block ${b.position}: ${s.open}`)) + el.close;
    return (
      el.open +
      '<gap reason="copyright"/>' +
      spans
        .filter((s) => s.start === s.end)
        .map((s) => s.open)
        .join('') +
      el.close
    );
  };

  // the source between two blocks (white space: line breaks), kept so that the stripped body is the printed text
  const gap = (a: Block, b: Block): string => {
    if (!full) return '\n';
    if (a.kind === 'editorial-date' && a.position === 1)
      return '\n'.repeat(Math.max(1, letter.textOffset - a.loc.endOffset));
    return letter.text.slice(a.loc.endOffset - letter.textOffset, b.loc.offset - letter.textOffset);
  };

  /** A part's blocks as divTop (opener), the middle (p, lists of points) and divBottom (closer, postscript). */
  const partXml = (blocks: Block[]): string => {
    let out = '';
    let zone: Zone | 'start' = 'start';
    let group: string | undefined; // the open grouping element: opener, list, closer, postscript
    const close = (): void => {
      if (group) {
        out += `</${group}>`;
        group = undefined;
      }
    };
    blocks.forEach((b, i) => {
      const el = blockElement(b);
      // once the closer has begun, further paragraphs are a postscript (TEI has no p after a div's closer)
      let want: string | undefined;
      if (el.zone === 'top' && zone === 'start') want = 'opener';
      else if (el.zone === 'top' && zone === 'bottom') want = 'closer';
      else if (el.zone === 'top') {
        want = undefined;
      } else if (el.zone === 'bottom' && b.kind !== 'postscript') want = 'closer';
      else if (b.kind === 'postscript' || zone === 'bottom') want = 'postscript';
      else if (b.kind === 'point' || b.kind === 'subpoint') want = 'list';
      else want = undefined;
      if (want !== group) {
        close();
        if (want) {
          out += want === 'list' ? '<list type="points">' : `<${want}>`;
          group = want;
        }
      }
      if (el.zone === 'bottom' || b.kind === 'postscript') zone = 'bottom';
      else if (el.zone === 'middle' && zone !== 'bottom') zone = 'middle';
      else if (zone === 'start' && el.zone !== 'top') zone = 'middle';
      // a dateline or salutation among the paragraphs stays where it is printed, as a paragraph of its own
      out += el.zone === 'top' && !group ? `<p>${blockXml(b)}</p>` : blockXml(b);
      if (i < blocks.length - 1) out += esc(gap(b, blocks[i + 1]!));
    });
    close();
    return out;
  };

  const parts = letter.parts.length
    ? letter.parts
    : [
        {
          number: 1,
          authors: letter.authors,
          addressees: letter.addressees,
          blocks: letter.blocks.map((b) => b.position),
        },
      ];
  let body = '';
  // what comes before the first part (the editors' date line) belongs to the letter, not to a part: the letter's opener
  const inParts = new Set(parts.flatMap((p) => p.blocks));
  const leading = letter.parts.length ? letter.blocks.filter((b) => !inParts.has(b.position)) : [];
  if (leading.length) {
    body += partXml(leading);
    const first = letter.blocks.find((x) => x.position === parts[0]!.blocks[0])!;
    body += esc(gap(leading[leading.length - 1]!, first));
  }
  parts.forEach((p, i) => {
    const blocks = letter.blocks.filter((b) => p.blocks.includes(b.position));
    const inner = partXml(blocks);
    if (letter.parts.length) {
      body += `<div${attrs({ type: 'part', n: String(p.number), 'xml:id': `${id}-part-${p.number}`, corresp: `#${id}-sent-${p.number}` })}>${inner}</div>`;
      const next = parts[i + 1];
      if (next) {
        const a = blocks[blocks.length - 1]!;
        const b = letter.blocks.find((x) => x.position === next.blocks[0])!;
        body += esc(gap(a, b));
      }
    } else body += inner;
  });
  for (const f of letter.footnotes)
    if (!placed.has(f.number) && f.marker) dropped.push(`note ${f.number}: marker not in its block`);

  // ---- the header
  const date = letter.date;
  const when = cmifDate(date);
  if (date.earliestIsConvention) delete when.notBefore;
  const bracketed = date.asPrinted.includes('[');
  const dateXml = `<date${attrs({ ...when, ...(bracketed ? { cert: 'medium' } : {}) })}>${esc(date.asPrinted)}</date>`;
  const actions = letter.parts.length
    ? letter.parts.flatMap((p) => [
        `<correspAction${attrs({ type: 'sent', n: String(p.number), 'xml:id': `${id}-sent-${p.number}` })}>${p.authors.map(persName).join('')}${p.number === 1 ? dateXml : ''}</correspAction>`,
        `<correspAction${attrs({ type: 'received', n: String(p.number) })}>${p.addressees.map(persName).join('')}</correspAction>`,
      ])
    : [
        `<correspAction type="sent">${letter.authors.map(persName).join('')}${dateXml}</correspAction>`,
        `<correspAction type="received">${letter.addressees.map(persName).join('')}</correspAction>`,
      ];
  const context = [
    pos > 0
      ? `<ref${attrs({ type: 'previous', subtype: 'toAuthor', target: iri(iriPath.letter(seq[pos - 1]!.id)) })}>${esc(title(seq[pos - 1]!))}</ref>`
      : undefined,
    pos < seq.length - 1
      ? `<ref${attrs({ type: 'next', subtype: 'toAuthor', target: iri(iriPath.letter(seq[pos + 1]!.id)) })}>${esc(title(seq[pos + 1]!))}</ref>`
      : undefined,
  ].filter(Boolean);
  // the archives the notes cite, and the units (fond, opis, file) in them
  const cited = new Map<string, { archive: string; printed: string; unit: string }>();
  for (const c of index.citations.get(id) ?? []) {
    if (c.kind !== 'archival') continue;
    if (!cited.has(c.unit))
      cited.set(c.unit, {
        archive: c.path.archive,
        printed: `f. ${c.path.fond}, op. ${c.path.opis}, d. ${c.path.delo}`,
        unit: c.unit,
      });
  }
  const archives = index.archives;
  const archiveBibl = [...cited.values()]
    .sort((a, b) => (a.unit < b.unit ? -1 : 1))
    .map((c) => {
      const a = archives.get(c.archive);
      return `<bibl type="archival"><orgName${attrs({ ref: a ? iri(iriPath.archive(a.id)) : undefined })}>${esc(c.archive)}</orgName>, <idno${attrs({ type: 'archival', corresp: iri(c.unit) })}>${esc(c.printed)}</idno></bibl>`;
    });
  const licence = full
    ? `<licence>${esc(rightsStatement('full', d.editions))}</licence>`
    : `<licence${attrs({ target: CC_BY_4 })}>${esc(rightsStatement('open', d.editions))}</licence>`;

  // ---- back: the entities the letter and its notes mention
  const mentioned = new Set(mentions.map((m) => m.entity));
  for (const p of [...letter.authors, ...letter.addressees]) mentioned.add(iriPath.person(p));
  const wd = (w?: { qid: string }): string => (w ? `<idno type="wikidata">${esc(w.qid)}</idno>` : '');
  const uri = (path: string): string => `<idno type="URI">${esc(iri(path))}</idno>`;
  const listPerson = index.sortedPersons
    .filter((e) => mentioned.has(e.path))
    .map((e) => e.x)
    .map(
      (p) =>
        `<person${attrs({ 'xml:id': `${id}-person-${p.id}` })}><persName>${esc(p.name)}</persName>${p.fullName ? `<persName type="full">${esc(p.fullName)}</persName>` : ''}${p.nameRu ? `<persName xml:lang="ru">${esc(p.nameRu)}</persName>` : ''}${uri(iriPath.person(p.id))}${wd(p.wikidata)}</person>`,
    );
  const listOrg = index.sortedOrganizations
    .filter((e) => mentioned.has(e.path))
    .map((e) => e.x)
    .map(
      (x) =>
        `<org${attrs({ 'xml:id': `${id}-organization-${x.id}` })}><orgName>${esc(x.name)}</orgName>${uri(iriPath.organization(x.id))}${wd(x.wikidata)}</org>`,
    );
  const listPlace = index.sortedPlaces
    .filter((e) => mentioned.has(e.path))
    .map((e) => e.x)
    .map(
      (x) =>
        `<place${attrs({ 'xml:id': `${id}-place-${x.id}` })}><placeName>${esc(x.name)}</placeName>${uri(iriPath.place(x.id))}${wd(x.wikidata)}</place>`,
    );
  const unplaced = letter.footnotes
    .filter((f) => !placed.has(f.number))
    .map((f) => noteXml.get(f.number)!.replace('<note ', `<note target="#${id}-text" `));

  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<TEI${attrs({ xmlns: TEI_NS, 'xml:id': id, 'xml:lang': 'en' })}>`,
    '<teiHeader>',
    '<fileDesc>',
    `<titleStmt><title>${esc(title(letter))}: ${esc(parts.map((p) => `${p.authors.map(name).join(' and ')} to ${p.addressees.map(name).join(' and ')}`).join('; '))}, ${esc(date.asPrinted)}</title>${letter.authors.map((a) => `<author${attrs({ ref: iri(iriPath.person(a)) })}>${esc(name(a))}</author>`).join('')}</titleStmt>`,
    `<publicationStmt><publisher><ref${attrs({ target: o.base })}>stalin-letters-lod</ref></publisher><idno type="URI">${esc(iri(iriPath.letter(id)))}</idno><date${attrs({ when: o.date })}/><availability>${licence}</availability></publicationStmt>`,
    `<sourceDesc><bibl type="print">${edition ? esc(bibl(edition)) : ''}${letter.number !== undefined ? ` <biblScope unit="letter">${letter.number}</biblScope>` : ''}</bibl>${archiveBibl.length ? `<listBibl type="archives-cited-in-notes">${archiveBibl.join('')}</listBibl>` : ''}</sourceDesc>`,
    '</fileDesc>',
    `<profileDesc><correspDesc${attrs({ ref: iri(iriPath.letter(id)) })}>${actions.join('')}${context.length ? `<correspContext>${context.join('')}</correspContext>` : ''}</correspDesc></profileDesc>`,
    `<revisionDesc><change${attrs({ when: o.date })}>Generated by stalin-letters-lod ${esc(o.version)} from ${esc(letter.src.file.startsWith(`${d.corpusRoot}/`) ? `corpus/${letter.src.file.slice(d.corpusRoot.length + 1)}` : letter.src.file)} (line ${letter.src.line}), profile ${o.profile}${full ? '' : ': the texts of the letter and its notes are left out (gap), being in copyright'}.</change></revisionDesc>`,
    '</teiHeader>',
    '<text>',
    `<body><div${attrs({ type: 'letter', 'xml:id': `${id}-text` })}>${body}</div></body>`,
    `<back>${listPerson.length ? `<listPerson>${listPerson.join('')}</listPerson>` : ''}${listOrg.length ? `<listOrg>${listOrg.join('')}</listOrg>` : ''}${listPlace.length ? `<listPlace>${listPlace.join('')}</listPlace>` : ''}${unplaced.length ? `<div type="notes">${unplaced.join('')}</div>` : ''}</back>`,
    '</text>',
    '</TEI>',
    '',
  ];
  return { xml: lines.join('\n'), dropped };
}

function mentionSpan(m: Mention, base: BaseIri): Span {
  const el = ELEMENT[m.kind];
  return { start: m.start, end: m.end, open: `<${el}${attrs({ ref: entityIri(base, m) })}>`, close: `</${el}>` };
}

function correctionSpan(c: Correction): Span {
  return {
    start: c.start,
    end: c.end,
    open: `<choice${attrs({ 'xml:id': `correction-${c.id}` })}>`,
    close: '</choice>',
    inner: `<sic>${esc(c.printed)}</sic><corr${attrs({ type: c.kind })}>${esc(c.corrected)}</corr>`,
  };
}

/** Every letter's TEI file, by its path in the build (tei/<letter>.xml). */
export function teiFiles(d: Dataset, o: TeiOptions): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of [...d.letters].sort((a, b) => (a.id < b.id ? -1 : 1)))
    out.set(`${TEI_DIR}/${l.id}.xml`, toTei(d, l, o).xml);
  return out;
}

export const TEI_CORPUS_FILE = 'stalin-letters-tei.xml';

/** All letters in one teiCorpus (a release's single TEI download): the letters' own TEI in the editions' order,
 * under a header for the whole. Their xml:ids start with the letter's id, so they are unique across the file. */
export function teiCorpus(d: Dataset, o: TeiOptions): string {
  const letters = letterSequence(d.letters, d.editions).map((l) =>
    toTei(d, l, o)
      .xml.replace(/^<\?xml[^>]*>\n/, '')
      .replace(` xmlns="${TEI_NS}"`, '')
      .trimEnd(),
  );
  const full = o.profile === 'full';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<teiCorpus${attrs({ xmlns: TEI_NS, 'xml:lang': 'en' })}>`,
    '<teiHeader>',
    `<fileDesc><titleStmt><title>Stalin's letters to Molotov (1930) and Kaganovich (1932): ${d.letters.length} letters in TEI</title></titleStmt>`,
    `<publicationStmt><publisher><ref${attrs({ target: o.base })}>stalin-letters-lod</ref></publisher><date${attrs({ when: o.date })}/><availability>${full ? `<licence>${esc(rightsStatement('full', d.editions))}</licence>` : `<licence${attrs({ target: CC_BY_4 })}>${esc(rightsStatement('open', d.editions))}</licence>`}</availability></publicationStmt>`,
    `<sourceDesc>${[...d.editions]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((e) => `<bibl type="print">${esc(bibl(e))}</bibl>`)
      .join('')}</sourceDesc></fileDesc>`,
    `<revisionDesc><change${attrs({ when: o.date })}>Generated by stalin-letters-lod ${esc(o.version)}, profile ${o.profile}.</change></revisionDesc>`,
    '</teiHeader>',
    ...letters,
    '</teiCorpus>',
    '',
  ].join('\n');
}
