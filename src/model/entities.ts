// Persons, organisations, places and posts from the curated records. A QID is accepted only if the reference
// file lists it (corpus/reference/wikidata-verified.tsv); its strength is taken from there, never typed.

import type { CorpusProblem } from '../corpus/errors.js';
import type { Located } from '../corpus/yaml.js';
import type { NameVariant, Organization, Person, Place, Post, Src, Wikidata } from './types.js';

export type VariantRecord = string | { form: string; letters: string[] };

export interface PersonRecord {
  id: string;
  name: string;
  fullName?: string;
  nameRu?: string;
  nameRuSource?: 'transliteration' | 'reference';
  variants?: VariantRecord[];
  wikidata?: string;
  description?: string;
}
export interface OrganizationRecord {
  id: string;
  name: string;
  variants?: VariantRecord[];
  kind: string;
  parent?: string;
  jurisdiction?: string;
  wikidata?: string;
  description?: string;
  /** The body was divided or abolished; its open tenures end then (checked and attached in assemble.ts). */
  ended?: {
    how: 'divided' | 'abolished';
    date: string;
    dateAsPrinted: string;
    into?: string[];
    resolution?: string;
    evidence: { letter: string; note?: number; quote: string };
  };
}
export interface PlaceRecord {
  id: string;
  name: string;
  variants?: VariantRecord[];
  kind: string;
  partOf?: string;
  wikidata?: string;
}
export interface PostRecord {
  id: string;
  label: string;
  altLabels?: string[];
  role: string;
  organization?: string;
  place?: string;
  wikidata?: string;
  comment?: string;
  evidence?: { letter: string; note?: number; quote: string };
  singleHolder?: boolean;
  incompatibleWith?: string[];
}

export interface ReferenceRow {
  key: string;
  kind: string;
  label: string;
  qid: string;
  strength: 'strong' | 'weak';
}

/** Parses the reference TSV (header: key, kind, label_en, name_in_text, qid, strength, evidence). */
export function parseReference(tsv: string): Map<string, ReferenceRow> {
  const rows = new Map<string, ReferenceRow>();
  const lines = tsv.split('\n').filter((l) => l.trim());
  const header = lines.shift()?.split('\t') ?? [];
  const col = (name: string): number => header.indexOf(name);
  for (const line of lines) {
    const f = line.split('\t');
    const qid = f[col('qid')]!;
    rows.set(qid, {
      key: f[col('key')]!,
      kind: f[col('kind')]!,
      label: f[col('label_en')]!,
      qid,
      strength: f[col('strength')] === 'weak' ? 'weak' : 'strong',
    });
  }
  return rows;
}

/** A match a curator accepted after reconciliation (`wikidata accept`): who, when and why. */
export interface AcceptedRow {
  entity: string;
  qid: string;
  by: string;
  on: string;
  why: string;
  line: number;
}

export const ACCEPTED_HEADER = ['entity', 'qid', 'accepted_by', 'accepted_on', 'why', 'candidate', 'score'] as const;

/** Parses the accepted matches (header: entity, qid, accepted_by, accepted_on, why, candidate, score). */
export function parseAccepted(tsv: string): AcceptedRow[] {
  const lines = tsv.split('\n');
  const header = lines[0]?.split('\t') ?? [];
  const col = (name: string): number => header.indexOf(name);
  const rows: AcceptedRow[] = [];
  lines.forEach((line, i) => {
    if (i === 0 || !line.trim()) return;
    const f = line.split('\t');
    rows.push({
      entity: f[col('entity')] ?? '',
      qid: f[col('qid')] ?? '',
      by: f[col('accepted_by')] ?? '',
      on: f[col('accepted_on')] ?? '',
      why: f[col('why')] ?? '',
      line: i + 1,
    });
  });
  return rows;
}

// no `variants` field: the name is the only form; an empty list: the entity is never named on its own
const variantsOf = (name: string, v: VariantRecord[] | undefined): NameVariant[] =>
  (v ?? [name]).map((x) => (typeof x === 'string' ? { form: x } : { form: x.form, letters: [...x.letters] }));

export interface EntitiesResult {
  persons: Person[];
  organizations: Organization[];
  places: Place[];
  posts: Post[];
  /** QIDs of editions, by edition id (accepted matches). */
  editionQids: Map<string, Wikidata>;
  problems: CorpusProblem[];
}

