// A W3C Entity Reconciliation service (Community Group report, version 0.2: what OpenRefine and TEI Publisher speak)
// over the persons, organisations, places and posts of the dump, at /reconcile:
//   GET  /reconcile                         the manifest (JSONP with ?callback= for old OpenRefine)
//   GET|POST /reconcile  queries=<batch>    match; POST as a form (OpenRefine) or as raw `queries=<json>` (TEI Publisher)
//   GET|POST /reconcile  extend=<query>     data extension
//   GET  /reconcile/propose_properties?type=T
//   GET  /reconcile/suggest/{entity,type,property}?prefix=…&cursor=…
//   GET  /reconcile/flyout/entity?id=…      a suggest flyout ({id, html})
//   GET  /reconcile/preview?id=…            a small HTML card at the manifest's size
// Names are matched by the name core's keys (src/model/names.ts). `match: true` only for an exact name (in any of
// its forms) of a single entity of the requested types, or when the query's properties leave exactly one of the
// entities with that name: a shared surname (Kosior, Kaganovich) is never a match on its own.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { HttpError, readBody } from './http.js';
import { nameKey, nameKeyWords, namePrefixKey, romanise } from '../model/names.js';
import { NS } from '../rdf/vocab.js';
import {
  bigrams,
  buildIndex,
  schemeRank,
  TYPE_NAMES,
  TYPES,
  type IndexedEntity,
  type IndexedForm,
  type ReconcileIndex,
  type TypeId,
} from './reconcile-index.js';

/** Queries per batch (the manifest's batchSize; more is a 413). */
export const BATCH_SIZE = 100;
/** Largest request body accepted (a batch of 100 queries with properties is a few KB). */
export const MAX_BODY_BYTES = 256 * 1024;
export const PREVIEW = { width: 400, height: 160 };
const DEFAULT_LIMIT = 5;
const CYRILLIC = /[\u0400-\u04FF]/;
const MAX_LIMIT = 100;

export const PROPERTIES = [
  {
    id: 'post',
    name: 'post held',
    description: 'a post the person held (id, IRI or its name); for a post, the post itself',
  },
  {
    id: 'organization',
    name: 'organisation',
    description:
      'an organisation of a post held, the body of a post, or the parent of an organisation (id, IRI or name)',
  },
  { id: 'qid', name: 'Wikidata QID', description: 'the Wikidata item (Q… or its IRI), where the edition links one' },
  { id: 'year', name: 'year', description: 'a year of an office held, or of a letter that names it' },
  { id: 'id', name: 'identifier', description: 'the entity id in this service (person/piatakov) or its IRI' },
] as const;
type Pid = (typeof PROPERTIES)[number]['id'];

export const EXTEND_PROPERTIES = [
  { id: 'qid', name: 'Wikidata QID' },
  { id: 'description', name: 'description' },
  { id: 'nameRu', name: 'Russian name' },
  { id: 'alias', name: 'name forms (printed, variants, romanisations)' },
  { id: 'post', name: 'posts held' },
  { id: 'postStart', name: 'post held: start' },
  { id: 'postEnd', name: 'post held: end' },
  { id: 'organization', name: 'organisations' },
  { id: 'mentionedIn', name: 'letters and notes that name it' },
] as const;
type ExtendPid = (typeof EXTEND_PROPERTIES)[number]['id'];
const EXTEND_FOR: Record<TypeId, ExtendPid[]> = {
  Person: ['qid', 'description', 'nameRu', 'alias', 'post', 'postStart', 'postEnd', 'organization', 'mentionedIn'],
  Organization: ['qid', 'description', 'alias', 'organization', 'mentionedIn'],
  Place: ['qid', 'description', 'alias', 'mentionedIn'],
  Post: ['qid', 'description', 'alias', 'organization'],
};

const bad = (message: string): HttpError => new HttpError(400, message);

type Value = string | number | boolean | { id: string; name?: string };
interface Query {
  query?: string;
  type?: string | string[];
  limit?: number;
  properties?: { pid: string; v: Value | Value[] }[];
  type_strict?: string;
}
export interface Candidate {
  id: string;
  name: string;
  description?: string;
  type: { id: string; name: string }[];
  score: number;
  match: boolean;
  features: { id: string; value: number | boolean }[];
}

const short = (s: string | undefined, n = 140): string | undefined => (s && s.length > n ? `${s.slice(0, n - 1)}…` : s);
const typeRef = (t: TypeId): { id: string; name: string } => ({ id: t, name: TYPE_NAMES[t] });
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A candidate while a query is answered. */
interface Row {
  e: IndexedEntity;
  score: number;
  exact: boolean;
  /** The form that matched (none for a match by id or by a shared word beside an exact hit). */
  form: IndexedForm | undefined;
  /** How many of the query's properties it satisfies. */
  matched: number;
  /** The form's scheme rank (9 without a form), for the order. */
  rank: number;
  /** The query it belongs to. */
  gen: number;
}

