// Dataset metadata (VoID + DCAT + Dublin Core) for publishers: what the files are, how big, under which terms.
// No build time is written: the release date comes from the caller, so that the same corpus gives the same bytes.

import type { Quad } from '@rdfjs/types';
import type { Dataset } from '../model/types.js';
import { describeCoverage, type LinkCoverage } from '../model/wikidata.js';
import { CC_BY_4, editionsById, rightsHolders, rightsStatement, type Profile } from './profile.js';
import { iriPath, type BaseIri } from '../core/iri.js';
import { NS, RDF, SL } from '../rdf/vocab.js';
import { voidQuads, VOID_PREFIXES, type VoidFacts } from '../rdf/void.js';
import { sortQuads } from '../rdf/serialise/terms.js';
import { toTurtle } from '../rdf/serialise/turtle.js';

/** Counts of the published graph for VoID: distinct subjects in the URI space, and instances per sl: class. */
export function graphCounts(quads: readonly Quad[], base: BaseIri): { entities: number; classes: Map<string, number> } {
  const subjects = new Set<string>();
  const classes = new Map<string, Set<string>>();
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode' || !q.subject.value.startsWith(base)) continue;
    subjects.add(q.subject.value);
    if (q.predicate.value === RDF.type && q.object.value.startsWith(NS.sl)) {
      (classes.get(q.object.value) ?? classes.set(q.object.value, new Set()).get(q.object.value)!).add(q.subject.value);
    }
  }
  return {
    entities: subjects.size,
    classes: new Map([...classes].map(([c, s]) => [c, s.size] as const).sort(([a], [b]) => a.localeCompare(b))),
  };
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
  rights:
    'Facts only (no text of the letters or notes): dedicated to the public domain (CC0 1.0) so that it can go to Wikidata.',
};

export interface WikidataInfo {
  coverage: LinkCoverage;
  /** The Wikidata-shaped view (a dataset of its own: Wikibase's statement model, not our ontology). */
  wikidataView?: { file: string; triples: number };
}

export interface VoidOptions {
  base: BaseIri;
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

/** void.ttl: the dataset description as quads (rdf/void.ts), in Turtle through the dumps' writer. */
export function toVoid(d: Dataset, o: VoidOptions): string {
  return toTurtle(sortQuads(voidQuads(voidFacts(d, o), o.base)), o.base, { prefixes: VOID_PREFIXES });
}

/** What void.ttl says: counts, files, rights for the profile, Wikidata linksets. */
export function voidFacts(d: Dataset, o: VoidOptions): VoidFacts {
  const base = o.base;
  const downloadBase = o.downloadBase ?? base;
  const dataset = base + iriPath.dataset();
  // the named things of the prosopography; linked + unlinked = named (unlinked = the rows of reports/unlinked.csv)
  const named = d.persons.length + d.organizations.length + d.places.length + d.posts.length;
  const linked = [...d.persons, ...d.organizations, ...d.places, ...d.posts].filter((e) => e.wikidata).length;
  // void:entities is every resource described in the URI space (letters, notes, evidence nodes … included)
  const entities = o.counts?.entities ?? named;
  const rights = rightsStatement(o.profile, d.editions);
  const terms = (profile: Profile): { licence?: string; rights: string } => ({
    ...(profile === 'open' ? { licence: CC_BY_4 } : {}),
    rights: profile === o.profile ? rights : rightsStatement(profile, d.editions),
  });
  const wikidata = o.wikidata;
  return {
    subject: o.versionIri ?? dataset,
    ...(o.versionIri ? { versionOf: dataset } : {}),
    versioned: o.versionIri !== undefined,
    title: "Stalin's letters to Molotov (1930) and Kaganovich (1932) as Linked Open Data",
    description:
      o.profile === 'open'
        ? "Metadata of the letters and the editors' footnotes, archival citations, persons, organisations, posts, changes of office, Politburo resolutions and Stalin's proposals, each fact traced to its note with a short verbatim quote (open profile: without the texts of the letters and notes)."
        : "The letters with the editors' footnotes, archival citations, persons, organisations, posts, changes of office, Politburo resolutions and Stalin's proposals, each fact traced to its note with a verbatim quote (full profile: with the texts of the letters and notes, in copyright).",
    version: o.version,
    ...(o.issued ? { issued: o.issued } : {}),
    ...terms(o.profile),
    rightsHolders: rightsHolders(d.editions),
    sources: editionsById(d.editions).map((e) => base + iriPath.edition(e.id)),
    uriSpace: base,
    vocabularies: [NS.sl, NS.oa, NS.org, NS.prov],
    triples: o.triples,
    entities,
    partitions: [...(o.counts?.classes ?? new Map<string, number>())],
    examples: [base + iriPath.letter('molotov-60'), base + iriPath.person('rozengolts')],
    dumps: o.files.filter((x) => x.dump !== false && !x.compressFormat).map((x) => downloadBase + x.file),
    distributions: o.files.map((x) => ({
      iri: `${downloadBase}${x.file}#distribution`,
      ...(x.title ? { title: x.title } : {}),
      downloadUrl: downloadBase + x.file,
      mediaType: x.mediaType,
      ...(x.compressFormat ? { compressFormat: x.compressFormat } : {}),
      ...(x.byteSize !== undefined ? { byteSize: x.byteSize } : {}),
      ...(x.sha256 ? { sha256: x.sha256 } : {}),
      ...(x.licence ? { licence: x.licence.iri, rights: x.licence.rights } : terms(x.profile ?? o.profile)),
    })),
    extent: `${d.letters.length} letters, ${d.letters.reduce((n, l) => n + l.footnotes.length, 0)} footnotes, ${d.citations.length} citations, ${d.changes.length} changes of office, ${d.resolutions.length} resolutions, ${d.proposals.length} proposals, ${d.persons.length} persons, ${d.organizations.length} organisations, ${d.places.length} places and ${d.posts.length} posts (${linked} of these ${named} linked to Wikidata, ${named - linked} not: reports/unlinked.csv); ${entities} resources in all${wikidata ? `; ${describeCoverage(wikidata.coverage)}` : ''}`,
    linksets: (wikidata?.coverage.kinds ?? []).map((k) => ({
      iri: `${dataset}/wikidata-links/${k.kind}`,
      subjects: dataset,
      target: NS.wd,
      predicate: SL.wikidata,
      triples: k.linked,
      description: `${k.linked} of ${k.total} ${k.kind === 'person' ? 'persons' : `${k.kind}s`} have a Wikidata QID`,
    })),
    views: wikidata?.wikidataView
      ? [
          {
            iri: `${dataset}/wikidata-view`,
            title: "Offices held, in Wikidata's statement model",
            description: `Each office held whose holder has a QID as a Wikidata position-held statement (p:P39, ps:P39, pq:P580/P582 with time values, pq:P1365/P1366, pq:P1480 presumably where the note does not name the holder or the post, references pr:P248/P958/P854), under our base IRI; loadable beside the main dump. ${wikidata.coverage.offices.holderLinked} of ${wikidata.coverage.offices.total} offices held have a holder QID, ${wikidata.coverage.offices.bothLinked} also a post QID, ${wikidata.coverage.offices.presumed} of these presumed.`,
            licence: WIKIDATA_VIEW_LICENCE.iri,
            rights: WIKIDATA_VIEW_LICENCE.rights,
            source: dataset,
            triples: wikidata.wikidataView.triples,
            dump: base + wikidata.wikidataView.file,
          },
        ]
      : [],
  };
}
