// A small OWL 2 RL reasoner for the tests (the rules of the OWL 2 RL profile that can make a node belong to two
// disjoint classes, run to a fixpoint over ontology + data), and the disjointness check on its result:
//   cax-sco (subClassOf), cax-eqc1/2 (equivalentClass), prp-dom, prp-rng (named classes; a union gives no type),
//   prp-spo1 (subPropertyOf), prp-inv1/2 (inverseOf), scm-sco/scm-spo (transitivity, implied by the fixpoint);
//   cax-dw (disjointWith) and cax-adc (AllDisjointClasses) report violations instead of deriving owl:Nothing.
// Not a general reasoner: no sameAs, no property chains, no restrictions. Enough to catch a property whose domain
// makes a post an organisation (issue 17).

import N3 from 'n3';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
const OWL = 'http://www.w3.org/2002/07/owl#';
const RDF_FIRST = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#first';
const RDF_REST = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#rest';
const RDF_NIL = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#nil';

export interface Disjointness {
  node: string;
  classes: [string, string];
}

/** Types of every IRI or blank node after the rules above; `quads` are ontology and data together. */
export function inferTypes(quads: readonly N3.Quad[]): Map<string, Set<string>> {
  const store = new N3.Store([...quads]);
  const objs = (s: string, p: string): string[] => store.getObjects(s, p, null).map((o) => o.value);
  const named = (t: N3.Term): boolean => t.termType === 'NamedNode';

  // schema closures
  const closure = (p: string): Map<string, Set<string>> => {
    const up = new Map<string, Set<string>>();
    for (const q of store.getQuads(null, p, null, null)) {
      if (!named(q.subject) || !named(q.object)) continue;
      (up.get(q.subject.value) ?? up.set(q.subject.value, new Set()).get(q.subject.value)!).add(q.object.value);
    }
    // equivalences count both ways
    if (p === `${RDFS}subClassOf`) {
      for (const q of store.getQuads(null, `${OWL}equivalentClass`, null, null)) {
        if (!named(q.subject) || !named(q.object)) continue;
        (up.get(q.subject.value) ?? up.set(q.subject.value, new Set()).get(q.subject.value)!).add(q.object.value);
        (up.get(q.object.value) ?? up.set(q.object.value, new Set()).get(q.object.value)!).add(q.subject.value);
      }
    }
    let changed = true;
    while (changed) {
      changed = false;
      for (const set of up.values())
        for (const x of [...set])
          for (const y of up.get(x) ?? [])
            if (!set.has(y)) {
              set.add(y);
              changed = true;
            }
    }
    return up;
  };
  const superClasses = closure(`${RDFS}subClassOf`);
  const superProps = closure(`${RDFS}subPropertyOf`);
  const propsOf = (p: string): string[] => [p, ...(superProps.get(p) ?? [])];
  const domains = (p: string): string[] =>
    propsOf(p).flatMap((x) =>
      store
        .getObjects(x, `${RDFS}domain`, null)
        .filter(named)
        .map((o) => o.value),
    );
  const ranges = (p: string): string[] =>
    propsOf(p).flatMap((x) =>
      store
        .getObjects(x, `${RDFS}range`, null)
        .filter(named)
        .map((o) => o.value),
    );
  const inverses = new Map<string, string[]>();
  for (const q of store.getQuads(null, `${OWL}inverseOf`, null, null)) {
    inverses.set(q.subject.value, [...(inverses.get(q.subject.value) ?? []), q.object.value]);
    inverses.set(q.object.value, [...(inverses.get(q.object.value) ?? []), q.subject.value]);
  }

  const types = new Map<string, Set<string>>();
  const addType = (node: string, cls: string): void => {
    const set = types.get(node) ?? types.set(node, new Set()).get(node)!;
    set.add(cls);
    for (const s of superClasses.get(cls) ?? []) set.add(s);
  };
  const isSchema = (p: string): boolean => p.startsWith(RDFS) || p.startsWith(OWL) || p === RDF_FIRST || p === RDF_REST;
  for (const q of store.getQuads(null, null, null, null)) {
    const p = q.predicate.value;
    if (p === RDF_TYPE) {
      if (named(q.object)) addType(q.subject.value, q.object.value);
      continue;
    }
    if (isSchema(p)) continue;
    for (const d of domains(p)) addType(q.subject.value, d);
    if (q.object.termType !== 'Literal') {
      for (const r of ranges(p)) addType(q.object.value, r);
      // the inverse's domain types the object, its range the subject
      for (const inv of inverses.get(p) ?? []) {
        for (const d of domains(inv)) addType(q.object.value, d);
        for (const r of ranges(inv)) addType(q.subject.value, r);
      }
    }
  }
  void objs;
  return types;
}

/** Every node that belongs to two classes the ontology declares disjoint. */
export function disjointnessViolations(quads: readonly N3.Quad[]): Disjointness[] {
  const store = new N3.Store([...quads]);
  const list = (head: N3.Term): string[] => {
    const out: string[] = [];
    for (let n: N3.Term | undefined = head; n && n.value !== RDF_NIL; n = store.getObjects(n, RDF_REST, null)[0]) {
      const first = store.getObjects(n, RDF_FIRST, null)[0];
      if (!first) break;
      out.push(first.value);
    }
    return out;
  };
  const pairs: [string, string][] = [];
  for (const q of store.getQuads(null, `${OWL}disjointWith`, null, null)) pairs.push([q.subject.value, q.object.value]);
  for (const adc of store.getSubjects(RDF_TYPE, `${OWL}AllDisjointClasses`, null)) {
    const members = store.getObjects(adc, `${OWL}members`, null).flatMap(list);
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) pairs.push([members[i]!, members[j]!]);
  }
  const types = inferTypes(quads);
  const out: Disjointness[] = [];
  for (const [node, set] of [...types].sort(([a], [b]) => a.localeCompare(b))) {
    for (const [a, b] of pairs) if (set.has(a) && set.has(b)) out.push({ node, classes: [a, b] });
  }
  return out;
}
