// How far from a focus node a set of shapes reads: the bound that makes validating only what changed exact
// (validate/incremental.ts).

import type { DatasetCore, Term } from '@rdfjs/types';
import { rdf } from '../rdf/graph.js';
import { NS } from '../rdf/vocab.js';
import { termKey } from './quad-index.js';

export const SH = 'http://www.w3.org/ns/shacl#';

const RDF_FIRST = `${NS.rdf}first`;
const RDF_REST = `${NS.rdf}rest`;
const RDF_NIL = `${NS.rdf}nil`;

// constraint parameters whose value is a shape (or a list of shapes) checked against the value nodes
const NESTED_ONE = ['node', 'not', 'qualifiedValueShape'].map((x) => SH + x);
const NESTED_LIST = ['or', 'xone', 'and'].map((x) => SH + x);
// what this bound cannot follow
const UNSUPPORTED = [
  'targetObjectsOf',
  'target',
  'sparql',
  'inversePath',
  'zeroOrMorePath',
  'oneOrMorePath',
  'zeroOrOnePath',
  'alternativePath',
];

/** The items of an RDF list in the shapes graph, or undefined when it is not a well-formed list (a node with no
 * or two rdf:first/rdf:rest, or endless). */
export function readList(shapes: DatasetCore, head: Term): Term[] | undefined {
  const objects = (s: Term, p: string): Term[] => [...shapes.match(s, rdf.namedNode(p))].map((q) => q.object);
  const out: Term[] = [];
  for (let n = head; n.value !== RDF_NIL || n.termType !== 'NamedNode'; ) {
    const first = objects(n, RDF_FIRST);
    const rest = objects(n, RDF_REST);
    if (first.length !== 1 || rest.length !== 1 || out.length > 10_000) return undefined;
    out.push(first[0]!);
    n = rest[0]!;
  }
  return out;
}

/**
 * How many forward steps from a focus node the shapes can read (0: only its own triples), or undefined when some
 * shape reads something this bound does not cover.
 */
export function shapeDepth(shapes: DatasetCore): number | undefined {
  const objects = (s: Term, p: string): Term[] => [...shapes.match(s, rdf.namedNode(p))].map((q) => q.object);
  for (const u of UNSUPPORTED) if (shapes.match(null, rdf.namedNode(SH + u)).size) return undefined;
  let unsupported = false;
  // a malformed list cannot be followed: no bound
  const list = (head: Term): Term[] => {
    const items = readList(shapes, head);
    if (!items) unsupported = true;
    return items ?? [];
  };
  const pathLength = (p: Term): number => {
    if (p.termType === 'NamedNode') return 1;
    const items = list(p);
    if (!items.length || items.some((i) => i.termType !== 'NamedNode')) unsupported = true;
    return items.length;
  };
  const visiting = new Set<string>();
  // the farthest distance read when `shape` is applied at distance `d`
  const reach = (shape: Term, d: number): number => {
    const key = `${termKey(shape)}@${d}`;
    if (visiting.has(key) || d > 64) {
      unsupported = true; // recursive shapes: no finite bound
      return d;
    }
    visiting.add(key);
    let far = d;
    const path = objects(shape, `${SH}path`)[0];
    const at = path ? d + pathLength(path) : d;
    // reading the path needs the triples of every node before its end
    if (path) far = Math.max(far, at - 1);
    if (objects(shape, `${SH}class`).length) far = Math.max(far, at);
    for (const p of objects(shape, `${SH}property`)) far = Math.max(far, reach(p, at));
    for (const n of NESTED_ONE) for (const s of objects(shape, n)) far = Math.max(far, reach(s, at));
    for (const n of NESTED_LIST)
      for (const l of objects(shape, n)) for (const s of list(l)) far = Math.max(far, reach(s, at));
    visiting.delete(key);
    return far;
  };
  let depth = 0;
  const roots = new Map<string, Term>();
  for (const target of ['targetClass', 'targetNode', 'targetSubjectsOf'])
    for (const q of shapes.match(null, rdf.namedNode(SH + target))) roots.set(termKey(q.subject), q.subject);
  for (const shape of roots.values()) depth = Math.max(depth, reach(shape, 0));
  return unsupported ? undefined : depth;
}
