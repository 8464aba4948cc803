// Archival and bibliographic citations in the editors' notes, found in reading order, with every `ibid.` and every
// elliptic continuation ("…, and d. 791, ll. 23, 24") resolved to the full archival reference it stands for.
// Folios are kept as printed: a lost dash ("ll. 2123" for 21–23) is corrected only through corpus/annotations.yaml.

export interface ArchivalPath {
  archive: string;
  fond: string;
  opis: string;
  delo: string;
}

export interface ArchivalCitation {
  kind: 'archival';
  /** The citation exactly as printed (newlines kept). */
  printed: string;
  /** Offsets of `printed` within the note text. */
  start: number;
  end: number;
  /** The levels that were printed, e.g. { delo: '791' } for "ibid., d. 791, l. 10". */
  given: Partial<ArchivalPath>;
  /** Folio list as printed, e.g. "ll. 12, 13"; undefined when no folio was given. */
  folios?: string;
  /** Individual folio numbers as printed. */
  folioList: string[];
  /** How the citation refers back: 'ibid.' or an elliptic continuation after "and"; null when complete. */
  elliptic: 'ibid' | 'continuation' | null;
  /** The full reference, after resolution (archive, fond, opis, delo). */
  resolved: ArchivalPath;
  /** Index (in reading order, over the whole file) of the citation this one took its missing levels from. */
  refersTo?: number;
}

export interface BibliographicCitation {
  kind: 'bibliographic';
  printed: string;
  start: number;
  end: number;
  work: string;
  volume?: string;
  edition?: string;
  place?: string;
  year?: string;
  /** Pages as printed (damaged ranges stay as printed: "43941" is 439–41). */
  pages?: string;
}

export type Citation = ArchivalCitation | BibliographicCitation;

export interface WorkSpec {
  id: string;
  /** Title forms as printed in the notes, including misspellings ("Spravochink partiynogo rabotnika"). */
  titles: string[];
}

export interface CitationContext {
  /** The last complete or resolved archival citation before this note, in reading order. */
  lastArchival?: { index: number; path: ArchivalPath };
  /** Running index over the file. */
  nextIndex: number;
}

export class CitationError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = 'CitationError';
    this.offset = offset;
  }
}

const S = String.raw`\s+`;
const NUM = String.raw`\d+`;
const FOLIOS = String.raw`ll?\.${S}${NUM}(?:,${S}${NUM})*`;
const LEVEL = String.raw`(?:f|op|d)\.${S}${NUM}`;
const COMPONENTS = `(?:${LEVEL}(?:,${S}${LEVEL})*(?:,${S}${FOLIOS})?|${FOLIOS})`;
const ARCHIVES = ['RTsKhIDNI', 'GARF'];
const HEAD = new RegExp(
  String.raw`(?<head>${ARCHIVES.join('|')}|[Ii]bid\.,)${S}(?<body>${COMPONENTS})` +
    `|(?<=,${S}and${S})(?<cont>${LEVEL}(?:,${S}${LEVEL})*(?:,${S}${FOLIOS})?)`,
  'g',
);

const LEVEL_NAMES = { f: 'fond', op: 'opis', d: 'delo' } as const;
const ORDER: (keyof ArchivalPath)[] = ['archive', 'fond', 'opis', 'delo'];

function parseComponents(body: string): { given: Partial<ArchivalPath>; folios?: string; folioList: string[] } {
  const given: Partial<ArchivalPath> = {};
  for (const m of body.matchAll(new RegExp(String.raw`\b(f|op|d)\.${S}(${NUM})`, 'g'))) {
    given[LEVEL_NAMES[m[1] as keyof typeof LEVEL_NAMES]] = m[2]!;
  }
  const f = new RegExp(FOLIOS).exec(body);
  return f ? { given, folios: f[0], folioList: f[0].replace(/^ll?\.\s+/, '').split(/,\s+/) } : { given, folioList: [] };
}

