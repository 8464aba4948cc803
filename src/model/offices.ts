// Offices held, derived from the changes of office (never typed by hand): a change that starts a tenure opens
// an office, one that ends a tenure closes it. An office whose start the sources do not give has no start.
// Successors: on the same post, an office that starts on the day another ends replaces it.
//
// A tenure the changes leave open ends where the sources imply it, and that end is published as inferred with its
// reason, apart from the ends a change of office states: a decision reversed later (the change's effect); a
// successor in a post with one holder; a post no one holds together with the one the holder takes next; the
// division or abolition of the body the post is in. A change that was not carried out starts nothing.

import type { CorpusProblem } from '../corpus/errors.js';
import type { Change, Office, Organization, Post } from './types.js';
import type { ChangeType } from './vocabulary.js';
import { iriPath } from '../core/iri.js';

const STARTS: ReadonlySet<ChangeType> = new Set(['appointed', 'confirmed', 'transferred']);
// 'reversed' undoes an appointment (Khinchuk's to Exportkhleb): the tenure it started ends there
const ENDS: ReadonlySet<ChangeType> = new Set([
  'relieved',
  'dismissed',
  'recalled',
  'removed',
  'released',
  'expelled',
  'reversed',
]);
// 'retained' says the office was held (no start); 'held' states a whole tenure ("from 1930 to 1934").
// 'recommended' and 'reprimanded' start or end nothing by themselves.
const HOLDS: ReadonlySet<ChangeType> = new Set(['retained']);

const byDate = (a: Change, b: Change): number =>
  (a.date?.earliest ?? '9999').localeCompare(b.date?.earliest ?? '9999') || a.id.localeCompare(b.id);

