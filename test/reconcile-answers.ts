// The reconciliation service's answers over a large, varied query set made from the committed build's dump: every
// name form of every entity (plain, typed, upper and lower case, misspelt three ways, cut to a prefix, its first
// and last word), every entity's id, IRI and bare id, property queries (post, organisation, QID, year, id; as
// strings, {id}, {id, name}, arrays, right and wrong), queries by properties alone, limits, type lists and type
// IRIs, and a few batches a client gets a 400 or 413 for. Written by `npm run golden:reconcile`
// (scripts/golden/reconcile.ts) into test/expected/reconcile-answers.json; test/serve/reconcile-answers.test.ts
// compares. The answers are kept compact (one line per query; a candidate as [id, score, match, name_exact,
// properties_matched?], the entity's name, description and type once per entity) and rebuilt into the exact JSON the
// service sends, byte for byte.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DUMPS } from '../src/core/layout.js';
import { HttpError } from '../src/serve/http.js';
import { NS } from '../src/rdf/vocab.js';
import { type Candidate, Reconciler } from '../src/serve/reconcile.js';
import { buildIndex, type ReconcileIndex, TYPES } from '../src/serve/reconcile-index.js';
import { BUILD, ROOT } from './helpers.js';

export const GOLDEN_FILE = join(ROOT, 'test/expected/reconcile-answers.json');
export const DUMP_FILE = join(BUILD, DUMPS.ntriples);

type Q = Record<string, unknown>;
/** A compact candidate: [id, score, match, name_exact, properties_matched?]. */
type Compact = [string, number, boolean, boolean | number, ...(number | boolean)[]];
interface Head {
  name: string;
  description?: string;
  type: { id: string; name: string }[];
}
export interface Golden {
  about: string;
  /** SHA-256 of the dump the answers were made from (build/stalin-letters.nt). */
  dump: string;
  entities: Record<string, Head>;
  /** [batch number, query key, query, compact candidates] — or for a refused batch [batch number, null, batch, "status message"]. */
  answers: [number, string | null, unknown, Compact[] | string][];
}

export function loadReconcilerFromBuild(): { reconciler: Reconciler; dumpHash: string } {
  const nt = readFileSync(DUMP_FILE);
  return {
    reconciler: new Reconciler(buildIndex(nt.toString('utf8'))),
    dumpHash: createHash('sha256').update(nt).digest('hex'),
  };
}

// misspellings that keep the length, lose a letter, or add one (deterministic)
const swapLast = (s: string): string => (s.length < 3 ? s : s.slice(0, -2) + s.slice(-1) + s.slice(-2, -1));
const dropMiddle = (s: string): string => (s.length < 4 ? s : s.slice(0, s.length >> 1) + s.slice((s.length >> 1) + 1));
const doubleThird = (s: string): string => (s.length < 4 ? s : s.slice(0, 3) + s[2] + s.slice(3));

