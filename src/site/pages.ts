// Page models: what each kind of page shows, composed of the blocks that templates.ts renders. Written for
// historians: a letter's text with its footnote markers linked to the notes, dates as printed beside their
// intervals, every fact with its evidence quote and the letter and note it comes from.

import type { Term } from '@rdfjs/types';
import { NS, OA, ORG, RDF, RDFS, SL } from '../rdf/vocab.js';
import type { SiteGraph } from './graph.js';
import { docPath, ownerOf, relLink } from './paths.js';
import type { BaseIri } from '../core/iri.js';

export type Inline =
  | string
  | {
      text: string;
      href?: string;
      id?: string;
      cls?: string;
      title?: string;
      sup?: boolean;
      quote?: boolean;
      code?: boolean;
    }
  /** A correction of extraction damage: the corrected reading shown, the printed one beside it (a toggle swaps them). */
  | { text: string; corrected: string; title: string };
export type Parts = Inline[];

export type Block =
  | { kind: 'facts'; title?: string; id?: string; rows: { label: string; values: Parts[] }[] }
  | {
      kind: 'list';
      title?: string;
      id?: string;
      intro?: Parts;
      ordered?: boolean;
      items: Parts[];
      itemData?: Record<string, string>[];
      period?: boolean;
    }
  | {
      kind: 'text';
      title?: string;
      id?: string;
      paragraphs: { id?: string; cls?: string; parts: Parts }[];
      corrections?: number;
    }
  | {
      kind: 'notes';
      title?: string;
      id?: string;
      intro?: Parts;
      notes: { id: string; number: number; parts: Parts; extra: Parts[] }[];
    }
  | {
      kind: 'table';
      title?: string;
      id?: string;
      intro?: Parts;
      head: string[];
      rows: Parts[][];
      rowData?: Record<string, string>[];
      period?: boolean;
    }
  | {
      kind: 'figure';
      title?: string;
      id?: string;
      src: string;
      alt: string;
      caption?: string;
      /** The figure's time axis (PageContext.timeAxis): a period filter shades what lies outside the period. */
      axis?: Record<string, string>;
      period?: boolean;
    }
  | { kind: 'pre'; title?: string; id?: string; text: string }
  | { kind: 'statements'; title?: string; id?: string; count: number; rows: { prop: Parts; value: Parts }[] }
  | {
      kind: 'search';
      title?: string;
      id?: string;
      intro?: Parts;
      index: string;
      kinds: [string, string][];
      letters: [string, string][];
    };

export interface Page {
  /** Site path of the HTML file, e.g. `person/rozengolts.html`. */
  path: string;
  title: string;
  kind?: string;
  iri?: string;
  blocks: Block[];
  /** schema.org type for the embedded JSON-LD. */
  schemaType?: string;
  /** Link to the thing's TEI P5 (letters). */
  tei?: string;
}

const CLASS_NAMES: [string, string, string][] = [
  [SL.Letter, 'Letter', 'Message'],
  [SL.Footnote, 'Footnote', 'Comment'],
  [SL.Paragraph, 'Block of a letter', 'CreativeWork'],
  [SL.Person, 'Person', 'Person'],
  [SL.Organization, 'Organisation', 'Organization'],
  [SL.Place, 'Place', 'Place'],
  [SL.Post, 'Post', 'Role'],
  [SL.ChangeOfOffice, 'Change of office', 'Event'],
  [SL.Resolution, 'Resolution', 'Legislation'],
  [SL.Proposal, 'Proposal', 'CreativeWork'],
  [SL.OfficeHeld, 'Office held', 'Role'],
  [SL.Evidence, 'Evidence', 'Quotation'],
  [SL.Mention, 'Mention (Web Annotation)', 'Comment'],
  [SL.Edition, 'Edition', 'Book'],
  [SL.ArchivalCitation, 'Archival citation', 'CreativeWork'],
  [SL.BibliographicCitation, 'Bibliographic citation', 'CreativeWork'],
  [SL.Archive, 'Archive', 'ArchiveOrganization'],
  [SL.Fond, 'Fond', 'ArchiveComponent'],
  [SL.Opis, 'Opis', 'ArchiveComponent'],
  [SL.Delo, 'Delo (file)', 'ArchiveComponent'],
  [SL.PublishedWork, 'Published work', 'CreativeWork'],
  [SL.Correction, 'Correction', 'Comment'],
  [SL.Dateline, 'Dateline', 'CreativeWork'],
];

export class PageContext {
  private readonly figures: Set<string>;
  constructor(
    readonly g: SiteGraph,
    readonly base: BaseIri,
    figures: Iterable<string>,
    /** Reads a file of the build folder (`figures/…`), for what a page says about a figure; undefined if absent. */
    private readonly readBuildFile: (rel: string) => string | undefined = () => undefined,
  ) {
    this.figures = new Set(figures);
  }

  hasFigure(rel: string): boolean {
    return this.figures.has(rel);
  }

