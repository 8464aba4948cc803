// A read-only, in-memory index of one graph's triples, with the `match()` and `size` of an RDF/JS DatasetCore:
// all the SHACL engine asks of the data graph. Building it is a few Map insertions per triple, and a match
// returns a stored array, where an N3 Store builds an id index (string keys per term) and answers each match
// with a new stream object. On the shipped corpus that halved the cold validation time (bench/results.md, second
// session); the graph is never changed during validation, so nothing else is needed.

import type { DatasetCore, Quad, Term } from '@rdfjs/types';

/** A result list: an array that also answers `size`, as the engine reads it in places (sh:disjoint). */
class Matches extends Array<Quad> {
  get size(): number {
    return this.length;
  }
}

const NONE: Matches = Object.freeze(new Matches()) as Matches;

/** Equal keys for equal terms (RDF/JS `equals`), whatever the term implementation. */
export function termKey(t: Term): string {
  switch (t.termType) {
    case 'NamedNode':
      return t.value;
    case 'BlankNode':
      return `_:${t.value}`;
    case 'Literal':
      return `"${t.value}"@${t.language}^^${t.datatype.value}`;
    case 'DefaultGraph':
      return '';
    default:
      return `?${t.termType}:${t.value}`;
  }
}

function listOf(map: Map<string, Matches>, key: string): Matches {
  let list = map.get(key);
  if (!list) map.set(key, (list = new Matches()));
  return list;
}

function flatten(byPredicate: Map<string, Matches>): Matches {
  const out = new Matches();
  for (const list of byPredicate.values()) for (const q of list) out.push(q);
  return out;
}

/** RDF/JS term equality, without building keys (literal values can be whole paragraphs). */
function sameTerm(a: Term, b: Term): boolean {
  if (a.termType !== b.termType || a.value !== b.value) return false;
  return (
    a.termType !== 'Literal' ||
    (a.language === (b as typeof a).language && a.datatype.value === (b as typeof a).datatype.value)
  );
}

const sameTriple = (a: Quad, b: Quad): boolean => sameTerm(a.object, b.object) && sameTerm(a.graph, b.graph);
/** Object and graph as one key, for the lists long enough to need a set. */
const tripleKey = (q: Quad): string => `${termKey(q.object)} ${termKey(q.graph)}`;
/** From this many quads of one subject and predicate on, duplicates are found with a key set. */
const HUB = 32;

/**
 * The quads, indexed by subject → predicate, object (not literal) → predicate and predicate; a literal object
 * or a graph in the pattern filters the candidates. Duplicates are dropped, so `size` and `match` agree with any
 * RDF/JS dataset holding the same quads. The lists are frozen: a caller that tried to change one would throw
 * rather than corrupt the index.
 */
export class QuadIndex implements Pick<DatasetCore, 'size' | 'match' | 'has' | typeof Symbol.iterator> {
  private readonly all = new Matches();
  private readonly bySubject = new Map<string, Map<string, Matches>>();
  private readonly byObject = new Map<string, Map<string, Matches>>();
  private readonly byPredicate = new Map<string, Matches>();
  private readonly hubKeys = new WeakMap<Matches, Set<string>>();

  constructor(quads: Iterable<Quad>) {
    for (const q of quads) {
      const s = termKey(q.subject);
      let bs = this.bySubject.get(s);
      if (!bs) this.bySubject.set(s, (bs = new Map()));
      // a duplicate can only be in its subject's list for that predicate: short, except on hubs, which get a key set
      const same = listOf(bs, q.predicate.value);
      if (this.seen(same, q)) continue;
      same.push(q);
      this.all.push(q);
      listOf(this.byPredicate, q.predicate.value).push(q);
      // literals are not indexed as objects: nothing looks a literal up that way but by accident (see find)
      if (q.object.termType === 'Literal') continue;
      const o = termKey(q.object);
      let bo = this.byObject.get(o);
      if (!bo) this.byObject.set(o, (bo = new Map()));
      listOf(bo, q.predicate.value).push(q);
    }
    Object.freeze(this.all);
    for (const list of this.byPredicate.values()) Object.freeze(list);
    for (const index of [this.bySubject, this.byObject])
      for (const lists of index.values()) for (const list of lists.values()) Object.freeze(list);
  }

  get size(): number {
    return this.all.length;
  }

  /** Whether `list` (a subject's quads for one predicate) already holds the triple of `q`. */
  private seen(list: Matches, q: Quad): boolean {
    if (list.length < HUB) return list.some((other) => sameTriple(q, other));
    let keys = this.hubKeys.get(list);
    if (!keys) this.hubKeys.set(list, (keys = new Set(list.map(tripleKey))));
    const key = tripleKey(q);
    if (keys.has(key)) return true;
    keys.add(key);
    return false;
  }

  [Symbol.iterator](): Iterator<Quad> {
    return this.all[Symbol.iterator]();
  }

  has(q: Quad): boolean {
    return (
      this.bySubject
        .get(termKey(q.subject))
        ?.get(q.predicate.value)
        ?.some((other) => sameTriple(q, other)) ?? false
    );
  }

  /** The quads matching the pattern (null/undefined = any). The array is shared: callers only iterate it. */
  match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): DatasetCore {
    return this.find(subject, predicate, object, graph) as unknown as DatasetCore;
  }

  find(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): Matches {
    // a predicate that is not an IRI (or a literal subject) matches nothing, as in any dataset
    if (predicate && predicate.termType !== 'NamedNode') return NONE;
    let found: Matches;
    if (subject) {
      const bs = this.bySubject.get(termKey(subject));
      if (!bs) return NONE;
      found = predicate ? (bs.get(predicate.value) ?? NONE) : flatten(bs);
      if (object) found = found.filter((q) => sameTerm(q.object, object)) as Matches;
    } else if (object?.termType === 'Literal') {
      found = (predicate ? (this.byPredicate.get(predicate.value) ?? NONE) : this.all).filter((q) =>
        sameTerm(q.object, object),
      ) as Matches;
    } else if (object) {
      const bo = this.byObject.get(termKey(object));
      if (!bo) return NONE;
      found = predicate ? (bo.get(predicate.value) ?? NONE) : flatten(bo);
    } else if (predicate) {
      found = this.byPredicate.get(predicate.value) ?? NONE;
    } else {
      found = this.all;
    }
    if (graph) found = found.filter((q) => sameTerm(q.graph, graph)) as Matches;
    return found;
  }
}
