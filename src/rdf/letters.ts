// Editions, letters, their blocks (paragraphs, points, signature…), datelines and footnotes.

import type { GraphBuilder } from './graph.js';
import { DCTERMS, RDFS, SL } from './vocab.js';
import { addDate } from './dates.js';
import { addEvidence } from './events.js';
import type { Edition, Letter } from '../model/types.js';
import { EDITIONS_REFERENCE_FILE } from '../model/reference-editions.js';
import { iriPath } from '../core/iri.js';

export const letterPath = (id: string): string => iriPath.letter(id);
export const notePath = (letter: string, n: number): string => iriPath.note(letter, n);
export const blockPath = (letter: string, position: number): string => iriPath.block(letter, position);

export function mapEdition(g: GraphBuilder, e: Edition): void {
  const s = g.node(iriPath.edition(e.id));
  g.type(s, SL.Edition, e.src);
  g.add(s, RDFS.label, g.en(e.label));
  g.add(s, DCTERMS.title, g.en(e.title));
  for (const ed of e.editors ?? []) g.add(s, SL.editor, g.str(ed));
  g.add(s, SL.publisher, g.str(e.publisher));
  g.add(s, SL.publicationPlace, g.str(e.place));
  g.add(s, SL.publicationYear, g.gYear(e.year));
  g.add(s, SL.pages, g.str(e.pages));
  g.add(s, SL.bibliographicCitation, g.str(e.bibliographicCitation));
  g.add(s, SL.bibliographicCitation, g.str(e.alsoIn));
  g.add(s, SL.series, g.str(e.series));
  g.add(s, SL.translator, g.str(e.translator));
  g.add(s, SL.isbn13, g.str(e.isbn13));
  g.add(s, SL.translationOf, g.str(e.translationOf));
  // the book's own rights: its texts are in copyright (not the licence of this dataset)
  g.add(s, DCTERMS.rights, g.en(e.rights));
  g.add(s, DCTERMS.rightsHolder, g.str(e.rightsHolder));
  if (e.factsFrom?.length) {
    // facts the source text does not state, each checked against the reference file (cited like the QIDs)
    g.add(s, SL.factsSource, g.sourcePath(`${g.corpusRoot}/${EDITIONS_REFERENCE_FILE}`));
    for (const seen of e.factsEvidence ?? []) g.add(s, SL.factsEvidence, g.en(seen));
  }
  g.add(s, SL.identifiedBy, g.en(e.identifiedBy));
  if (e.wikidata) {
    // a curator's accepted match (the QuickStatements export cites it as S248, stated in)
    g.add(s, SL.wikidata, g.wikidata(e.wikidata.qid));
    g.add(s, SL.qid, g.str(e.wikidata.qid));
    g.add(s, SL.qidStrength, g.str(e.wikidata.strength));
  }
  g.add(s, SL.description, g.en(e.note));
  g.add(s, SL.sourceFile, g.sourcePath(e.file));
}

export function mapLetter(g: GraphBuilder, l: Letter, letters: Map<string, Letter>): void {
  const s = g.node(letterPath(l.id));
  g.type(s, SL.Letter, l.src);
  g.add(s, RDFS.label, g.en(l.number !== undefined ? `Letter ${l.number}` : `Letter of ${l.date.asPrinted}`));
  g.add(s, SL.edition, g.node(iriPath.edition(l.edition)));
  g.add(s, SL.number, g.int(l.number));
  g.add(s, SL.letterId, g.str(l.id));
  for (const a of l.authors) g.add(s, SL.author, g.node(iriPath.person(a)));
  for (const a of l.addressees) g.add(s, SL.addressee, g.node(iriPath.person(a)));
  addDate(g, s, l.date);
  l.datelines.forEach((d, i) => {
    const dl = g.node(`${letterPath(l.id)}/dateline/${i + 1}`);
    g.type(dl, SL.Dateline, l.src);
    addDate(g, dl, d);
    g.add(s, SL.dateline, dl);
  });
  g.add(s, SL.salutation, g.en(l.salutation));
  for (const sig of l.signatures) g.add(s, SL.signature, g.str(sig));
  g.add(s, SL.text, g.en(l.text));
  addSource(g, s, l.src);
  for (const b of l.blocks) {
    const bs = g.node(blockPath(l.id, b.position));
    g.type(bs, SL.Paragraph, { file: b.loc.file, line: b.loc.line, entry: l.id });
    g.add(s, SL.hasParagraph, bs);
    g.add(bs, SL.inLetter, s);
    g.add(bs, SL.position, g.int(b.position));
    g.add(bs, SL.blockKind, g.str(b.kind));
    g.add(bs, SL.pointLabel, g.str(b.pointLabel));
    g.add(bs, SL.postscriptLabel, g.str(b.postscriptLabel));
    g.add(bs, SL.text, g.en(b.text));
    addSource(g, bs, {
      file: b.loc.file,
      line: b.loc.line,
      endLine: b.loc.endLine,
      offset: b.loc.offset,
      endOffset: b.loc.endOffset,
    });
  }
  for (const p of l.parts) {
    const ps = g.node(`${letterPath(l.id)}/part/${p.number}`);
    g.type(ps, SL.LetterPart, l.src);
    g.add(s, SL.hasPart, ps);
    g.add(ps, SL.inLetter, s);
    g.add(ps, SL.partNumber, g.int(p.number));
    for (const a of p.authors) g.add(ps, SL.author, g.node(iriPath.person(a)));
    for (const a of p.addressees) g.add(ps, SL.addressee, g.node(iriPath.person(a)));
    for (const b of p.blocks) g.add(ps, SL.partBlock, g.node(blockPath(l.id, b)));
    addEvidence(g, ps, `${letterPath(l.id)}/part/${p.number}/evidence`, p.evidence, letters);
  }
  for (const f of l.footnotes) {
    const fs = g.node(notePath(l.id, f.number));
    g.type(fs, SL.Footnote, f.src);
    g.add(s, SL.hasFootnote, fs);
    g.add(fs, RDFS.label, g.en(`${l.number !== undefined ? `Letter ${l.number}` : l.id}, note ${f.number}`));
    g.add(fs, SL.inLetter, s);
    g.add(fs, SL.footnoteNumber, g.int(f.number));
    g.add(fs, SL.text, g.en(f.text));
    g.add(fs, SL.markerFound, g.bool(f.marker !== undefined));
    if (f.marker) {
      g.add(fs, SL.anchor, g.node(blockPath(l.id, f.marker.block)));
      g.add(fs, SL.anchorText, g.en(f.marker.anchorText));
      g.add(fs, SL.markerOffset, g.int(f.marker.offset));
    }
    for (const c of f.citationIds) g.add(fs, SL.cites, g.node(c));
    addSource(g, fs, f.src);
  }
}

function addSource(
  g: GraphBuilder,
  s: ReturnType<GraphBuilder['node']>,
  src: { file: string; line: number; endLine: number; offset: number; endOffset: number },
): void {
  g.add(s, SL.sourceFile, g.sourcePath(src.file));
  g.add(s, SL.sourceLine, g.int(src.line));
  g.add(s, SL.sourceEndLine, g.int(src.endLine));
  g.add(s, SL.sourceOffset, g.int(src.offset));
  g.add(s, SL.sourceEndOffset, g.int(src.endOffset));
}
