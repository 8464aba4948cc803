// Reconciliation for curators: the entities still without a QID are sent, in batches, to a reconciliation
// service that follows the W3C Entity Reconciliation Community Group's Reconciliation Service API v0.2 (POST,
// form field `queries` = a JSON query batch {q0: {query, type, limit, properties}}; answer {q0: {result: [
// {id, name, score, match, type, features}]}}), with every name form the texts use, the type and what the
// sources tell (Soviet official, posts held with a QID, the Russian name). The candidates, their scores and
// features are written for a curator to judge; nothing is accepted here (see accept.ts).

import WBK from 'wikibase-sdk';
import type { Dataset, EntityKind, NameVariant } from '../model/types.js';
import { UsageError } from '../core/errors.js';
import { stringifyYaml } from '../corpus/yaml.js';
import type { ReconcileKind } from './kinds.js';
import { postAndEditionQueries } from './reconcile-kinds.js';
import { nameForms as allNameForms } from '../model/names.js';

export const DEFAULT_SERVICE = 'https://wikidata.reconci.link/en/api';
/** Wikidata types sent with the queries: human, organization, geographic location. */
export const KIND_TYPE: Record<EntityKind, string> = { person: 'Q5', organization: 'Q43229', place: 'Q2221906' };
const SOVIET_UNION = 'Q15180';

const wbk = WBK({ instance: 'https://www.wikidata.org', sparqlEndpoint: 'https://query.wikidata.org/sparql' });

export interface ReconQuery {
  query: string;
  type: string;
  limit: number;
  type_strict: 'should';
  properties?: { pid: string; v: string }[];
}

export interface EntityQueries {
  entity: string;
  name: string;
  queries: ReconQuery[];
}

export interface Candidate {
  qid: string;
  name: string;
  description?: string;
  score: number;
  match: boolean;
  types: string[];
  features: Record<string, number | boolean>;
  /** The name form whose query found it (the best-scoring one when several did). */
  foundBy: string;
}

export interface EntityCandidates {
  entity: string;
  name: string;
  sent: ReconQuery[];
  candidates: Candidate[];
}

