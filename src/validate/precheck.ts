// A quick proof that a focus node conforms, so that the SHACL engine runs only on the nodes that may not.
//
// Why. shacl-engine builds path lists, contexts and term sets for every value it checks: 19 µs a triple, 22 s of
// a 1 M-triple build, nearly all of it on nodes that conform. Here each shape is compiled once into plain checks
// over the read-only index (validate/quad-index.ts), which answer PASS, FAIL or UNKNOWN for one node.
//
// Why the results stay the engine's. PASS is answered only when the engine, running the same constraint
// component the same way (the same datatype validation, term comparison and class sets, read from shacl-engine
// and rdf-validation), would report nothing; anything this module does not follow exactly (a component or path it
// does not know, sh:severity, sh:deactivated, SPARQL, a stateful regular expression) is UNKNOWN. Every node that is
// not PASS goes to the engine, and every result is the engine's. The targets are the engine's too: class targets
// read rdfs:subClassOf in the shapes graph, as shacl-engine does, and a node shape is also a class target of
// itself. test/validate/precheck.test.ts compares the results with a plain engine run on every fixture and after
// random edits, and each check with the engine's verdict on generated values.

import type { DatasetCore, Literal, Term } from '@rdfjs/types';
import { XsdValidation } from 'rdf-validation';
import compareTerms from 'shacl-engine/lib/compareTerms.js';
import { NS } from '../rdf/vocab.js';
import { rdf } from '../rdf/graph.js';
import { readList, SH } from './depth.js';
import { type QuadIndex, sameTerm, termKey } from './quad-index.js';

const RDF_TYPE = rdf.namedNode(`${NS.rdf}type`);
const SUBCLASS = `${NS.rdfs}subClassOf`;

export const PASS = 0;
export const FAIL = 1;
export const UNKNOWN = 2;
/** PASS: the engine reports nothing; FAIL: it reports something; UNKNOWN: ask the engine. */
export type Verdict = typeof PASS | typeof FAIL | typeof UNKNOWN;

type Check = (node: Term, data: QuadIndex) => Verdict;
type ValueCheck = (value: Term, data: QuadIndex) => Verdict;

/** Predicates on a shape that constrain nothing (or only choose targets, which are read apart). */
const INERT = new Set(
  [
    'message',
    'name',
    'description',
    'order',
    'group',
    'defaultValue',
    'targetClass',
    'targetNode',
    'targetSubjectsOf',
    'targetObjectsOf',
    'path',
    'flags',
  ]
    .map((x) => SH + x)
    .concat([`${NS.rdf}type`, `${NS.rdfs}label`, `${NS.rdfs}comment`]),
);

const NODE_KINDS: Record<string, string[]> = {
  BlankNode: ['BlankNode'],
  BlankNodeOrIRI: ['BlankNode', 'NamedNode'],
  BlankNodeOrLiteral: ['BlankNode', 'Literal'],
  IRI: ['NamedNode'],
  IRIOrLiteral: ['NamedNode', 'Literal'],
  Literal: ['Literal'],
};

/** All PASS → PASS; any FAIL → FAIL; else UNKNOWN (every constraint of a shape must hold). */
function all(verdicts: Iterable<Verdict>): Verdict {
  let v: Verdict = PASS;
  for (const x of verdicts) {
    if (x === FAIL) return FAIL;
    if (x === UNKNOWN) v = UNKNOWN;
  }
  return v;
}

const always =
  (v: Verdict): Check =>
  () =>
    v;

/** One root shape as the engine applies it: its targets in the data graph, and the check of one focus node. */
export interface RootShape {
  shape: Term;
  /** The engine's targets (undefined: targets this module cannot list, e.g. SPARQL-based). */
  targets(data: QuadIndex): Term[] | undefined;
  /** Whether the engine targets `node` (undefined: cannot tell). */
  targets1(node: Term, data: QuadIndex): boolean | undefined;
  check: Check;
}

/** The shapes graph compiled once; `roots` are the shapes the engine applies to their targets. */
export class Precheck {
  readonly roots: RootShape[];
  private readonly compiled = new Map<string, Check>();
  private readonly xsd = new XsdValidation();

