// The Wikidata-shaped view: the model's Wikidata statements (src/model/wikidata.ts) in Wikibase's RDF model, as
// the Wikidata query service holds them, so that WDQS queries (p:P39 / ps:P39 / pq:P580 / pqv: / pr:) run over it
// unchanged. Statement, value and reference nodes are IRIs under our base: statements by office, values and
// references by a hash of their content (as Wikibase does), so that equal values share one node. Subjects are
// wd: items and our own wikidata/ nodes, so the view can be loaded beside the main dump without clashing.

import { createHash } from 'node:crypto';
import type { Quad } from '@rdfjs/types';
import { GraphBuilder, rdf } from './graph.js';
import { NS, PROV, WIKIBASE, WIKIBASE_NS } from './vocab.js';
import {
  GREGORIAN,
  PRESUMABLY,
  WD_PROPERTY as P,
  type WdStatement,
  type WdTarget,
  type WdTime,
} from '../model/wikidata.js';
import { iriPath, type BaseIri } from '../core/iri.js';

const hash = (s: string): string => createHash('sha1').update(s).digest('hex');

/** Path below the base of a statement's node. */
export const statementPath = (s: WdStatement): string => `wikidata/statement/${s.office.replace(/^office\//, '')}`;

export function toWikidataView(statements: readonly WdStatement[], base: BaseIri): Quad[] {
  const g = new GraphBuilder(base);
  const target = (t: WdTarget) => ('qid' in t ? g.wikidata(t.qid) : g.node(t.local));
  const dateTime = (t: WdTime) => rdf.literal(`${t.day}T00:00:00Z`, g.iri(`${NS.xsd}dateTime`));
  const timeValue = (t: WdTime) => {
    const v = g.node(`wikidata/value/${hash(`${t.day}|${t.precision}|${GREGORIAN}`)}`);
    g.type(v, WIKIBASE.TimeValue);
    g.add(v, WIKIBASE.timeValue, dateTime(t));
    g.add(v, WIKIBASE.timePrecision, g.int(t.precision));
    g.add(v, WIKIBASE.timeTimezone, g.int(0));
    g.add(v, WIKIBASE.timeCalendarModel, g.wikidata(GREGORIAN));
    return v;
  };
  for (const s of statements) {
    const item = g.wikidata(s.holderQid);
    const st = g.node(statementPath(s));
    g.type(st, WIKIBASE.Statement);
    // every statement has normal rank and none is preferred, so each is among the best: truthy too
    g.type(st, WIKIBASE.BestRank);
    g.add(st, WIKIBASE.rank, g.iri(WIKIBASE.NormalRank));
    g.add(item, WIKIBASE_NS.p + P.positionHeld, st);
    g.add(item, WIKIBASE_NS.wdt + P.positionHeld, target(s.value));
    g.add(st, WIKIBASE_NS.ps + P.positionHeld, target(s.value));
    for (const [prop, t] of [
      [P.startTime, s.start],
      [P.endTime, s.end],
    ] as const) {
      if (!t) continue;
      g.add(st, WIKIBASE_NS.pq + prop, dateTime(t));
      g.add(st, WIKIBASE_NS.pqv + prop, timeValue(t));
    }
    if (s.replaces) g.add(st, WIKIBASE_NS.pq + P.replaces, target(s.replaces));
    if (s.replacedBy) g.add(st, WIKIBASE_NS.pq + P.replacedBy, target(s.replacedBy));
    // the note does not name the holder or the post: the statement says it is presumed, as Wikidata would
    if (s.presumed.length) g.add(st, WIKIBASE_NS.pq + P.sourcingCircumstances, g.wikidata(PRESUMABLY));
    for (const r of s.references) {
      const ref = g.node(
        `wikidata/reference/${hash(`${r.edition}${r.editionQid ? `|${r.editionQid}` : ''}|${r.section}|${r.evidence}`)}`,
      );
      g.type(ref, WIKIBASE.Reference);
      g.add(st, PROV.wasDerivedFrom, ref);
      // stated in: the edition's item once a curator accepted one, else our edition resource stands in its place
      g.add(
        ref,
        WIKIBASE_NS.pr + P.statedIn,
        r.editionQid ? g.wikidata(r.editionQid) : g.node(iriPath.edition(r.edition)),
      );
      g.add(ref, WIKIBASE_NS.pr + P.section, g.str(r.section));
      g.add(ref, WIKIBASE_NS.pr + P.referenceUrl, g.node(r.evidence));
    }
  }
  return g.quads;
}
