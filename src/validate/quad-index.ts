// A read-only, in-memory index of one graph's triples, with the `match()` and `size` of an RDF/JS DatasetCore:
// all the SHACL engine asks of the data graph. Building it is a Map insertion per subject and predicate (the
// object and predicate indexes are built when first asked: the precheck needs neither), and a match
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
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

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
export function sameTerm(a: Term, b: Term): boolean {
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
  /** rdf:type quads by class (kept apart: the targets of class-based shapes are looked up this way). */
  private readonly byType = new Map<string, Matches>();
  // built on the first pattern that needs them (a precheck that proves every node conforming never does)
  private byObjectIndex?: Map<string, Map<string, Matches>>;
  private byPredicateIndex?: Map<string, Matches>;
  private readonly hubKeys = new WeakMap<Matches, Set<string>>();
  private lastSubject?: Term;
  private lastLists?: Map<string, Matches>;

  constructor(quads: Iterable<Quad>) {
    // sorted input comes in runs of one subject and predicate: the last lists are reused, not looked up again
    let lastSubject: Term = { termType: 'DefaultGraph', value: '' } as Term;
    let lastLists: Map<string, Matches> | undefined;
    let lastPredicate: string | undefined;
    let lastList: Matches | undefined;
    for (const q of quads) {
      let bs = lastLists;
      if (!bs || q.subject.value !== lastSubject.value || q.subject.termType !== lastSubject.termType) {
        const s = termKey(q.subject);
        bs = this.bySubject.get(s);
        if (!bs) this.bySubject.set(s, (bs = new Map()));
        lastSubject = q.subject;
        lastLists = bs;
        lastPredicate = undefined;
      }
      const p = q.predicate.value;
      let same = lastList;
      if (p !== lastPredicate || !same) {
        same = listOf(bs, p);
        lastPredicate = p;
        lastList = same;
      }
      // a duplicate can only be in its subject's list for that predicate: short, except on hubs, which get a key set
      if (this.seen(same, q)) continue;
      same.push(q);
      this.all.push(q);
      if (p === RDF_TYPE && q.object.termType !== 'Literal') listOf(this.byType, termKey(q.object)).push(q);
    }
    Object.freeze(this.all);
    for (const list of this.byType.values()) Object.freeze(list);
    for (const lists of this.bySubject.values()) for (const list of lists.values()) Object.freeze(list);
  }

  /** Object (not literal) → predicate → quads. */
  private get byObject(): Map<string, Map<string, Matches>> {
    if (this.byObjectIndex) return this.byObjectIndex;
    const index = new Map<string, Map<string, Matches>>();
    // literals are not indexed as objects: nothing looks a literal up that way but by accident (see find)
    for (const q of this.all) {
      if (q.object.termType === 'Literal') continue;
      const o = termKey(q.object);
      let bo = index.get(o);
      if (!bo) index.set(o, (bo = new Map()));
      listOf(bo, q.predicate.value).push(q);
    }
    for (const lists of index.values()) for (const list of lists.values()) Object.freeze(list);
    this.byObjectIndex = index;
    return index;
  }

  private get byPredicate(): Map<string, Matches> {
    if (this.byPredicateIndex) return this.byPredicateIndex;
    const index = new Map<string, Matches>();
    for (const q of this.all) listOf(index, q.predicate.value).push(q);
    for (const list of index.values()) Object.freeze(list);
    this.byPredicateIndex = index;
    return index;
  }

  /** The quads of `subject`, by predicate IRI (undefined: none): one look-up for all of a node's properties. */
  propertiesOf(subject: Term): ReadonlyMap<string, readonly Quad[]> | undefined {
    return this.bySubject.get(termKey(subject));
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
      // checks ask for one node's properties one after another: its lists are looked up once
      let bs = this.lastLists;
      if (subject !== this.lastSubject) {
        bs = this.bySubject.get(termKey(subject));
        this.lastSubject = subject;
        this.lastLists = bs;
      }
      if (!bs) return NONE;
      found = predicate ? (bs.get(predicate.value) ?? NONE) : flatten(bs);
      if (object) found = found.filter((q) => sameTerm(q.object, object)) as Matches;
    } else if (object?.termType === 'Literal') {
      found = (predicate ? (this.byPredicate.get(predicate.value) ?? NONE) : this.all).filter((q) =>
        sameTerm(q.object, object),
      ) as Matches;
    } else if (object && predicate?.value === RDF_TYPE) {
      found = this.byType.get(termKey(object)) ?? NONE;
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
