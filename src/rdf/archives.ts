// Archives, their fonds, opisi and dela (each nested in its parent), published works, and the citations.

import type { GraphBuilder } from './graph.js';
import { DCTERMS, RDFS, SL } from './vocab.js';
import type { ArchivalUnit, Archive, CitationModel, Work } from '../model/types.js';
import { iriPath } from '../core/iri.js';

const LEVEL_CLASS = { fond: SL.Fond, opis: SL.Opis, delo: SL.Delo } as const;
const LEVEL_ABBR = { fond: 'f.', opis: 'op.', delo: 'd.' } as const;

export function mapArchive(g: GraphBuilder, a: Archive): void {
  const s = g.node(iriPath.archive(a.id));
  g.type(s, SL.Archive);
  g.add(s, RDFS.label, g.en(a.label));
  g.add(s, SL.abbreviation, g.str(a.abbreviation));
  g.add(s, SL.currentName, g.str(a.currentName));
  g.add(s, SL.description, g.en(a.note));
}

export function mapUnit(g: GraphBuilder, u: ArchivalUnit, archives: Map<string, Archive>): void {
  const s = g.node(u.id);
  g.type(s, LEVEL_CLASS[u.level]);
  const parts = u.id
    .split('/')
    .slice(2)
    .map((p) => p.replace(/^f-/, 'f. ').replace(/^op-/, 'op. ').replace(/^d-/, 'd. '));
  g.add(s, RDFS.label, g.str(`${archives.get(u.archive)?.abbreviation ?? u.archive} ${parts.join(', ')}`));
  g.add(s, SL.unitNumber, g.str(u.number));
  g.add(s, SL.abbreviation, g.str(`${LEVEL_ABBR[u.level]} ${u.number}`));
  g.add(s, SL.inArchivalUnit, g.node(u.parent));
}

export function mapWork(g: GraphBuilder, w: Work): void {
  const s = g.node(iriPath.work(w.id));
  g.type(s, SL.PublishedWork);
  g.add(s, DCTERMS.title, g.str(w.title));
  g.add(s, RDFS.label, g.en(w.translatedTitle ? `${w.title} [${w.translatedTitle}]` : w.title));
}

export function mapCitation(g: GraphBuilder, c: CitationModel): void {
  const s = g.node(c.id);
  g.type(s, c.kind === 'archival' ? SL.ArchivalCitation : SL.BibliographicCitation, c.src);
  g.add(s, SL.citationText, g.str(c.printed));
  g.add(s, SL.inFootnote, g.node(iriPath.note(c.letter, c.note)));
  g.add(s, SL.position, g.int(c.ordinal));
  if (c.kind === 'archival') {
    g.add(s, SL.citedUnit, g.node(c.unit));
    g.add(s, SL.folios, g.str(c.folios));
    for (const f of c.folioList) g.add(s, SL.folio, g.str(f));
    g.add(s, SL.isIbid, g.bool(c.elliptic !== null));
    if (c.refersTo) g.add(s, SL.ibidRefersTo, g.node(c.refersTo));
  } else {
    g.add(s, SL.citedWork, g.node(iriPath.work(c.work)));
    g.add(s, SL.volume, g.str(c.volume));
    g.add(s, SL.workPages, g.str(c.pages));
    g.add(s, SL.publicationPlace, g.str(c.place));
    g.add(s, SL.publicationYear, g.gYear(c.year === undefined ? undefined : +c.year));
  }
}
