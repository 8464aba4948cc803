// A Mix'n'match catalogue of every entity without a QID, in the tool's import format (meta.wikimedia.org,
// Mix'n'match/Import: a tab-separated file with one header row; `id` and `name` are required, `desc`, `url` and
// `type` (a Wikidata item, Q5 for a human) are recognised). One row per entity; the id is our IRI's path
// (`person/piatakov`), stable across builds, and the url our IRI. The description is written from the data only
// — posts held with their dates, the body, the kind of place, the letters and notes that name it — never from the
// texts or our curated prose (which quotes them), and at most 250 characters. Rows that share a name differ in
// their descriptions (namesakes): where the data cannot tell them apart, the id is added.

import { sectionOf } from '../model/wikidata.js';
import type { Dataset, Office } from '../model/types.js';
import { EDITION, POSITION } from './kinds.js';
import { KIND_TYPE } from './reconcile.js';
import { iriPath, type BaseIri } from '../core/iri.js';

export const MIXNMATCH_HEADER = ['id', 'name', 'desc', 'url', 'type'] as const;
export const DESC_MAX = 250;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A date at its precision: 11 → "15 Oct 1930", 10 → "Oct 1930", 9 → "1930". */
function dateAt(day: string | undefined, precision: number | undefined): string {
  if (!day) return '';
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  if ((precision ?? 11) >= 11) return `${d} ${MONTHS[m - 1]} ${y}`;
  if (precision === 10) return `${MONTHS[m - 1]} ${y}`;
  return String(y);
}

