// The reconciliation service's index, read from the published dump (the N-Triples file of the site): persons,
// organisations, places and posts with every name form the dump gives (label, printed variants, full name, Russian
// name, other wordings of a post, and the generated romanisations with their schemes), their QIDs, offices held,
// organisations and the letters and notes that name them. Keys come from the name core (src/model/names.ts), so a
// query is normalised exactly like the names. Built once when `serve` starts (≈0.3 s for the shipped dump).

import { Parser } from 'n3';
import { nameKey } from '../model/names.js';
import { NS, ORG, RDF, RDFS, SKOS, SL } from '../rdf/vocab.js';

export const TYPES = ['Person', 'Organization', 'Place', 'Post'] as const;
export type TypeId = (typeof TYPES)[number];
export const TYPE_NAMES: Record<TypeId, string> = {
  Person: 'Person',
  Organization: 'Organisation',
  Place: 'Place',
  Post: 'Post',
};

export interface IndexedForm {
  form: string;
  scheme: string;
  generated: boolean;
  from?: string;
  key: string;
  grams: Uint32Array;
  /** Position in the index's `forms` (-1 for an id, which is not compared by letter pairs). */
  n: number;
}

/** The key's letter pairs as sorted numbers (Dice similarity: twice the pairs two keys share, counted with their
 * repeats, over the sum of their pairs; the service counts them from ReconcileIndex.postings). */
export function bigrams(key: string): Uint32Array {
  const out = new Uint32Array(Math.max(0, key.length - 1));
  for (let i = 0; i < out.length; i++) out[i] = (key.charCodeAt(i) << 16) | key.charCodeAt(i + 1);
  return out.sort();
}

export interface IndexedOffice {
  post: string;
  start?: string;
  end?: string;
}

export interface IndexedEntity {
  /** Position in the index's `entities`. */
  n: number;
  /** Path below the base IRI ("person/piatakov"): the service's entity id. */
  id: string;
  iri: string;
  type: TypeId;
  name: string;
  description?: string;
  forms: IndexedForm[];
  qid?: string;
  offices: IndexedOffice[];
  /** Organisations: of the posts a person held, a post's body, an organisation's parent. */
  organizations: string[];
  years: Set<number>;
  /** Letters and notes that name it, in document order. */
  mentionedIn: { id: string; name: string }[];
}

export interface ReconcileIndex {
  base: string;
  entities: IndexedEntity[];
  byId: Map<string, IndexedEntity>;
  /** Exact keys → entities (with the best scheme each entity has the key under). */
  byKey: Map<string, Map<IndexedEntity, IndexedForm>>;
  /** Word → entities whose forms contain it. */
  byWord: Map<string, Set<IndexedEntity>>;
  /** Sorted (key suffix from each word start, entity, form) for prefix search. */
  prefixes: { key: string; entity: IndexedEntity; form: IndexedForm }[];
  /** Every name form of every entity, in entity order (IndexedForm.n is the position). */
  forms: IndexedForm[];
  /** Letter pair → the forms that have it, as pairs (form position, how often the form has it): the shared pairs of a
   * query and every form, counted from these lists alone, give Dice exactly without comparing with each form. */
  postings: Map<number, Int32Array>;
  /** Form position → its entity's position. */
  formEntity: Int32Array;
  /** Form position → its number of letter pairs. */
  formPairs: Int32Array;
  /** The forms of the entity at position n are at formStart[n] … formStart[n + 1] - 1. */
  formStart: Int32Array;
}

// words that say nothing about which entity is meant ("chairman of Gosbank" and "commissar of trade")
const STOPWORDS = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'at', 'to', 'a']);

const CURATED_RANK: Record<string, number> = { printed: 0, fullName: 1, variant: 2, ru: 3 };
/** Lower is better: curated forms before generated ones. */
export const schemeRank = (f: IndexedForm): number => CURATED_RANK[f.scheme] ?? 10;