/** Fills the levels missing from `given` from `base`: the levels above the highest printed one are inherited. */
function inherit(given: Partial<ArchivalPath>, base: ArchivalPath | undefined): ArchivalPath | undefined {
  const highest = ORDER.findIndex((k) => given[k] !== undefined);
  const out: Partial<ArchivalPath> = {};
  for (let i = 0; i < ORDER.length; i++) {
    const k = ORDER[i]!;
    if (given[k] !== undefined) out[k] = given[k];
    else if (highest === -1 || i < highest) {
      if (!base) return undefined;
      out[k] = base[k];
    } else return undefined; // a lower level missing below a printed one: incomplete reference
  }
  return out as ArchivalPath;
}

function findBibliographic(text: string, works: readonly WorkSpec[]): BibliographicCitation[] {
  const found: BibliographicCitation[] = [];
  for (const work of works) {
    for (const title of work.titles) {
      const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, String.raw`\s+`);
      const re = new RegExp(
        escaped +
          String.raw`(?:\s+\[[^\]]*\])?` + // translated title
          String.raw`(?:,\s+vol\.\s+(?<volume>\d+))?` +
          String.raw`(?:,\s+(?<edition>\d+(?:st|nd|rd|th)\s+ed\.))?` +
          String.raw`(?:\s+\[(?<place>[^,\]]+),\s+(?<year>\d{4})\])?` +
          String.raw`(?:,\s+(?<pages>\d+(?:[–-]\d+)?))?`,
        'g',
      );
      for (const m of text.matchAll(re)) {
        const g = m.groups ?? {};
        found.push({
          kind: 'bibliographic',
          printed: m[0],
          start: m.index!,
          end: m.index! + m[0].length,
          work: work.id,
          ...(g.volume ? { volume: g.volume } : {}),
          ...(g.edition ? { edition: g.edition } : {}),
          ...(g.place ? { place: g.place } : {}),
          ...(g.year ? { year: g.year } : {}),
          ...(g.pages ? { pages: g.pages } : {}),
        });
      }
    }
  }
  return found;
}

/**
 * Finds the citations of one note in reading order and resolves each elliptic archival citation against the
 * last archival citation before it (in this note or an earlier one: `ctx` carries it across notes). An `ibid.`
 * that prints archival levels refers to the last *archival* citation even when a book was cited in between.
 */
export function parseCitations(text: string, works: readonly WorkSpec[], ctx: CitationContext): Citation[] {
  const archival: ArchivalCitation[] = [];
  for (const m of text.matchAll(HEAD)) {
    const g = m.groups!;
    const body = g.body ?? g.cont!;
    const head = g.head;
    const start = m.index!;
    const printed = m[0];
    const { given, folios, folioList } = parseComponents(body);
    const elliptic = head === undefined ? 'continuation' : /^ibid/i.test(head) ? 'ibid' : null;
    if (head && !elliptic) given.archive = head;
    archival.push({
      kind: 'archival',
      printed,
      start,
      end: start + printed.length,
      given,
      folioList,
      ...(folios ? { folios } : {}),
      elliptic,
      resolved: { archive: '', fond: '', opis: '', delo: '' },
    });
  }
  const all: Citation[] = [...archival, ...findBibliographic(text, works)].sort((a, b) => a.start - b.start);
  for (const c of all) {
    const index = ctx.nextIndex++;
    if (c.kind !== 'archival') continue;
    if (c.elliptic === null) {
      const resolved = inherit(c.given, undefined);
      if (!resolved) throw new CitationError(`archival citation "${c.printed}" lacks fond, opis or delo`, c.start);
      c.resolved = resolved;
    } else {
      const resolved = inherit(c.given, ctx.lastArchival?.path);
      if (!resolved) {
        throw new CitationError(
          ctx.lastArchival
            ? `"${c.printed}" cannot be resolved: it prints a lower level without the levels above it`
            : `"${c.printed}" refers back, but no archival citation precedes it`,
          c.start,
        );
      }
      c.resolved = resolved;
      c.refersTo = ctx.lastArchival!.index;
    }
    ctx.lastArchival = { index, path: c.resolved };
  }
  return all;
}
