// Dataset metadata (VoID + DCAT + Dublin Core) for publishers: what the dumps are, how big, under which licence.
// No build time is written, so that the same corpus gives the same bytes.

import type { Dataset } from '../model/types.js';
import { describeCoverage, type LinkCoverage } from '../model/wikidata.js';

export interface DumpInfo {
  file: string;
  mediaType: string;
}

export interface WikidataInfo {
  coverage: LinkCoverage;
  /** The Wikidata-shaped view (a dataset of its own: Wikibase's statement model, not our ontology). */
  wikidataView?: { file: string; triples: number };
}

export function toVoid(d: Dataset, base: string, triples: number, dumps: readonly DumpInfo[], version: string, wikidata?: WikidataInfo): string {
  const entities = d.persons.length + d.organizations.length + d.places.length + d.posts.length;
  const linked = [...d.persons, ...d.organizations, ...d.places].filter((e) => e.wikidata).length;
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
      `  dcterms:description "Each office held whose holder has a QID as a Wikidata position-held statement (p:P39, ps:P39, pq:P580/P582 with time values, pq:P1365/P1366, references pr:P248/P958/P854), under our base IRI; loadable beside the main dump. ${wikidata.coverage.offices.holderLinked} of ${wikidata.coverage.offices.total} offices held have a holder QID, ${wikidata.coverage.offices.bothLinked} also a post QID."@en ;`,
      '  dcterms:license <https://creativecommons.org/licenses/by/4.0/> ;',
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
    '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .',
    '',
    `<${base}dataset> a void:Dataset, dcat:Dataset ;`,
    '  dcterms:title "Stalin\'s letters to Molotov (1930) and Kaganovich (1932) as Linked Open Data"@en ;',
    '  dcterms:description "The letters with the editors\' footnotes, archival citations, persons, organisations, posts, changes of office, Politburo resolutions and Stalin\'s proposals, each fact traced to its note with a verbatim quote."@en ;',
    `  dcterms:hasVersion "${version}" ;`,
    '  dcterms:license <https://creativecommons.org/licenses/by/4.0/> ;',
    `  void:uriSpace "${base}" ;`,
    '  void:vocabulary <https://w3id.org/stalin-letters/ontology#>, <http://www.w3.org/ns/oa#>, <http://www.w3.org/ns/org#>, <http://www.w3.org/ns/prov#> ;',
    `  void:triples ${triples} ;`,
    `  void:entities ${entities} ;`,
    `  void:exampleResource <${base}letter/molotov-60>, <${base}person/rozengolts> ;`,
    ...dumps.map((x) => `  void:dataDump <${base}${x.file}> ;`),
    `  dcat:distribution ${dumps.map((x) => `<${base}${x.file}#distribution>`).join(', ')} ;`,
    `  dcterms:extent "${d.letters.length} letters, ${d.letters.reduce((n, l) => n + l.footnotes.length, 0)} footnotes, ${d.citations.length} citations, ${d.changes.length} changes of office, ${d.resolutions.length} resolutions, ${d.proposals.length} proposals, ${entities} entities (${linked} linked to Wikidata)${wikidata ? `; ${describeCoverage(wikidata.coverage)}` : ''}"@en .`,
    '',
    ...dumps.flatMap((x) => [
      `<${base}${x.file}#distribution> a dcat:Distribution ;`,
      `  dcat:downloadURL <${base}${x.file}> ;`,
      `  dcat:mediaType "${x.mediaType}" .`,
      '',
    ]),
    ...links,
  ];
  return lines.join('\n');
}