/** The query set, in batches of at most 100 (the service's batch size). */
export function querySet(index: ReconcileIndex): unknown[] {
  const queries: Q[] = [];
  const limits = [undefined, 0, 1, 3, 10, 100, 2.5, 1000];
  let n = 0;
  const withLimit = (q: Q): Q => {
    const l = limits[n++ % limits.length];
    return l === undefined ? q : { ...q, limit: l };
  };
  const others = (t: string): string[] => TYPES.filter((x) => x !== t);
  for (const e of index.entities) {
    const bare = e.id.slice(e.id.indexOf('/') + 1);
    queries.push({ query: e.id }, { query: e.iri }, withLimit({ query: bare }), { query: `  ${e.name}  ` });
    e.forms.forEach((f, i) => {
      const s = f.form;
      const words = s.split(/\s+/).filter(Boolean);
      queries.push(withLimit({ query: s }));
      queries.push({ query: s, type: i % 2 ? e.type : [e.type, others(e.type)[i % 3]!] });
      queries.push({ query: s, type: others(e.type)[i % 3]! });
      queries.push({ query: i % 2 ? s.toUpperCase() : s.toLowerCase() });
      queries.push(withLimit({ query: swapLast(s) }));
      queries.push({ query: dropMiddle(s) });
      queries.push({ query: doubleThird(s), type: e.type });
      queries.push(withLimit({ query: [...s].slice(0, Math.max(2, Math.ceil(s.length / 2))).join('') }));
      if (words.length > 1) queries.push({ query: words[0]! }, withLimit({ query: words.at(-1)! }));
    });
    // properties: right and wrong, in every shape a client sends them
    const props: Q[] = [];
    for (const o of e.offices.slice(0, 2)) {
      const post = index.byId.get(o.post);
      props.push({ pid: 'post', v: o.post });
      if (post) props.push({ pid: 'post', v: { id: post.iri, name: post.name } }, { pid: 'post', v: post.name });
    }
    for (const org of e.organizations.slice(0, 2)) {
      const oe = index.byId.get(org);
      props.push({ pid: 'organization', v: { id: org } });
      if (oe) props.push({ pid: 'organization', v: oe.name });
    }
    if (e.qid) props.push({ pid: 'qid', v: e.qid }, { pid: 'qid', v: `http://www.wikidata.org/entity/${e.qid}` });
    const years = [...e.years].sort();
    if (years.length) props.push({ pid: 'year', v: years[0]! }, { pid: 'year', v: String(years.at(-1)) });
    props.push({ pid: 'year', v: 1931 }, { pid: 'id', v: e.id }, { pid: 'qid', v: 'Q1' });
    const surname = e.forms.find((f) => f.scheme === 'printed')?.form ?? e.name;
    props.forEach((p, i) => {
      queries.push(withLimit({ query: surname, properties: [p] }));
      if (i % 2 === 0) queries.push({ query: swapLast(surname), properties: [p, props[(i + 1) % props.length]!] });
      if (i % 3 === 0) queries.push({ properties: [p], ...(i % 2 ? { type: e.type } : {}) });
    });
    queries.push({ query: surname, properties: props.slice(0, 3), type: e.type });
    queries.push({ properties: [{ pid: 'id', v: [e.id, 'person/nobody'] }] });
    if (e.qid) queries.push({ properties: [{ pid: 'qid', v: e.qid }], type_strict: 'should' });
  }
  // names every client types, and edge cases
  for (const s of [
    'Kosior',
    'Kaganovich',
    'Kaganovič',
    'Каганович',
    'Пятаков',
    'Pyatakov',
    'Pjatakow',
    'Piatakoff',
    'Иванов',
    'chairman',
    'chairman of the',
    'chairman of the board of',
    'deputy chairman of the council',
    'commissar of trade',
    'of the',
    'the',
    'of',
    'a',
    'zz',
    '!!!',
    '1930',
    'Q1',
    'Molotov Kaganovich',
    'x'.repeat(300),
    'Moskva',
    'moscow',
    'MOSCOW',
  ])
    for (const extra of [{}, { limit: 100 }, { type: 'Person' }, { type: ['Post', 'Organization'] }])
      queries.push({ query: s, ...extra });
  for (const t of ['Person', `${NS.sl}Place`, 'sl:Post', ['Organization', 'Post']])
    queries.push({ query: 'central', type: t }, { properties: [{ pid: 'year', v: 1932 }], type: t, limit: 100 });
  queries.push(
    { properties: [{ pid: 'year', v: 1930 }], limit: 100 },
    { query: '', properties: [{ pid: 'qid', v: 'Q1' }] },
  );
  const batches: unknown[] = [];
  for (let i = 0; i < queries.length; i += 100)
    batches.push(Object.fromEntries(queries.slice(i, i + 100).map((q, j) => [`q${i + j}`, q])));
  // batches the service refuses
  batches.push(
    Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`q${i}`, { query: 'Stalin' }])),
    { q0: { query: 'Stalin', type: 'Animal' } },
    { q0: { query: 'Stalin', properties: [{ pid: 'colour', v: 'red' }] } },
    { q0: { limit: 3 } },
    { q0: { query: 3 } },
    { q0: { query: 'x', extra: 1 } },
    [],
    { q0: { query: 'x', properties: [{ pid: 'post', v: [null] }] } },
  );
  return batches;
}