  constructor(private readonly shapes: DatasetCore) {
    const roots = new Map<string, Term>();
    const rootPredicates = ['targetClass', 'targetNode', 'targetObjectsOf', 'targetSubjectsOf', 'target'];
    for (const p of rootPredicates)
      for (const q of shapes.match(null, rdf.namedNode(SH + p))) roots.set(termKey(q.subject), q.subject);
    for (const cls of ['NodeShape', 'PropertyShape'])
      for (const q of shapes.match(null, RDF_TYPE, rdf.namedNode(SH + cls))) roots.set(termKey(q.subject), q.subject);
    this.roots = [...roots.values()].map((shape) => this.root(shape));
  }

  private objects(s: Term, p: string): Term[] {
    return [...this.shapes.match(s, rdf.namedNode(p))].map((q) => q.object);
  }

  private list(head: Term): Term[] | undefined {
    return readList(this.shapes, head);
  }

  /** The classes whose instances a class set holds: each class and its subclasses in the shapes graph (as
   * shacl-engine's resolveClasses reads them). */
  private classClosure(classes: Term[]): Map<string, Term> {
    const out = new Map<string, Term>();
    const todo = [...classes];
    while (todo.length) {
      const c = todo.pop()!;
      const key = termKey(c);
      if (out.has(key)) continue;
      out.set(key, c);
      for (const q of this.shapes.match(null, rdf.namedNode(SUBCLASS), c)) todo.push(q.subject);
    }
    return out;
  }

  private root(shape: Term): RootShape {
    const isNodeShape = this.shapes.match(shape, RDF_TYPE, rdf.namedNode(`${SH}NodeShape`)).size > 0;
    const classes = this.classClosure([...(isNodeShape ? [shape] : []), ...this.objects(shape, `${SH}targetClass`)]);
    const nodes = this.objects(shape, `${SH}targetNode`);
    const subjectsOf = this.objects(shape, `${SH}targetSubjectsOf`);
    const objectsOf = this.objects(shape, `${SH}targetObjectsOf`);
    const listable = this.objects(shape, `${SH}target`).length === 0;
    const typed = (node: Term, data: QuadIndex): boolean =>
      data.find(node, RDF_TYPE).some((q) => classes.has(termKey(q.object)));
    return {
      shape,
      check: this.compile(shape),
      targets: (data) => {
        if (!listable) return undefined;
        const found = new Map<string, Term>();
        const add = (t: Term): void => {
          const k = termKey(t);
          if (!found.has(k)) found.set(k, t);
        };
        for (const c of classes.values()) for (const q of data.find(null, RDF_TYPE, c)) add(q.subject);
        for (const n of nodes) add(n);
        for (const p of objectsOf) for (const q of data.find(null, p)) add(q.object);
        for (const p of subjectsOf) for (const q of data.find(null, p)) add(q.subject);
        return [...found.values()];
      },
      targets1: (node, data) => {
        if (!listable) return undefined;
        return (
          typed(node, data) ||
          nodes.some((n) => sameTerm(n, node)) ||
          subjectsOf.some((p) => data.find(node, p).length > 0) ||
          objectsOf.some((p) => data.find(null, p, node).length > 0)
        );
      },
    };
  }

  /** The check of a shape, compiled once (a shape that refers back to itself is UNKNOWN while it is compiled). */
  private compile(shape: Term): Check {
    const key = termKey(shape);
    const known = this.compiled.get(key);
    if (known) return known;
    let ready: Check | undefined;
    this.compiled.set(key, (node, data) => (ready ? ready(node, data) : UNKNOWN));
    ready = this.build(shape);
    this.compiled.set(key, ready);
    return ready;
  }

  private shapeList(head: Term): Check[] | undefined {
    return this.list(head)?.map((s) => this.compile(s));
  }