/** A string JSON.stringify only puts in quotes (no quote, backslash, control character or surrogate). */
const PLAIN_KEY = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;
const ID_LIKE = /^[a-z]+\/[^\s]+$|^https?:\/\//;

export class Reconciler {
  /** Per entity position: its place when all are sorted by name, then id, in plain code-point order (for ties). */
  private readonly order: Int32Array;
  /** Per entity, the start of its candidate's JSON (id, name, description, type, `"score":`): the same in every
   * answer. */
  private readonly heads: string[];

  // Letter pairs shared by the query and each form, counted from the index's postings (the multiset intersection
  // that merging the two sorted lists gives): only forms with a pair in common are touched. Per query, reused.
  private readonly pairs: Int32Array;
  /** The similarity of the last closest() answer. */
  private sim = 0;
  /** The entities with a form that shares a letter pair with the query (marked in `seen` with the query's stamp). */
  private readonly touched: IndexedEntity[] = [];
  private readonly seen: Int32Array;
  private stamp = 0;
  /** Queries answered (a row belongs to the query it was made for). */
  private queries = 0;
  /** Per entity position: its row in the current query (if `gen` is the current query's), and shared words. */
  private readonly rowOf: (Row | undefined)[];
  private readonly shared: Int32Array;

  constructor(readonly index: ReconcileIndex) {
    this.pairs = new Int32Array(index.forms.length);
    this.rowOf = new Array(index.entities.length).fill(undefined);
    this.shared = new Int32Array(index.entities.length);
    this.seen = new Int32Array(index.entities.length);
    const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
    this.order = new Int32Array(index.entities.length);
    [...index.entities]
      .sort((a, b) => cmp(a.name, b.name) || cmp(a.id, b.id))
      .forEach((e, i) => {
        this.order[e.n] = i;
      });
    this.heads = index.entities.map((e) => {
      const c = JSON.stringify({
        id: e.id,
        name: e.name,
        ...(e.description ? { description: short(e.description, 100)! } : {}),
        type: [typeRef(e.type)],
        score: 0,
      });
      return c.slice(0, -'0}'.length);
    });
  }

  // --- types, properties, ids ----------------------------------------------------------------------------------

  /** A type id as the manifest gives it ("Person"), or the class IRI, or "sl:Person". */
  typeOf(t: unknown): TypeId {
    if (typeof t !== 'string') throw bad('a type must be a string (Person, Organization, Place or Post)');
    const local = t.startsWith(NS.sl) ? t.slice(NS.sl.length) : t.startsWith('sl:') ? t.slice(3) : t;
    if ((TYPES as readonly string[]).includes(local)) return local as TypeId;
    throw bad(`unknown type "${t.slice(0, 80)}"; known: ${TYPES.join(', ')}`);
  }

  /** The entity a value names by id ("person/piatakov"), IRI, or bare id ("piatakov") if that is unambiguous. */
  entityById(v: string): IndexedEntity | undefined {
    const s = v.trim();
    const rel = s.startsWith(this.index.base) ? s.slice(this.index.base.length) : s;
    const hit = this.index.byId.get(rel);
    if (hit || rel.includes('/')) return hit;
    const bare = TYPES.map((t) => this.index.byId.get(`${t.toLowerCase()}/${rel}`)).filter((e): e is IndexedEntity =>
      Boolean(e),
    );
    return bare.length === 1 ? bare[0] : undefined;
  }

  /** Entities of `type` a property value names: by id or IRI, else by an exact name key. */
  private resolve(v: Value, type: TypeId): IndexedEntity[] {
    const s = typeof v === 'object' ? v.id : String(v);
    const byId = this.entityById(s);
    if (byId) return byId.type === type ? [byId] : [];
    const byName = typeof v === 'object' && v.name ? v.name : s;
    return [...(this.index.byKey.get(nameKey(byName))?.keys() ?? [])].filter((e) => e.type === type);
  }

  // --- match ---------------------------------------------------------------------------------------------------

  /** Checks a query batch's shape (the 0.2 schema's rules) and its types and properties; throws a 400 or 413. */
  checkBatch(batch: unknown): Record<string, Query> {
    this.checkedQueries(batch);
    return batch as Record<string, Query>;
  }