  /**
   * Where a time axis runs in a drawn figure, for the period filter's shading: the time domain (from the figure's
   * Vega-Lite spec, its xmin/xmax parameters) and the plot's left and right edges as shares of the image width
   * (from the SVG: its width, the plot group's offset, and the spec's plot width). Undefined when any is missing.
   */
  timeAxis(svgRel: string): Record<string, string> | undefined {
    const svg = this.readBuildFile(svgRel);
    const spec = this.readBuildFile(svgRel.replace(/\.svg$/, '.vl.json'));
    if (!svg || !spec) return undefined;
    const width = Number(/^<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1]);
    const left = Number(/<g fill="none"[^>]*transform="translate\(([\d.]+),/.exec(svg)?.[1]);
    let parsed: { width?: number; params?: { name: string; value?: unknown }[] };
    try {
      parsed = JSON.parse(spec);
    } catch {
      return undefined;
    }
    const param = (name: string): number => Number(parsed.params?.find((p) => p.name === name)?.value);
    const [t0, t1, plot] = [param('xmin'), param('xmax'), Number(parsed.width)];
    if (![width, left, t0, t1, plot].every(Number.isFinite) || width <= 0 || t1 <= t0) return undefined;
    const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
    return {
      'data-axis-from': day(t0),
      'data-axis-to': day(t1),
      'data-axis-left': (left / width).toFixed(4),
      'data-axis-right': ((left + plot) / width).toFixed(4),
    };
  }

  /** href from the page at `from` to the document of `iri` (our own), the ontology docs (sl:), or the IRI itself. */
  href(from: string, iri: string): string {
    // the document and fragment of an IRI do not depend on the page: found once per IRI
    let target = this.targets.get(iri);
    if (target === undefined) this.targets.set(iri, (target = this.target(iri)));
    return target === null ? iri : relLink(from, target.doc) + target.hash;
  }
  private readonly targets = new Map<string, { doc: string; hash: string } | null>();

  private target(iri: string): { doc: string; hash: string } | null {
    const path = docPath(iri, this.base);
    if (path === undefined) return null;
    const hash = iri.includes('#')
      ? `#${iri.split('#')[1]}`
      : ownerOf(iri.slice(this.base.length))
        ? `#${iri.slice(iri.lastIndexOf('/') + 1)}`
        : '';
    if (path === 'index') return { doc: 'index.html', hash };
    // the dumps and other files named by their own IRI
    if (/\.(ttl|nt|jsonld|rq|xml)$/.test(path)) return { doc: path, hash };
    return { doc: `${path}.html`, hash };
  }

  link(from: string, iri: string, text?: string): Inline {
    return { text: text ?? this.g.label(iri), href: this.href(from, iri) };
  }

  kindOf(iri: string): { name: string; schema: string } | undefined {
    const types = this.g.types(iri);
    for (const [cls, name, schema] of CLASS_NAMES) if (types.includes(cls)) return { name, schema };
    return undefined;
  }

  /** A term as page text: links for IRIs, the lexical form for literals. */
  term(from: string, t: Term): Parts {
    if (t.termType === 'NamedNode') return [this.link(from, t.value)];
    if (t.termType === 'Literal') return [t.value];
    return [t.value];
  }
}

/** The interval of a thing's date as data-earliest/data-latest (the page's period filter reads them). */
export function periodData(g: SiteGraph, s: string, start = SL.earliest, end = SL.latest): Record<string, string> {
  const d: Record<string, string> = {};
  const a = g.value(s, start);
  const b = g.value(s, end);
  if (a) d.earliest = a.slice(0, 10);
  if (b) d.latest = b.slice(0, 10);
  return d;
}

const byNumber =
  (g: SiteGraph, p: string) =>
  (a: string, b: string): number =>
    (g.num(a, p) ?? 0) - (g.num(b, p) ?? 0);

/** The date as printed beside its interval: `[24 August 1930] (1930-08-24)`, `… (between 1930-07-20 and 1930-08-03)`. */
export function datePrinted(g: SiteGraph, s: string): string {
  const printed = g.value(s, SL.dateAsPrinted);
  const interval = dateInterval(g, s);
  if (!printed) return interval;
  return interval ? `${printed} (${interval})` : printed;
}

export function dateInterval(g: SiteGraph, s: string, start = SL.earliest, end = SL.latest): string {
  const a = g.value(s, start);
  const b = g.value(s, end);
  if (a && b) return a === b ? a : `between ${a} and ${b}`;
  if (a) return `from ${a}`;
  if (b) return `until ${b}`;
  return '';
}

/** An office's bound at its precision (sl:startPrecision / sl:endPrecision): "1929" where the source says "In 1929",
 * not its first day (issue 32). */
export function boundAtPrecision(g: SiteGraph, s: string, bound: string, precision: string): string | undefined {
  const v = g.value(s, bound);
  if (!v) return undefined;
  const p = g.num(s, precision) ?? 11;
  return p === 9 ? v.slice(0, 4) : p === 10 ? v.slice(0, 7) : v.slice(0, 10);
}

/** An office's interval with each bound at its precision: "from 1929 until 1930-09-06". */
export function officeInterval(g: SiteGraph, o: string): string {
  const a = boundAtPrecision(g, o, SL.startTime, SL.startPrecision);
  const b = boundAtPrecision(g, o, SL.endTime, SL.endPrecision);
  if (a && b) return `from ${a} until ${b}`;
  if (a) return `from ${a}`;
  if (b) return `until ${b}`;
  return '';
}

export function sortKeyDate(g: SiteGraph, s: string): string {
  return g.value(s, SL.earliest) ?? g.value(s, SL.startTime) ?? g.value(s, SL.latest) ?? '9999';
}

function localName(iri: string): string {
  return iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
}

