// One RDF environment (rdf-ext) for the whole pipeline, and a small builder the mapping modules write into.
// The builder also remembers, for every subject, the corpus file and line it came from, so a SHACL violation
// can be traced back to what a curator has to fix.

import { rdf } from './env.js';
import type { BlankNode, NamedNode, Literal, Quad } from '@rdfjs/types';
import { NS, XSD, RDF } from './vocab.js';
import type { BaseIri } from '../core/iri.js';
import type { Src } from '../model/types.js';

export { rdf };

export { DEFAULT_BASE_IRI } from './vocab.js';

export type Obj = NamedNode | BlankNode | Literal;

export class GraphBuilder {
  readonly quads: Quad[] = [];
  /** Subject IRI → where it came from. */
  readonly sources = new Map<string, Src>();
  private readonly named = new Map<string, NamedNode>();
  /** Corpus folder as named in the model's `src` paths; published paths start with `corpus/` wherever it was. */
  corpusRoot = 'corpus';

  /** `base` was checked where it entered (parseBaseIri). */
  constructor(readonly base: BaseIri) {}

  /** A node IRI from a path below the base IRI (`letter/molotov-55`). */
  node(path: string): NamedNode {
    return this.iri(this.base + path);
  }

  iri(value: string): NamedNode {
    const known = this.named.get(value);
    if (known) return known;
    const n: NamedNode = rdf.namedNode(value);
    this.named.set(value, n);
    return n;
  }

  add(s: NamedNode | BlankNode, p: string, o: Obj | undefined): void {
    if (o !== undefined) this.quads.push(rdf.quad(s, this.iri(p), o));
  }

  type(s: NamedNode, cls: string, src?: Src): void {
    this.add(s, RDF.type, this.iri(cls));
    if (src && !this.sources.has(s.value)) this.sources.set(s.value, src);
  }

  str(value: string | undefined): Literal | undefined {
    return value === undefined ? undefined : rdf.literal(value);
  }

  en(value: string | undefined): Literal | undefined {
    return value === undefined ? undefined : rdf.literal(value, 'en');
  }

  lang(value: string | undefined, tag: string): Literal | undefined {
    return value === undefined ? undefined : rdf.literal(value, tag);
  }

  int(value: number | undefined): Literal | undefined {
    return value === undefined ? undefined : rdf.literal(String(value), this.iri(XSD.integer));
  }

  date(value: string | undefined): Literal | undefined {
    return value === undefined ? undefined : rdf.literal(value, this.iri(XSD.date));
  }

  gYear(value: number | undefined): Literal | undefined {
    return value === undefined ? undefined : rdf.literal(String(value).padStart(4, '0'), this.iri(XSD.gYear));
  }

  bool(value: boolean | undefined): Literal | undefined {
    return value === undefined ? undefined : rdf.literal(String(value), this.iri(XSD.boolean));
  }

  /** A corpus path as published: independent of the folder the corpus was read from. */
  sourcePath(file: string): Literal {
    return rdf.literal(
      file.startsWith(`${this.corpusRoot}/`) ? `corpus/${file.slice(this.corpusRoot.length + 1)}` : file,
    );
  }

  /** A typed literal of any datatype. */
  typed(value: string | number | undefined, datatype: string): Literal | undefined {
    return value === undefined ? undefined : rdf.literal(String(value), this.iri(datatype));
  }

  /** A blank node with a label of the caller's (deterministic across runs). */
  blank(label: string): BlankNode {
    return rdf.blankNode(label);
  }

  wikidata(qid: string): NamedNode {
    return this.iri(NS.wd + qid);
  }
}
