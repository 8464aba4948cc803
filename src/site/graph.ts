// The built graph, read back for the site: every quad indexed by subject and by object, with the few look-ups the
// pages need (values of a property, labels, types). Pages are written from the graph, not the model, so that the
// site shows exactly what the dumps say.

import N3 from 'n3';
import type { DataFactory } from '@rdfjs/types';
import type { Quad, Term } from '@rdfjs/types';
import { NS, RDF, RDFS, SL } from '../rdf/vocab.js';
import { rdf } from '../rdf/env.js';
import type { BaseIri } from '../core/iri.js';

export class SiteGraph {
  readonly bySubject = new Map<string, Quad[]>();
  readonly byObject = new Map<string, Quad[]>();
  private readonly labels = new Map<string, string>();

  constructor(readonly base: BaseIri) {}

  /** Adds quads (N-Triples or Turtle text). */
  load(text: string, format: 'N-Triples' | 'Turtle', blankNodesUnder?: string): void {
    const quads = new N3.Parser({ format, factory: this.factory as unknown as DataFactory }).parse(text) as Quad[];
    // the dumps have no blank nodes; VoID's class partitions do: they become fragments of the page they describe
    // N3 names blank nodes from a counter shared by every parse in the process: they are numbered here afresh, in
    // the order they appear, so that a second site written by the same process is the same (as a fresh one's)
    const numbers = new Map<string, string>();
    const skolem = (t: Term): Term => {
      if (t.termType !== 'BlankNode' || !blankNodesUnder) return t;
      let n = numbers.get(t.value);
      if (n === undefined) numbers.set(t.value, (n = `n3-${numbers.size}`));
      return this.factory.namedNode(`${blankNodesUnder}#${n}`);
    };
    for (const q of quads) {
      this.add(
        blankNodesUnder
          ? (rdf.quad(
              skolem(q.subject) as N3.Quad_Subject,
              q.predicate as N3.Quad_Predicate,
              skolem(q.object) as N3.Quad_Object,
            ) as Quad)
          : q,
      );
    }
  }

  // The parser's terms. N3's own compute a literal's value, language and datatype from its id on every read (a new
  // datatype node each time), and make a new node for every IRI it reads: the pages and the three descriptions of
  // every thing read them thousands of times, so literals get plain fields (with N3's lower-cased language tags) and
  // each IRI one node. Blank nodes stay N3's (its names).
  private readonly iris = new Map<string, N3.NamedNode>();
  private readonly factory = {
    namedNode: (iri: string): N3.NamedNode => {
      let n = this.iris.get(iri);
      if (!n) this.iris.set(iri, (n = rdf.namedNode(iri) as unknown as N3.NamedNode));
      return n;
    },
    blankNode: (name?: string) => N3.DataFactory.blankNode(name),
    variable: (name: string) => rdf.variable(name),
    defaultGraph: () => rdf.defaultGraph(),
    quad: (s: Term, p: Term, o: Term, g?: Term) =>
      rdf.quad(s as N3.Quad_Subject, p as N3.Quad_Predicate, o as N3.Quad_Object, g as N3.Quad_Graph),
    literal: (value: string, languageOrDatatype?: string | Term | { language: string; direction?: string }) =>
      typeof languageOrDatatype === 'string'
        ? rdf.literal(value, languageOrDatatype.toLowerCase())
        : languageOrDatatype === undefined
          ? rdf.literal(value)
          : 'termType' in languageOrDatatype
            ? rdf.literal(value, languageOrDatatype as N3.NamedNode)
            : rdf.literal(value, {
                language: languageOrDatatype.language.toLowerCase(),
                ...(languageOrDatatype.direction ? { direction: languageOrDatatype.direction.toLowerCase() } : {}),
              } as never),
  };

  add(q: Quad): void {
    const s = q.subject.value;
    let list = this.bySubject.get(s);
    if (!list) {
      this.bySubject.set(s, (list = []));
      this.local = undefined;
    }
    list.push(q);
    if (q.object.termType === 'NamedNode') {
      if (q.predicate.value === RDF.type) this.members.delete(q.object.value);
      let back = this.byObject.get(q.object.value);
      if (!back) this.byObject.set(q.object.value, (back = []));
      back.push(q);
    }
  }

  quads(s: string): Quad[] {
    return this.bySubject.get(s) ?? [];
  }

  // loops rather than filter and map: the pages call these some hundred thousand times, mostly for one value

  objects(s: string, p: string): Term[] {
    const out: Term[] = [];
    for (const q of this.quads(s)) if (q.predicate.value === p) out.push(q.object);
    return out;
  }

  /** IRIs that are objects of `p` on `s`. */
  links(s: string, p: string): string[] {
    const out: string[] = [];
    for (const q of this.quads(s))
      if (q.predicate.value === p && q.object.termType === 'NamedNode') out.push(q.object.value);
    return out;
  }

  /** Subjects that point at `o` with `p`. */
  subjects(p: string, o: string): string[] {
    const out: string[] = [];
    for (const q of this.byObject.get(o) ?? []) if (q.predicate.value === p) out.push(q.subject.value);
    return out;
  }

  value(s: string, p: string): string | undefined {
    for (const q of this.quads(s)) if (q.predicate.value === p) return q.object.value;
    return undefined;
  }

  values(s: string, p: string): string[] {
    const out: string[] = [];
    for (const q of this.quads(s)) if (q.predicate.value === p) out.push(q.object.value);
    return out;
  }

  num(s: string, p: string): number | undefined {
    const v = this.value(s, p);
    return v === undefined ? undefined : Number(v);
  }

  types(s: string): string[] {
    return this.links(s, RDF.type);
  }

  // the members of each class, from the index by object: the pages ask for a few classes of thousands of things
  private readonly members = new Map<string, Set<string>>();
  is(s: string, cls: string): boolean {
    let m = this.members.get(cls);
    if (!m) this.members.set(cls, (m = new Set(this.subjects(RDF.type, cls))));
    return m.has(s);
  }

  /** A human label: rdfs:label, the preferred name, a title, or the IRI's last segments. */
  label(iri: string): string {
    let l = this.labels.get(iri);
    if (l === undefined) {
      l =
        this.value(iri, RDFS.label) ??
        this.value(iri, SL.preferredName) ??
        this.value(iri, `${NS.dcterms}title`) ??
        this.value(iri, `${NS.skos}prefLabel`) ??
        fallbackLabel(iri, this.base);
      this.labels.set(iri, l);
    }
    return l;
  }

  /** Every subject under the base IRI, sorted. */
  localSubjects(): string[] {
    this.local ??= [...this.bySubject.keys()].filter((s) => s.startsWith(this.base)).sort();
    return [...this.local];
  }
  // sorted once (the site asks several times), again after a new subject is added
  private local: string[] | undefined;
}

function fallbackLabel(iri: string, base: BaseIri): string {
  if (iri.startsWith(NS.sl)) return `sl:${iri.slice(NS.sl.length)}`;
  if (iri.startsWith(base)) return iri.slice(base.length) || 'home';
  return iri;
}