/** One batch's answer as the service sends it (the HTTP body of a match: Reconciler.matchText). */
export const answerText = (r: Reconciler, batch: unknown): string => r.matchText(batch);

/** A batch's answer text, or "!status message" when the service refuses the batch. */
export function answerOrRefusal(r: Reconciler, batch: unknown): string {
  try {
    return answerText(r, batch);
  } catch (e) {
    if (e instanceof HttpError) return `!${e.status} ${e.message}`;
    throw e;
  }
}

/** The golden of the current code. */
export function makeGolden(r: Reconciler, dumpHash: string): Golden {
  const entities: Record<string, Head> = {};
  const answers: Golden['answers'] = [];
  querySet(r.index).forEach((batch, b) => {
    let out: Record<string, { result: Candidate[] }>;
    try {
      out = JSON.parse(answerText(r, batch)) as typeof out;
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      answers.push([b, null, batch, `${e.status} ${e.message}`]);
      return;
    }
    for (const [k, q] of Object.entries(batch as Record<string, unknown>)) {
      const result = out[k]!.result;
      for (const c of result) {
        const head: Head = { name: c.name, ...(c.description ? { description: c.description } : {}), type: c.type };
        entities[c.id] ??= head;
        if (JSON.stringify(entities[c.id]) !== JSON.stringify(head)) throw new Error(`${c.id}: two heads`);
      }
      answers.push([
        b,
        k,
        q,
        result.map((c) => [c.id, c.score, c.match, ...c.features.map((f) => f.value)] as Compact),
      ]);
    }
  });
  const golden: Golden = { about: '', dump: dumpHash, entities: sortKeys(entities), answers };
  // the compact form must give back every answer byte for byte
  const rebuilt = rebuildAnswers(golden);
  querySet(r.index).forEach((batch, b) => {
    if (rebuilt.get(b) !== answerOrRefusal(r, batch))
      throw new Error(`batch ${b}: the compact golden does not rebuild the answer`);
  });
  return golden;
}

const sortKeys = <T>(o: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Per batch: the exact JSON text of its answer, or "!status message" for a refused batch. */
export function rebuildAnswers(g: Golden): Map<number, string> {
  const batches = new Map<number, Record<string, { result: Candidate[] }> | string>();
  for (const [b, k, , res] of g.answers) {
    if (k === null) {
      batches.set(b, `!${res as string}`);
      continue;
    }
    let out = batches.get(b) as Record<string, { result: Candidate[] }> | undefined;
    if (!out) batches.set(b, (out = {}));
    out[k] = {
      result: (res as Compact[]).map(([id, score, match, exact, ...more]) => {
        const h = g.entities[id]!;
        return {
          id,
          name: h.name,
          ...(h.description !== undefined ? { description: h.description } : {}),
          type: h.type,
          score,
          match,
          features: [{ id: 'name_exact', value: exact }, ...more.map((value) => ({ id: 'properties_matched', value }))],
        };
      }),
    };
  }
  return new Map([...batches].map(([b, v]) => [b, typeof v === 'string' ? v : JSON.stringify(v)]));
}

/** The golden as a file: one line per query, so that a diff shows which answers changed. */
export function goldenText(g: Golden): string {
  const about =
    'Answers of the reconciliation service (Reconciler.match) to test/reconcile-answers.ts querySet over build/stalin-letters.nt; written by npm run golden:reconcile, compared by test/serve/reconcile-answers.test.ts. A candidate: [id, score, match, name_exact, properties_matched?]; name, description and type per entity.';
  return (
    `{\n"about": ${JSON.stringify(about)},\n"dump": ${JSON.stringify(g.dump)},\n"entities": {\n` +
    Object.entries(g.entities)
      .map(([id, h]) => `${JSON.stringify(id)}: ${JSON.stringify(h)}`)
      .join(',\n') +
    '\n},\n"answers": [\n' +
    g.answers.map((a) => JSON.stringify(a)).join(',\n') +
    '\n]\n}\n'
  );
}
