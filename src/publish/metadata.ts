// Dataset metadata (VoID + DCAT + Dublin Core) for publishers: what the files are, how big, under which terms.
// No build time is written: the release date comes from the caller, so that the same corpus gives the same bytes.

import type { Quad } from '@rdfjs/types';
import type { Dataset } from '../model/types.js';
import { describeCoverage, type LinkCoverage } from '../model/wikidata.js';
import { CC_BY_4, editionsById, rightsHolders, rightsStatement, type Profile } from './profile.js';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

/** Counts of the published graph for VoID: distinct subjects in the URI space, and instances per sl: class. */
export function graphCounts(quads: readonly Quad[], base: string): { entities: number; classes: Map<string, number> } {
  const subjects = new Set<string>();
  const classes = new Map<string, Set<string>>();
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode' || !q.subject.value.startsWith(base)) continue;
    subjects.add(q.subject.value);
    if (q.predicate.value === RDF_TYPE && q.object.value.startsWith('https://w3id.org/stalin-letters/ontology#')) {
      (classes.get(q.object.value) ?? classes.set(q.object.value, new Set()).get(q.object.value)!).add(q.subject.value);
    }
  }
  return { entities: subjects.size, classes: new Map([...classes].map(([c, s]) => [c, s.size] as const).sort(([a], [b]) => a.localeCompare(b))) };
}

export interface DumpInfo {
  file: string;
  /** IANA media type of the content (of the uncompressed content for a compressed file). */
  mediaType: string;
  /** IANA media type of the compression (application/gzip). */
  compressFormat?: string;
  byteSize?: number;
  sha256?: string;
  title?: string;
  /** Whether the file is an RDF dump of the dataset (void:dataDump). */
  dump?: boolean;
  /** Terms of this file when they differ from the dataset's (the CMIF file is open metadata even in build/). */
  profile?: Profile;
  /** Licence and rights of this file when they are neither profile's (the Wikidata-shaped view is CC0). */
  licence?: { iri: string; rights: string };
}

/** The Wikidata-shaped view holds facts only (QIDs, dates, our IRIs, "Letter N, note M"), never a quote: CC0, as
 * everything that goes to Wikidata must be. */
export const WIKIDATA_VIEW_LICENCE = {
  iri: 'http://creativecommons.org/publicdomain/zero/1.0/',
  rights: 'Facts only (no text of the letters or notes): dedicated to the public domain (CC0 1.0) so that it can go to Wikidata.',
};

export interface WikidataInfo {
  coverage: LinkCoverage;
  /** The Wikidata-shaped view (a dataset of its own: Wikibase's statement model, not our ontology). */
  wikidataView?: { file: string; triples: number };
}

export interface VoidOptions {
  base: string;
  triples: number;
  files: readonly DumpInfo[];
  version: string;
  profile: Profile;
  /** Where the files are downloaded from (default: the base IRI). */
  downloadBase?: string;
  /** Release date YYYY-MM-DD (a release has one; build/ has none). */
  issued?: string;
  /** IRI of this version of the dataset (a release). */
  versionIri?: string;
  /** Wikidata linking coverage and the Wikidata-shaped view, when the build makes it. */
  wikidata?: WikidataInfo;
  /** Resources described in the URI space, in all and per class (graphCounts). */
  counts?: { entities: number; classes: Map<string, number> };
}

const IANA = 'http://www.iana.org/assignments/media-types/';
const lit = (s: string): string => JSON.stringify(s);