  /** checkBatch, giving the batch's named queries in order. */
  private checkedQueries(batch: unknown): [string, Query][] {
    if (!batch || typeof batch !== 'object' || Array.isArray(batch))
      throw bad('queries must be a JSON object of named queries ({"q0": {"query": "…"}})');
    const entries = Object.entries(batch as Record<string, unknown>);
    if (entries.length > BATCH_SIZE)
      throw new HttpError(
        413,
        `${entries.length} queries in one batch; at most ${BATCH_SIZE} (the manifest's batchSize)`,
      );
    for (const [k, q] of entries) {
      if (!q || typeof q !== 'object' || Array.isArray(q)) throw bad(`query "${k.slice(0, 40)}" must be an object`);
      const o = q as Record<string, unknown>;
      const extra = Object.keys(o).find((x) => !['query', 'type', 'limit', 'properties', 'type_strict'].includes(x));
      if (extra)
        throw bad(
          `query "${k.slice(0, 40)}": unknown field "${extra.slice(0, 40)}" (fields: query, type, limit, properties, type_strict)`,
        );
      if (o.query !== undefined && typeof o.query !== 'string')
        throw bad(`query "${k.slice(0, 40)}": "query" must be a string`);
      if (o.limit !== undefined && (typeof o.limit !== 'number' || !(o.limit >= 0)))
        throw bad(`query "${k.slice(0, 40)}": "limit" must be a number`);
      if (o.type_strict !== undefined && !['any', 'should', 'all'].includes(o.type_strict as string))
        throw bad(`query "${k.slice(0, 40)}": type_strict must be any, should or all`);
      if (o.type !== undefined) for (const t of Array.isArray(o.type) ? o.type : [o.type]) this.typeOf(t);
      if (o.properties !== undefined) {
        if (!Array.isArray(o.properties)) throw bad(`query "${k.slice(0, 40)}": "properties" must be an array`);
        for (const p of o.properties as unknown[]) {
          const pp = p as { pid?: unknown; v?: unknown };
          if (!pp || typeof pp !== 'object' || typeof pp.pid !== 'string' || pp.v === undefined)
            throw bad(`query "${k.slice(0, 40)}": each property needs "pid" and "v"`);
          if (!PROPERTIES.some((x) => x.id === pp.pid))
            throw bad(`unknown property "${pp.pid.slice(0, 60)}"; known: ${PROPERTIES.map((x) => x.id).join(', ')}`);
          const vs = Array.isArray(pp.v) ? pp.v : [pp.v];
          for (const v of vs)
            if (
              !(
                ['string', 'number', 'boolean'].includes(typeof v) ||
                (v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string')
              )
            )
              throw bad(
                `query "${k.slice(0, 40)}": property "${pp.pid}" has a value that is not a string, number, boolean or {"id": …}`,
              );
        }
      }
      const hasQuery = typeof o.query === 'string';
      const hasProps = Array.isArray(o.properties) && o.properties.length > 0;
      if (!hasQuery && !hasProps) throw bad(`query "${k.slice(0, 40)}" has neither a "query" string nor properties`);
    }
    return entries as [string, Query][];
  }

  match(batch: unknown): Record<string, { result: Candidate[] }> {
    // no prototype: a query may be named "__proto__" (JSON.parse makes it an own key) and must be answered
    const out = Object.create(null) as Record<string, { result: Candidate[] }>;
    for (const [k, q] of this.checkedQueries(batch)) {
      const { rows, winner, nprops } = this.matchOne(q);
      out[k] = {
        result: rows.map((r) => ({
          id: r.e.id,
          name: r.e.name,
          ...(r.e.description ? { description: short(r.e.description, 100)! } : {}),
          type: [typeRef(r.e.type)],
          score: r.score,
          match: r.e === winner,
          features: [
            { id: 'name_exact', value: r.exact },
            ...(nprops ? [{ id: 'properties_matched', value: r.matched }] : []),
          ],
        })),
      };
    }
    return out;
  }

  /** The same answer as JSON text, byte for byte JSON.stringify(match(batch)) (what the service sends): written
   * from each entity's constant part, made once, and the numbers and flags of each candidate. */
  matchText(batch: unknown): string {
    let out = '';
    for (const [k, q] of this.checkedQueries(batch)) {
      const { rows, winner, nprops } = this.matchOne(q);
      // a plain name ("q0") needs only its quotes
      out += `${out ? ',' : ''}${PLAIN_KEY.test(k) ? `"${k}"` : JSON.stringify(k)}:{"result":[`;
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        out +=
          `${i ? ',' : ''}${this.heads[r.e.n]}${r.score},"match":${r.e === winner},"features":[{"id":"name_exact","value":${r.exact}}` +
          (nprops ? `,{"id":"properties_matched","value":${r.matched}}]}` : ']}');
      }
      out += ']}';
    }
    return `{${out}}`;
  }

