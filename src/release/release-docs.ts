// The human-readable files of a release: a README for data users, CITATION.cff and the licence statement.

import { stringifyYaml } from '../corpus/yaml.js';
import type { Dataset } from '../model/types.js';
import { MAX_QUOTE_WORDS } from '../model/evidence.js';
import { MAX_VERBATIM_RUN } from '../model/quotation.js';
import { defaultGraph } from '../core/layout.js';
import { CC_BY_4, editionsById, rightsHolders } from '../publish/profile.js';
import type { BaseIri } from '../core/iri.js';

export interface ReleaseFile {
  name: string;
  bytes: number;
  sha256: string;
  what: string;
}

export interface DocsInput {
  d: Dataset;
  version: string;
  date: string;
  dateSource: string;
  base: BaseIri;
  downloadBase: string;
  triples: number;
  files: readonly ReleaseFile[];
  previous?: string;
}

export const TITLE = "Stalin's letters to Molotov (1930) and Kaganovich (1932) as Linked Open Data";
export const KEYWORDS = ['Stalin', 'Molotov', 'Kaganovich', 'letters', 'Linked Open Data', 'Soviet history'];
const holders = (d: Dataset): string => rightsHolders(d.editions).join(' and ');

/** What the data hold, in one paragraph (the README's and the RO-Crate's description). */
export function contentsSentence(d: Dataset): string {
  const notes = d.letters.reduce((n, l) => n + l.footnotes.length, 0);
  return (
    `Metadata of ${d.letters.length} letters (Stalin to Molotov, 1930, letters 55–71 of the edition; Stalin to Kaganovich, 11 August 1932) and their ${notes} editors' notes: dates as printed with their intervals, authors and addressees, ` +
    `${d.citations.length} archival and book citations, ${d.persons.length} persons, ${d.organizations.length} organisations, ${d.places.length} places and ${d.posts.length} posts ` +
    `(aligned to Wikidata where a QID was verified), ${d.changes.length} changes of office, ${d.resolutions.length} resolutions, ${d.proposals.length} proposals, offices held, ` +
    `${d.mentions.length} mentions of entities (Web Annotations with the name as printed and its offsets) and corrections of extraction damage.`
  );
}

export function releaseReadme(i: DocsInput): string {
  return [
    `# ${TITLE} — release ${i.version}`,
    '',
    `Released ${i.date} (the date comes from ${i.dateSource}). ${i.triples} triples; licence CC BY 4.0 (see LICENSE.txt).`,
    '',
    '## What is in it',
    '',
    contentsSentence(i.d),
    '',
    `This is the **open profile**: it leaves out the running texts of the letters, their paragraphs and the notes, and the words around each mention, because the books are in copyright (${holders(i.d)}). ` +
      `Each fact keeps a short verbatim evidence quote (at most ${MAX_QUOTE_WORDS} words) naming its letter and note; no literal repeats more than ${MAX_VERBATIM_RUN} consecutive words of the books. ` +
      'The offsets of mentions and quotes refer to the texts of the printed editions (ontology property sl:text), which are not published here.',
    '',
    '| file | what | bytes | sha256 |',
    '|---|---|---:|---|',
    ...i.files.map((f) => `| \`${f.name}\` | ${f.what} | ${f.bytes} | \`${f.sha256}\` |`),
    '',
    'Every file is also listed in `SHA256SUMS` (`sha256sum -c SHA256SUMS`); `void.ttl` describes each RDF file as a `dcat:Distribution` with its download URL, media type, size, sha256 checksum and licence. ' +
      '`ro-crate-metadata.json` (RO-Crate 1.1, shown by `ro-crate-preview.html`) describes every file of the release, `SHA256SUMS` included, with its media type, size, sha256 and licence; `linkset.json` gives the FAIR Signposting links of the release; `quality-report.json` (and `.html`) the SHACL report, the focus nodes per shape and the facts by basis.',
    '',
    '## Loading and querying',
    '',
    '```sh',
    'rapper -i ntriples -c stalin-letters.nt                       # count the triples (Raptor)',
    'python3 -c "import rdflib; g = rdflib.Graph(); g.parse(\'stalin-letters.ttl\'); print(len(g))"',
    'npx stalin-letters-lod query who-held --param date=1930-11-01 --source stalin-letters.nt',
    '```',
    '',
    // the graph `load` replaces by default (BASE + "dataset"): the two routes fill the same graph, so queries work after either
    "For Virtuoso's bulk loader use the N-Triples file (`ld_dir('DIR', 'stalin-letters.nt', '" +
      defaultGraph(i.base) +
      "'); rdf_loader_run();`, the same graph `stalin-letters-lod load` fills by default); `stalin-letters.jsonld` suits JSON-LD tools and browsers; the `.gz` files are the same bytes compressed (gzip). " +
      "`cmif.xml` is the letters' metadata in the Correspondence Metadata Interchange Format (TEI) for correspSearch.",
    '',
    '## How to cite',
    '',
    `stalin-letters-lod project (${i.date.slice(0, 4)}). *${TITLE}*, version ${i.version}. ${i.downloadBase}. Licensed CC BY 4.0. ` +
      'Derived from: ' +
      editionsById(i.d.editions)
        .map(
          (e) =>
            `${e.editors?.length ? `${e.editors.join(', ')} (eds.), ` : ''}*${e.title ?? e.label}* (${[e.place, e.publisher].filter(Boolean).join(': ')}${e.year ? `, ${e.year}` : ''})`,
        )
        .join('; ') +
      '.',
    '',
    'Machine-readable: `CITATION.cff`. What changed since the previous release: `CHANGES.md`' +
      (i.previous ? ` (since ${i.previous}).` : ' (this is the first release).'),
    '',
  ].join('\n');
}

