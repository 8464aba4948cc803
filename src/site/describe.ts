// The description of one thing, as its .ttl, .jsonld and .nt documents give it: its own statements, the labels of
// what it links to (so a reader of one document sees names, not bare IRIs), and its evidence records in full.

import type { Quad } from '@rdfjs/types';
import { RDF, RDFS, SL } from '../rdf/vocab.js';
import { buildContext, toJsonLd } from '../rdf/serialise/jsonld.js';
import { toNTriples } from '../rdf/serialise/ntriples.js';
import { sortQuads } from '../rdf/serialise/terms.js';
import { toTurtle } from '../rdf/serialise/turtle.js';
import type { SiteGraph } from './graph.js';
import type { BaseIri } from '../core/iri.js';

// described in full: evidence records, and a person's generated name forms (hash IRIs in the person's document)
const EVIDENCE = new Set([SL.evidence, SL.outcomeEvidence, SL.generatedName]);

/** `parts`: things described in this one's documents (an annotation's target and selectors). */
export function describe(g: SiteGraph, iri: string, parts: readonly string[] = []): Quad[] {
  const own = [...g.quads(iri), ...parts.flatMap((p) => g.quads(p))];
  const out: Quad[] = [...own];
  const seen = new Set<string>([iri, ...parts]);
  for (const q of own) {
    const o = q.object;
    if (o.termType !== 'NamedNode' || q.predicate.value === RDF.type || seen.has(o.value)) continue;
    seen.add(o.value);
    if (EVIDENCE.has(q.predicate.value)) out.push(...g.quads(o.value));
    else out.push(...g.quads(o.value).filter((l) => l.predicate.value === RDFS.label));
  }
  return sortQuads(out);
}

export interface Serialised {
  ttl: string;
  nt: string;
  jsonld: string;
}

export function serialise(sorted: readonly Quad[], base: BaseIri): Serialised {
  return {
    ttl: toTurtle(sorted, base),
    nt: toNTriples(sorted),
    jsonld: toJsonLd(sorted, buildContext(sorted, base), base),
  };
}
