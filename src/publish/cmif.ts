// CMIF (Correspondence Metadata Interchange Format, TEI, version 1.1.0) for correspSearch, the cross-edition letter
// index: one correspDesc per letter with who sent it to whom and when, pointing to the printed edition. Only
// metadata: no text of the letters (CC BY 4.0, like the open profile).

import type { Dataset, Edition, Letter, Person } from '../model/types.js';
import type { DateValue } from '../corpus/dates.js';
import type { BaseIri } from '../core/iri.js';

export const TEI_NS = 'http://www.tei-c.org/ns/1.0';
export const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';
export const CMIF_FILE = 'cmif.xml';

export interface CmifOptions {
  base: BaseIri;
  /** Publication date of the file (YYYY-MM-DD). */
  date: string;
  /** Where the file is published (its own URL, the CMIF idno). */
  url: string;
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** CMIF dates: @when for a day, a whole month or a whole year, else @notBefore/@notAfter (an open side left out). */
export function cmifDate(d: DateValue): Record<string, string> {
  const [e, l] = [d.earliest, d.latest];
  const openStart = d.edtf.startsWith('../');
  const openEnd = d.edtf.endsWith('/..');
  const attrs: Record<string, string> = {};
  if (!openStart && !openEnd) {
    if (e === l) attrs.when = e;
    else if (e.endsWith('-01') && e.slice(0, 7) === l.slice(0, 7) && l === lastDay(l.slice(0, 7)))
      attrs.when = e.slice(0, 7);
    else if (e.endsWith('-01-01') && l.endsWith('-12-31') && e.slice(0, 4) === l.slice(0, 4))
      attrs.when = e.slice(0, 4);
  }
  if (!attrs.when) {
    if (!openStart) attrs.notBefore = e;
    if (!openEnd) attrs.notAfter = l;
  }
  // the editors supplied (part of) the date in brackets: CMIF 1.1's only @evidence value
  if (d.asPrinted.includes('[')) attrs.evidence = 'conjecture';
  return attrs;
}

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const day = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

const attrs = (a: Record<string, string | undefined>): string =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${esc(v!)}"`)
    .join('');

export function bibl(e: Edition): string {
  const parts = [
    e.editors?.length ? `${e.editors.join(', ')} (eds.)` : undefined,
    e.title ?? e.label,
    e.translator ? `Translated by ${e.translator}` : undefined,
    [e.place, e.publisher, e.year]
      .filter((x) => x !== undefined)
      .join(': ')
      .replace(/: (\d{4})$/, ', $1') || undefined,
    e.series ? `(${e.series})` : undefined,
    e.isbn13 ? `ISBN ${e.isbn13}` : undefined,
  ].filter((x): x is string => !!x);
  return `${parts.join('. ').replace(/\.\. /g, '. ')}.`;
}

function person(id: string, persons: Map<string, Person>): string {
  const p = persons.get(id);
  const ref = p?.wikidata ? `http://www.wikidata.org/entity/${p.wikidata.qid}` : undefined;
  return `<persName${attrs({ ref })}>${esc(p?.fullName ?? p?.name ?? id)}</persName>`;
}

function correspDesc(l: Letter, base: BaseIri, persons: Map<string, Person>): string[] {
  const key = l.number !== undefined ? String(l.number) : l.id;
  return [
    `      <correspDesc${attrs({ key, source: `#${l.edition}`, ref: `${base}letter/${l.id}` })}>`,
    '        <correspAction type="sent">',
    ...l.authors.map((a) => `          ${person(a, persons)}`),
    `          <date${attrs(cmifDate(l.date))}/>`,
    '        </correspAction>',
    '        <correspAction type="received">',
    ...l.addressees.map((a) => `          ${person(a, persons)}`),
    '        </correspAction>',
    '      </correspDesc>',
  ];
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** Letters in the editions' order (by year of the edition, then its id) and each edition's own order (number,
 * position in the text): an order that does not depend on the order of the corpus records. */
function inEditionOrder(letters: readonly Letter[], editions: readonly Edition[]): Letter[] {
  const year = new Map(editions.map((e) => [e.id, e.year ?? 9999]));
  const key = (l: Letter): [number, string, number, number] => [
    year.get(l.edition) ?? 9999,
    l.edition,
    l.number ?? 0,
    l.src.offset,
  ];
  return [...letters].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
    return 0;
  });
}

/** The licence statement CMIF's documentation makes mandatory (field table, publicationStmt/availability/licence). */
export const CMIF_LICENCE = 'This file is licensed under the terms of the Creative Commons License CC-BY 4.0';

/**
 * CMIF wants publicationStmt/date/@when as an xsd:dateTime ("timestamp of the last update"): the release date at
 * midnight UTC, so the same release date gives the same bytes (no wall clock).
 */
export function cmifTimestamp(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`CMIF publication date "${date}" is not YYYY-MM-DD`);
  return `${date}T00:00:00Z`;
}

/** The CMIF file of the dataset: the same dataset and options give the same bytes. */
export function toCmif(d: Dataset, o: CmifOptions): string {
  const persons = new Map(d.persons.map((p) => [p.id, p]));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<TEI xmlns="${TEI_NS}">`,
    '  <teiHeader>',
    '    <fileDesc>',
    '      <titleStmt>',
    "        <title>Stalin's letters to Molotov (1930) and Kaganovich (1932): correspondence metadata</title>",
    '        <editor>stalin-letters-lod project</editor>',
    '      </titleStmt>',
    '      <publicationStmt>',
    `        <publisher><ref target="${esc(o.base)}">stalin-letters-lod</ref></publisher>`,
    `        <idno type="url">${esc(o.url)}</idno>`,
    `        <date when="${esc(cmifTimestamp(o.date))}"/>`,
    '        <availability>',
    `          <licence target="${CC_BY}">${CMIF_LICENCE}. It holds letter metadata only; the texts of the letters and the editors' notes are in copyright and are not part of it.</licence>`,
    '        </availability>',
    '      </publicationStmt>',
    '      <sourceDesc>',
    ...[...d.editions].sort(byId).map((e) => `        <bibl type="print" xml:id="${esc(e.id)}">${esc(bibl(e))}</bibl>`),
    '      </sourceDesc>',
    '    </fileDesc>',
    '    <profileDesc>',
    ...inEditionOrder(d.letters, d.editions).flatMap((l) => correspDesc(l, o.base, persons)),
    '    </profileDesc>',
    '  </teiHeader>',
    '  <text>',
    '    <body>',
    '      <p/>',
    '    </body>',
    '  </text>',
    '</TEI>',
    '',
  ];
  return lines.join('\n');
}