export function deriveOffices(
  changes: readonly Change[],
  posts: readonly Post[] = [],
  organizations: readonly Organization[] = [],
): Office[] {
  const offices: Office[] = [];
  // (person, post) -> changes, in date order; a transfer also ends the office on `fromPost`.
  const groups = new Map<string, { change: Change; role: 'start' | 'end' | 'hold' }[]>();
  const add = (person: string, post: string, change: Change, role: 'start' | 'end' | 'hold'): void => {
    const key = `${person}\u0000${post}`;
    groups.set(key, [...(groups.get(key) ?? []), { change, role }]);
  };
  // offices numbered per holder and post; a count instead of a search keeps this linear
  const count = new Map<string, number>();
  const nextNumber = (holder: string, post: string): number => {
    const key = `${holder}\u0000${post}`;
    const n = (count.get(key) ?? 0) + 1;
    count.set(key, n);
    return n;
  };
  const changeById = new Map(changes.map((c) => [c.id, c]));
  for (const c of changes) {
    if (!c.post) continue;
    // a decision that was never carried out (Kosior was "left … in his position") gives no tenure
    if (c.effect.status === 'not-carried-out') continue;
    if (c.type === 'held') {
      nextNumber(c.person, c.post);
      offices.push({
        id: iriPath.office(c.person, c.post, `stated-${c.id}`),
        holder: c.person,
        post: c.post,
        events: [c.id],
        ...(c.date
          ? {
              start: c.date.earliest,
              end: c.date.latest,
              startPrecision: yearOrDay(c.date.edtf, 0),
              endPrecision: yearOrDay(c.date.edtf, 1),
              startBasis: 'stated' as const,
              endBasis: 'stated' as const,
            }
          : {}),
      });
      continue;
    }
    if (STARTS.has(c.type)) add(c.person, c.post, c, 'start');
    else if (ENDS.has(c.type)) add(c.person, c.post, c, 'end');
    else if (HOLDS.has(c.type)) add(c.person, c.post, c, 'hold');
    if (c.type === 'transferred' && c.fromPost) add(c.person, c.fromPost, c, 'end');
  }
  for (const key of [...groups.keys()].sort()) {
    const [holder, post] = key.split('\u0000') as [string, string];
    const events = groups.get(key)!.sort((a, b) => byDate(a.change, b.change));
    let open: Office | undefined;
    let closed: Office | undefined;
    const newOffice = (): Office => {
      const o: Office = { id: iriPath.office(holder, post, nextNumber(holder, post)), holder, post, events: [] };
      offices.push(o);
      return o;
    };
    for (const { change, role } of events) {
      if (role === 'start') {
        // a confirmation of someone already in office continues the tenure
        if (open && change.type === 'confirmed') {
          open.events.push(change.id);
          continue;
        }
        open = newOffice();
        if (change.date) {
          open.start = change.date.earliest;
          open.startPrecision = change.date.precision;
          open.startBasis = 'stated';
        }
        open.startEvent = change.id;
        if (change.resolution) open.startResolution = change.resolution;
      } else if (role === 'end') {
        // a second end with no start between (released, then transferred away) ends the same tenure
        if (!open && closed) {
          closed.events.push(change.id);
          continue;
        }
        // a reversal ends a tenure only if one was started
        if (!open && change.type === 'reversed') continue;
        const o = open ?? newOffice();
        // a relief that waits on a condition the notes never date ends the tenure at a day nobody knows
        if (change.date && change.effect.status !== 'conditional') {
          o.end = change.date.earliest;
          o.endPrecision = change.date.precision;
          o.endBasis = 'stated';
        } else if (change.effect.status === 'conditional') {
          o.endReason = `conditional: ${change.effect.reason}`;
        }
        o.endEvent = change.id;
        if (change.resolution) o.endResolution = change.resolution;
        open = undefined;
        closed = o;
      } else {
        (open ??= newOffice()).events.push(change.id);
      }
    }
  }

  // Inferred ends of tenures still open: the earliest of the candidates below.
  const postById = new Map(posts.map((p) => [p.id, p]));
  const orgById = new Map(organizations.map((o) => [o.id, o]));
  const startsAfter = (o: Office, day: string): boolean => o.start === undefined || o.start < day;
  // only a tenure on the same post or of the same holder can end another: those, in the offices' order
  const related = relatedOffices(offices);
  for (const o of offices) {
    if (o.end !== undefined || o.endEvent !== undefined) continue;
    const candidates: { day: string; precision: number; basis: 'implied' | 'inferred'; reason: string; by?: string }[] =
      [];
    const startChange = o.startEvent ? changeById.get(o.startEvent) : undefined;
    const effect = startChange?.effect;
    if (effect?.status === 'reversed' && effect.date) {
      candidates.push({
        day: effect.date.earliest,
        precision: effect.date.precision,
        basis: effect.basis === 'stated' ? 'implied' : effect.basis,
        reason: `reversed: ${effect.reason}`,
      });
    }
    const post = postById.get(o.post);
    for (const b of related(o)) {
      if (b === o || b.start === undefined || !b.startEvent || !startsAfter(o, b.start)) continue;
      const by = changeById.get(b.startEvent)!;
      if (post?.singleHolder && b.post === o.post && b.holder !== o.holder) {
        candidates.push({
          day: b.start,
          precision: b.startPrecision ?? 11,
          basis: 'inferred',
          reason: `successor: the post has one holder, and ${b.holder} was ${by.type} to it on ${by.date?.asPrinted ?? b.start}`,
          by: iriPath.change(by.id),
        });
      }
      const other = postById.get(b.post);
      if (
        b.holder === o.holder &&
        b.post !== o.post &&
        (post?.incompatibleWith.includes(b.post) || other?.incompatibleWith.includes(o.post))
      ) {
        candidates.push({
          day: b.start,
          precision: b.startPrecision ?? 11,
          basis: 'inferred',
          reason: `incompatible post: ${o.holder} was ${by.type} ${other?.label ?? b.post} on ${by.date?.asPrinted ?? b.start}, which is not held together with ${post?.label ?? o.post}`,
          by: iriPath.change(by.id),
        });
      }
    }
    const org = post?.organization ? orgById.get(post.organization) : undefined;
    if (org?.ended && startsAfter(o, org.ended.date.earliest)) {
      candidates.push({
        day: org.ended.date.earliest,
        precision: org.ended.date.precision,
        basis: 'inferred',
        reason: `the ${org.name} was ${org.ended.how} on ${org.ended.date.asPrinted}${org.ended.into.length ? ` (into ${org.ended.into.map((x) => orgById.get(x)?.name ?? x).join(' and ')})` : ''}`,
        ...(org.ended.resolution ? { by: iriPath.resolution(org.ended.resolution) } : {}),
      });
    }
    candidates.sort((a, b) => a.day.localeCompare(b.day) || a.reason.localeCompare(b.reason));
    const first = candidates[0];
    if (!first) continue;
    o.end = first.day;
    o.endPrecision = first.precision;
    o.endBasis = first.basis;
    // every reason that gives the same day (Rozengolts: his next post, and the division of the commissariat)
    const same = candidates.filter((c) => c.day === first.day);
    o.endReason = same.map((c) => c.reason).join('; ');
    const by = same.find((c) => c.by)?.by;
    if (by) o.endImpliedBy = by;
  }

  // successors on the same post
  const byPostStart = new Map<string, Office[]>();
  for (const o of offices) {
    if (o.start === undefined) continue;
    const key = `${o.post}\u0000${o.start}`;
    const list = byPostStart.get(key);
    if (list) list.push(o);
    else byPostStart.set(key, [o]);
  }
  for (const a of offices) {
    if (!a.end) continue;
    const b = byPostStart.get(`${a.post}\u0000${a.end}`)?.find((x) => x !== a && x.holder !== a.holder);
    if (b) {
      a.replacedBy = b.holder;
      b.replaces = a.holder;
    }
  }
  return offices.sort((a, b) => a.id.localeCompare(b.id));
}

