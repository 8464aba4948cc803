// The landing page's schema.org Dataset (JSON-LD), with the properties Google's Dataset structured-data guidelines
// list (required: name, description; recommended: the rest) as far as the data supports them. Every value comes from
// the built graph (void.ttl and the dump: title, description, version, licences, editions, letters, places) or from
// package.json (the creator's name, the keywords): nothing is written here that the build does not hold.
// Left out on purpose (docs/publishing.md): includedInDataCatalog (no catalogue lists the dataset), funder,
// measurementTechnique, variableMeasured, alternateName, sameAs (nothing in the data to say).
// Checked by test/fixtures/schema-org/dataset-shape.ttl (our own SHACL shape of Google's table) in
// test/site/dataset-schema.test.ts.

import { packageJson } from '../core/package.js';
import { NS, SL } from '../rdf/vocab.js';
import type { SiteGraph } from './graph.js';
import type { BaseIri } from '../core/iri.js';

export interface DatasetSchemaInput {
  g: SiteGraph;
  base: BaseIri;
  /** The letters (their dates give the temporal coverage). */
  letters: readonly string[];
  /** The downloads the landing page lists (site path and media type). */
  items: readonly { path: string; type: string }[];
  /** The landing page's URL, when the site's public URL is known. */
  pageUrl?: string;
}

const DCT = NS.dcterms;
const VOID = NS.void;

export function datasetSchema(i: DatasetSchemaInput): Record<string, unknown> {
  const { g, base } = i;
  const dataset = `${base}dataset`;
  const one = (s: string, p: string): string | undefined => g.values(s, p)[0];
  const editions = g.links(dataset, `${DCT}source`).sort();
  // the years of the letters' dates, as an ISO 8601 interval: years, because an undated letter's bounds are a
  // convention (the whole year), not a day the data states
  const years = i.letters
    .flatMap((l) => [g.value(l, SL.earliest), g.value(l, SL.latest)])
    .filter((d): d is string => !!d)
    .map((d) => d.slice(0, 4))
    .sort();
  const places = g
    .localSubjects()
    .filter((s) => g.is(s, SL.Place))
    .sort();
  const pkg = packageJson() as { name: string; keywords?: string[] };
  // a download's licence: its own dcat:Distribution's, else that of the (sub)dataset whose void:dataDump it is
  const licenceOf = (file: string): string | undefined =>
    one(`${base}${file}#distribution`, `${DCT}license`) ??
    g
      .subjects(`${VOID}dataDump`, `${base}${file}`)
      .map((d) => one(d, `${DCT}license`))
      .find((l) => l !== undefined);
  const node: Record<string, unknown> = {
    '@context': { '@vocab': 'https://schema.org/' },
    '@type': 'Dataset',
    '@id': dataset,
    name: one(dataset, `${DCT}title`),
    description: one(dataset, `${DCT}description`),
    identifier: dataset,
    ...(i.pageUrl ? { url: i.pageUrl } : {}),
    version: one(dataset, `${DCT}hasVersion`),
    creator: { '@type': 'Organization', name: `${pkg.name} project` },
    ...(one(dataset, `${DCT}license`) ? { license: one(dataset, `${DCT}license`) } : {}),
    // every file is offered without charge or login (the full profile is not openly licensed, but not sold either)
    isAccessibleForFree: true,
    ...(pkg.keywords?.length ? { keywords: pkg.keywords } : {}),
    ...(years.length ? { temporalCoverage: `${years[0]}/${years[years.length - 1]}` } : {}),
    ...(places.length
      ? {
          spatialCoverage: places.map((p) => {
            const qid = g.links(p, SL.wikidata)[0];
            return { '@type': 'Place', '@id': p, name: g.label(p), ...(qid ? { sameAs: qid } : {}) };
          }),
        }
      : {}),
    ...(editions.length ? { isBasedOn: editions.map((e) => ({ '@id': e })), citation: editions.map(edition) } : {}),
    distribution: i.items.map((it) => {
      const licence = licenceOf(it.path);
      return {
        '@type': 'DataDownload',
        contentUrl: `${base}${it.path}`,
        encodingFormat: it.type,
        ...(licence ? { license: licence } : {}),
      };
    }),
  };
  return node;

  /** A printed edition as a schema.org Book: what the corpus states of it (corpus/editions.yaml, checked facts). */
  function edition(e: string): Record<string, unknown> {
    const people = (p: string): { '@type': string; name: string }[] =>
      g
        .values(e, p)
        .sort()
        .map((name) => ({ '@type': 'Person', name }));
    const publisher = one(e, SL.publisher);
    const year = one(e, SL.publicationYear);
    const isbn = one(e, SL.isbn13);
    const series = one(e, SL.series);
    return {
      '@type': 'Book',
      '@id': e,
      name: one(e, `${DCT}title`) ?? g.label(e),
      ...(people(SL.editor).length ? { editor: people(SL.editor) } : {}),
      ...(people(SL.translator).length ? { translator: people(SL.translator) } : {}),
      ...(publisher ? { publisher: { '@type': 'Organization', name: publisher } } : {}),
      ...(year ? { datePublished: year } : {}),
      ...(isbn ? { isbn } : {}),
      ...(series ? { isPartOf: { '@type': 'BookSeries', name: series } } : {}),
    };
  }
}
