// Offices held as Wikidata would state them: one "position held" (P39) statement per tenure of a holder with a
// QID, its start and end as time values with their precision, who it replaces and who replaced them, and one
// reference per piece of evidence (the edition, the letter and note, our evidence IRI). Both the Wikidata-shaped
// RDF view (src/rdf/wikidata.ts) and the QuickStatements export (src/publish/wikidata/) are written from this,
// and only from the model's offices held (src/model/offices.ts): a change to how offices are derived changes
// the input here, nothing else. No text from the edition is carried: no quote, no label. A tenure whose holder or
// post the note does not name (its change of office has an implied or inferred sl:personBasis / sl:postBasis) is
// a statement too, but a presumed one: it carries "sourcing circumstances: presumably" (P1480 = Q18122778), the
// qualifier Wikidata's Property:P1480 documents for a value the source presents as presumed.

import { MONTHS } from '../corpus/dates.js';
import type { Dataset, Letter, Office } from './types.js';
import { iriPath } from '../core/iri.js';

/** Wikidata properties used. */
export const WD_PROPERTY = {
  positionHeld: 'P39',
  startTime: 'P580',
  endTime: 'P582',
  replaces: 'P1365',
  replacedBy: 'P1366',
  statedIn: 'P248',
  section: 'P958',
  referenceUrl: 'P854',
  retrieved: 'P813',
  sourcingCircumstances: 'P1480',
} as const;
/** "presumably", a value of sourcing circumstances (P1480). */
export const PRESUMABLY = 'Q18122778';
/** Proleptic Gregorian calendar (the USSR used it from February 1918). */
export const GREGORIAN = 'Q1985727';

/** A statement's value: a Wikidata item, or (in the view only) our own resource, as a path below the base IRI. */
export type WdTarget = { qid: string } | { local: string };

/** A time value: the lower bound of the date at the given precision (11 day, 10 month, 9 year, 8 decade). */
export interface WdTime {
  day: string;
  precision: number;
}

export interface WdReference {
  /** Edition id (`edition/<id>` below the base). */
  edition: string;
  /** The edition's QID, once a curator accepted one (stated in, P248). */
  editionQid?: string;
  /** "Letter 63, note 2", "Letter 58", "Letter of 11 August 1932, note 1". */
  section: string;
  /** Our evidence node, as a path below the base (`change/<id>/evidence`). */
  evidence: string;
}

export interface WdStatement {
  /** The office held it states (`office/<holder>/<post>/<n>`). */
  office: string;
  holder: string;
  holderQid: string;
  post: string;
  value: WdTarget;
  /** 1 for the first statement of this holder and value, 2 for a second tenure of the same post, … */
  ordinal: number;
  start?: WdTime;
  end?: WdTime;
  replaces?: WdTarget;
  replacedBy?: WdTarget;
  references: WdReference[];
  /** Why the statement is only presumed: the holder or the post is not named by the note (basis and reason, from
   * the changes of office). Empty for a statement every note states. */
  presumed: WdPresumption[];
}

export interface WdPresumption {
  what: 'holder' | 'post';
  basis: 'implied' | 'inferred';
  reason: string;
  /** The change of office whose basis it is. */
  change: string;
}

/** An office held left out of the view because its holder has no QID. */
export interface WdSkipped {
  office: string;
  holder: string;
  post: string;
  postLinked: boolean;
  /** Why a tenure whose holder has a QID is still not sent (its holder or post is identified by inference). */
  reason?: string;
}

/** The lower bound of a date, normalised to its precision as Wikibase stores it (month → day 01, year → 01-01). */
export function timeAt(day: string, precision: number): WdTime {
  const d =
    precision >= 11
      ? day
      : precision === 10
        ? `${day.slice(0, 7)}-01`
        : precision === 9
          ? `${day.slice(0, 4)}-01-01`
          : `${day.slice(0, 3)}0-01-01`;
  return { day: d, precision };
}