  /** One query's candidates, best first, cut to its limit; `winner` is the one with match: true. */
  private matchOne(q: Query): { rows: Row[]; winner: IndexedEntity | undefined; nprops: number } {
    const types =
      q.type === undefined
        ? undefined
        : new Set((Array.isArray(q.type) ? q.type : [q.type]).map((t) => this.typeOf(t)));
    const props = q.properties ?? [];
    const text = (q.query ?? '').trim();
    // the entities found so far, each with its row (by entity position; rows of earlier queries are told apart by
    // their query number)
    const gen = ++this.queries;
    const rowOf = this.rowOf;
    const found: Row[] = [];
    const get = (e: IndexedEntity): Row | undefined => {
      const r = rowOf[e.n];
      return r && r.gen === gen ? r : undefined;
    };
    // a better score replaces an entity's form (or leaves it without one) and keeps its exactness
    const put = (e: IndexedEntity, score: number, exact: boolean, form?: IndexedForm): void => {
      const had = get(e);
      if (!had) found.push((rowOf[e.n] = { e, score, exact, form, matched: 0, rank: 9, gen }));
      else if (score > had.score) {
        had.score = score;
        had.exact = exact || had.exact;
        had.form = form;
      }
    };
    if (text) {
      const byId = ID_LIKE.test(text) ? this.entityById(text) : undefined;
      if (byId) put(byId, 100, true);
      const words = nameKeyWords(text);
      const key = words.join(' ');
      const exact = this.index.byKey.get(key);
      if (exact)
        for (const [e, f] of exact)
          put(e, f.generated ? 95 : f.scheme === 'printed' || f.scheme === 'fullName' ? 100 : 98, true, f);
      // Cyrillic typed for a name the corpus gives in Latin only: the edition's own romanisation (ALA-LC) of it
      if (!found.length && CYRILLIC.test(text))
        for (const [e, f] of this.index.byKey.get(nameKey(romanise(text, 'ala-lc'))) ?? []) put(e, 90, true, f);
      if (key && !byId) {
        // partial: entities sharing a word with the query. Beside an exact hit they are only listed (a namesake the
        // curator should see), scored by the share of words; without one, ranked by the closest form's similarity.
        const shared: IndexedEntity[] = [];
        const count = this.shared;
        for (const w of words) {
          const es = this.index.byWord.get(w);
          if (es) for (const e of es) if (count[e.n]!++ === 0) shared.push(e);
        }
        const hasExact = found.length > 0;
        let glen = -1;
        for (const e of shared) {
          const n = count[e.n]!;
          count[e.n] = 0;
          const had = rowOf[e.n];
          if (had && had.gen === gen && had.exact) continue;
          if (hasExact) put(e, Math.round((60 * n) / words.length), false);
          else {
            if (glen < 0) glen = this.countSharedPairs(key);
            const f = this.closest(e, glen);
            if (f && this.sim >= 0.3) put(e, Math.round(85 * this.sim), false, f);
          }
        }
        // a misspelling that shares no word: compare with every name
        // (only the entities with a form that shares a letter pair can reach it; their order does not matter)
        if (!found.length) {
          if (glen < 0) glen = this.countSharedPairs(key);
          for (const e of this.touched) {
            const f = this.closest(e, glen);
            if (f && this.sim >= 0.5) put(e, Math.round(85 * this.sim), false, f);
          }
        }
      }
    } else {
      for (const e of this.index.entities) put(e, 50, false);
    }
    let rows: Row[] = [];
    for (const r of found) {
      rowOf[r.e.n] = undefined; // (no row outlives its query)
      if (!types || types.has(r.e.type)) rows.push(r);
    }
    const nprops = props.length;
    if (nprops && rows.length) {
      const tests = props.map((p) => this.propTest(p.pid as Pid, Array.isArray(p.v) ? p.v : [p.v]));
      for (const r of rows) {
        let n = 0;
        for (const t of tests) if (t(r.e)) n++;
        r.matched = n;
        r.score = Math.max(0, Math.min(100, r.score + 5 * n - 30 * (nprops - n)));
      }
      // without a name, only what the properties select
      if (!text) {
        rows = rows.filter((r) => r.matched === nprops);
        for (const r of rows) r.score = 100;
      }
    }
    const allProps = (r: Row): boolean => !nprops || r.matched === nprops;
    let winner: IndexedEntity | undefined;
    if (text) {
      const exact = rows.filter((r) => r.exact);
      if (exact.length === 1 && allProps(exact[0]!)) winner = exact[0]!.e;
      else if (exact.length > 1 && nprops) {
        const left = exact.filter(allProps);
        if (left.length === 1) winner = left[0]!.e;
      }
    } else if (rows.length === 1 && props.some((p) => p.pid === 'id' || p.pid === 'qid')) winner = rows[0]!.e;
    for (const r of rows) r.rank = r.form ? schemeRank(r.form) : 9;
    const limit = Math.min(MAX_LIMIT, q.limit && q.limit > 0 ? Math.floor(q.limit) : DEFAULT_LIMIT);
    // the order: the match first, then by score, by the form's scheme, and by name and id in plain code-point order
    // (localeCompare costs more than the rest of a query; `order` holds it). Ids are unique, so the order is total,
    // and the best `limit` rows picked one by one are the first `limit` of the sorted list.
    const order = this.order;
    const before = (a: Row, b: Row): boolean =>
      a.e === winner || b.e === winner
        ? a.e === winner
        : a.score !== b.score
          ? a.score > b.score
          : a.rank !== b.rank
            ? a.rank < b.rank
            : order[a.e.n]! < order[b.e.n]!;
    if (rows.length <= limit || limit > 10) {
      rows.sort((a, b) => (a === b ? 0 : before(a, b) ? -1 : 1));
      if (rows.length > limit) rows.length = limit;
      return { rows, winner, nprops };
    }
    const best: Row[] = [];
    for (const r of rows) {
      if (best.length === limit && !before(r, best[limit - 1]!)) continue;
      let i = best.length === limit ? limit - 1 : best.length;
      while (i > 0 && before(r, best[i - 1]!)) {
        best[i] = best[i - 1]!;
        i--;
      }
      best[i] = r;
    }
    return { rows: best, winner, nprops };
  }

