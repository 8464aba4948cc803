// Dataset metadata (VoID + DCAT + Dublin Core) for publishers: what the dumps are, how big, under which licence.
// No build time is written, so that the same corpus gives the same bytes.

import type { Quad } from '@rdfjs/types';
import type { Dataset } from '../model/types.js';

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
  mediaType: string;
}

export function toVoid(d: Dataset, base: string, triples: number, dumps: readonly DumpInfo[], version: string, counts?: { entities: number; classes: Map<string, number> }): string {
  // the named things of the prosopography; linked + unlinked = named (unlinked = the rows of reports/unlinked.csv)
  const named = d.persons.length + d.organizations.length + d.places.length + d.posts.length;
  const linked = [...d.persons, ...d.organizations, ...d.places, ...d.posts].filter((e) => e.wikidata).length;
  // void:entities is every resource described in the URI space (letters, notes, evidence nodes … included)
  const entities = counts?.entities ?? named;
  const partitions = [...(counts?.classes ?? new Map<string, number>())];
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
    ...(partitions.length ? [`  void:classPartition ${partitions.map(([c, n]) => `[ void:class <${c}> ; void:entities ${n} ]`).join(',\n    ')} ;`] : []),
    `  void:exampleResource <${base}letter/molotov-60>, <${base}person/rozengolts> ;`,
    ...dumps.map((x) => `  void:dataDump <${base}${x.file}> ;`),
    `  dcat:distribution ${dumps.map((x) => `<${base}${x.file}#distribution>`).join(', ')} ;`,
    `  dcterms:extent "${d.letters.length} letters, ${d.letters.reduce((n, l) => n + l.footnotes.length, 0)} footnotes, ${d.citations.length} citations, ${d.changes.length} changes of office, ${d.resolutions.length} resolutions, ${d.proposals.length} proposals, ${d.persons.length} persons, ${d.organizations.length} organisations, ${d.places.length} places and ${d.posts.length} posts (${linked} of these ${named} linked to Wikidata, ${named - linked} not: reports/unlinked.csv); ${entities} resources in all"@en .`,
    '',
    ...dumps.flatMap((x) => [
      `<${base}${x.file}#distribution> a dcat:Distribution ;`,
      `  dcat:downloadURL <${base}${x.file}> ;`,
      `  dcat:mediaType "${x.mediaType}" .`,
      '',
    ]),
  ];
  return lines.join('\n');
}
