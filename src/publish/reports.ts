// Reports for curators: footnote markers not found, capitalised names no record covers, entities with no QID,
// Russian names that do not romanise back to a printed form.

import type { Dataset } from '../model/types.js';
import { toCsv } from '../core/csv.js';
import { cyrillicRoundTrip } from '../model/names.js';

export function markersReport(d: Dataset): string {
  return toCsv(
    ['letter', 'footnote', 'file', 'line', 'message'],
    d.reports.markers.map((m) => [m.letter, m.footnote, m.file, m.line, m.message]),
  );
}

export function unresolvedNamesReport(d: Dataset): string {
  return toCsv(
    ['name', 'count', 'firstLetter', 'firstNote', 'file', 'line'],
    d.reports.unresolvedNames.map((n) => [n.name, n.count, n.letter, n.note, n.file, n.line]),
  );
}

export function unlinkedReport(d: Dataset): string {
  const counts = new Map<string, number>();
  for (const m of d.mentions) counts.set(m.entity, (counts.get(m.entity) ?? 0) + 1);
  const rows: (string | number)[][] = [];
  const add = (kind: string, list: { id: string; wikidata?: unknown }[], label: (x: never) => string): void => {
    for (const e of list)
      if (!e.wikidata) rows.push([kind, e.id, label(e as never), counts.get(`${kind}/${e.id}`) ?? 0]);
  };
  add('person', d.persons, (p: { name: string }) => p.name);
  add('organization', d.organizations, (o: { name: string }) => o.name);
  add('place', d.places, (p: { name: string }) => p.name);
  add('post', d.posts, (p: { label: string }) => p.label);
  rows.sort(
    (a, b) =>
      String(a[0]).localeCompare(String(b[0])) ||
      Number(b[3]) - Number(a[3]) ||
      String(a[1]).localeCompare(String(b[1])),
  );
  return toCsv(['kind', 'id', 'label', 'mentions'], rows);
}

/** Russian names whose ALA-LC romanisation is no printed surname of the person (validate warns about each). */
export function cyrillicRoundTripReport(d: Dataset): string {
  return toCsv(
    ['id', 'nameRu', 'nameRuSource', 'alaLc', 'printed', 'file', 'line'],
    cyrillicRoundTrip(d.persons).map((r) => [
      r.id,
      r.nameRu,
      r.nameRuSource,
      r.romanised,
      r.printed.join('; '),
      r.file,
      r.line,
    ]),
  );
}