/** For each office, the offices on its post or of its holder (itself included), in the order of `offices`: the
 * only ones the rules between two tenures compare it with (all pairs took seconds at 3,000 offices). */
function relatedOffices(offices: readonly Office[]): ((o: Office) => Office[]) & { position(o: Office): number } {
  const position = new Map<Office, number>(offices.map((o, i) => [o, i]));
  const byPost = new Map<string, Office[]>();
  const byHolder = new Map<string, Office[]>();
  for (const o of offices) {
    for (const [map, key] of [
      [byPost, o.post],
      [byHolder, o.holder],
    ] as const) {
      const list = map.get(key);
      if (list) list.push(o);
      else map.set(key, [o]);
    }
  }
  const related = (o: Office): Office[] => {
    const a = byPost.get(o.post) ?? [];
    const b = byHolder.get(o.holder) ?? [];
    // both lists are in the offices' order: merge them, once each
    const out: Office[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      const pa = i < a.length ? position.get(a[i]!)! : Number.POSITIVE_INFINITY;
      const pb = j < b.length ? position.get(b[j]!)! : Number.POSITIVE_INFINITY;
      if (pa === pb) {
        out.push(a[i++]!);
        j++;
      } else if (pa < pb) out.push(a[i++]!);
      else out.push(b[j++]!);
    }
    return out;
  };
  return Object.assign(related, { position: (o: Office) => position.get(o)! });
}

/** The days an office may have been held, [from, until) with open sides unbounded. */
const span = (o: Office): [string, string] => [o.start ?? '0000-01-01', o.end ?? '9999-12-31'];
const overlap = (a: Office, b: Office): boolean => {
  const [a0, a1] = span(a);
  const [b0, b1] = span(b);
  return a0 < b1 && b0 < a1;
};

/** No post with one holder has two holders on any day, no one holds two posts that exclude each other, and no tenure
 * starts in a body already divided or abolished. */
