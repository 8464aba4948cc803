// Offices held, derived from the changes of office (never typed by hand): a change that starts a tenure opens
// an office, one that ends a tenure closes it. An office whose start the sources do not give has no start.
// Successors: on the same post, an office that starts on the day another ends replaces it.

import type { Change, Office } from './types.js';
import type { ChangeType } from './vocabulary.js';

const STARTS: ReadonlySet<ChangeType> = new Set(['appointed', 'confirmed', 'transferred']);
// 'reversed' undoes an appointment (Kosior's to Eastern Steel): the tenure it started ends there
const ENDS: ReadonlySet<ChangeType> = new Set(['relieved', 'dismissed', 'recalled', 'removed', 'released', 'expelled', 'reversed']);
// 'retained' says the office was held (no start); 'held' states a whole tenure ("from 1930 to 1934").
// 'recommended', 'reprimanded' and 'reversed' start or end nothing by themselves.
const HOLDS: ReadonlySet<ChangeType> = new Set(['retained']);

const byDate = (a: Change, b: Change): number =>
  (a.date?.earliest ?? '9999').localeCompare(b.date?.earliest ?? '9999') || a.id.localeCompare(b.id);

export function deriveOffices(changes: readonly Change[]): Office[] {
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
  for (const c of changes) {
    if (!c.post) continue;
    if (c.type === 'held') {
      nextNumber(c.person, c.post);
      offices.push({
        id: `office/${c.person}/${c.post}/stated-${c.id}`, holder: c.person, post: c.post, events: [c.id],
        ...(c.date ? { start: c.date.earliest, end: c.date.latest, startPrecision: yearOrDay(c.date.edtf, 0), endPrecision: yearOrDay(c.date.edtf, 1) } : {}),
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
      const o: Office = { id: `office/${holder}/${post}/${nextNumber(holder, post)}`, holder, post, events: [] };
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
        }
        open.startEvent = change.id;
        if (change.resolution) open.startResolution = change.resolution;
      } else if (role === 'end') {
        // a second end with no start between (released, then transferred away) ends the same tenure
        if (!open && closed) {
          closed.events.push(change.id);
          continue;
        }
        const o = open ?? newOffice();
        if (change.date) {
          o.end = change.date.earliest;
          o.endPrecision = change.date.precision;
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

/** Precision of one side of an EDTF interval (or of a single date): 11 day, 10 month, 9 year. */
function yearOrDay(edtf: string, side: 0 | 1): number {
  const part = edtf.split('/')[side] ?? edtf;
  return part.length === 10 ? 11 : part.length === 7 ? 10 : 9;
}