export function buildEntities(
  files: { persons: string; organizations: string; places: string; posts: string; editions?: string },
  records: {
    persons: Located<PersonRecord>[];
    organizations: Located<OrganizationRecord>[];
    places: Located<PlaceRecord>[];
    posts: Located<PostRecord>[];
    /** Editions take a QID only from a curator's accepted match (the reference file lists none). */
    editions?: Located<{ id: string }>[];
  },
  reference: Map<string, ReferenceRow>,
  referenceFile: string,
  accepted: { rows: readonly AcceptedRow[]; file: string } = { rows: [], file: '' },
): EntitiesResult {
  const problems: CorpusProblem[] = [];
  const acceptedBy = new Map(accepted.rows.map((a) => [a.entity, a]));
  const qidOf = (file: string, r: Located<{ id: string; wikidata?: string }>, kind: string): Wikidata | undefined => {
    const qid = r.value.wikidata;
    const a = acceptedBy.get(`${kind}/${r.value.id}`);
    if (a) {
      acceptedBy.delete(`${kind}/${r.value.id}`);
      if (!/^Q[1-9]\d*$/.test(a.qid)) {
        problems.push({
          code: 'bad-qid',
          file: accepted.file,
          line: a.line,
          entry: a.entity,
          message: `"${a.qid}" is not a QID (Q followed by digits)`,
        });
        return undefined;
      }
      if (qid && qid !== a.qid) {
        problems.push({
          code: 'qid-conflict',
          file,
          line: r.fieldLines.wikidata ?? r.line,
          entry: r.value.id,
          message: `${qid} here, but ${a.qid} was accepted for it (${accepted.file} line ${a.line})`,
          hint: 'keep one of the two',
        });
      }
      // a match a person confirmed (who and why are in the accepted file)
      if (!qid) return { qid: a.qid, strength: 'strong' };
    }
    if (!qid) return undefined;
    const row = reference.get(qid);
    if (!row) {
      problems.push({
        code: 'qid-not-in-reference',
        file,
        line: r.fieldLines.wikidata ?? r.line,
        entry: r.value.id,
        message: `${qid} is not in ${referenceFile}`,
        hint: 'QIDs come only from the reference file or a reconciliation a person confirmed; leave it empty to report the entity as unlinked',
      });
      return undefined;
    }
    if (row.kind !== kind) {
      problems.push({
        code: 'qid-kind-mismatch',
        file,
        line: r.fieldLines.wikidata ?? r.line,
        entry: r.value.id,
        message: `${qid} is a ${row.kind} in the reference file ("${row.label}"), not a ${kind}`,
      });
    }
    return { qid, strength: row.strength };
  };
  const src = (file: string, r: Located<{ id: string }>): Src => ({ file, line: r.line, entry: r.value.id });

  const persons = records.persons.map((r): Person => {
    const v = r.value;
    const wikidata = qidOf(files.persons, r, 'person');
    return {
      id: v.id,
      name: v.name,
      variants: variantsOf(v.name, v.variants),
      src: src(files.persons, r),
      ...(v.fullName ? { fullName: v.fullName } : {}),
      ...(v.nameRu ? { nameRu: v.nameRu } : {}),
      ...(v.nameRuSource ? { nameRuSource: v.nameRuSource } : {}),
      ...(wikidata ? { wikidata } : {}),
      ...(v.description ? { description: v.description } : {}),
    };
  });
  const organizations = records.organizations.map((r): Organization => {
    const v = r.value;
    const wikidata = qidOf(files.organizations, r, 'organization');
    return {
      id: v.id,
      name: v.name,
      variants: variantsOf(v.name, v.variants),
      kind: v.kind,
      src: src(files.organizations, r),
      ...(v.parent ? { parent: v.parent } : {}),
      ...(v.jurisdiction ? { jurisdiction: v.jurisdiction } : {}),
      ...(wikidata ? { wikidata } : {}),
      ...(v.description ? { description: v.description } : {}),
    };
  });
  const places = records.places.map((r): Place => {
    const v = r.value;
    const wikidata = qidOf(files.places, r, 'place');
    return {
      id: v.id,
      name: v.name,
      variants: variantsOf(v.name, v.variants),
      kind: v.kind,
      src: src(files.places, r),
      ...(v.partOf ? { partOf: v.partOf } : {}),
      ...(wikidata ? { wikidata } : {}),
    };
  });
  const posts = records.posts.map((r): Post => {
    const v = r.value;
    const wikidata = qidOf(files.posts, r, 'post');
    return {
      id: v.id,
      label: v.label,
      altLabels: v.altLabels ?? [],
      role: v.role,
      src: src(files.posts, r),
      singleHolder: v.singleHolder ?? false,
      incompatibleWith: v.incompatibleWith ?? [],
      ...(v.organization ? { organization: v.organization } : {}),
      ...(v.place ? { place: v.place } : {}),
      ...(wikidata ? { wikidata } : {}),
      ...(v.comment ? { comment: v.comment } : {}),
    };
  });
  const editionQids = new Map<string, Wikidata>();
  for (const r of records.editions ?? []) {
    const wikidata = qidOf(files.editions ?? '', r, 'edition');
    if (wikidata) editionQids.set(r.value.id, wikidata);
  }
  for (const a of acceptedBy.values()) {
    problems.push({
      code: 'unknown-reference',
      file: accepted.file,
      line: a.line,
      entry: a.entity,
      message: `accepted match for "${a.entity}", which is not a known person, organization, place, post or edition`,
      hint: 'name the entity as kind/id, e.g. person/piatakov',
    });
  }
  // one QID, one entity: two records with the same QID are namesakes or a duplicate
  const owner = new Map<string, string>();
  const editionList = (records.editions ?? []).flatMap((r) =>
    editionQids.has(r.value.id)
      ? [{ id: r.value.id, wikidata: editionQids.get(r.value.id), src: { file: files.editions ?? '', line: r.line } }]
      : [],
  );
  for (const [kind, list] of [
    ['person', persons],
    ['organization', organizations],
    ['place', places],
    ['post', posts],
    ['edition', editionList],
  ] as const) {
    for (const e of list) {
      if (!e.wikidata) continue;
      const other = owner.get(e.wikidata.qid);
      if (other && accepted.rows.some((a) => a.qid === e.wikidata!.qid)) {
        problems.push({
          code: 'qid-used-twice',
          file: e.src.file,
          line: e.src.line,
          entry: e.id,
          message: `${e.wikidata.qid} is also the QID of ${other}`,
          hint: 'namesakes get different QIDs; remove the wrong match',
        });
      }
      owner.set(e.wikidata.qid, `${kind}/${e.id}`);
    }
  }
  return { persons, organizations, places, posts, editionQids, problems };
}