export function sectionOf(letter: Letter, note: number | undefined): string {
  const [y, m, dd] = letter.date.earliest.split('-').map(Number) as [number, number, number];
  const name = letter.number !== undefined ? `Letter ${letter.number}` : `Letter of ${dd} ${MONTHS[m - 1]} ${y}`;
  return note !== undefined ? `${name}, note ${note}` : name;
}

export interface StatementOptions {
  /** Leave out the tenures whose holder or post is only presumed (they go to `skipped` with the reason). */
  statedOnly?: boolean;
}

/**
 * Statements for every office held whose holder has a QID (the others are listed in `skipped`), in office-id
 * order. The post is its QID where verified, else our post.
 */
export function wikidataStatements(
  d: Dataset,
  offices: readonly Office[] = d.offices,
  opts: StatementOptions = {},
): { statements: WdStatement[]; skipped: WdSkipped[] } {
  const personQid = new Map(d.persons.flatMap((p) => (p.wikidata ? [[p.id, p.wikidata.qid] as const] : [])));
  const postQid = new Map(d.posts.flatMap((p) => (p.wikidata ? [[p.id, p.wikidata.qid] as const] : [])));
  const changes = new Map(d.changes.map((c) => [c.id, c]));
  const letters = new Map(d.letters.map((l) => [l.id, l]));
  const editionQid = new Map(d.editions.flatMap((e) => (e.wikidata ? [[e.id, e.wikidata.qid] as const] : [])));
  const person = (id: string): WdTarget =>
    personQid.has(id) ? { qid: personQid.get(id)! } : { local: iriPath.person(id) };
  const statements: WdStatement[] = [];
  const skipped: WdSkipped[] = [];
  for (const o of [...offices].sort((a, b) => a.id.localeCompare(b.id))) {
    const holderQid = personQid.get(o.holder);
    if (!holderQid) {
      skipped.push({ office: o.id, holder: o.holder, post: o.post, postLinked: postQid.has(o.post) });
      continue;
    }
    // a tenure whose holder or post the notes do not name ("Com. Kaganovich", "his post at Trade") is presumed:
    // the basis and its reason are read from the changes of office, as the model has them
    const presumed: WdPresumption[] = [];
    for (const id of [...new Set([o.startEvent, o.endEvent, ...o.events])]) {
      const c = id ? changes.get(id) : undefined;
      if (!c) continue;
      for (const [what, b] of [
        ['holder', c.personBasis],
        ['post', c.postBasis],
      ] as const) {
        if (!b || b.basis === 'stated') continue;
        if (presumed.some((p) => p.what === what && p.basis === b.basis && p.reason === (b.reason ?? ''))) continue;
        presumed.push({ what, basis: b.basis as WdPresumption['basis'], reason: b.reason ?? '', change: c.id });
      }
    }
    if (presumed.length && opts.statedOnly) {
      const first = presumed[0]!;
      skipped.push({
        office: o.id,
        holder: o.holder,
        post: o.post,
        postLinked: postQid.has(o.post),
        reason: `--stated-only: the ${first.what} is ${first.basis}, not named by the note: ${first.reason}`.trim(),
      });
      continue;
    }
    const references: WdReference[] = [];
    const [startStated, endStated] = [(o.startBasis ?? 'stated') === 'stated', (o.endBasis ?? 'stated') === 'stated'];
    for (const id of [startStated ? o.startEvent : undefined, endStated ? o.endEvent : undefined, ...o.events]) {
      const c = id ? changes.get(id) : undefined;
      if (!c || references.some((r) => r.evidence === `${iriPath.change(c.id)}/evidence`)) continue;
      const letter = letters.get(c.evidence.letter)!;
      references.push({
        edition: letter.edition,
        ...(editionQid.has(letter.edition) ? { editionQid: editionQid.get(letter.edition)! } : {}),
        section: sectionOf(letter, c.evidence.note),
        evidence: `${iriPath.change(c.id)}/evidence`,
      });
    }
    statements.push({
      office: o.id,
      holder: o.holder,
      holderQid,
      post: o.post,
      value: postQid.has(o.post) ? { qid: postQid.get(o.post)! } : { local: iriPath.post(o.post) },
      ordinal: 0,
      // only what a note states goes to Wikidata: an inferred start or end (a successor, a divided body) stays ours
      ...(o.start && o.startPrecision && startStated ? { start: timeAt(o.start, o.startPrecision) } : {}),
      ...(o.end && o.endPrecision && endStated ? { end: timeAt(o.end, o.endPrecision) } : {}),
      ...(o.replaces ? { replaces: person(o.replaces) } : {}),
      ...(o.replacedBy ? { replacedBy: person(o.replacedBy) } : {}),
      references,
      presumed,
    });
  }
  // a second tenure of the same post is a second statement: number them per holder and value, in time (by start,
  // or by end for a tenure whose start the sources do not give)
  const groups = new Map<string, WdStatement[]>();
  for (const s of statements) {
    const key = `${s.holderQid} ${targetKey(s.value)}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  for (const list of groups.values()) {
    const when = (s: WdStatement): string => s.start?.day ?? s.end?.day ?? '9999';
    list.sort((a, b) => when(a).localeCompare(when(b)) || a.office.localeCompare(b.office));
    list.forEach((s, i) => {
      s.ordinal = i + 1;
    });
  }
  return { statements, skipped };
}

export const targetKey = (t: WdTarget): string => ('qid' in t ? t.qid : t.local);

/** Linking coverage: entities with a QID by kind, and offices whose holder (and post) have QIDs. */
export interface LinkCoverage {
  kinds: { kind: 'person' | 'organization' | 'place' | 'post' | 'edition'; linked: number; total: number }[];
  /** `presumed`: of the offices with holder and post QIDs, those whose holder or post the note does not name. */
  offices: { total: number; holderLinked: number; bothLinked: number; presumed: number };
}

export function linkCoverage(d: Dataset): LinkCoverage {
  const count = (list: readonly { wikidata?: unknown }[]): number => list.filter((e) => e.wikidata).length;
  const persons = new Set(d.persons.filter((p) => p.wikidata).map((p) => p.id));
  const posts = new Set(d.posts.filter((p) => p.wikidata).map((p) => p.id));
  const { statements } = wikidataStatements(d);
  return {
    kinds: [
      { kind: 'person', linked: count(d.persons), total: d.persons.length },
      { kind: 'organization', linked: count(d.organizations), total: d.organizations.length },
      { kind: 'place', linked: count(d.places), total: d.places.length },
      { kind: 'post', linked: count(d.posts), total: d.posts.length },
      { kind: 'edition', linked: count(d.editions), total: d.editions.length },
    ],
    offices: {
      total: d.offices.length,
      holderLinked: d.offices.filter((o) => persons.has(o.holder)).length,
      bothLinked: d.offices.filter((o) => persons.has(o.holder) && posts.has(o.post)).length,
      presumed: statements.filter((s) => 'qid' in s.value && s.presumed.length).length,
    },
  };
}

export function describeCoverage(c: LinkCoverage): string {
  const plural: Record<string, string> = {
    person: 'persons',
    organization: 'organisations',
    place: 'places',
    post: 'posts',
    edition: 'editions',
  };
  return (
    `${c.kinds.map((k) => `${k.linked}/${k.total} ${plural[k.kind]}`).join(', ')} linked to Wikidata; ` +
    `${c.offices.bothLinked}/${c.offices.total} offices held with holder and post QIDs (${c.offices.holderLinked} with a holder QID), ` +
    `${c.offices.presumed} of the ${c.offices.bothLinked} presumed (P1480 = presumably)`
  );
}