export function toVoid(d: Dataset, o: VoidOptions): string {
  const base = o.base;
  const downloadBase = o.downloadBase ?? base;
  // the named things of the prosopography; linked + unlinked = named (unlinked = the rows of reports/unlinked.csv)
  const named = d.persons.length + d.organizations.length + d.places.length + d.posts.length;
  const linked = [...d.persons, ...d.organizations, ...d.places, ...d.posts].filter((e) => e.wikidata).length;
  // void:entities is every resource described in the URI space (letters, notes, evidence nodes … included)
  const entities = o.counts?.entities ?? named;
  const partitions = [...(o.counts?.classes ?? new Map<string, number>())];
  const subject = o.versionIri ?? `${base}dataset`;
  const rights = rightsStatement(o.profile, d.editions);
  const terms = o.profile === 'open'
    ? [`  dcterms:license <${CC_BY_4}> ;`, `  dcterms:rights ${lit(rights)}@en ;`]
    : [`  dcterms:rights ${lit(rights)}@en ;`];
  const holders = rightsHolders(d.editions);
  const dist = (f: DumpInfo): string => `<${downloadBase}${f.file}#distribution>`;
  const wikidata = o.wikidata;
  const links = wikidata ? [
    ...wikidata.coverage.kinds.flatMap((k) => [
      `<${base}dataset/wikidata-links/${k.kind}> a void:Linkset ;`,
      `  void:subjectsTarget <${base}dataset> ;`,
      '  void:objectsTarget <http://www.wikidata.org/entity/> ;',
      '  void:linkPredicate <https://w3id.org/stalin-letters/ontology#wikidata> ;',
      `  void:triples ${k.linked} ;`,
      `  dcterms:description "${k.linked} of ${k.total} ${k.kind === 'person' ? 'persons' : `${k.kind}s`} have a Wikidata QID"@en .`,
      '',
    ]),
    ...(wikidata.wikidataView ? [
      `<${base}dataset/wikidata-view> a void:Dataset, dcat:Dataset ;`,
      '  dcterms:title "Offices held, in Wikidata\'s statement model"@en ;',
      `  dcterms:description "Each office held whose holder has a QID as a Wikidata position-held statement (p:P39, ps:P39, pq:P580/P582 with time values, pq:P1365/P1366, pq:P1480 presumably where the note does not name the holder or the post, references pr:P248/P958/P854), under our base IRI; loadable beside the main dump. ${wikidata.coverage.offices.holderLinked} of ${wikidata.coverage.offices.total} offices held have a holder QID, ${wikidata.coverage.offices.bothLinked} also a post QID, ${wikidata.coverage.offices.presumed} of these presumed."@en ;`,
      `  dcterms:license <${WIKIDATA_VIEW_LICENCE.iri}> ;`,
      `  dcterms:rights ${lit(WIKIDATA_VIEW_LICENCE.rights)}@en ;`,
      `  dcterms:source <${base}dataset> ;`,
      `  void:triples ${wikidata.wikidataView.triples} ;`,
      `  void:dataDump <${base}${wikidata.wikidataView.file}> .`,
      '',
    ] : []),
  ] : [];
  const lines = [
    '@prefix void: <http://rdfs.org/ns/void#> .',
    '@prefix dcat: <http://www.w3.org/ns/dcat#> .',
    '@prefix dcterms: <http://purl.org/dc/terms/> .',
    '@prefix spdx: <http://spdx.org/rdf/terms#> .',
    '@prefix owl: <http://www.w3.org/2002/07/owl#> .',
    '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .',
    '',
    `<${subject}> a void:Dataset, dcat:Dataset ;`,
    '  dcterms:title "Stalin\'s letters to Molotov (1930) and Kaganovich (1932) as Linked Open Data"@en ;',
    o.profile === 'open'
      ? '  dcterms:description "Metadata of the letters and the editors\' footnotes, archival citations, persons, organisations, posts, changes of office, Politburo resolutions and Stalin\'s proposals, each fact traced to its note with a short verbatim quote (open profile: without the texts of the letters and notes)."@en ;'
      : '  dcterms:description "The letters with the editors\' footnotes, archival citations, persons, organisations, posts, changes of office, Politburo resolutions and Stalin\'s proposals, each fact traced to its note with a verbatim quote (full profile: with the texts of the letters and notes, in copyright)."@en ;',
    `  dcterms:hasVersion ${lit(o.version)} ;`,
    ...(o.versionIri ? [`  dcterms:isVersionOf <${base}dataset> ;`, `  dcat:version ${lit(o.version)} ;`, `  owl:versionInfo ${lit(o.version)} ;`] : []),
    ...(o.issued ? [`  dcterms:issued "${o.issued}"^^xsd:date ;`] : []),
    ...terms,
    ...holders.map((h) => `  dcterms:rightsHolder ${lit(h)} ;`),
    ...editionsById(d.editions).map((e) => `  dcterms:source <${base}edition/${e.id}> ;`),
    `  void:uriSpace "${base}" ;`,
    '  void:vocabulary <https://w3id.org/stalin-letters/ontology#>, <http://www.w3.org/ns/oa#>, <http://www.w3.org/ns/org#>, <http://www.w3.org/ns/prov#> ;',
    `  void:triples ${o.triples} ;`,
    `  void:entities ${entities} ;`,
    ...(partitions.length ? [`  void:classPartition ${partitions.map(([c, n]) => `[ void:class <${c}> ; void:entities ${n} ]`).join(',\n    ')} ;`] : []),
    `  void:exampleResource <${base}letter/molotov-60>, <${base}person/rozengolts> ;`,
    ...o.files.filter((x) => x.dump !== false && !x.compressFormat).map((x) => `  void:dataDump <${downloadBase}${x.file}> ;`),
    `  dcat:distribution ${o.files.map(dist).join(', ')} ;`,
    `  dcterms:extent "${d.letters.length} letters, ${d.letters.reduce((n, l) => n + l.footnotes.length, 0)} footnotes, ${d.citations.length} citations, ${d.changes.length} changes of office, ${d.resolutions.length} resolutions, ${d.proposals.length} proposals, ${d.persons.length} persons, ${d.organizations.length} organisations, ${d.places.length} places and ${d.posts.length} posts (${linked} of these ${named} linked to Wikidata, ${named - linked} not: reports/unlinked.csv); ${entities} resources in all${o.wikidata ? `; ${describeCoverage(o.wikidata.coverage)}` : ''}"@en .`,
    '',
    ...o.files.flatMap((x) => [
      `${dist(x)} a dcat:Distribution ;`,
      ...(x.title ? [`  dcterms:title ${lit(x.title)}@en ;`] : []),
      `  dcat:downloadURL <${downloadBase}${x.file}> ;`,
      `  dcat:mediaType <${IANA}${x.mediaType}> ;`,
      ...(x.compressFormat ? [`  dcat:compressFormat <${IANA}${x.compressFormat}> ;`] : []),
      ...(x.byteSize !== undefined ? [`  dcat:byteSize "${x.byteSize}"^^xsd:nonNegativeInteger ;`] : []),
      ...(x.sha256 ? [`  spdx:checksum [ a spdx:Checksum ; spdx:algorithm spdx:checksumAlgorithm_sha256 ; spdx:checksumValue "${x.sha256}"^^xsd:hexBinary ] ;`] : []),
      ...(x.licence ? [`  dcterms:license <${x.licence.iri}> ;`, `  dcterms:rights ${lit(x.licence.rights)}@en .`] : [
        ...((x.profile ?? o.profile) === 'open' ? [`  dcterms:license <${CC_BY_4}> ;`] : []),
        `  dcterms:rights ${lit(x.profile && x.profile !== o.profile ? rightsStatement(x.profile, d.editions) : rights)}@en .`,
      ]),
      '',
    ]),
    ...links,
  ];
  return lines.join('\n');
}
