// The landing page's schema.org Dataset (src/site/dataset-schema.ts), read from a site written from the committed
// build, parsed to RDF (jsonld, inline @context with @vocab: no network) and checked with the project's SHACL engine
// against our shape of Google's Dataset property table (test/fixtures/schema-org/dataset-shape.ttl): no violation,
// and the only recommended properties missing are the ones the data cannot support (docs/publishing.md). Each value
// is compared with where it comes from (void.ttl, the editions, the letters, package.json). Removing a required
// property, or shortening the description, makes it a violation.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import { ShaclValidator, type Violation } from '../../src/validate/shacl.js';
import { BASE, makeSite, type SiteFixture } from '../site-fixture.js';
import { ROOT } from '../helpers.js';

const SHAPE = join(ROOT, 'test/fixtures/schema-org/dataset-shape.ttl');
const GDS = 'https://w3id.org/stalin-letters/shapes/google-dataset#';
// recommended by Google, and left out because nothing in the data says them (docs/publishing.md)
const NOT_SUPPORTED = [
  'alternateName',
  'funder',
  'hasPart',
  'includedInDataCatalog',
  'measurementTechnique',
  'sameAs',
  'variableMeasured',
];

let fx: SiteFixture;
let node: Record<string, unknown>;
const validator = ShaclValidator.fromFile(SHAPE);
before(async () => {
  fx = await makeSite(false);
  const html = readFileSync(join(fx.site, 'dataset.html'), 'utf8');
  const blocks = [...html.matchAll(/<script type="application\/ld\+json">\n([\s\S]*?)\n<\/script>/g)].map(
    (m) => JSON.parse(m[1]!) as Record<string, unknown>,
  );
  node = blocks.find((b) => b['@type'] === 'Dataset')!;
  assert.ok(node, 'no schema.org Dataset on the landing page');
});
after(() => fx?.remove());

async function check(doc: Record<string, unknown>): Promise<Violation[]> {
  const nquads = (await jsonld.toRDF(doc, { format: 'application/n-quads' })) as unknown as string;
  const quads: Quad[] = new Parser({ format: 'N-Quads' }).parse(nquads);
  assert.ok(quads.length > 20, 'the JSON-LD gave no triples');
  return validator.validate(quads);
}
const shapesOf = (vs: Violation[], severity: string): string[] =>
  vs
    .filter((v) => v.severity === severity)
    .map((v) => v.shape.replace(GDS, ''))
    .sort();

test("the landing page's Dataset passes our shape of Google's table: no violation, only unsupported properties missing", async () => {
  const vs = await check(node);
  assert.deepEqual(shapesOf(vs, 'Violation'), []);
  // the full profile (build/) is not openly licensed: no licence to state
  assert.deepEqual(shapesOf(vs, 'Warning'), [...NOT_SUPPORTED, 'license'].sort());
});

test('every value comes from the build, the corpus or package.json', () => {
  const voidTtl = readFileSync(join(fx.build, 'void.ttl'), 'utf8');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; keywords: string[] };
  assert.equal(node['@id'], `${BASE}dataset`);
  assert.equal(node.identifier, `${BASE}dataset`);
  assert.equal(node.url, 'https://example.org/sl/dataset.html');
  assert.ok(voidTtl.includes(`dcterms:title "${node.name}"@en`));
  assert.ok(voidTtl.includes(`dcterms:hasVersion "${node.version}"`));
  assert.equal(node.version, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  assert.deepEqual(node.creator, { '@type': 'Organization', name: `${pkg.name} project` });
  assert.deepEqual(node.keywords, pkg.keywords);
  assert.equal(node.isAccessibleForFree, true);
  assert.equal(node.license, undefined);
  // the letters: Molotov 1930 and Kaganovich 1932
  assert.equal(node.temporalCoverage, '1930/1932');
  const nt = readFileSync(join(fx.build, 'stalin-letters.nt'), 'utf8');
  const places = new Set(
    [...nt.matchAll(/^<([^>]+)> <http:\/\/www\.w3\.org\/1999\/02\/22-rdf-syntax-ns#type> <[^>]+#Place> \.$/gm)].map(
      (m) => m[1]!,
    ),
  );
  const covered = (node.spatialCoverage as { '@id': string }[]).map((p) => p['@id']);
  assert.deepEqual(new Set(covered), places);
  // the printed editions, as the corpus states them
  const books = node.citation as Record<string, unknown>[];
  assert.deepEqual(
    books.map((b) => [b['@id'], b.isbn, b.datePublished]),
    [
      [`${BASE}edition/kaganovich-2003`, '9780300093674', '2003'],
      [`${BASE}edition/molotov-1930`, '9780300062113', '1995'],
    ],
  );
  const editions = readFileSync(join(ROOT, 'corpus/editions.yaml'), 'utf8');
  for (const b of books) {
    for (const p of [...(b.editor as { name: string }[]), ...(b.translator as { name: string }[])])
      assert.ok(editions.includes(p.name), p.name);
    assert.deepEqual(b.publisher, { '@type': 'Organization', name: 'Yale University Press' });
  }
  assert.deepEqual(
    (node.isBasedOn as { '@id': string }[]).map((e) => e['@id']),
    books.map((b) => b['@id']),
  );
  // a DataDownload per download, with its licence where void.ttl gives one (the Wikidata view CC0, CMIF CC BY)
  assert.deepEqual(
    (node.distribution as Record<string, string>[]).map((d) => [
      d.contentUrl!.slice(BASE.length),
      d.encodingFormat,
      d.license,
    ]),
    [
      ['stalin-letters.ttl', 'text/turtle', undefined],
      ['stalin-letters.jsonld', 'application/ld+json', undefined],
      ['stalin-letters.nt', 'application/n-triples', undefined],
      ['stalin-letters-wikidata.nt', 'application/n-triples', 'http://creativecommons.org/publicdomain/zero/1.0/'],
      ['cmif.xml', 'application/xml', 'https://creativecommons.org/licenses/by/4.0/'],
    ],
  );
});

test('the shape fails a Dataset without a required property, with a short description, or a bad creator', async () => {
  const without = (k: string): Record<string, unknown> =>
    Object.fromEntries(Object.entries(node).filter(([p]) => p !== k));
  assert.deepEqual(shapesOf(await check(without('name')), 'Violation'), ['name']);
  assert.deepEqual(shapesOf(await check(without('description')), 'Violation'), ['description']);
  assert.deepEqual(shapesOf(await check({ ...node, description: 'Too short.' }), 'Violation'), ['description']);
  const vs = await check({
    ...without('version'),
    creator: { '@type': 'Organization' },
    temporalCoverage: '1930 to 1932',
  });
  assert.deepEqual(
    shapesOf(vs, 'Warning').filter((s) => !NOT_SUPPORTED.includes(s) && s !== 'license'),
    ['creator', 'temporalCoverage', 'version'],
  );
});