  /** Fills `pairs` for a query key; returns the number of its letter pairs. */
  private countSharedPairs(key: string): number {
    const grams = bigrams(key);
    const pairs = this.pairs;
    const { formEntity, entities } = this.index;
    const { touched, seen } = this;
    const stamp = ++this.stamp;
    pairs.fill(0);
    touched.length = 0;
    for (let i = 0; i < grams.length; ) {
      let j = i + 1;
      while (j < grams.length && grams[j] === grams[i]) j++;
      const list = this.index.postings.get(grams[i]!);
      if (list) {
        const mine = j - i;
        for (let k = 0; k < list.length; k += 2) {
          const n = list[k]!;
          pairs[n]! += Math.min(mine, list[k + 1]!);
          const e = formEntity[n]!;
          if (seen[e] !== stamp) {
            seen[e] = stamp;
            touched.push(entities[e]!);
          }
        }
      }
      i = j;
    }
    return grams.length;
  }

  /** The entity's form most like the query (Dice of letter pairs; the first of equals), its similarity in `sim`. */
  private closest(e: IndexedEntity, glen: number): IndexedForm | undefined {
    const { formPairs, formStart } = this.index;
    const pairs = this.pairs;
    let best = 0;
    let at = -1;
    for (let i = formStart[e.n]!, end = formStart[e.n + 1]!; i < end; i++) {
      const hits = pairs[i]!;
      if (!hits) continue;
      const flen = formPairs[i]!;
      // Dice cannot reach 0.3 when one key is more than five times the other's length
      if (flen > 6 * (glen + 1) || glen > 6 * (flen + 1)) continue;
      const d = (2 * hits) / (glen + flen);
      if (d > best) {
        best = d;
        at = i;
      }
    }
    this.sim = best;
    return at < 0 ? undefined : this.index.forms[at];
  }

  /** Whether an entity satisfies a query property (any of its values): each value resolved once per query. */
  private propTest(pid: Pid, values: Value[]): (e: IndexedEntity) => boolean {
    const one = values.map((v): ((e: IndexedEntity) => boolean) => {
      switch (pid) {
        case 'id': {
          const t = this.entityById(typeof v === 'object' ? v.id : String(v));
          return (e) => t === e;
        }
        case 'qid': {
          const q = (typeof v === 'object' ? v.id : String(v))
            .trim()
            .replace(/^.*\/(?=Q\d+$)/, '')
            .toUpperCase();
          return (e) => e.qid === q;
        }
        case 'year': {
          const y = Number(typeof v === 'object' ? v.id : v);
          const whole = Number.isInteger(y);
          return (e) => whole && e.years.has(y);
        }
        case 'post': {
          const posts = this.resolve(v, 'Post');
          return (e) => posts.some((p) => (e.type === 'Post' ? p === e : e.offices.some((o) => o.post === p.id)));
        }
        case 'organization': {
          const orgs = this.resolve(v, 'Organization');
          return (e) => orgs.some((o) => e.organizations.includes(o.id) || (e.type === 'Organization' && o === e));
        }
      }
    });
    return (e) => one.some((t) => t(e));
  }

  // --- suggest, preview, extend --------------------------------------------------------------------------------