export interface ReconcileOptions {
  service: string;
  /** Milliseconds to wait for one answer. */
  timeout: number;
  /** Queries per request. */
  batchSize: number;
  /** Further attempts after a 429, a 5xx or a timeout. */
  retries: number;
  /** First back-off in ms (doubled each time; a Retry-After header is honoured up to 60 s). */
  backoff: number;
  userAgent: string;
  limit: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

const nameForms = (name: string, full: string | undefined, variants: NameVariant[]): string[] =>
  [...new Set([full, name, ...variants.map((v) => v.form)].filter((x): x is string => Boolean(x)))].slice(0, 4);

/** The schemes of the name core whose spellings Wikidata's English labels and aliases mostly use. */
const WIKIDATA_SCHEMES = new Set(['wikipedia', 'bgn-pcgn']);
/** A person's forms: the texts' (as above), then the romanisations of the Russian name in the schemes Wikidata uses
 * (Pyatakov for the edition's Piatakov), made by the same name core as the reconciliation service's. */
const personForms = (p: Dataset['persons'][number]): string[] => {
  const curated = nameForms(p.name, p.fullName, p.variants);
  const generated = allNameForms(p)
    .filter((f) => f.generated && WIKIDATA_SCHEMES.has(f.scheme))
    .map((f) => f.form);
  return [...new Set([...curated, ...generated])];
};

/** One entry per entity of `kind` without a QID: a query per name form, with what the sources say about it. */
export function reconciliationQueries(d: Dataset, kind: ReconcileKind, limit = 5): EntityQueries[] {
  // posts and editions: reconcile-kinds.ts
  if (kind === 'post' || kind === 'edition') {
    return postAndEditionQueries(d, kind)
      .map((e) => ({
        entity: e.entity,
        name: e.name,
        queries: e.forms.map((q) => ({
          query: q,
          type: e.type,
          limit,
          type_strict: 'should' as const,
          ...(e.properties.length ? { properties: e.properties } : {}),
        })),
      }))
      .sort((a, b) => a.entity.localeCompare(b.entity));
  }
  const postQid = new Map(d.posts.flatMap((p) => (p.wikidata ? [[p.id, p.wikidata.qid] as const] : [])));
  const placeQid = new Map(d.places.flatMap((p) => (p.wikidata ? [[p.id, p.wikidata.qid] as const] : [])));
  const out: EntityQueries[] = [];
  const entry = (id: string, name: string, forms: string[], properties: { pid: string; v: string }[]): void => {
    out.push({
      entity: `${kind}/${id}`,
      name,
      queries: forms.map((q) => ({
        query: q,
        type: KIND_TYPE[kind],
        limit,
        type_strict: 'should' as const,
        ...(properties.length ? { properties } : {}),
      })),
    });
  };
  if (kind === 'person') {
    for (const p of d.persons) {
      if (p.wikidata) continue;
      const props: { pid: string; v: string }[] = [];
      const changes = d.changes.filter((c) => c.person === p.id);
      // a person whose change of office the notes record was a Soviet official in 1930–1932
      if (changes.length) props.push({ pid: 'P27', v: SOVIET_UNION });
      for (const q of [
        ...new Set(
          changes.flatMap((c) => [c.post, c.fromPost]).flatMap((x) => (x && postQid.has(x) ? [postQid.get(x)!] : [])),
        ),
      ].sort())
        props.push({ pid: 'P39', v: q });
      if (p.nameRu) props.push({ pid: '(Lru|Aru)', v: p.nameRu });
      entry(p.id, p.name, personForms(p), props);
    }
  } else if (kind === 'organization') {
    for (const o of d.organizations) {
      if (o.wikidata) continue;
      const country = o.jurisdiction ? placeQid.get(o.jurisdiction) : undefined;
      entry(o.id, o.name, nameForms(o.name, undefined, o.variants), country ? [{ pid: 'P17', v: country }] : []);
    }
  } else {
    for (const p of d.places) {
      if (p.wikidata) continue;
      const within = p.partOf ? placeQid.get(p.partOf) : undefined;
      entry(p.id, p.name, nameForms(p.name, undefined, p.variants), within ? [{ pid: 'P131', v: within }] : []);
    }
  }
  return out.sort((a, b) => a.entity.localeCompare(b.entity));
}

class Transient extends Error {}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Sends one query batch; retries 429, 5xx and timeouts with exponential back-off; anything else fails at once. */
async function send(batch: Record<string, ReconQuery>, o: ReconcileOptions): Promise<unknown> {
  const doFetch = o.fetch ?? fetch;
  const sleep = o.sleep ?? defaultSleep;
  let wait = o.backoff;
  for (let attempt = 0; ; attempt++) {
    let retryAfter: number | undefined;
    try {
      const ctl = new AbortController();
      const timer = setTimeout(() => ctl.abort(), o.timeout);
      let res: Response;
      let text: string;
      try {
        res = await doFetch(o.service, {
          method: 'POST',
          signal: ctl.signal,
          headers: {
            'User-Agent': o.userAgent,
            Accept: 'application/json',
            'Content-Type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ queries: JSON.stringify(batch) }).toString(),
        });
        text = await res.text();
      } catch (e) {
        if (ctl.signal.aborted) throw new Transient(`no answer from ${o.service} within ${o.timeout} ms`);
        throw new UsageError(
          `cannot reach the reconciliation service ${o.service}: ${(e as Error & { cause?: Error }).cause?.message ?? (e as Error).message}`,
        );
      } finally {
        clearTimeout(timer);
      }
      if (res.status === 429 || res.status >= 500) {
        const ra = Number(res.headers.get('retry-after'));
        if (Number.isFinite(ra) && ra > 0) retryAfter = Math.min(ra * 1000, 60_000);
        throw new Transient(`${o.service} answered HTTP ${res.status}`);
      }
      if (!res.ok) throw new UsageError(`${o.service} answered HTTP ${res.status} ${res.statusText}`.trim());
      try {
        return JSON.parse(text);
      } catch {
        throw new UsageError(
          `${o.service} did not answer JSON (${text.length} bytes starting ${JSON.stringify(text.slice(0, 40))})`,
        );
      }
    } catch (e) {
      if (!(e instanceof Transient)) throw e;
      if (attempt >= o.retries)
        throw new UsageError(`${e.message}, after ${attempt + 1} attempt(s); try again later or pass --service`);
      await sleep(retryAfter ?? wait);
      wait *= 2;
    }
  }
}

/** Checks one query's answer against the v0.2 result format and converts it. */
function candidatesOf(answer: unknown, key: string, service: string, form: string): Candidate[] {
  const bad = (what: string): never => {
    throw new UsageError(`${service}: answer to ${key} is not a reconciliation result (${what})`);
  };
  const entry = (answer as Record<string, unknown>)[key];
  if (!entry || typeof entry !== 'object') bad('missing');
  const result = (entry as { result?: unknown }).result;
  if (!Array.isArray(result)) bad('no "result" array');
  return (result as unknown[]).map((c) => {
    const r = c as Record<string, unknown>;
    if (typeof r.id !== 'string' || typeof r.name !== 'string' || typeof r.score !== 'number')
      bad('a candidate lacks id, name or score');
    const types = Array.isArray(r.type)
      ? (r.type as unknown[]).map((t) => (typeof t === 'string' ? t : String((t as { id?: unknown }).id)))
      : [];
    const features: Record<string, number | boolean> = {};
    if (Array.isArray(r.features))
      for (const f of r.features as { id?: unknown; value?: unknown }[])
        if (typeof f.id === 'string' && (typeof f.value === 'number' || typeof f.value === 'boolean'))
          features[f.id] = f.value;
    return {
      qid: r.id as string,
      name: r.name as string,
      ...(typeof r.description === 'string' && r.description ? { description: r.description } : {}),
      score: r.score as number,
      match: r.match === true,
      types,
      features,
      foundBy: form,
    };
  });
}

export async function reconcile(entries: readonly EntityQueries[], o: ReconcileOptions): Promise<EntityCandidates[]> {
  const flat = entries.flatMap((e, i) => e.queries.map((q, j) => ({ i, j, q })));
  const found: Candidate[][] = entries.map(() => []);
  for (let start = 0; start < flat.length; start += o.batchSize) {
    const chunk = flat.slice(start, start + o.batchSize);
    const batch = Object.fromEntries(chunk.map((c, k) => [`q${k}`, c.q]));
    const answer = await send(batch, o);
    if (!answer || typeof answer !== 'object' || Array.isArray(answer))
      throw new UsageError(`${o.service}: the answer is not a reconciliation result batch (an object keyed by query)`);
    chunk.forEach((c, k) => found[c.i]!.push(...candidatesOf(answer, `q${k}`, o.service, c.q.query)));
  }
  return entries.map((e, i) => {
    // one candidate once, with its best score over the name forms
    const best = new Map<string, Candidate>();
    for (const c of found[i]!) if (!best.has(c.qid) || best.get(c.qid)!.score < c.score) best.set(c.qid, c);
    const candidates = [...best.values()].sort((a, b) => b.score - a.score || a.qid.localeCompare(b.qid));
    return { entity: e.entity, name: e.name, sent: e.queries, candidates };
  });
}

/** The curator's file: deterministic for the same answers (no time stamp; candidates by score). */
export function candidatesYaml(kind: ReconcileKind, service: string, results: readonly EntityCandidates[]): string {
  const doc = {
    kind,
    service,
    entities: results.map((r) => ({
      entity: r.entity,
      name: r.name,
      sent: r.sent.map((q) => ({
        query: q.query,
        type: q.type,
        ...(q.properties ? { properties: q.properties } : {}),
      })),
      candidates: r.candidates.map((c) => ({
        qid: c.qid,
        name: c.name,
        ...(c.description ? { description: c.description } : {}),
        score: c.score,
        match: c.match,
        types: c.types,
        ...(Object.keys(c.features).length ? { features: c.features } : {}),
        foundBy: c.foundBy,
        url: `https://www.wikidata.org/wiki/${c.qid}`,
        // the item's statements, to check dates and posts before accepting
        data: wbk.getEntities({
          ids: [c.qid as `Q${number}`],
          props: ['labels', 'descriptions', 'claims'],
          languages: ['en', 'ru'],
        }),
      })),
    })),
  };
  return [
    `# Reconciliation candidates for the ${kind === 'person' ? 'persons' : `${kind}s`} without a QID, from ${service}.`,
    '# Written by `stalin-letters-lod wikidata reconcile`; the build never reads this file. A curator who has checked a',
    '# candidate accepts it with `stalin-letters-lod wikidata accept ENTITY QID --by NAME --why TEXT`.',
    stringifyYaml(doc, { lineWidth: 120, yaml11Safe: true }).trimEnd(),
    '',
  ].join('\n');
}