  private build(shape: Term): Check {
    const params = [...this.shapes.match(shape)];
    const one = (p: string): Term | undefined => params.find((q) => q.predicate.value === SH + p)?.object;
    for (const q of params)
      if (!INERT.has(q.predicate.value) && !COMPONENTS.has(q.predicate.value)) return always(UNKNOWN);
    // a repeated parameter (two sh:datatype) is applied by the engine to its first value only: not followed here
    const seen = new Set<string>();
    for (const q of params)
      if (COMPONENTS.has(q.predicate.value) && !MANY.has(q.predicate.value)) {
        if (seen.has(q.predicate.value)) return always(UNKNOWN);
        seen.add(q.predicate.value);
      }
    if (params.some((q) => q.predicate.value === `${SH}flags`) && !one('pattern')) return always(UNKNOWN);

    const generic: ValueCheck[] = [];
    for (const q of params) {
      const local = q.predicate.value.slice(SH.length);
      const o = q.object;
      switch (local) {
        case 'class': {
          const set = this.classClosure([o]);
          generic.push((v, data) => (data.find(v, RDF_TYPE).some((t) => set.has(termKey(t.object))) ? PASS : FAIL));
          break;
        }
        case 'datatype':
          generic.push((v) =>
            v.termType === 'Literal' && v.datatype.value === o.value && o.termType === 'NamedNode'
              ? this.xsd.validateSimple(v)
                ? PASS
                : FAIL
              : FAIL,
          );
          break;
        case 'nodeKind': {
          const kinds = o.value.startsWith(SH) ? NODE_KINDS[o.value.slice(SH.length)] : undefined;
          if (!kinds) return always(UNKNOWN);
          generic.push((v) => (kinds.includes(v.termType) ? PASS : FAIL));
          break;
        }
        case 'in': {
          const items = this.list(o);
          if (!items) return always(UNKNOWN);
          generic.push((v) => (items.some((i) => sameTerm(i, v)) ? PASS : FAIL));
          break;
        }
        case 'pattern': {
          const flags = one('flags')?.value;
          if (flags !== undefined && /[gy]/.test(flags)) return always(UNKNOWN); // lastIndex would carry over
          let re: RegExp;
          try {
            re = new RegExp(o.value, flags);
          } catch {
            return always(UNKNOWN);
          }
          generic.push((v) => (re.test(v.value) ? PASS : FAIL));
          break;
        }
        case 'languageIn': {
          const items = this.list(o);
          if (!items) return always(UNKNOWN);
          const tags = [...new Set(items.map((i) => i.value))];
          // shacl-engine's languageMatch: a prefix of the tag, as written
          generic.push((v) => {
            const lang = (v as Literal).language;
            return lang && tags.some((t) => lang.slice(0, t.length) === t) ? PASS : FAIL;
          });
          break;
        }
        case 'minInclusive':
        case 'maxInclusive':
        case 'minExclusive':
        case 'maxExclusive': {
          const holds = {
            minInclusive: (c: number) => c >= 0,
            maxInclusive: (c: number) => c <= 0,
            minExclusive: (c: number) => c > 0,
            maxExclusive: (c: number) => c < 0,
          }[local];
          generic.push((v) => {
            const c = compareTerms(v, o);
            return c !== null && holds(c) ? PASS : FAIL;
          });
          break;
        }
        case 'node': {
          const check = this.compile(o);
          generic.push((v, data) => check(v, data));
          break;
        }
        case 'property': {
          const check = this.compile(o);
          generic.push((v, data) => check(v, data));
          break;
        }
        case 'and':
        case 'or':
        case 'xone':
        case 'not': {
          const shapes = local === 'not' ? [this.compile(o)] : this.shapeList(o);
          if (!shapes) return always(UNKNOWN);
          generic.push(logical(local, shapes));
          break;
        }
      }
    }

    const pathTerm = one('path');
    if (!pathTerm) {
      // a node shape: its generic checks apply to the node itself; counts and pairs are not applied by the engine
      if (params.some((q) => PROPERTY_ONLY.has(q.predicate.value))) return always(UNKNOWN);
      const hasValue = one('hasValue');
      return (node, data) =>
        all([
          ...(hasValue ? [sameTerm(hasValue, node) ? PASS : FAIL] : []),
          ...generic.map((g) => g(node, data)),
        ] as Verdict[]);
    }
    const path = this.path(pathTerm);
    if (!path) return always(UNKNOWN);
    const min = one('minCount');
    const max = one('maxCount');
    const minCount = min ? Number.parseInt(min.value, 10) : undefined;
    const maxCount = max ? Number.parseInt(max.value, 10) : undefined;
    const hasValue = one('hasValue');
    const pairs = (['lessThan', 'lessThanOrEquals'] as const)
      .map((p) => ({ p, other: one(p) }))
      .filter((x): x is { p: 'lessThan' | 'lessThanOrEquals'; other: Term } => x.other !== undefined);
    if (pairs.some((x) => x.other.termType !== 'NamedNode')) return always(UNKNOWN);
    return (node, data) => {
      const values = path(node, data);
      let v: Verdict = PASS;
      const fold = (x: Verdict): boolean => {
        if (x === FAIL) v = FAIL;
        else if (x === UNKNOWN && v === PASS) v = UNKNOWN;
        return v === FAIL;
      };
      if (minCount !== undefined && fold(values.length >= minCount ? PASS : FAIL)) return FAIL;
      if (maxCount !== undefined && fold(values.length <= maxCount ? PASS : FAIL)) return FAIL;
      if (hasValue && fold(values.some((x) => sameTerm(x.object, hasValue)) ? PASS : FAIL)) return FAIL;
      for (const { p, other } of pairs) {
        const refs = data.find(node, other);
        for (const x of values)
          for (const r of refs) {
            const c = compareTerms(x.object, r.object);
            if (fold(c === null || (p === 'lessThan' ? c >= 0 : c > 0) ? FAIL : PASS)) return FAIL;
          }
      }
      for (const x of values) for (const g of generic) if (fold(g(x.object, data))) return FAIL;
      return v;
    };
  }