export function checkOffices(
  offices: readonly Office[],
  posts: readonly Post[],
  changesFile: string,
  changes: readonly Change[],
  organizations: readonly Organization[] = [],
): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  const postById = new Map(posts.map((p) => [p.id, p]));
  const changeById = new Map(changes.map((c) => [c.id, c]));
  const orgById = new Map(organizations.map((o) => [o.id, o]));
  // a post in a body that no longer exists cannot be taken (issue 25: Sudin joined the collegium of "the Commissariat
  // of Trade" thirteen days after it was divided): the printed words stay, the post is identified with its basis
  for (const o of offices) {
    const org = orgById.get(postById.get(o.post)?.organization ?? '');
    if (!org?.ended || o.start === undefined || o.start < org.ended.date.earliest) continue;
    const c = changeById.get(o.startEvent ?? '');
    problems.push({
      code: 'starts-after-dissolution',
      ...(c ? { file: c.src.file, line: c.src.line, entry: c.id } : { file: changesFile, line: 1, entry: o.id }),
      message: `${o.holder} takes ${o.post} on ${o.start}, but ${org.id} was ${org.ended.how} on ${org.ended.date.asPrinted}`,
      hint: `keep the printed words (the post's label) and identify the post in the body that existed then (${org.ended.into.join(', ') || 'its successor'}), with postBasis inferred and postReason, or correct the date`,
    });
  }
  // reported at the latest-dated change of the two tenures: the one that made them overlap
  const where = (...offices: Office[]): { file: string; line: number; entry: string } => {
    const events = offices
      .flatMap((o) => [o.startEvent, o.endEvent, ...o.events])
      .map((id) => changeById.get(id ?? ''))
      .filter((c): c is Change => !!c);
    const c = events.sort(
      (x, y) => (y.date?.earliest ?? '').localeCompare(x.date?.earliest ?? '') || y.src.line - x.src.line,
    )[0];
    return c
      ? { file: c.src.file, line: c.src.line, entry: c.id }
      : { file: changesFile, line: 1, entry: offices[0]!.id };
  };
  // only tenures on the same post or of the same holder can clash: those pairs, in the offices' order
  const related = relatedOffices(offices);
  for (let i = 0; i < offices.length; i++) {
    const a = offices[i]!;
    for (const b of related(a)) {
      if (related.position(b) <= i) continue;
      if (!overlap(a, b)) continue;
      const pa = postById.get(a.post);
      const pb = postById.get(b.post);
      const show = (o: Office): string => `${o.holder} ${o.start ?? '…'}–${o.end ?? '…'}`;
      if (a.post === b.post && a.holder !== b.holder && pa?.singleHolder) {
        problems.push({
          code: 'two-holders',
          ...where(a, b),
          message: `${a.post} has one holder at a time, but ${show(a)} and ${show(b)} overlap`,
          hint: 'record the change that ended the earlier tenure, mark the decision that was not carried out (effect), or drop singleHolder if the post has several holders',
        });
      }
      if (
        a.holder === b.holder &&
        a.post !== b.post &&
        (pa?.incompatibleWith.includes(b.post) || pb?.incompatibleWith.includes(a.post))
      ) {
        problems.push({
          code: 'incompatible-posts',
          ...where(a, b),
          message: `${a.holder} holds ${a.post} (${a.start ?? '…'}–${a.end ?? '…'}) and ${b.post} (${b.start ?? '…'}–${b.end ?? '…'}), which are not held together`,
          hint: 'record the end of the earlier tenure, or remove the pair from incompatibleWith if the sources say the two were held together',
        });
      }
    }
  }
  return problems;
}

/** Precision of one side of an EDTF interval (or of a single date): 11 day, 10 month, 9 year. */
function yearOrDay(edtf: string, side: 0 | 1): number {
  const part = edtf.split('/')[side] ?? edtf;
  return part.length === 10 ? 11 : part.length === 7 ? 10 : 9;
}
