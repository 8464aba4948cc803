// Reconciliation queries for posts and editions, the two kinds a curator links besides persons, organisations
// and places (reconcile.ts builds those, and sends every kind's queries). Kept apart from reconcile.ts's name
// handling so that the two can change independently.
//
// Posts: type position (Q4164871); where the sources give them, the organisation a head's post directs
// (P2389, "organization directed by the office or position": only for heads, a chairman or a commissar; a
// member's or a deputy's post does not direct the body) and the jurisdiction (P1001, "applies to jurisdiction":
// the place of a post abroad, else the organisation's jurisdiction), each only when that item has a QID.
// Editions: type version, edition or translation (Q3331189, the edition item of Wikidata's book model), with
// the ISBN-13 (P212, hyphenated as Wikidata stores it), the publisher (P123, by name) and the year of
// publication (P577), all from corpus/editions.yaml (checked there against corpus/reference/editions.yaml).

import ISBN from 'isbn3';
import type { Dataset } from '../model/types.js';
import { iriPath } from '../core/iri.js';
import { EDITION, POSITION } from './kinds.js';
/** Roles whose post directs its organisation (P2389). */
const HEAD_ROLES = new Set(['chairman', 'commissar', 'director', 'head', 'manager', 'first-secretary']);

export interface KindQuery {
  entity: string;
  name: string;
  forms: string[];
  type: string;
  properties: { pid: string; v: string }[];
}

/** Hyphenated ISBN-13 (Wikidata's P212 format), or undefined for an invalid number. */
export function hyphenatedIsbn13(isbn: string): string | undefined {
  return ISBN.parse(isbn)?.isbn13h ?? undefined;
}

export function postAndEditionQueries(d: Dataset, kind: 'post' | 'edition'): KindQuery[] {
  const orgById = new Map(d.organizations.map((o) => [o.id, o]));
  const placeQid = new Map(d.places.flatMap((p) => (p.wikidata ? [[p.id, p.wikidata.qid] as const] : [])));
  const uniq = (xs: (string | undefined)[]): string[] =>
    [...new Set(xs.filter((x): x is string => Boolean(x)))].slice(0, 4);
  if (kind === 'post') {
    return d.posts
      .filter((p) => !p.wikidata)
      .map((p) => {
        const org = p.organization ? orgById.get(p.organization) : undefined;
        const props: { pid: string; v: string }[] = [];
        if (org?.wikidata && HEAD_ROLES.has(p.role)) props.push({ pid: 'P2389', v: org.wikidata.qid });
        const jurisdiction = p.place
          ? placeQid.get(p.place)
          : org?.jurisdiction
            ? placeQid.get(org.jurisdiction)
            : undefined;
        if (jurisdiction) props.push({ pid: 'P1001', v: jurisdiction });
        return {
          entity: iriPath.post(p.id),
          name: p.label,
          forms: uniq([p.label, ...p.altLabels]),
          type: POSITION,
          properties: props,
        };
      });
  }
  return d.editions
    .filter((e) => !e.wikidata)
    .map((e) => {
      const props: { pid: string; v: string }[] = [];
      const isbn = e.isbn13 ? hyphenatedIsbn13(e.isbn13) : undefined;
      if (isbn) props.push({ pid: 'P212', v: isbn });
      if (e.publisher) props.push({ pid: 'P123', v: e.publisher });
      if (e.year) props.push({ pid: 'P577', v: String(e.year) });
      return {
        entity: iriPath.edition(e.id),
        name: e.title ?? e.label,
        forms: uniq([e.title ?? e.label]),
        type: EDITION,
        properties: props,
      };
    });
}