  /** A path the engine follows as this does: an IRI, or a sequence of IRIs; the values (`object`s) are distinct.
   * An IRI's values are the index's own list of quads, so most checks allocate nothing. */
  private path(p: Term): ((node: Term, data: QuadIndex) => readonly { object: Term }[]) | undefined {
    if (p.termType === 'NamedNode') return (node, data) => data.find(node, p);
    const steps = this.list(p);
    if (!steps?.length || steps.some((s) => s.termType !== 'NamedNode')) return undefined;
    return (node, data) => {
      let at: Term[] = [node];
      for (const step of steps) {
        const next = new Map<string, Term>();
        for (const n of at) for (const q of data.find(n, step)) next.set(termKey(q.object), q.object);
        at = [...next.values()];
      }
      return at.map((object) => ({ object }));
    };
  }
}

/** The constraint components this module follows (every other sh: parameter makes a shape UNKNOWN). */
const COMPONENTS = new Set(
  [
    'class',
    'datatype',
    'nodeKind',
    'in',
    'pattern',
    'languageIn',
    'minInclusive',
    'maxInclusive',
    'minExclusive',
    'maxExclusive',
    'node',
    'property',
    'and',
    'or',
    'xone',
    'not',
    'minCount',
    'maxCount',
    'hasValue',
    'lessThan',
    'lessThanOrEquals',
  ].map((x) => SH + x),
);
/** Parameters the engine applies once per value given (each sh:property, sh:node, sh:class); two sh:or lists it
 * joins into one, so a repeated logical parameter, like any other, is UNKNOWN. */
const MANY = new Set(['property', 'node', 'class'].map((x) => SH + x));
/** Parameters the engine applies on property shapes only. */
const PROPERTY_ONLY = new Set(['minCount', 'maxCount', 'lessThan', 'lessThanOrEquals'].map((x) => SH + x));

function logical(kind: 'and' | 'or' | 'xone' | 'not', shapes: Check[]): ValueCheck {
  return (v, data) => {
    const verdicts = shapes.map((s) => s(v, data));
    const passes = verdicts.filter((x) => x === PASS).length;
    const unknown = verdicts.includes(UNKNOWN);
    switch (kind) {
      case 'and':
        return all(verdicts);
      case 'or':
        return passes > 0 ? PASS : unknown ? UNKNOWN : FAIL;
      case 'not':
        return verdicts[0] === PASS ? FAIL : verdicts[0] === FAIL ? PASS : UNKNOWN;
      case 'xone':
        return unknown ? UNKNOWN : passes === 1 ? PASS : FAIL;
    }
  };
}