export function citationCff(i: DocsInput): string {
  const cff = {
    'cff-version': '1.2.0',
    message: 'If you use this dataset, please cite it as below, and cite the printed editions it is derived from.',
    type: 'dataset',
    title: TITLE,
    version: i.version,
    'date-released': i.date,
    license: 'CC-BY-4.0',
    url: i.downloadBase,
    authors: [{ name: 'stalin-letters-lod project' }],
    keywords: KEYWORDS,
    references: editionsById(i.d.editions).map((e) => ({
      type: 'book',
      title: e.title ?? e.label,
      ...(e.editors?.length ? { editors: e.editors.map((n) => ({ name: n })) } : {}),
      authors: [{ name: 'Joseph Stalin' }],
      ...(e.translator ? { translators: [{ name: e.translator }] } : {}),
      ...(e.publisher ? { publisher: { name: e.publisher } } : {}),
      ...(e.year ? { year: e.year } : {}),
      ...(e.isbn13 ? { isbn: e.isbn13 } : {}),
      ...(e.series ? { 'collection-title': e.series } : {}),
    })),
  };
  return `# CITATION.cff (Citation File Format 1.2.0)\n${stringifyYaml(cff, { lineWidth: -1, quoteStyle: 'double' })}`;
}

export function licenceText(d: Dataset): string {
  return [
    'Licence of this release',
    '=======================',
    '',
    'The data in this release (the RDF files, cmif.xml and void.ttl) are licensed under the',
    'Creative Commons Attribution 4.0 International licence (CC BY 4.0):',
    '',
    `    ${CC_BY_4}`,
    `    legal code: ${CC_BY_4}legalcode`,
    '',
    'The legal code is not reproduced in this file; the text at the address above is the licence.',
    'Attribution: cite the dataset as README.md and CITATION.cff say.',
    '',
    'Scope. The licence covers what the stalin-letters-lod project compiled: the structure, identifiers,',
    'dates, links, classifications and descriptions of the letters, notes, citations, persons, organisations,',
    'posts, changes of office, resolutions and proposals. It does not cover the printed editions:',
    ...editionsById(d.editions).map((e) =>
      `  - ${e.title ?? e.label}${e.year ? ` (${e.year})` : ''}: ${e.rights ?? 'in copyright.'}`.replace(/\s+/g, ' '),
    ),
    '',
    "Their texts (the English translations of the letters and the editors' notes) are not in this release.",
    `The short verbatim quotations kept as evidence (at most ${MAX_QUOTE_WORDS} words each, and no literal with more than`,
    `${MAX_VERBATIM_RUN} consecutive words of the books) remain the rights holders' (${holders(d)});`,
    'CC BY 4.0 does not extend to them.',
    '',
  ].join('\n');
}