/** Parts in order of importance, joined with "; " while they fit into `max` characters. */
function fit(parts: string[], max = DESC_MAX): string {
  let out = '';
  for (const p of parts.filter(Boolean)) {
    const next = out ? `${out}; ${p}` : p;
    if (next.length <= max) out = next;
    else if (!out) out = `${p.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
  }
  return out;
}

/** Tenures in time: an unknown start counts as earliest, an open end as latest. */
const inTime = (a: Office, b: Office): number =>
  (a.start ?? '').localeCompare(b.start ?? '') ||
  (a.end ?? '9999').localeCompare(b.end ?? '9999') ||
  a.id.localeCompare(b.id);

export interface MixnmatchRow {
  id: string;
  name: string;
  desc: string;
  url: string;
  type: string;
}

export function mixnmatchRows(d: Dataset, base: BaseIri): MixnmatchRow[] {
  const letters = new Map(d.letters.map((l) => [l.id, l]));
  const letterOrder = new Map(d.letters.map((l, i) => [l.id, i]));
  const orgName = new Map(d.organizations.map((o) => [o.id, o.name]));
  const placeName = new Map(d.places.map((p) => [p.id, p.name]));
  const postById = new Map(d.posts.map((p) => [p.id, p]));
  const personName = new Map(d.persons.map((p) => [p.id, p.name]));
  /** "named in Letter 56 (text, note 1), Letter 63 (note 2)": where the texts name the entity, in letter order. */
  const namedIn = (refs: { letter: string; note?: number }[]): string => {
    const byLetter = new Map<string, Set<number>>();
    for (const r of refs)
      if (letters.has(r.letter)) byLetter.set(r.letter, (byLetter.get(r.letter) ?? new Set()).add(r.note ?? 0));
    const list = [...byLetter]
      .sort((a, b) => letterOrder.get(a[0])! - letterOrder.get(b[0])!)
      .map(([id, where]) => {
        const notes = [...where].filter((n) => n > 0).sort((a, b) => a - b);
        const parts = [
          ...(where.has(0) ? ['text'] : []),
          ...(notes.length ? [`${notes.length > 1 ? 'notes' : 'note'} ${notes.join(', ')}`] : []),
        ];
        const name = sectionOf(letters.get(id)!, undefined);
        return parts.length === 1 && parts[0] === 'text' ? name : `${name} (${parts.join(', ')})`;
      });
    return list.length
      ? `named in ${list.slice(0, 4).join(', ')}${list.length > 4 ? ` and ${list.length - 4} more letter(s)` : ''}`
      : '';
  };
  const mentionsOf = (kind: string, id: string): { letter: string; note?: number }[] =>
    d.mentions
      .filter((m) => m.entity === `${kind}/${id}`)
      .map((m) => ({ letter: m.letter, ...(m.note !== undefined ? { note: m.note } : {}) }));
  const span = (start?: string, sp?: number, end?: string, ep?: number): string => {
    const [a, b] = [dateAt(start, sp), dateAt(end, ep)];
    return a && b ? `${a} – ${b}` : a ? `from ${a}` : b ? `until ${b}` : '';
  };
  const postName = (id: string): string => {
    const p = postById.get(id);
    return p ? p.label : id;
  };
  const rows: MixnmatchRow[] = [];
  const add = (id: string, name: string, type: string, parts: string[]): void => {
    rows.push({ id, name, desc: fit(parts), url: `${base}${id}`, type });
  };
  for (const p of d.persons) {
    if (p.wikidata) continue;
    const offices = d.offices.filter((o) => o.holder === p.id).sort(inTime);
    const held = offices.map((o) => {
      const when = span(o.start, o.startPrecision, o.end, o.endPrecision);
      return `${postName(o.post)}${when ? ` (${when})` : ''}`;
    });
    // a change of office that is no tenure (proposed, reprimanded): its post or body still places the person
    const other = d.changes
      .filter((c) => c.person === p.id && !offices.some((o) => o.post === c.post))
      .flatMap((c) => (c.post ? [postName(c.post)] : c.organization ? [orgName.get(c.organization) ?? ''] : []));
    const related = [...new Set(other)].filter(Boolean);
    add(iriPath.person(p.id), p.fullName ?? p.name, KIND_TYPE.person, [
      "person in Stalin's letters of 1930 and 1932",
      held.length ? `held: ${held.join(', ')}` : '',
      related.length ? `concerned by changes of office: ${related.join(', ')}` : '',
      namedIn([...mentionsOf('person', p.id), ...d.changes.filter((c) => c.person === p.id).map((c) => c.evidence)]),
    ]);
  }
  for (const o of d.organizations) {
    if (o.wikidata) continue;
    add(iriPath.organization(o.id), o.name, KIND_TYPE.organization, [
      `${o.kind} organisation${o.parent ? ` under ${orgName.get(o.parent) ?? o.parent}` : ''}${o.jurisdiction ? ` (${placeName.get(o.jurisdiction) ?? o.jurisdiction})` : ''} in Stalin's letters of 1930 and 1932`,
      o.ended ? `${o.ended.how} ${dateAt(o.ended.date.earliest, o.ended.date.precision)}` : '',
      namedIn(mentionsOf('organization', o.id)),
    ]);
  }
  for (const p of d.places) {
    if (p.wikidata) continue;
    add(iriPath.place(p.id), p.name, KIND_TYPE.place, [
      `${p.kind}${p.partOf ? ` in ${placeName.get(p.partOf) ?? p.partOf}` : ''}`,
      namedIn(mentionsOf('place', p.id)),
    ]);
  }
  for (const p of d.posts) {
    if (p.wikidata) continue;
    const holders = d.offices
      .filter((o) => o.post === p.id)
      .sort(inTime)
      .map((o) => {
        const when = span(o.start, o.startPrecision, o.end, o.endPrecision);
        return `${personName.get(o.holder) ?? o.holder}${when ? ` (${when})` : ''}`;
      });
    add(iriPath.post(p.id), p.label, POSITION, [
      `${p.role.replace(/-/g, ' ')} post${p.organization ? ` in ${orgName.get(p.organization) ?? p.organization}` : ''}${p.place ? ` (${placeName.get(p.place) ?? p.place})` : ''}`,
      holders.length ? `held by ${holders.join(', ')}` : '',
      namedIn([
        ...(p.evidence ? [p.evidence] : []),
        ...d.changes.filter((c) => c.post === p.id).map((c) => c.evidence),
      ]),
    ]);
  }
  for (const e of d.editions) {
    if (e.wikidata) continue;
    add(iriPath.edition(e.id), e.title ?? e.label, EDITION, [
      ['edition', e.publisher, e.place, e.year ? String(e.year) : ''].filter(Boolean).join(', '),
      e.isbn13 ? `ISBN ${e.isbn13}` : '',
      e.editors?.length ? `edited by ${e.editors.join(', ')}` : '',
    ]);
  }
  // namesakes: rows of one name must differ in their descriptions
  const byNameDesc = new Map<string, MixnmatchRow[]>();
  for (const r of rows) byNameDesc.set(`${r.name}\t${r.desc}`, [...(byNameDesc.get(`${r.name}\t${r.desc}`) ?? []), r]);
  for (const group of byNameDesc.values()) {
    if (group.length < 2) continue;
    for (const r of group) r.desc = fit([r.desc.slice(0, DESC_MAX - r.id.length - 10), `id ${r.id}`]);
  }
  return rows.sort((a, b) => a.id.localeCompare(b.id));
}

/** The catalogue as TSV; a tab or line break inside a value (none is expected) becomes a space. */
export function mixnmatchTsv(rows: readonly MixnmatchRow[]): string {
  const clean = (s: string): string => s.replace(/[\t\r\n]+/g, ' ');
  return (
    [MIXNMATCH_HEADER.join('\t'), ...rows.map((r) => MIXNMATCH_HEADER.map((k) => clean(r[k])).join('\t'))].join('\n') +
    '\n'
  );
}