/** Where a piece of evidence is: `Letter 60, note 7` linked, with its quote. */
function evidenceParts(c: PageContext, from: string, ev: string): Parts {
  const g = c.g;
  const where = g.links(ev, SL.inFootnote)[0] ?? g.links(ev, SL.inLetter)[0];
  const quote = g.value(ev, SL.quote);
  const parts: Parts = [];
  if (quote) parts.push({ text: quote, quote: true });
  if (where) parts.push(' — ', c.link(from, where));
  return parts;
}

function evidenceOf(c: PageContext, s: string): string[] {
  return [...c.g.links(s, SL.evidence), ...c.g.links(s, SL.outcomeEvidence)];
}

function evidenceBlock(c: PageContext, from: string, s: string): Block[] {
  const evs = evidenceOf(c, s);
  if (!evs.length) return [];
  return [{ kind: 'list', title: 'Evidence', items: evs.map((ev) => evidenceParts(c, from, ev)) }];
}

function factRows(
  c: PageContext,
  from: string,
  s: string,
  spec: [string, string][],
): { label: string; values: Parts[] }[] {
  const rows: { label: string; values: Parts[] }[] = [];
  for (const [label, p] of spec) {
    const values = c.g.objects(s, p).map((o) => c.term(from, o));
    if (values.length) rows.push({ label, values });
  }
  return rows;
}

/** How a value is known, beside it: "implied — the reason" (nothing for stated values without a reason). */
function basisRows(c: PageContext, s: string, spec: [string, string, string][]): { label: string; values: Parts[] }[] {
  const rows: { label: string; values: Parts[] }[] = [];
  for (const [label, basis, reason] of spec) {
    const b = c.g.links(s, basis)[0];
    const why = c.g.value(s, reason);
    if (b && (why !== undefined || localName(b) !== 'stated'))
      rows.push({ label, values: [[`${localName(b)}${why !== undefined ? ` — ${why}` : ''}`]] });
  }
  return rows;
}

function statements(c: PageContext, from: string, s: string): Block {
  const quads = c.g.quads(s);
  return {
    kind: 'statements',
    count: quads.length,
    rows: quads.map((q) => ({
      prop: [c.link(from, q.predicate.value, propLabel(c.g, q.predicate.value))],
      value: c.term(from, q.object),
    })),
  };
}

const propLabels = new WeakMap<SiteGraph, Map<string, string>>();
function propLabel(g: SiteGraph, p: string): string {
  let cache = propLabels.get(g);
  if (!cache) propLabels.set(g, (cache = new Map()));
  let l = cache.get(p);
  if (l === undefined) cache.set(p, (l = propLabelOf(g, p)));
  return l;
}

function propLabelOf(g: SiteGraph, p: string): string {
  if (p === RDF.type) return 'type';
  const l = g.value(p, RDFS.label);
  if (l) return l;
  for (const [prefix, ns] of Object.entries(NS)) if (p.startsWith(ns)) return `${prefix}:${p.slice(ns.length)}`;
  return p;
}