  suggestEntity(
    prefix: string,
    type?: string,
    cursor = 0,
    limit = DEFAULT_LIMIT,
  ): { result: { id: string; name: string; description?: string; notable: { id: string; name: string }[] }[] } {
    const t = type ? this.typeOf(type) : undefined;
    const key = nameKey(prefix);
    if (!key) return { result: [] };
    const p = this.index.prefixes;
    const best = new Map<IndexedEntity, [number, number]>(); // entity → [exact 0, prefix of the form 1, of a later word 2; scheme rank]
    // Cyrillic typed for a name the corpus gives in Latin only: also its ALA-LC romanisation, ranked after
    // the typed key both with its last word unfinished and as a whole name ("Yurovskii" is indexed as "yurovsky")
    const typed = [...new Set([namePrefixKey(prefix), key])];
    const keys = CYRILLIC.test(prefix) ? [...typed, namePrefixKey(romanise(prefix, 'ala-lc'))] : typed;
    keys.forEach((k, n) => {
      let lo = 0;
      let hi = p.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (p[mid]!.key < k) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < p.length && p[i]!.key.startsWith(k); i++) {
        const { entity, form } = p[i]!;
        if (t && entity.type !== t) continue;
        const rank: [number, number] = [
          (form.key === k ? 0 : form.key.startsWith(k) ? 1 : 2) + (n >= typed.length ? 3 : 0),
          form.scheme === 'id' ? 0 : schemeRank(form),
        ];
        const had = best.get(entity);
        if (!had || rank[0] < had[0] || (rank[0] === had[0] && rank[1] < had[1])) best.set(entity, rank);
      }
    });
    const cmp = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
    const sorted = [...best].sort(
      ([a, ra], [b, rb]) => ra[0] - rb[0] || ra[1] - rb[1] || cmp(a.name, b.name) || cmp(a.id, b.id),
    );
    return {
      result: sorted.slice(cursor, cursor + Math.min(MAX_LIMIT, limit)).map(([e]) => ({
        id: e.id,
        name: e.name,
        ...(e.description ? { description: short(e.description, 100)! } : {}),
        notable: [typeRef(e.type)],
      })),
    };
  }

  suggestType(prefix: string): { result: { id: string; name: string }[] } {
    const k = prefix.trim().toLowerCase();
    return {
      result: TYPES.filter((t) => t.toLowerCase().startsWith(k) || TYPE_NAMES[t].toLowerCase().startsWith(k)).map(
        typeRef,
      ),
    };
  }

  suggestProperty(prefix: string): { result: { id: string; name: string; description: string }[] } {
    const k = prefix.trim().toLowerCase();
    return {
      result: PROPERTIES.filter((p) => p.id.toLowerCase().startsWith(k) || p.name.toLowerCase().includes(k)).map(
        (p) => ({ ...p }),
      ),
    };
  }

  private entityOrThrow(id: string | null): IndexedEntity {
    if (!id) throw bad('missing the "id" parameter');
    const e = this.entityById(id);
    if (!e) throw new HttpError(404, `no person, organisation, place or post with id "${id.slice(0, 100)}"`);
    return e;
  }

  /** The inner HTML of a card (also the flyout's). */
  private card(e: IndexedEntity): string {
    const other = e.forms
      .filter((f) => f.form !== e.name && f.scheme !== 'hidden')
      .slice(0, 6)
      .map((f) => f.form);
    const posts = e.offices.slice(0, 3).map((o) => this.index.byId.get(o.post)?.name ?? o.post);
    return (
      `<div class="rc"><b>${esc(e.name)}</b> <small>${esc(TYPE_NAMES[e.type])}${e.qid ? ` · ${esc(e.qid)}` : ''}</small>` +
      (other.length ? `<br><small>${esc(other.join(' · '))}</small>` : '') +
      (e.description ? `<p>${esc(short(e.description, 220)!)}</p>` : '') +
      (posts.length ? `<p><small>Posts: ${esc(posts.join('; '))}</small></p>` : '') +
      '</div>'
    );
  }

  preview(id: string | null): string {
    const e = this.entityOrThrow(id);
    return (
      `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(e.name)}</title>` +
      `<style>body{margin:0;font:13px/1.35 system-ui,sans-serif}.rc{box-sizing:border-box;width:${PREVIEW.width}px;height:${PREVIEW.height}px;overflow:hidden;padding:6px 8px}.rc p{margin:4px 0}</style></head>` +
      `<body>${this.card(e)}</body></html>\n`
    );
  }

  flyout(id: string | null): { id: string; html: string } {
    const e = this.entityOrThrow(id);
    return { id: e.id, html: this.card(e) };
  }

  proposeProperties(
    type: string | null,
    limit?: number,
  ): { type: string; properties: { id: string; name: string }[]; limit?: number } {
    if (!type) throw bad('missing the "type" parameter');
    const t = this.typeOf(type);
    const ids = EXTEND_FOR[t];
    const props = EXTEND_PROPERTIES.filter((p) => ids.includes(p.id)).map((p) => ({ ...p }));
    return { type: t, properties: limit ? props.slice(0, limit) : props, ...(limit ? { limit } : {}) };
  }

  extend(query: unknown): {
    meta: { id: string; name: string; type?: { id: string; name: string } }[];
    rows: Record<string, Record<string, object[]>>;
  } {
    const q = query as { ids?: unknown; properties?: unknown };
    if (!q || typeof q !== 'object' || !Array.isArray(q.ids) || !Array.isArray(q.properties))
      throw bad('extend must be {"ids": [...], "properties": [{"id": ...}]}');
    if (q.ids.length > BATCH_SIZE)
      throw new HttpError(413, `${q.ids.length} ids in one extend query; at most ${BATCH_SIZE}`);
    const pids = (q.properties as { id?: unknown }[]).map((p) => {
      if (!p || typeof p.id !== 'string') throw bad('each property of an extend query needs an "id"');
      const known = EXTEND_PROPERTIES.find((x) => x.id === p.id);
      if (!known)
        throw bad(`unknown property "${p.id.slice(0, 60)}"; known: ${EXTEND_PROPERTIES.map((x) => x.id).join(', ')}`);
      return known;
    });
    const meta = pids.map((p) => ({
      id: p.id,
      name: p.name,
      ...(p.id === 'post'
        ? { type: typeRef('Post') }
        : p.id === 'organization'
          ? { type: typeRef('Organization') }
          : {}),
    }));
    const ref = (id: string): object => ({ id, name: this.index.byId.get(id)?.name ?? id });
    // no prototype: an id "__proto__" (unknown, so an empty row) must come back as a row like any other
    const rows = Object.create(null) as Record<string, Record<string, object[]>>;
    for (const id of q.ids as unknown[]) {
      if (typeof id !== 'string') throw bad('the ids of an extend query must be strings');
      const e = this.entityById(id);
      const row: Record<string, object[]> = {};
      for (const p of pids) {
        if (!e) {
          row[p.id] = [];
          continue;
        }
        switch (p.id) {
          case 'qid':
            row[p.id] = e.qid ? [{ str: e.qid }] : [];
            break;
          case 'description':
            row[p.id] = e.description ? [{ str: e.description }] : [];
            break;
          case 'nameRu':
            row[p.id] = e.forms.filter((f) => f.scheme === 'ru').map((f) => ({ str: f.form }));
            break;
          case 'alias':
            row[p.id] = e.forms.filter((f) => f.form !== e.name && f.scheme !== 'hidden').map((f) => ({ str: f.form }));
            break;
          // one value per office, in the same order, so that OpenRefine lines post, start and end up as records
          case 'post':
            row[p.id] = e.offices.map((o) => ref(o.post));
            break;
          case 'postStart':
            row[p.id] = e.offices.map((o) => (o.start ? { str: o.start } : {}));
            break;
          case 'postEnd':
            row[p.id] = e.offices.map((o) => (o.end ? { str: o.end } : {}));
            break;
          case 'organization':
            row[p.id] = e.organizations.map(ref);
            break;
          case 'mentionedIn':
            row[p.id] = e.mentionedIn.map((m) => ({ id: m.id, name: m.name }));
            break;
        }
      }
      rows[id] = row;
    }
    return { meta, rows };
  }

  manifest(origin: string): object {
    const service = `${origin}/reconcile`;
    return {
      versions: ['0.2'],
      name: 'Stalin letters (1930, 1932): persons, organisations, places and posts',
      identifierSpace: this.index.base,
      schemaSpace: NS.sl,
      documentation: `${origin}/`,
      defaultTypes: TYPES.map(typeRef),
      view: { url: `${origin}/{{id}}` },
      preview: { url: `${service}/preview?id={{id}}`, ...PREVIEW },
      suggest: {
        entity: {
          service_url: service,
          service_path: '/suggest/entity',
          // biome-ignore lint/suspicious/noTemplateCurlyInString: OpenRefine's own placeholder, sent as written
          flyout_service_path: '/flyout/entity?id=${id}',
        },
        type: { service_url: service, service_path: '/suggest/type' },
        property: { service_url: service, service_path: '/suggest/property' },
      },
      extend: {
        propose_properties: { service_url: service, service_path: '/propose_properties' },
        property_settings: [],
      },
      batchSize: BATCH_SIZE,
    };
  }

  // --- HTTP ----------------------------------------------------------------------------------------------------

  /** Answers a request below /reconcile (`sub`: the rest of the path, "" for /reconcile itself). */
  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    sub: string,
    params: URLSearchParams,
    origin: string,
  ): Promise<void> {
    try {
      await this.route(req, res, sub, params, origin);
    } catch (e) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const status = e instanceof HttpError ? e.status : 500;
      const message = (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
      const body = `${message}\n`;
      res.writeHead(status, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
        ...(status === 413 ? { Connection: 'close' } : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    }
  }

  private async route(
    req: IncomingMessage,
    res: ServerResponse,
    sub: string,
    params: URLSearchParams,
    origin: string,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const get = method === 'GET' || method === 'HEAD';
    if (!get && !(method === 'POST' && sub === '')) {
      res.setHeader('Allow', sub === '' ? 'GET, HEAD, POST, OPTIONS' : 'GET, HEAD, OPTIONS');
      throw new HttpError(405, `${method} is not allowed on /reconcile${sub}`);
    }
    /** Answers a value as JSON (or JSONP), or JSON text already written (`isText`). */
    const json = (value: unknown, isText = false): void => {
      const cb = get ? params.get('callback') : null;
      if (cb !== null && !/^[A-Za-z_$][\w$.]{0,100}$/.test(cb)) throw bad('callback must be a JavaScript identifier');
      const text = isText ? (value as string) : JSON.stringify(value);
      // encoded once (its length and the bytes sent), not measured and then encoded again
      const body = Buffer.from(cb ? `/**/${cb}(${text});` : text);
      res.writeHead(200, {
        'Content-Type': cb ? 'text/javascript; charset=utf-8' : 'application/json; charset=utf-8',
        'Content-Length': body.length,
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(method === 'HEAD' ? undefined : body);
    };
    const int = (name: string, fallback: number): number => {
      const v = params.get(name);
      if (v === null || v === '') return fallback;
      if (!/^\d{1,6}$/.test(v)) throw bad(`${name} must be a whole number`);
      return Number(v);
    };
    switch (sub) {
      case '':
      case '/': {
        const { form, parsed } = get ? { form: params, parsed: undefined } : await this.readForm(req);
        const queries = form.get('queries');
        const extend = form.get('extend');
        const value = (field: string, text: string): unknown =>
          parsed?.field === field ? parsed.value : parseJson(text, field);
        if (queries !== null) return json(this.matchText(value('queries', queries)), true);
        if (extend !== null) return json(this.extend(value('extend', extend)));
        if (!get) throw bad('POST a form with a "queries" (match) or "extend" (data extension) field');
        return json(this.manifest(origin));
      }
      case '/suggest/entity':
        return json(
          this.suggestEntity(
            params.get('prefix') ?? '',
            params.get('type') || undefined,
            int('cursor', 0),
            int('limit', DEFAULT_LIMIT),
          ),
        );
      case '/suggest/type':
        return json(this.suggestType(params.get('prefix') ?? ''));
      case '/suggest/property':
        return json(this.suggestProperty(params.get('prefix') ?? ''));
      case '/flyout/entity':
        return json(this.flyout(params.get('id')));
      case '/propose_properties':
        return json(this.proposeProperties(params.get('type'), int('limit', 0) || undefined));
      case '/preview': {
        const html = this.preview(params.get('id'));
        res.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Length': Buffer.byteLength(html),
          'X-Content-Type-Options': 'nosniff',
        });
        res.end(method === 'HEAD' ? undefined : html);
        return;
      }
      default:
        throw new HttpError(404, `not found: /reconcile${sub.slice(0, 100)} (see the manifest at /reconcile)`);
    }
  }

  /** A POST body: a form (OpenRefine), or `queries=`/`extend=` followed by raw JSON (TEI Publisher does not encode it;
   * that JSON, parsed once here, is given along). */
  private async readForm(
    req: IncomingMessage,
  ): Promise<{ form: URLSearchParams; parsed: { field: string; value: unknown } | undefined }> {
    const ctype = (req.headers['content-type'] ?? 'application/x-www-form-urlencoded')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    if (ctype !== 'application/x-www-form-urlencoded' && ctype !== 'text/plain') {
      req.resume();
      throw new HttpError(
        415,
        `POST queries as application/x-www-form-urlencoded (queries=…), not "${ctype.slice(0, 60)}"`,
      );
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    const raw = /^(queries|extend)=([[{][\s\S]*)$/.exec(body);
    if (raw) {
      try {
        const value: unknown = JSON.parse(raw[2]!);
        return { form: new URLSearchParams([[raw[1]!, raw[2]!]]), parsed: { field: raw[1]!, value } };
      } catch {
        // an encoded form after all
      }
    }
    if (/%(?![0-9a-fA-F]{2})/.test(body)) throw bad('malformed form body (bad percent-encoding)');
    return { form: new URLSearchParams(body), parsed: undefined };
  }
}

function parseJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw bad(`"${field}" is not JSON: ${(e as Error).message.split('\n')[0]!.slice(0, 120)}`);
  }
}

/** The origin clients should call back (the Host the request came to; behind a proxy, X-Forwarded-Host/-Proto). */
export function requestOrigin(req: IncomingMessage, fallback: string): string {
  const fwdHost = String(req.headers['x-forwarded-host'] ?? '')
    .split(',')[0]!
    .trim();
  const host = fwdHost || (req.headers.host ?? '');
  const proto =
    String(req.headers['x-forwarded-proto'] ?? '')
      .split(',')[0]!
      .trim() || 'http';
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) || !/^https?$/.test(proto))
    return fallback;
  return `${proto}://${host}`;
}

/** The service over a dump file (N-Triples). */
export async function loadReconciler(ntriplesFile: string): Promise<Reconciler> {
  return new Reconciler(buildIndex(await readFile(ntriplesFile, 'utf8')));
}
