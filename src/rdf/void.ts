// The dataset description (VoID, DCAT, Dublin Core, SPDX checksums) as quads, written by the same Turtle writer as
// the data. What it says (counts, rights texts, files) is decided in publish/metadata.ts; this module only states it.

import type { Quad } from '@rdfjs/types';
import { GraphBuilder } from './graph.js';
import { NS, RDF } from './vocab.js';
import type { BaseIri } from '../core/iri.js';

const V = (n: string): string => NS.void + n;
const DCAT = (n: string): string => NS.dcat + n;
const DCT = (n: string): string => NS.dcterms + n;
const SPDX = (n: string): string => NS.spdx + n;
const IANA = 'http://www.iana.org/assignments/media-types/';

export interface Terms {
  /** Licence IRI, when there is one. */
  licence?: string;
  rights: string;
}

export interface DistributionFacts extends Terms {
  iri: string;
  title?: string;
  downloadUrl: string;
  mediaType: string;
  compressFormat?: string;
  byteSize?: number;
  sha256?: string;
}

export interface VoidFacts extends Terms {
  /** The dataset (or this version of it). */
  subject: string;
  /** The dataset every version is a version of, for a release. */
  versionOf?: string;
  title: string;
  description: string;
  version: string;
  /** A release's version IRI gets dcat:version and owl:versionInfo too. */
  versioned: boolean;
  issued?: string;
  rightsHolders: readonly string[];
  sources: readonly string[];
  uriSpace: string;
  vocabularies: readonly string[];
  triples: number;
  entities: number;
  partitions: readonly (readonly [string, number])[];
  examples: readonly string[];
  dumps: readonly string[];
  distributions: readonly DistributionFacts[];
  extent: string;
  linksets: readonly {
    iri: string;
    subjects: string;
    target: string;
    predicate: string;
    triples: number;
    description: string;
  }[];
  views: readonly (Terms & {
    iri: string;
    title: string;
    description: string;
    source: string;
    triples: number;
    dump: string;
  })[];
}

function addTerms(g: GraphBuilder, s: ReturnType<GraphBuilder['iri']>, t: Terms): void {
  if (t.licence) g.add(s, DCT('license'), g.iri(t.licence));
  g.add(s, DCT('rights'), g.en(t.rights));
}

export function voidQuads(f: VoidFacts, base: BaseIri): Quad[] {
  const g = new GraphBuilder(base);
  const s = g.iri(f.subject);
  g.add(s, RDF.type, g.iri(V('Dataset')));
  g.add(s, RDF.type, g.iri(DCAT('Dataset')));
  g.add(s, DCT('title'), g.en(f.title));
  g.add(s, DCT('description'), g.en(f.description));
  g.add(s, DCT('hasVersion'), g.str(f.version));
  if (f.versionOf) g.add(s, DCT('isVersionOf'), g.iri(f.versionOf));
  if (f.versioned) {
    g.add(s, DCAT('version'), g.str(f.version));
    g.add(s, `${NS.owl}versionInfo`, g.str(f.version));
  }
  g.add(s, DCT('issued'), g.date(f.issued));
  addTerms(g, s, f);
  for (const h of f.rightsHolders) g.add(s, DCT('rightsHolder'), g.str(h));
  for (const x of f.sources) g.add(s, DCT('source'), g.iri(x));
  g.add(s, V('uriSpace'), g.str(f.uriSpace));
  for (const x of f.vocabularies) g.add(s, V('vocabulary'), g.iri(x));
  g.add(s, V('triples'), g.int(f.triples));
  g.add(s, V('entities'), g.int(f.entities));
  for (const [cls, n] of f.partitions) {
    // blank nodes labelled by their class: the same labels in every run
    const p = g.blank(`partition-${cls.replace(/^.*[#/]/, '')}`);
    g.add(s, V('classPartition'), p);
    g.add(p, V('class'), g.iri(cls));
    g.add(p, V('entities'), g.int(n));
  }
  for (const x of f.examples) g.add(s, V('exampleResource'), g.iri(x));
  for (const x of f.dumps) g.add(s, V('dataDump'), g.iri(x));
  for (const d of f.distributions) g.add(s, DCAT('distribution'), g.iri(d.iri));
  g.add(s, DCT('extent'), g.en(f.extent));
  for (const d of f.distributions) {
    const x = g.iri(d.iri);
    g.add(x, RDF.type, g.iri(DCAT('Distribution')));
    g.add(x, DCT('title'), g.en(d.title));
    g.add(x, DCAT('downloadURL'), g.iri(d.downloadUrl));
    g.add(x, DCAT('mediaType'), g.iri(IANA + d.mediaType));
    if (d.compressFormat) g.add(x, DCAT('compressFormat'), g.iri(IANA + d.compressFormat));
    g.add(x, DCAT('byteSize'), g.typed(d.byteSize, `${NS.xsd}nonNegativeInteger`));
    if (d.sha256) {
      const c = g.blank(`checksum-${d.sha256.slice(0, 16)}`);
      g.add(x, SPDX('checksum'), c);
      g.add(c, RDF.type, g.iri(SPDX('Checksum')));
      g.add(c, SPDX('algorithm'), g.iri(SPDX('checksumAlgorithm_sha256')));
      g.add(c, SPDX('checksumValue'), g.typed(d.sha256, `${NS.xsd}hexBinary`));
    }
    addTerms(g, x, d);
  }
  for (const l of f.linksets) {
    const x = g.iri(l.iri);
    g.add(x, RDF.type, g.iri(V('Linkset')));
    g.add(x, V('subjectsTarget'), g.iri(l.subjects));
    g.add(x, V('objectsTarget'), g.iri(l.target));
    g.add(x, V('linkPredicate'), g.iri(l.predicate));
    g.add(x, V('triples'), g.int(l.triples));
    g.add(x, DCT('description'), g.en(l.description));
  }
  for (const v of f.views) {
    const x = g.iri(v.iri);
    g.add(x, RDF.type, g.iri(V('Dataset')));
    g.add(x, RDF.type, g.iri(DCAT('Dataset')));
    g.add(x, DCT('title'), g.en(v.title));
    g.add(x, DCT('description'), g.en(v.description));
    addTerms(g, x, v);
    g.add(x, DCT('source'), g.iri(v.source));
    g.add(x, V('triples'), g.int(v.triples));
    g.add(x, V('dataDump'), g.iri(v.dump));
  }
  return g.quads;
}

/** The prefixes void.ttl is written with. */
export const VOID_PREFIXES = ['void', 'dcat', 'dcterms', 'spdx', 'owl', 'xsd', 'sl'] as const;