function mentionsBlock(c: PageContext, from: string, sources: string[], title: string): Block[] {
  // entity → where it is mentioned
  const where = new Map<string, string[]>();
  for (const src of sources)
    for (const e of c.g.links(src, SL.mentions)) (where.get(e) ?? where.set(e, []).get(e)!).push(src);
  const groups: [string, string][] = [
    [SL.Person, 'Persons'],
    [SL.Organization, 'Organisations'],
    [SL.Place, 'Places'],
  ];
  const out: Block[] = [];
  for (const [cls, name] of groups) {
    const items = [...where.keys()]
      .filter((e) => c.g.is(e, cls))
      .sort((a, b) => c.g.label(a).localeCompare(c.g.label(b)));
    if (!items.length) continue;
    out.push({
      kind: 'list',
      title: `${name} ${title}`,
      id: `mentioned-${name.toLowerCase()}`,
      items: items.map((e) => {
        const srcs = where.get(e)!;
        const parts: Parts = [c.link(from, e), ' (in '];
        srcs.forEach((src, i) => {
          if (i) parts.push(', ');
          const n = c.g.num(src, SL.footnoteNumber);
          parts.push({ text: n === undefined ? 'the text' : `note ${n}`, href: c.href(from, src) });
        });
        parts.push(')');
        return parts;
      }),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The reading text: mentions as links to their entity (its name as the tooltip), corrections of extraction damage
// with the corrected reading shown and the printed one kept (templates.ts; the page's toggle swaps them), note markers
// as links to the notes. The stored text is not changed: each piece of the printed text is on the page as printed.

/** A mention or correction on a text (a letter's, a note's or the editorial date line's), by its offsets there. */
export interface TextAnnotation {
  start: number;
  end: number;
  entity?: string;
  corrected?: string;
  printed: string;
}

/** The mentions and corrections whose target's source is `source`, by position. */
export function textAnnotations(g: SiteGraph, source: string): TextAnnotation[] {
  const out: TextAnnotation[] = [];
  for (const target of g.subjects(OA.hasSource, source)) {
    const position = g.links(target, OA.hasSelector).find((x) => g.is(x, OA.TextPositionSelector));
    const quote = g.links(target, OA.hasSelector).find((x) => g.is(x, OA.TextQuoteSelector));
    const start = position === undefined ? undefined : g.num(position, OA.start);
    const end = position === undefined ? undefined : g.num(position, OA.end);
    if (start === undefined || end === undefined) continue;
    for (const a of g.subjects(OA.hasTarget, target)) {
      const printed = quote === undefined ? '' : (g.value(quote, OA.exact) ?? '');
      if (g.is(a, SL.Mention)) {
        const e = g.links(a, OA.hasBody)[0];
        if (e) out.push({ start, end, entity: e, printed });
      } else if (g.is(a, SL.Correction)) {
        const corrected = g.value(a, SL.correctedReading);
        if (corrected !== undefined) out.push({ start, end, corrected, printed });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** A point in a text replaced by a link (a note marker: its digits). */
interface Marker {
  at: number;
  length: number;
  part: Inline;
}

/** `text` (which starts at `offset` of the annotated text) as parts: markers first, then mentions and corrections
 * that overlap neither a marker nor one another. */
export function richText(
  c: PageContext,
  from: string,
  text: string,
  offset: number,
  annotations: readonly TextAnnotation[],
  markers: readonly Marker[] = [],
): Parts {
  type Item = { start: number; end: number; part: Inline };
  const items: Item[] = markers.map((m) => ({ start: m.at, end: m.at + m.length, part: m.part }));
  const free = (s: number, e: number): boolean => !items.some((i) => s < i.end && i.start < e);
  for (const a of annotations) {
    const s = a.start - offset;
    const e = a.end - offset;
    if (s < 0 || e > text.length || text.slice(s, e) !== a.printed || !free(s, e)) continue;
    items.push({
      start: s,
      end: e,
      part:
        a.entity !== undefined
          ? { text: text.slice(s, e), href: c.href(from, a.entity), title: c.g.label(a.entity), cls: 'mention' }
          : {
              text: text.slice(s, e),
              corrected: a.corrected!,
              title: `printed: ${text.slice(s, e)} · corrected: ${a.corrected!}`,
            },
    });
  }
  items.sort((a, b) => a.start - b.start);
  const parts: Parts = [];
  let at = 0;
  for (const i of items) {
    if (i.start > at) parts.push(text.slice(at, i.start));
    parts.push(i.part);
    at = i.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

const countCorrections = (parts: Parts[]): number =>
  parts.reduce((n, p) => n + p.filter((x) => typeof x === 'object' && 'corrected' in x).length, 0);

// ---------------------------------------------------------------------------------------------------------------

export function letterPage(c: PageContext, iri: string, path: string, order: string[]): Page {
  const g = c.g;
  const notes = g.links(iri, SL.hasFootnote).sort(byNumber(g, SL.footnoteNumber));
  const blocks = g.links(iri, SL.hasParagraph).sort(byNumber(g, SL.position));
  const markersByBlock = new Map<string, string[]>();
  for (const n of notes) {
    const a = g.links(n, SL.anchor)[0];
    if (a && g.value(n, SL.markerFound) === 'true')
      (markersByBlock.get(a) ?? markersByBlock.set(a, []).get(a)!).push(n);
  }
  // offsets of mentions and corrections are into the letter's text (blocks are its slices, found in order) or, for
  // the editorial date line, into that block's own text
  const letterText = g.value(iri, SL.text) ?? '';
  const onText = textAnnotations(g, iri);
  let cursor = 0;
  const paragraphs = blocks.map((b) => {
    const text = g.value(b, SL.text) ?? '';
    const start = g.num(b, SL.sourceOffset) ?? 0;
    const trailing: string[] = [];
    const placed = (markersByBlock.get(b) ?? [])
      .map((n) => ({ n, num: String(g.num(n, SL.footnoteNumber)), i: (g.num(n, SL.markerOffset) ?? -1) - start }))
      .filter((m) => {
        // the marker's offset is into the source file; a block's text is its verbatim slice
        const ok = m.i >= 0 && text.slice(m.i, m.i + m.num.length) === m.num;
        if (!ok) trailing.push(m.n);
        return ok;
      })
      .sort((a, b2) => a.i - b2.i);
    const markers: Marker[] = [];
    let last = -1;
    for (const m of placed) {
      if (m.i < last) {
        trailing.push(m.n);
        continue;
      }
      markers.push({
        at: m.i,
        length: m.num.length,
        part: { text: m.num, href: `#note-${m.num}`, id: `ref-${m.num}`, sup: true, title: `note ${m.num}` },
      });
      last = m.i + m.num.length;
    }
    let parts: Parts;
    if (g.value(b, SL.blockKind) === 'editorial-date')
      parts = richText(c, path, text, 0, textAnnotations(g, b), markers);
    else {
      const at = text ? letterText.indexOf(text, cursor) : -1;
      if (at >= 0) cursor = at + text.length;
      parts = richText(c, path, text, at, at >= 0 ? onText : [], markers);
    }
    for (const n of trailing) {
      const num = String(g.num(n, SL.footnoteNumber));
      parts.push({ text: num, href: `#note-${num}`, id: `ref-${num}`, sup: true, title: `note ${num}` });
    }
    return { id: `block-${g.num(b, SL.position)}`, cls: g.value(b, SL.blockKind) ?? 'paragraph', parts };
  });
  const noteItems = notes.map((n) => {
    const num = g.num(n, SL.footnoteNumber)!;
    const found = g.value(n, SL.markerFound) === 'true';
    const parts: Parts = richText(c, path, g.value(n, SL.text) ?? '', 0, textAnnotations(g, n));
    const extra: Parts[] = [];
    const cites = g.links(n, SL.cites).sort(byNumber(g, SL.position));
    if (cites.length) {
      const p: Parts = ['Citations: '];
      cites.forEach((ci, i) => {
        if (i) p.push('; ');
        p.push(c.link(path, ci, g.value(ci, SL.citationText) ?? g.label(ci)));
        const unit = g.links(ci, SL.citedUnit)[0] ?? g.links(ci, SL.citedWork)[0];
        if (unit) p.push(' → ', c.link(path, unit));
      });
      extra.push(p);
    }
    const tail: Parts = [
      found
        ? { text: '↩ back to the text', href: `#ref-${num}` }
        : 'This note has no marker in the text (it annotates the letter as a whole).',
      ' · ',
      { text: 'note page', href: c.href(path, n) },
    ];
    extra.push(tail);
    return { id: `note-${num}`, number: num, parts, extra };
  });
  const pos = order.indexOf(iri);
  const nav: Parts = [];
  if (pos > 0) nav.push('← ', c.link(path, order[pos - 1]!));
  if (pos >= 0 && pos < order.length - 1) nav.push(nav.length ? ' · ' : '', c.link(path, order[pos + 1]!), ' →');
  const resolutions = g.subjects(SL.promptedBy, iri).sort((a, b) => sortKeyDate(g, a).localeCompare(sortKeyDate(g, b)));
  const proposals = g.subjects(SL.proposedIn, iri).sort();
  const out: Block[] = [
    {
      kind: 'facts',
      rows: [
        ...factRows(c, path, iri, [
          ['From', SL.author],
          ['To', SL.addressee],
        ]),
        { label: 'Date as printed', values: [[g.value(iri, SL.dateAsPrinted) ?? '—']] },
        {
          label: 'Date interval',
          values: [
            [dateInterval(g, iri) || 'unknown', g.value(iri, SL.edtf) ? ` (EDTF ${g.value(iri, SL.edtf)})` : ''],
          ],
        },
        ...factRows(c, path, iri, [
          ['Date comment', SL.dateComment],
          ['Dateline', SL.dateline],
          ['Edition', SL.edition],
          ['Number in the edition', SL.number],
          ['Signature', SL.signature],
        ]),
        {
          label: 'Source',
          values: [[{ text: `${g.value(iri, SL.sourceFile) ?? ''}:${g.value(iri, SL.sourceLine) ?? ''}`, code: true }]],
        },
        ...(nav.length ? [{ label: 'Sequence', values: [nav] }] : []),
      ],
    },
    {
      kind: 'text',
      title: 'Text',
      id: 'text',
      paragraphs,
      corrections: countCorrections([...paragraphs.map((p) => p.parts), ...noteItems.map((n) => n.parts)]),
    },
    { kind: 'notes', title: 'Notes', id: 'notes', notes: noteItems },
    ...mentionsBlock(c, path, [iri, ...notes], 'mentioned'),
    {
      kind: 'list',
      title: 'Resolutions prompted by this letter',
      id: 'resolutions',
      items: resolutions.map((r) => [c.link(path, r), ` — ${datePrinted(g, r)}`]),
    },
    {
      kind: 'list',
      title: 'Proposals in this letter',
      id: 'proposals',
      items: proposals.map((p) => [c.link(path, p), outcomeText(c, p)]),
    },
    statements(c, path, iri),
  ];
  return { path, title: g.label(iri), kind: 'Letter', iri, blocks: out, schemaType: 'Message' };
}

function outcomeText(c: PageContext, p: string): Inline {
  const o = c.g.links(p, SL.outcome)[0];
  return o ? ` — outcome: ${localName(o)}` : '';
}

export function footnotePage(c: PageContext, iri: string, path: string): Page {
  const g = c.g;
  const letter = g.links(iri, SL.inLetter)[0];
  const num = g.num(iri, SL.footnoteNumber);
  const cites = g.links(iri, SL.cites).sort(byNumber(g, SL.position));
  const evidence = g.subjects(SL.inFootnote, iri).filter((e) => g.is(e, SL.Evidence));
  const facts = evidence.flatMap((ev) =>
    [...g.subjects(SL.evidence, ev), ...g.subjects(SL.outcomeEvidence, ev)].map((owner) => ({ owner, ev })),
  );
  // a note whose marker is not in the text annotates the letter as a whole: no link to a marker
  const atMarker: Parts =
    g.value(iri, SL.markerFound) === 'true'
      ? [{ text: `${g.label(letter ?? iri)}, at the marker`, href: `${c.href(path, letter ?? iri)}#ref-${num}` }, ' · ']
      : [];
  const back: Parts = letter
    ? [...atMarker, { text: 'in the list of notes', href: `${c.href(path, letter)}#note-${num}` }]
    : [];
  return {
    path,
    title: g.label(iri),
    kind: 'Footnote',
    iri,
    schemaType: 'Comment',
    blocks: [
      {
        kind: 'facts',
        rows: [
          ...factRows(c, path, iri, [
            ['Letter', SL.inLetter],
            ['Number', SL.footnoteNumber],
            ['Anchored in', SL.anchor],
            ['Text at the marker', SL.anchorText],
            ['Marker found', SL.markerFound],
          ]),
          ...(back.length ? [{ label: 'In the letter', values: [back] }] : []),
        ],
      },
      (() => {
        const parts = richText(c, path, g.value(iri, SL.text) ?? '', 0, textAnnotations(g, iri));
        return {
          kind: 'text' as const,
          title: 'Text of the note',
          paragraphs: [{ parts }],
          corrections: countCorrections([parts]),
        };
      })(),
      {
        kind: 'list',
        title: 'Citations',
        items: cites.map((ci) => {
          const unit = g.links(ci, SL.citedUnit)[0] ?? g.links(ci, SL.citedWork)[0];
          return [
            c.link(path, ci, g.value(ci, SL.citationText) ?? g.label(ci)),
            ...(unit ? [' → ', c.link(path, unit)] : []),
          ];
        }),
      },
      {
        kind: 'list',
        title: 'Facts this note is evidence for',
        items: facts.map(({ owner, ev }) => [c.link(path, owner), ': ', ...evidenceParts(c, path, ev).slice(0, 1)]),
      },
      ...mentionsBlock(c, path, [iri], 'mentioned'),
      statements(c, path, iri),
    ],
  };
}

export function personPage(c: PageContext, iri: string, path: string): Page {
  const g = c.g;
  const id = localName(iri);
  const changes = g
    .subjects(SL.person, iri)
    .filter((s) => g.is(s, SL.ChangeOfOffice))
    .sort((a, b) => sortKeyDate(g, a).localeCompare(sortKeyDate(g, b)) || a.localeCompare(b));
  const offices = g.links(iri, SL.positionHeld).sort((a, b) => sortKeyDate(g, a).localeCompare(sortKeyDate(g, b)));
  const proposals = g
    .subjects(SL.concerns, iri)
    .filter((s) => g.is(s, SL.Proposal))
    .sort();
  const wikidata = g.links(iri, SL.wikidata)[0];
  const blocks: Block[] = [
    {
      kind: 'facts',
      rows: [
        ...factRows(c, path, iri, [
          ['Name', SL.preferredName],
          ['Full name', SL.fullName],
          ['Russian', SL.nameRu],
          ['Russian name given by', SL.nameRuMethod],
          ['Name forms in the texts', SL.nameVariant],
          ['About', SL.description],
        ]),
        {
          label: 'Wikidata',
          values: [
            wikidata
              ? [
                  { text: localName(wikidata), href: wikidata },
                  g.value(iri, SL.qidStrength) ? ` (${g.value(iri, SL.qidStrength)} match)` : '',
                ]
              : ['not linked yet (needs reconciliation)'],
          ],
        },
      ],
    },
  ];
  // the romanisations the build made from the Russian name (hash IRIs of this page: each item carries its fragment)
  const generated = g.links(iri, SL.generatedName).sort();
  if (generated.length)
    blocks.push({
      kind: 'list',
      title: 'Other spellings (generated from the Russian name)',
      id: 'generated-names',
      items: generated.map((n) => [
        { text: g.value(n, SL.nameForm) ?? '', id: n.slice(n.indexOf('#') + 1) },
        ` — ${g.values(n, SL.nameScheme).join(', ')}, from ${g.value(n, SL.generatedFrom) ?? ''}`,
      ]),
    });
  if (c.hasFigure(`figures/timeline/${id}.svg`)) {
    const axis = c.timeAxis(`figures/timeline/${id}.svg`);
    blocks.push({
      kind: 'figure',
      title: 'Timeline',
      src: relLink(path, `figures/timeline/${id}.svg`),
      alt: `Timeline of ${g.label(iri)}'s offices and changes of office`,
      caption: `Offices held and changes of office, from the notes.${axis ? ' A period filter shades the time outside the period.' : ''}`,
      ...(axis ? { axis, period: true } : {}),
    });
  }
  blocks.push(
    {
      kind: 'table',
      title: 'Offices held',
      id: 'offices',
      intro: ['Derived from the changes of office; a date appears only where the notes give it.'],
      head: ['post', 'from', 'until', 'source'],
      period: true,
      rowData: offices.map((o) => periodData(g, o, SL.startTime, SL.endTime)),
      rows: offices.map((o) => {
        const post = g.links(o, SL.post)[0];
        const ev = [...g.links(o, SL.startEvent), ...g.links(o, SL.endEvent)];
        return [
          post ? [c.link(path, post)] : [c.link(path, o)],
          [boundAtPrecision(g, o, SL.startTime, SL.startPrecision) ?? '—'],
          [boundAtPrecision(g, o, SL.endTime, SL.endPrecision) ?? '—'],
          [
            c.link(path, o, 'office'),
            ...ev.flatMap((e) => [' · ', c.link(path, e, localName(g.links(e, SL.changeType)[0] ?? e))]),
          ],
        ];
      }),
    },
    {
      kind: 'table',
      title: 'Changes of office',
      id: 'changes',
      head: ['date', 'change', 'post', 'decided by', 'evidence'],
      period: true,
      rowData: changes.map((ch) => periodData(g, ch)),
      rows: changes.map((ch) => {
        const type = g.links(ch, SL.changeType)[0];
        const post = g.links(ch, SL.post)[0];
        const res = g.links(ch, SL.resolution)[0];
        const body = g.links(ch, SL.decidedBy);
        return [
          [datePrinted(g, ch)],
          [c.link(path, ch, type ? localName(type) : 'change')],
          post
            ? [c.link(path, post), ...g.links(ch, SL.fromPost).flatMap((f) => [' (from ', c.link(path, f), ')'])]
            : ['—'],
          [
            ...body.flatMap((b, i) => [i ? ', ' : '', c.link(path, b)]),
            ...(res ? [' · ', c.link(path, res, 'resolution')] : []),
          ],
          evidenceOf(c, ch).flatMap((ev) => evidenceParts(c, path, ev)),
        ];
      }),
    },
    {
      kind: 'list',
      title: 'Proposals concerning this person',
      id: 'proposals',
      items: proposals.map((p) => [
        c.link(path, p),
        ' — ',
        c.link(path, g.links(p, SL.proposedIn)[0] ?? p),
        outcomeText(c, p),
      ]),
    },
    mentionedIn(c, path, iri),
    statements(c, path, iri),
  );
  return { path, title: g.label(iri), kind: 'Person', iri, blocks, schemaType: 'Person' };
}

function mentionedIn(c: PageContext, path: string, iri: string): Block {
  const g = c.g;
  const sources = g.subjects(SL.mentions, iri).filter((s) => g.is(s, SL.Letter) || g.is(s, SL.Footnote));
  const letterOf = (s: string): string => (g.is(s, SL.Letter) ? s : (g.links(s, SL.inLetter)[0] ?? s));
  const byLetter = new Map<string, string[]>();
  for (const s of sources) (byLetter.get(letterOf(s)) ?? byLetter.set(letterOf(s), []).get(letterOf(s))!).push(s);
  const letters = [...byLetter.keys()].sort(
    (a, b) => sortKeyDate(g, a).localeCompare(sortKeyDate(g, b)) || a.localeCompare(b),
  );
  return {
    kind: 'list',
    title: 'Mentioned in',
    id: 'mentions',
    period: true,
    itemData: letters.map((l) => periodData(g, l)),
    items: letters.map((l) => {
      const parts: Parts = [c.link(path, l), ` (${g.value(l, SL.dateAsPrinted) ?? ''}): `];
      byLetter
        .get(l)!
        .sort(byNumber(g, SL.footnoteNumber))
        .forEach((s, i) => {
          if (i) parts.push(', ');
          const n = g.num(s, SL.footnoteNumber);
          parts.push({ text: n === undefined ? 'the text' : `note ${n}`, href: c.href(path, s) });
        });
      return parts;
    }),
  };
}

export function resolutionPage(c: PageContext, iri: string, path: string): Page {
  const g = c.g;
  const cites = g.links(iri, SL.citation);
  const answered = [
    ...g.subjects(SL.answeredBy, iri),
    ...g.subjects(SL.enactedBy, iri),
    ...g.subjects(SL.rejectedBy, iri),
  ]
    .filter((v, i, a) => a.indexOf(v) === i)
    .sort();
  return {
    path,
    title: g.value(iri, SL.title) ?? g.label(iri),
    kind: 'Resolution',
    iri,
    schemaType: 'Legislation',
    blocks: [
      {
        kind: 'facts',
        rows: [
          ...factRows(c, path, iri, [['Body', SL.decidedBy]]),
          { label: 'Date as printed', values: [[g.value(iri, SL.dateAsPrinted) ?? '—']] },
          { label: 'Date interval', values: [[dateInterval(g, iri) || 'unknown']] },
          ...factRows(c, path, iri, [
            ['Title', SL.title],
            ['Summary', SL.summary],
            ['Comment', SL.comment],
            ['Prompted by', SL.promptedBy],
          ]),
        ],
      },
      { kind: 'list', title: 'Items decided', items: g.values(iri, SL.decisionItem).map((t) => [t]) },
      {
        kind: 'list',
        title: 'Archival citation',
        items: cites.map((ci) => [
          c.link(path, ci, g.value(ci, SL.citationText) ?? g.label(ci)),
          ...g.links(ci, SL.citedUnit).flatMap((u) => [' → ', c.link(path, u)]),
          ...g.links(ci, SL.inFootnote).flatMap((n) => [' (', c.link(path, n), ')']),
        ]),
      },
      {
        kind: 'list',
        title: 'Changes of office it decided',
        items: g
          .links(iri, SL.decides)
          .sort()
          .map((ch) => [c.link(path, ch)]),
      },
      {
        kind: 'list',
        title: "Stalin's proposals it answered",
        items: answered.map((p) => [c.link(path, p), outcomeText(c, p)]),
      },
      ...evidenceBlock(c, path, iri),
      statements(c, path, iri),
    ],
  };
}

export function proposalPage(c: PageContext, iri: string, path: string): Page {
  const g = c.g;
  return {
    path,
    title: g.label(iri),
    kind: 'Proposal',
    iri,
    schemaType: 'CreativeWork',
    blocks: [
      {
        kind: 'facts',
        rows: [
          ...factRows(c, path, iri, [
            ['Proposed in', SL.proposedIn],
            ['Kind', SL.proposalKind],
            ['Summary', SL.summary],
            ['Concerns', SL.concerns],
            ['Outcome', SL.outcome],
          ]),
          ...basisRows(c, iri, [['How the outcome is known', SL.outcomeBasis, SL.outcomeBasisReason]]),
          ...factRows(c, path, iri, [
            ['Answered by', SL.answeredBy],
            ['Enacted by', SL.enactedBy],
            ['Rejected by', SL.rejectedBy],
          ]),
          ...(g.value(iri, SL.lagDays) !== undefined
            ? [
                {
                  label: 'Lag (days)',
                  values: [
                    [
                      `${g.value(iri, SL.lagDays)}${g.value(iri, SL.lagDaysMax) !== undefined && g.value(iri, SL.lagDaysMax) !== g.value(iri, SL.lagDays) ? ` to ${g.value(iri, SL.lagDaysMax)}` : ''} (decision − letter date)`,
                    ],
                  ],
                },
              ]
            : []),
          ...factRows(c, path, iri, [['Comment', SL.comment]]),
        ],
      },
      ...evidenceBlock(c, path, iri),
      statements(c, path, iri),
    ],
  };
}

export function changePage(c: PageContext, iri: string, path: string): Page {
  const g = c.g;
  const type = g.links(iri, SL.changeType)[0];
  return {
    path,
    title: `${g.label(g.links(iri, SL.person)[0] ?? iri)}: ${type ? localName(type) : 'change of office'}${g.links(iri, SL.post)[0] ? ` — ${g.label(g.links(iri, SL.post)[0]!)}` : ''}`,
    kind: 'Change of office',
    iri,
    schemaType: 'Event',
    blocks: [
      {
        kind: 'facts',
        rows: [
          ...factRows(c, path, iri, [['Person', SL.person]]),
          ...basisRows(c, iri, [['How the person is identified', SL.personBasis, SL.personBasisReason]]),
          ...factRows(c, path, iri, [
            ['Change', SL.changeType],
            ['Post', SL.post],
          ]),
          ...basisRows(c, iri, [['How the post is identified', SL.postBasis, SL.postBasisReason]]),
          ...factRows(c, path, iri, [['Organisation', ORG.organization]]),
          ...basisRows(c, iri, [
            ['How the organisation is identified', SL.organizationBasis, SL.organizationBasisReason],
          ]),
          ...factRows(c, path, iri, [['From post', SL.fromPost]]),
          { label: 'Date', values: [[datePrinted(g, iri) || 'unknown']] },
          ...basisRows(c, iri, [['How the date is known', SL.dateBasis, SL.dateBasisReason]]),
          ...factRows(c, path, iri, [['Decided by', SL.decidedBy]]),
          ...basisRows(c, iri, [['How the body is known', SL.bodyBasis, SL.bodyBasisReason]]),
          ...factRows(c, path, iri, [['Effect', SL.effect]]),
          ...basisRows(c, iri, [['How the effect is known', SL.effectBasis, SL.effectReason]]),
          ...factRows(c, path, iri, [
            ['Resolution', SL.resolution],
            ['Comment', SL.comment],
          ]),
        ],
      },
      ...evidenceBlock(c, path, iri),
      statements(c, path, iri),
    ],
  };
}

/** Any other thing: its statements as facts, and what links to it. */
export function genericPage(c: PageContext, iri: string, path: string): Page {
  const g = c.g;
  const k = c.kindOf(iri);
  const back = (g.byObject.get(iri) ?? []).filter(
    (q) => q.subject.value.startsWith(c.base) && !q.subject.value.includes('#'),
  );
  const text = g.value(iri, SL.text);
  const blocks: Block[] = [];
  if (text !== undefined) blocks.push({ kind: 'text', title: 'Text', paragraphs: [{ parts: [text] }] });
  blocks.push(...evidenceBlock(c, path, iri));
  if (g.is(iri, SL.Organization)) {
    blocks.push({
      kind: 'list',
      title: 'Posts in this organisation',
      items: g
        .subjects(SL.postIn, iri)
        .sort()
        .map((p) => [c.link(path, p)]),
    });
    blocks.push({
      kind: 'list',
      title: 'Resolutions it decided',
      items: g
        .subjects(SL.decidedBy, iri)
        .filter((r) => g.is(r, SL.Resolution))
        .sort((a, b) => sortKeyDate(g, a).localeCompare(sortKeyDate(g, b)))
        .map((r) => [c.link(path, r), ` — ${datePrinted(g, r)}`]),
    });
  }
  if (g.is(iri, SL.Post)) {
    blocks.push({
      kind: 'list',
      title: 'Holders (offices held)',
      items: g
        .subjects(SL.post, iri)
        .filter((o) => g.is(o, SL.OfficeHeld))
        .map((o) => [
          c.link(path, g.links(o, SL.holder)[0] ?? o),
          ` — ${officeInterval(g, o) || 'dates not given'} · `,
          c.link(path, o, 'office'),
        ]),
    });
    blocks.push({
      kind: 'list',
      title: 'Changes of office',
      items: g
        .subjects(SL.post, iri)
        .filter((o) => g.is(o, SL.ChangeOfOffice))
        .sort((a, b) => sortKeyDate(g, a).localeCompare(sortKeyDate(g, b)))
        .map((ch) => [c.link(path, ch), ` — ${datePrinted(g, ch)}`]),
    });
  }
  if (g.is(iri, SL.Organization) || g.is(iri, SL.Place) || g.is(iri, SL.Post)) blocks.push(mentionedIn(c, path, iri));
  blocks.push(statements(c, path, iri));
  blocks.push({
    kind: 'list',
    title: 'Referred to by',
    id: 'backlinks',
    items: back.slice(0, 500).map((q) => [c.link(path, q.subject.value), ` (${propLabel(g, q.predicate.value)})`]),
    ...(back.length > 500 ? { intro: [`${back.length} things refer to this; the first 500 are listed.`] } : {}),
  });
  return { path, title: g.label(iri), kind: k?.name ?? 'Resource', iri, blocks, schemaType: k?.schema ?? 'Thing' };
}

/** A part described on its owner's page (an annotation's target or selector), under an anchor of its last segment. */
export function partBlock(c: PageContext, path: string, part: string): Block {
  const st = statements(c, path, part) as Extract<Block, { kind: 'statements' }>;
  return {
    kind: 'facts',
    title: part.slice(part.lastIndexOf('/') + 1),
    id: part.slice(part.lastIndexOf('/') + 1),
    rows: st.rows.map((r) => ({
      label: typeof r.prop[0] === 'object' ? r.prop[0].text : String(r.prop[0]),
      values: [r.value],
    })),
  };
}