function precise(date: string | undefined, precision: number | undefined): string | undefined {
  if (!date) return undefined;
  return precision === 9 ? date.slice(0, 4) : precision === 10 ? date.slice(0, 7) : date;
}

/** Builds the index from N-Triples text (the dump `site` publishes). */
export function buildIndex(ntriples: string): ReconcileIndex {
  const quads = new Parser({ format: 'N-Triples' }).parse(ntriples);
  const bySubject = new Map<string, Map<string, { value: string; language?: string }[]>>();
  for (const q of quads) {
    let m = bySubject.get(q.subject.value);
    if (!m) bySubject.set(q.subject.value, (m = new Map()));
    let l = m.get(q.predicate.value);
    if (!l) m.set(q.predicate.value, (l = []));
    l.push({
      value: q.object.value,
      ...(q.object.termType === 'Literal' && q.object.language ? { language: q.object.language } : {}),
    });
  }
  const all = (s: string, p: string): string[] => (bySubject.get(s)?.get(p) ?? []).map((o) => o.value);
  const first = (s: string, p: string): string | undefined => bySubject.get(s)?.get(p)?.[0]?.value;
  const classOf = new Map<string, TypeId>();
  for (const [s, m] of bySubject)
    for (const t of m.get(RDF.type) ?? []) {
      const local = t.value.startsWith(NS.sl) ? t.value.slice(NS.sl.length) : '';
      if ((TYPES as readonly string[]).includes(local)) classOf.set(s, local as TypeId);
    }
  // the base IRI: what precedes "person/…" in the entities' IRIs
  const sample = [...classOf.keys()].find((s) => /\/(person|organization|place|post)\/[^/]+$/.test(s));
  const base = sample ? sample.replace(/(person|organization|place|post)\/[^/]+$/, '') : '';
  const rel = (iri: string): string => (iri.startsWith(base) ? iri.slice(base.length) : iri);

  const letterYear = (docIri: string): number | undefined => {
    const letter = docIri.replace(/\/note\/\d+$/, '');
    const d = first(letter, SL.earliest);
    return d ? Number(d.slice(0, 4)) : undefined;
  };
  const mentionsOf = new Map<string, string[]>();
  for (const [s, m] of bySubject)
    for (const o of m.get(SL.mentions) ?? [])
      (mentionsOf.get(o.value) ?? mentionsOf.set(o.value, []).get(o.value)!).push(s);

  const entities: IndexedEntity[] = [];
  for (const [iri, type] of [...classOf].sort((a, b) => a[0].localeCompare(b[0]))) {
    const forms: IndexedForm[] = [];
    const seen = new Set<string>();
    const add = (form: string | undefined, scheme: string, generated = false, from?: string): void => {
      if (!form || seen.has(form)) return;
      seen.add(form);
      const key = nameKey(form);
      forms.push({ form, scheme, generated, ...(from ? { from } : {}), key, grams: bigrams(key), n: -1 });
    };
    const name = first(iri, RDFS.label) ?? rel(iri);
    add(name, 'printed');
    add(first(iri, SL.preferredName), 'printed');
    for (const v of [...all(iri, SL.nameVariant), ...all(iri, SKOS.altLabel)].sort()) add(v, 'variant');
    add(first(iri, SL.fullName), 'fullName');
    add(first(iri, SL.nameRu), 'ru');
    for (const n of all(iri, SL.generatedName).sort()) {
      const schemes = all(n, SL.nameScheme);
      add(first(n, SL.nameForm), schemes[0] ?? 'generated', true, first(n, SL.generatedFrom));
    }
    for (const h of all(iri, SKOS.hiddenLabel)) add(h, 'hidden', true);
    const offices: IndexedOffice[] = [];
    const organizations = new Set<string>();
    const years = new Set<number>();
    for (const o of all(iri, SL.positionHeld).sort()) {
      const post = first(o, SL.post);
      if (!post) continue;
      const start = precise(first(o, SL.startTime), Number(first(o, SL.startPrecision) ?? 11));
      const end = precise(first(o, SL.endTime), Number(first(o, SL.endPrecision) ?? 11));
      offices.push({ post: rel(post), ...(start ? { start } : {}), ...(end ? { end } : {}) });
      const org = first(post, SL.postIn) ?? first(o, ORG.organization);
      if (org) organizations.add(rel(org));
      const [y0, y1] = [start ? Number(start.slice(0, 4)) : undefined, end ? Number(end.slice(0, 4)) : undefined];
      if (y0 !== undefined && y1 !== undefined) for (let y = y0; y <= y1; y++) years.add(y);
      else for (const y of [y0, y1]) if (y !== undefined) years.add(y);
    }
    if (type === 'Post') for (const org of all(iri, SL.postIn)) organizations.add(rel(org));
    if (type === 'Organization') for (const org of all(iri, SL.parentOrganization)) organizations.add(rel(org));
    const docs = (mentionsOf.get(iri) ?? []).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const d of docs) {
      const y = letterYear(d);
      if (y) years.add(y);
    }
    const description =
      first(iri, SL.description) ??
      first(iri, SL.comment) ??
      first(iri, SL.placeKind) ??
      first(iri, SL.organizationKind);
    entities.push({
      n: entities.length,
      id: rel(iri),
      iri,
      type,
      name,
      ...(description ? { description } : {}),
      forms,
      ...(first(iri, SL.qid) ? { qid: first(iri, SL.qid)! } : {}),
      offices,
      organizations: [...organizations].sort(),
      years,
      mentionedIn: docs.map((d) => ({ id: rel(d), name: first(d, RDFS.label) ?? rel(d) })),
    });
  }

  const byId = new Map(entities.map((e) => [e.id, e]));
  const byKey = new Map<string, Map<IndexedEntity, IndexedForm>>();
  const byWord = new Map<string, Set<IndexedEntity>>();
  const prefixes: ReconcileIndex['prefixes'] = [];
  for (const e of entities) {
    const idForm: IndexedForm = {
      form: e.id,
      scheme: 'id',
      generated: false,
      key: nameKey(e.id),
      grams: new Uint32Array(0),
      n: -1,
    };
    prefixes.push({ key: idForm.key, entity: e, form: idForm });
    prefixes.push({ key: nameKey(e.id.slice(e.id.indexOf('/') + 1)), entity: e, form: idForm });
    for (const f of e.forms) {
      if (!f.key) continue;
      let m = byKey.get(f.key);
      if (!m) byKey.set(f.key, (m = new Map()));
      const had = m.get(e);
      if (!had || schemeRank(f) < schemeRank(had)) m.set(e, f);
      const words = f.key.split(' ');
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        if (w.length > 1 && !STOPWORDS.has(w)) (byWord.get(w) ?? byWord.set(w, new Set()).get(w)!).add(e);
        prefixes.push({ key: words.slice(i).join(' '), entity: e, form: f });
      }
    }
  }
  prefixes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const forms = entities.flatMap((e) => e.forms);
  const lists = new Map<number, number[]>();
  forms.forEach((f, n) => {
    f.n = n;
    const g = f.grams;
    for (let i = 0; i < g.length; ) {
      let j = i + 1;
      while (j < g.length && g[j] === g[i]) j++;
      (lists.get(g[i]!) ?? lists.set(g[i]!, []).get(g[i]!)!).push(n, j - i);
      i = j;
    }
  });
  const postings = new Map([...lists].map(([g, l]) => [g, Int32Array.from(l)]));
  const formEntity = new Int32Array(forms.length);
  const formPairs = Int32Array.from(forms, (f) => f.grams.length);
  const formStart = new Int32Array(entities.length + 1);
  for (const e of entities) {
    formStart[e.n + 1] = formStart[e.n]! + e.forms.length;
    formEntity.fill(e.n, formStart[e.n], formStart[e.n + 1]);
  }
  return { base, entities, byId, byKey, byWord, prefixes, forms, postings, formEntity, formPairs, formStart };
}
