// Letters, footnotes, citations and archival units from the parsed editions.

import { parseEdition, type Layout, type ParsedEdition } from '../corpus/edition.js';
import { CorpusError, toProblem, type CorpusProblem } from '../corpus/errors.js';
import type { WorkSpec } from '../corpus/citations.js';
import type { ArchivalUnit, Archive, CitationModel, Edition, Letter, Work } from './types.js';
import { iriPath } from '../core/iri.js';

/** An entry of editions.yaml: the edition as the model keeps it, plus how to read its text. */
export interface EditionRecord extends Omit<Edition, 'src'> {
  layout: Layout;
  author: string;
  addressee: string;
  /** Parts of a letter by another author or to another addressee, each from the block that starts with `starts`. */
  parts?: {
    letter: string;
    starts: string;
    author: string;
    addressee: string;
    evidence: { letter: string; note?: number; quote: string };
  }[];
}

export interface WorkRecord {
  id: string;
  title: string;
  translatedTitle?: string;
  titleForms: string[];
}

export interface LettersResult {
  editions: Edition[];
  letters: Letter[];
  parsed: ParsedEdition[];
  citations: CitationModel[];
  units: ArchivalUnit[];
  problems: CorpusProblem[];
}

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function unitId(
  archive: string,
  level: 'fond' | 'opis' | 'delo',
  path: { fond: string; opis: string; delo: string },
): string {
  const f = `${iriPath.archive(archive)}/f-${path.fond}`;
  if (level === 'fond') return f;
  const o = `${f}/op-${path.opis}`;
  return level === 'opis' ? o : `${o}/d-${path.delo}`;
}

export function buildLetters(
  editionRecords: { value: EditionRecord; line: number }[],
  texts: Map<string, string>,
  root: string,
  works: WorkRecord[],
  archives: Archive[],
): LettersResult {
  const problems: CorpusProblem[] = [];
  const editions: Edition[] = [];
  const letters: Letter[] = [];
  const parsed: ParsedEdition[] = [];
  const citations: CitationModel[] = [];
  const units = new Map<string, ArchivalUnit>();
  const workSpecs: WorkSpec[] = works.map((w) => ({ id: w.id, titles: w.titleForms }));
  const archiveByAbbr = new Map(archives.map((a) => [a.abbreviation, a.id]));

  for (const { value: e, line } of editionRecords) {
    const file = `${root}/${e.file}`;
    const { layout: _layout, author: _author, addressee: _addressee, parts: _parts, ...fields } = e;
    editions.push({ ...fields, file, src: { file: `${root}/editions.yaml`, line, entry: e.id } });
    const text = texts.get(e.file);
    if (text === undefined) {
      problems.push({
        code: 'missing-source',
        file: `${root}/editions.yaml`,
        line,
        entry: e.id,
        message: `source text ${e.file} does not exist or could not be read`,
        hint: 'copy the text into corpus/sources/',
        refersTo: `file:${e.file}`,
      });
      continue;
    }
    let ed: ParsedEdition;
    try {
      ed = parseEdition(file, text, e.layout, workSpecs);
    } catch (err) {
      if (err instanceof CorpusError) {
        problems.push(toProblem(err));
        continue;
      }
      throw err;
    }
    parsed.push(ed);
    // reading-order index of each citation in this file -> its id, for resolving ibid. links
    const idAtIndex: string[] = [];
    for (const l of ed.letters)
      for (const f of l.footnotes) {
        f.citations.forEach((_, i) => {
          idAtIndex[f.firstCitationIndex + i] = iriPath.citation(l.id, f.number, i + 1);
        });
      }
    for (const pl of ed.letters) {
      const footnotes = pl.footnotes.map((f) => {
        const ids: string[] = [];
        f.citations.forEach((c, i) => {
          const id = iriPath.citation(pl.id, f.number, i + 1);
          ids.push(id);
          const base = {
            id,
            letter: pl.id,
            note: f.number,
            ordinal: i + 1,
            printed: c.printed,
            start: c.start,
            end: c.end,
            src: { file, line: f.loc.line, entry: `${pl.id} note ${f.number}` },
          };
          if (c.kind === 'archival') {
            const archive = archiveByAbbr.get(c.resolved.archive);
            if (!archive) {
              problems.push({
                code: 'unknown-archive',
                file,
                line: f.loc.line,
                entry: `${pl.id} note ${f.number}`,
                message: `archive "${c.resolved.archive}" is not in archives.yaml`,
                hint: 'add it to corpus/archives.yaml',
              });
              return;
            }
            for (const level of ['fond', 'opis', 'delo'] as const) {
              const uid = unitId(archive, level, c.resolved);
              if (!units.has(uid)) {
                const parent =
                  level === 'fond'
                    ? iriPath.archive(archive)
                    : unitId(archive, level === 'opis' ? 'fond' : 'opis', c.resolved);
                units.set(uid, { id: uid, level, number: c.resolved[level], parent, archive });
              }
            }
            const refersTo = c.refersTo !== undefined ? idAtIndex[c.refersTo] : undefined;
            citations.push({
              ...base,
              kind: 'archival',
              path: c.resolved,
              unit: unitId(archive, 'delo', c.resolved),
              folioList: c.folioList,
              elliptic: c.elliptic,
              ...(c.folios ? { folios: c.folios } : {}),
              ...(refersTo ? { refersTo } : {}),
            });
          } else {
            citations.push({
              ...base,
              kind: 'bibliographic',
              work: c.work,
              ...(c.volume ? { volume: c.volume } : {}),
              ...(c.edition ? { edition: c.edition } : {}),
              ...(c.place ? { place: c.place } : {}),
              ...(c.year ? { year: c.year } : {}),
              ...(c.pages ? { pages: c.pages } : {}),
            });
          }
        });
        return {
          letter: pl.id,
          number: f.number,
          text: f.text,
          citationIds: ids,
          ...(f.marker ? { marker: f.marker } : {}),
          src: {
            file,
            line: f.loc.line,
            endLine: f.loc.endLine,
            offset: f.loc.offset,
            endOffset: f.loc.endOffset,
            entry: `${pl.id} note ${f.number}`,
          },
        };
      });
      letters.push({
        id: pl.id,
        ...(pl.number !== undefined ? { number: pl.number } : {}),
        edition: e.id,
        authors: [e.author],
        addressees: [e.addressee],
        date: pl.editorialDate.value,
        datelines: pl.datelines.map((d) => d.value),
        ...(pl.salutation ? { salutation: pl.salutation } : {}),
        signatures: pl.signatures,
        text: pl.text,
        blocks: pl.blocks,
        footnotes,
        src: {
          file,
          line: pl.loc.line,
          endLine: pl.loc.endLine,
          offset: pl.loc.offset,
          endOffset: pl.loc.endOffset,
          entry: pl.id,
        },
        textOffset: pl.textLoc.offset,
        parts: [],
      });
    }
  }
  return { editions, letters, parsed, citations, units: [...units.values()], problems };
}

export const workFromRecord = (w: WorkRecord): Work => ({
  id: w.id,
  title: w.title,
  ...(w.translatedTitle ? { translatedTitle: w.translatedTitle } : {}),
});
export { slug };
