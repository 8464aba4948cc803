// Mentions (W3C Web Annotations with a TextQuoteSelector and a TextPositionSelector, plus a plain sl:mentions
// link) and recorded corrections of extraction damage.

import type { GraphBuilder } from './graph.js';
import { OA, SL } from './vocab.js';
import type { Correction, Mention } from '../model/types.js';
import { iriPath } from '../core/iri.js';

function addTarget(
  g: GraphBuilder,
  annotation: string,
  source: string,
  exact: string,
  prefix: string,
  suffix: string,
  start: number,
  end: number,
): void {
  const a = g.node(annotation);
  const target = g.node(`${annotation}/target`);
  const quote = g.node(`${annotation}/quote-selector`);
  const position = g.node(`${annotation}/position-selector`);
  g.add(a, OA.hasTarget, target);
  g.type(target, OA.SpecificResource);
  g.add(target, OA.hasSource, g.node(source));
  g.add(target, OA.hasSelector, quote);
  g.add(target, OA.hasSelector, position);
  g.type(quote, OA.TextQuoteSelector);
  g.add(quote, OA.exact, g.str(exact));
  g.add(quote, OA.prefix, g.str(prefix));
  g.add(quote, OA.suffix, g.str(suffix));
  g.type(position, OA.TextPositionSelector);
  g.add(position, OA.start, g.int(start));
  g.add(position, OA.end, g.int(end));
}

export function mapMention(g: GraphBuilder, m: Mention): void {
  const source = m.note !== undefined ? iriPath.note(m.letter, m.note) : iriPath.letter(m.letter);
  const a = g.node(m.id);
  g.type(a, SL.Mention);
  g.add(a, OA.motivatedBy, g.iri(OA.identifying));
  g.add(a, OA.hasBody, g.node(m.entity));
  addTarget(g, m.id, source, m.exact, m.prefix, m.suffix, m.start, m.end);
  g.add(g.node(source), SL.mentions, g.node(m.entity));
}

export function mapCorrection(
  g: GraphBuilder,
  c: Correction,
  texts: { letter: string; note?: number; text: string },
): void {
  const id = iriPath.correction(c.id);
  const a = g.node(id);
  g.type(a, SL.Correction, c.src);
  g.add(a, OA.motivatedBy, g.iri(OA.editing));
  g.add(a, OA.bodyValue, g.str(c.corrected));
  g.add(a, SL.correctedReading, g.str(c.corrected));
  g.add(a, SL.correctionKind, g.str(c.kind));
  g.add(a, SL.comment, g.en(c.comment));
  const source =
    c.note !== undefined
      ? iriPath.note(c.letter, c.note)
      : c.target === 'date'
        ? `${iriPath.letter(c.letter)}/block/1`
        : iriPath.letter(c.letter);
  const t = texts.text;
  addTarget(
    g,
    id,
    source,
    c.printed,
    t.slice(Math.max(0, c.start - 32), c.start),
    t.slice(c.end, c.end + 32),
    c.start,
    c.end,
  );
}
