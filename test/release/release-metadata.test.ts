// What a release says about itself (issue 29, items 4 in part, 5 and 7): the RO-Crate 1.1 metadata and preview
// (every file of the archive a hasPart with type, size, sha256 and licence, and the crate valid against the SHACL
// shapes of crs4/rocrate-validator's RO-Crate 1.1 profile, run with shacl-engine), the RFC 9264 linkset of the
// release, and the quality report, whose counts are recomputed with SPARQL on Oxigraph and with a second SHACL engine.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import jsonld from 'jsonld';
import N3 from 'n3';
import oxigraph from 'oxigraph';
import SHACLValidator from 'rdf-validate-shacl';
import { Validator } from 'shacl-engine';
import { targetResolvers, validations } from 'shacl-engine/sparql.js';
import { runRelease, RELEASE_LINKSET, releaseName } from '../../src/release/release.js';
import { loadDataset, runBuild, SHAPES_FILE } from '../../src/pipeline/build.js';
import { RO_CRATE_CONTEXT, RO_CRATE_METADATA, RO_CRATE_PREVIEW, roCrate } from '../../src/release/ro-crate.js';
import { QUALITY_HTML, QUALITY_JSON, type QualityReport, qualityReport } from '../../src/release/quality.js';
import { DEFAULT_BASE_IRI } from '../../src/rdf/graph.js';
import { rdf } from '../../src/rdf/env.js';
import { CC_BY_4 } from '../../src/publish/profile.js';
import { DUMPS } from '../../src/core/layout.js';
import { NS } from '../../src/rdf/vocab.js';
import { CORPUS, FIXTURES, filesUnder, ROOT } from '../helpers.js';
import { inferTypes } from '../owl-rl.js';

const work = mkdtempSync(join(tmpdir(), 'sl-release-metadata-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const VERSION = '1.0.0';
const DATE = '2026-12-02';
const NAME = releaseName(VERSION);
const DOWNLOAD = `${DEFAULT_BASE_IRI}release/${VERSION}/`;
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const RO = join(FIXTURES, 'ro-crate');
const SH = 'http://www.w3.org/ns/shacl#';
const RDF_TYPE = `${NS.rdf}type`;
const RC = 'https://github.com/crs4/rocrate-validator/profiles/ro-crate/';

const release = (async () => {
  const r = await runRelease({
    corpusDir: CORPUS,
    outDir: work,
    base: DEFAULT_BASE_IRI,
    version: VERSION,
    date: DATE,
    dateSource: '--date',
  });
  assert.deepEqual(r.problems, []);
  return r.dir!;
})();

/** The names of the files in a .tar.gz (ustar, as src/release/archive.ts writes it; folders left out). */
function tarFiles(tgz: Buffer): Map<string, Buffer> {
  const tar = gunzipSync(tgz);
  const out = new Map<string, Buffer>();
  for (let at = 0; at + 512 <= tar.length; ) {
    const h = tar.subarray(at, at + 512);
    if (h.every((b) => b === 0)) break;
    const field = (o: number, n: number): string => h.toString('utf8', o, o + n).replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = Number.parseInt(field(124, 12), 8);
    if (field(156, 1) === '0') out.set(name, tar.subarray(at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

type Node = Record<string, unknown>;
const graphOf = (crate: Node): Node[] => crate['@graph'] as Node[];
const idOf = (v: unknown): string => (v as { '@id': string })['@id'];

/** What a crate says against what an archive holds: every hasPart a file of the archive with its size and sha256,
 * every file of the archive (but the crate's own two) a hasPart. */
function crateProblems(crate: Node, files: ReadonlyMap<string, Buffer>): string[] {
  const g = graphOf(crate);
  const root = g.find((n) => n['@id'] === './')!;
  const parts = (root.hasPart as unknown[]).map(idOf);
  const problems: string[] = [];
  for (const p of parts) {
    const f = files.get(p);
    const e = g.find((n) => n['@id'] === p);
    if (!f) problems.push(`hasPart ${p} is not in the archive`);
    else if (!e) problems.push(`hasPart ${p} has no entity`);
    else {
      if (e.contentSize !== String(f.length)) problems.push(`${p}: contentSize ${e.contentSize}, not ${f.length}`);
      if (e.sha256 !== sha256(f)) problems.push(`${p}: sha256 differs`);
      if (!e.encodingFormat) problems.push(`${p}: no encodingFormat`);
      if (!e.license) problems.push(`${p}: no license`);
    }
  }
  for (const name of files.keys())
    if (!parts.includes(name) && name !== RO_CRATE_METADATA && name !== RO_CRATE_PREVIEW)
      problems.push(`${name} is in the archive but not a hasPart`);
  return problems;
}

async function archive(): Promise<Map<string, Buffer>> {
  const dir = await release;
  const files = tarFiles(readFileSync(`${dir}.tar.gz`));
  return new Map([...files].map(([k, v]) => [k.slice(NAME.length + 1), v]));
}

const readCrate = async (): Promise<Node> => JSON.parse(readFileSync(join(await release, RO_CRATE_METADATA), 'utf8'));

test('the archive holds the folder; every file of it is a hasPart with type, size, sha256 and licence, and back', async () => {
  const dir = await release;
  const files = await archive();
  assert.deepEqual([...files.keys()].sort(), filesUnder(dir));
  for (const [name, data] of files) assert.ok(data.equals(readFileSync(join(dir, name))), name);
  const crate = await readCrate();
  assert.deepEqual(crateProblems(crate, files), []);
  const g = graphOf(crate);
  const root = g.find((n) => n['@id'] === './')!;
  assert.equal((root.hasPart as unknown[]).length, files.size - 2);
  // the licence of the open profile, CC0 for the Wikidata-shaped view, nothing else
  for (const p of (root.hasPart as unknown[]).map(idOf)) {
    const e = g.find((n) => n['@id'] === p)!;
    assert.equal(e['@type'], 'File', p);
    assert.equal(
      idOf(e.license),
      p === DUMPS.wikidata ? 'http://creativecommons.org/publicdomain/zero/1.0/' : CC_BY_4,
      p,
    );
  }
  assert.equal(g.find((n) => n['@id'] === 'stalin-letters.nt.gz')!.encodingFormat, 'application/gzip');
  assert.equal(g.find((n) => n['@id'] === 'stalin-letters.ttl')!.encodingFormat, 'text/turtle');
  // the root: the release date (not the clock), the licence with its scope, what the data cover
  assert.equal(root.datePublished, DATE);
  assert.equal(idOf(root.license), CC_BY_4);
  assert.match(
    String(g.find((n) => n['@id'] === CC_BY_4)!.description),
    /no running text of the letters.*not the books/,
  );
  assert.match(String(root.name), /release 1\.0\.0$/);
  assert.match(String(root.description), /^Metadata of \d+ letters/);
  assert.match(String(root.temporalCoverage), /^1930\/1932$/);
  assert.equal(root.identifier, `${DEFAULT_BASE_IRI}dataset/${VERSION}`);
  assert.ok((root.isBasedOn as unknown[]).length >= 2, 'the printed editions');
  // the descriptor
  const md = g.find((n) => n['@id'] === RO_CRATE_METADATA)!;
  assert.deepEqual(
    [md['@type'], idOf(md.conformsTo), idOf(md.about)],
    ['CreativeWork', 'https://w3id.org/ro/crate/1.1', './'],
  );
});

test('the check of a crate against its archive fails on a missing file, a missing hasPart and a wrong checksum', async () => {
  const files = await archive();
  const crate = await readCrate();
  const without = new Map(files);
  without.delete('cmif.xml');
  assert.deepEqual(crateProblems(crate, without), ['hasPart cmif.xml is not in the archive']);
  const extra = new Map(files).set('notes.txt', Buffer.from('x'));
  assert.deepEqual(crateProblems(crate, extra), ['notes.txt is in the archive but not a hasPart']);
  const changed = new Map(files).set('cmif.xml', Buffer.concat([files.get('cmif.xml')!, Buffer.from(' ')]));
  assert.equal(crateProblems(crate, changed).length, 2); // size and sha256
});

test('the preview is HTML with the crate as JSON-LD in its head, the root metadata and every file', async () => {
  const dir = await release;
  const html = readFileSync(join(dir, RO_CRATE_PREVIEW), 'utf8');
  const head = html.slice(0, html.indexOf('</head>'));
  const script = /<script type="application\/ld\+json">\n([\s\S]*?)\n<\/script>/.exec(head);
  assert.ok(script, 'JSON-LD in the head');
  assert.deepEqual(JSON.parse(script[1]!), await readCrate());
  const crate = await readCrate();
  for (const p of (graphOf(crate).find((n) => n['@id'] === './')!.hasPart as unknown[]).map(idOf))
    assert.ok(html.includes(`<a href="${p}">`), p);
  assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
  assert.match(html, new RegExp(`Published</th><td>${DATE}<`));
});

// --- the crate against crs4/rocrate-validator's RO-Crate 1.1 profile ---------------------------------------------

const shapeFiles = (): string[] => {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }))
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.ttl') && e.name !== 'ontology.ttl' && e.name !== 'profile.ttl')
        out.push(join(d, e.name));
  };
  walk(join(RO, 'shapes'));
  return out.sort();
};

// as rocrate-validator reads a crate from a folder: its root is the folder's file: URI
const CRATE_BASE = 'file:///release/';

const PREFIXES = (shapes: N3.Store): string =>
  shapes
    .getQuads(null, `${SH}declare`, null, null)
    .map((q) => {
      const prefix = shapes.getObjects(q.object, `${SH}prefix`, null)[0]!.value;
      return `PREFIX ${prefix}: <${shapes.getObjects(q.object, `${SH}namespace`, null)[0]!.value}>`;
    })
    .filter((p, i, all) => all.indexOf(p) === i)
    .join('\n');

/** The profile's shapes as one graph. shacl-engine's SPARQL targets ignore sh:prefixes (its constraints honour
 * them), so the declared prefixes are written into each target's query, as rocrate-validator does for pyshacl. */
function profileShapes(): N3.Store {
  const shapes = new N3.Store();
  for (const f of shapeFiles())
    shapes.addQuads(new N3.Parser({ baseIRI: `file://${f}` }).parse(readFileSync(f, 'utf8')));
  // `ro: <./>` is the crate's root: resolved against the base the crate is read with (no engine takes a relative IRI)
  for (const q of shapes.getQuads(null, `${SH}namespace`, null, null))
    if (!/^[a-z][a-z0-9+.-]*:/i.test(q.object.value)) {
      shapes.removeQuad(q);
      shapes.addQuad(q.subject, q.predicate, N3.DataFactory.literal(new URL(q.object.value, CRATE_BASE).href));
    }
  const prefixes = PREFIXES(shapes);
  for (const t of shapes.getSubjects(RDF_TYPE, `${SH}SPARQLTarget`, null))
    for (const q of shapes.getQuads(t, `${SH}select`, null, null)) {
      shapes.removeQuad(q);
      shapes.addQuad(q.subject, q.predicate, N3.DataFactory.literal(`${prefixes}\n${q.object.value}`));
    }
  return shapes;
}

/** The crate as RDF: JSON-LD with the committed RO-Crate 1.1 context (no network), relative IRIs on a base. */
async function crateQuads(crate: Node): Promise<N3.Quad[]> {
  const context = JSON.parse(readFileSync(join(RO, 'context-1.1.jsonld'), 'utf8'));
  const documentLoader = async (url: string): Promise<unknown> => {
    if (url !== RO_CRATE_CONTEXT) throw new Error(`no network in tests: ${url}`);
    return { contextUrl: null, documentUrl: url, document: context };
  };
  const nq = (await jsonld.toRDF(crate as never, {
    base: CRATE_BASE,
    format: 'application/n-quads',
    documentLoader: documentLoader as never,
  })) as unknown as string;
  return new N3.Parser({ format: 'N-Quads' }).parse(nq);
}

/** rocrate-validator runs pyshacl with the profile's ontology.ttl mixed into the data, OWL-RL inference and SHACL-AF
 * rules iterated. Here: the ontology mixed in, the types OWL 2 RL gives (test/owl-rl.ts: subClassOf and
 * equivalentClass are what the ontology uses), and the profile's sh:TripleRules (sh:this, constant predicate and
 * object, with or without a sh:condition) applied to their targets until nothing changes. */
async function expand(data: N3.Quad[], shapes: N3.Store): Promise<N3.Store> {
  // its `ro: <./>` is the crate's root, as in the data
  const ontology = new N3.Parser({ baseIRI: CRATE_BASE }).parse(readFileSync(join(RO, 'shapes/ontology.ttl'), 'utf8'));
  const store = new N3.Store([...data, ...ontology]);
  const conditions = new Validator(rdf.dataset([...shapes]) as unknown as DatasetCore, { factory: rdf as never });
  const addTypes = (): void => {
    for (const [node, types] of inferTypes(store.getQuads(null, null, null, null)))
      for (const t of types) {
        const s = node.startsWith('_:') ? N3.DataFactory.blankNode(node.slice(2)) : N3.DataFactory.namedNode(node);
        store.addQuad(s, N3.DataFactory.namedNode(RDF_TYPE), N3.DataFactory.namedNode(t));
      }
  };
  for (let round = 0; round < 10; round++) {
    addTypes();
    const before = store.size;
    const ox = new oxigraph.Store();
    for (const q of store) ox.add(q as never);
    for (const q of shapes.getQuads(null, `${SH}rule`, null, null)) {
      const rule = q.object;
      if (
        !shapes.has(
          N3.DataFactory.quad(
            rule as never,
            N3.DataFactory.namedNode(RDF_TYPE),
            N3.DataFactory.namedNode(`${SH}TripleRule`),
          ),
        )
      )
        continue;
      const p = shapes.getObjects(rule, `${SH}predicate`, null)[0]!;
      const o = shapes.getObjects(rule, `${SH}object`, null)[0]!;
      assert.equal(shapes.getObjects(rule, `${SH}subject`, null)[0]!.value, `${SH}this`);
      const focus: Term[] = [];
      for (const c of shapes.getObjects(q.subject, `${SH}targetClass`, null))
        focus.push(...store.getSubjects(RDF_TYPE, c, null));
      for (const n of shapes.getObjects(q.subject, `${SH}targetNode`, null)) focus.push(n);
      for (const p2 of shapes.getObjects(q.subject, `${SH}targetObjectsOf`, null))
        focus.push(...store.getObjects(null, p2, null));
      for (const t of shapes.getObjects(q.subject, `${SH}target`, null))
        for (const sel of shapes.getObjects(t, `${SH}select`, null))
          for (const row of ox.query(sel.value) as Map<string, Term>[])
            if (row.get('this')) focus.push(row.get('this')!);
      const condition = shapes.getObjects(rule, `${SH}condition`, null)[0];
      for (const f of focus) {
        if (condition) {
          // shacl-engine validates against the given shapes only when asked (its second argument)
          const only = conditions.validate as (
            data: { dataset: DatasetCore; terms: Term[] },
            shapes: { terms: Term[] }[],
          ) => Promise<{ conforms: boolean }>;
          const r = await only.call(
            conditions,
            { dataset: rdf.dataset([...store]) as unknown as DatasetCore, terms: [f] },
            [{ terms: [condition] }],
          );
          if (!r.conforms) continue;
        }
        store.addQuad(f as N3.Quad_Subject, p as N3.Quad_Predicate, o as N3.Quad_Object);
      }
    }
    if (store.size === before) return store;
  }
  throw new Error('the rules did not reach a fixpoint');
}

interface Result {
  severity: string;
  shape: string;
  focus: string;
  message: string;
}

/** The shapes graph of one shape: its quads and those of the blank nodes under it (its concise bounded description). */
function cbd(shapes: N3.Store, root: N3.Term): N3.Quad[] {
  const out: N3.Quad[] = [];
  const todo: N3.Term[] = [root];
  for (const s of todo)
    for (const q of shapes.getQuads(s, null, null, null)) {
      out.push(q);
      if (q.object.termType === 'BlankNode') todo.push(q.object);
    }
  return out;
}

/** Node shapes with a property path shacl-engine cannot follow: it takes the object of sh:oneOrMorePath (and the
 * like) for a predicate, so a nested path such as [ sh:oneOrMorePath [ sh:inversePath schema:hasPart ] ] matches
 * nothing. These shapes (Core SHACL only) run on rdf-validate-shacl, which follows nested paths. */
function nestedPathShapes(shapes: N3.Store): N3.Term[] {
  const out = new Set<string>();
  for (const k of ['oneOrMorePath', 'zeroOrMorePath', 'zeroOrOnePath'])
    for (const q of shapes.getQuads(null, `${SH}${k}`, null, null))
      if (q.object.termType === 'BlankNode') {
        const prop = shapes.getSubjects(`${SH}path`, q.subject, null)[0]!;
        for (const owner of shapes.getSubjects(`${SH}property`, prop, null)) out.add(owner.value);
      }
  return [...out].map((v) => N3.DataFactory.namedNode(v));
}

async function validateCrate(crate: Node): Promise<{ results: Result[]; data: N3.Store }> {
  const shapes = profileShapes();
  const data = await expand(await crateQuads(crate), shapes);
  const nested = nestedPathShapes(shapes);
  const nestedQuads = nested.flatMap((s) => cbd(shapes, s));
  const rest = new N3.Store([...shapes]);
  rest.removeQuads(nestedQuads);
  const validator = new Validator(rdf.dataset([...rest]) as unknown as DatasetCore, {
    factory: rdf as never,
    targetResolvers,
    validations,
  });
  const main = await validator.validate({ dataset: rdf.dataset([...data]) as unknown as DatasetCore });
  const second = await new SHACLValidator(rdf.dataset(nestedQuads as never)).validate(rdf.dataset([...data] as never));
  return { results: [...resultsOf(main.dataset, shapes), ...resultsOf(second.dataset as never, shapes)], data };
}

function resultsOf(r: DatasetCore, shapes: N3.Store): Result[] {
  const obj = (s: Term, p: string): Term | undefined => [...r.match(s as never, rdf.namedNode(p))][0]?.object;
  const one = (s: Term, p: string): string => obj(s, p)?.value ?? '';
  return [...r.match(null, rdf.namedNode(RDF_TYPE), rdf.namedNode(`${SH}ValidationResult`))].map((q) => {
    const source = obj(q.subject, `${SH}sourceShape`)!;
    // a nested property shape is a blank node: name the node shape that holds it
    const owner =
      source.termType === 'BlankNode'
        ? shapes.getSubjects(`${SH}property`, N3.DataFactory.blankNode(source.value), null)[0]?.value
        : source.value;
    return {
      severity: one(q.subject, `${SH}resultSeverity`).slice(SH.length),
      shape: owner?.startsWith(RC) ? owner.slice(RC.length) : (owner ?? source.value),
      focus: one(q.subject, `${SH}focusNode`),
      message: one(q.subject, `${SH}resultMessage`),
    };
  });
}

const violationsOf = (results: Result[]): Result[] => results.filter((r) => r.severity === 'Violation');

test("the crate passes the SHACL shapes of rocrate-validator's RO-Crate 1.1 profile (MUST, SHOULD, MAY)", async () => {
  const { results, data } = await validateCrate(await readCrate());
  // the rules did run: without them the shapes would have no focus nodes and pass vacuously
  const typed = (c: string): number => data.getSubjects(RDF_TYPE, `${RC}${c}`, null).length;
  assert.deepEqual(
    data.getSubjects(RDF_TYPE, `${RC}RootDataEntity`, null).map((t) => t.value),
    [CRATE_BASE],
  );
  assert.deepEqual(
    data.getSubjects(RDF_TYPE, `${RC}ROCrateMetadataFileDescriptor`, null).map((t) => t.value),
    [`${CRATE_BASE}${RO_CRATE_METADATA}`],
  );
  const crate = await readCrate();
  const parts = (graphOf(crate).find((n) => n['@id'] === './')!.hasPart as unknown[]).length;
  assert.equal(typed('File'), parts);
  assert.equal(typed('DataEntity'), parts);
  assert.deepEqual(violationsOf(results), []);
  // no SHOULD left out (warnings); what remains are the MAY properties of files (identifier, url, subjectOf, …), as infos
  for (const r of results) assert.equal(r.severity, 'Info', `${r.shape} ${r.focus}: ${r.message}`);
  assert.deepEqual([...new Set(results.map((r) => r.shape))].sort(), [
    'DirectoryDataEntityWebOptionalDistribution',
    'FileDataEntityWebOptionalProperties',
  ]);
});

test('the RO-Crate shapes fail a crate without a hasPart, without datePublished, with a bad root or licence', async () => {
  const base = await readCrate();
  const edit = (f: (g: Node[]) => void): Node => {
    const c = structuredClone(base);
    f(graphOf(c));
    return c;
  };
  const root = (g: Node[]): Node => g.find((n) => n['@id'] === './')!;
  const cases: [string, Node, string][] = [
    [
      'a file entity that is no hasPart',
      edit((g) => {
        root(g).hasPart = (root(g).hasPart as unknown[]).filter((p) => idOf(p) !== 'cmif.xml');
      }),
      'DataEntityRequiredPropertiesShape',
    ],
    ['no datePublished', edit((g) => delete root(g).datePublished), 'RootDataEntityRequiredProperties'],
    ['no licence', edit((g) => delete root(g).license), 'RootDataEntityRequiredProperties'],
    ['no name', edit((g) => delete root(g).name), 'RootDataEntityRequiredProperties'],
    [
      'a descriptor without conformsTo',
      edit((g) => delete g.find((n) => n['@id'] === RO_CRATE_METADATA)!.conformsTo),
      'ROCrateMetadataFileDescriptorRecommendedProperties',
    ],
    [
      'no descriptor at all',
      edit((g) =>
        g.splice(
          g.findIndex((n) => n['@id'] === RO_CRATE_METADATA),
          1,
        ),
      ),
      'ROCrateMetadataFileDescriptorExistence',
    ],
  ];
  for (const [what, crate, shape] of cases) {
    const v = violationsOf((await validateCrate(crate)).results);
    assert.ok(
      v.some((r) => r.shape === shape),
      `${what}: expected a violation of ${shape}, got ${JSON.stringify(v.map((r) => r.shape))}`,
    );
  }
});

test('roCrate gives the full profile honest terms, not a licence', async () => {
  const d = loadDataset(CORPUS).dataset!;
  const full = roCrate({
    d,
    profile: 'full',
    title: 't',
    description: 'd',
    version: VERSION,
    date: DATE,
    identifier: 'https://example.org/x',
    url: 'https://example.org/',
    base: DEFAULT_BASE_IRI,
    keywords: [],
    files: [{ name: 'a.nt', bytes: 1, sha256: '0'.repeat(64), format: 'application/n-triples', what: 'a' }],
  });
  const g = graphOf(full);
  const licence = g.find((n) => n['@id'] === idOf(g.find((n) => n['@id'] === './')!.license))!;
  assert.equal(licence.name, 'Not openly licensed');
  assert.match(String(licence.description), /in copyright/);
  assert.equal(idOf(g.find((n) => n['@id'] === 'a.nt')!.license), licence['@id']);
  assert.ok(!JSON.stringify(full).includes(CC_BY_4), 'no CC BY anywhere');
});

// --- the release's linkset ---------------------------------------------------------------------------------------

test('the release linkset (RFC 9264): anchored on the release, cite-as, every dump as item with its type, describedby the crate, licence', async () => {
  const dir = await release;
  const doc = JSON.parse(readFileSync(join(dir, RELEASE_LINKSET), 'utf8')) as {
    linkset: Record<string, { href: string; type?: string }[] | string>[];
  };
  assert.equal(doc.linkset.length, 1);
  const ls = doc.linkset[0]!;
  assert.equal(ls.anchor, DOWNLOAD);
  const rel = (r: string): { href: string; type?: string }[] => ls[r] as { href: string; type?: string }[];
  assert.deepEqual(rel('cite-as'), [{ href: `${DEFAULT_BASE_IRI}dataset/${VERSION}` }]);
  assert.deepEqual(rel('license'), [{ href: CC_BY_4 }]);
  assert.deepEqual(rel('describedby')[0], { href: `${DOWNLOAD}${RO_CRATE_METADATA}`, type: 'application/ld+json' });
  const crate = await readCrate();
  const format = new Map(graphOf(crate).map((n) => [n['@id'] as string, n.encodingFormat as string]));
  const dumps = [DUMPS.turtle, `${DUMPS.turtle}.gz`, DUMPS.ntriples, `${DUMPS.ntriples}.gz`, DUMPS.jsonld];
  assert.deepEqual(
    rel('item')
      .map((l) => l.href.slice(DOWNLOAD.length))
      .sort(),
    [...dumps].sort(),
  );
  // every target of the release is a file of the release, with the type the crate gives it
  for (const l of [...rel('item'), ...rel('describedby')]) {
    assert.ok(l.href.startsWith(DOWNLOAD), l.href);
    const name = l.href.slice(DOWNLOAD.length);
    assert.ok(readdirSync(dir).includes(name), name);
    if (name !== RO_CRATE_METADATA) assert.equal(l.type, format.get(name), name);
  }
  // RFC 9264 §4.2: link targets are arrays of objects with href, relation types are keys
  for (const [k, v] of Object.entries(ls))
    if (k !== 'anchor') assert.ok(Array.isArray(v) && v.every((t) => typeof t.href === 'string'), k);
});

// --- the quality report --------------------------------------------------------------------------------------------

const fullGraph = (async () => {
  const b = await runBuild({
    corpusDir: CORPUS,
    outDir: '/nonexistent',
    base: DEFAULT_BASE_IRI,
    write: false,
    keepGraph: true,
  });
  return b.graph!;
})();

const readReport = async (): Promise<QualityReport> =>
  JSON.parse(readFileSync(join(await release, QUALITY_JSON), 'utf8'));

/** The counts of a report, recomputed with SPARQL on Oxigraph: focus nodes per node shape from the shapes graph and
 * the whole graph, and the bases from the release's N-Triples dump. */
async function recount(): Promise<{ perShape: Map<string, number>; bases: Map<string, Map<string, number>> }> {
  const store = new oxigraph.Store();
  const nt = (quads: readonly Quad[]): string => new N3.Writer({ format: 'N-Triples' }).quadsToString(quads as never);
  store.load(nt(await fullGraph), { format: 'application/n-triples' });
  store.load(readFileSync(SHAPES_FILE, 'utf8'), {
    format: 'text/turtle',
    to_graph_name: oxigraph.namedNode('urn:shapes'),
  });
  const perShape = new Map<string, number>();
  const rows = store.query(`
    PREFIX sh: <${SH}>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?shape (COUNT(DISTINCT ?focus) AS ?n) WHERE {
      GRAPH <urn:shapes> { ?shape a sh:NodeShape }
      OPTIONAL {
        { GRAPH <urn:shapes> { ?shape sh:targetClass ?c } ?focus a/rdfs:subClassOf* ?c }
        UNION { GRAPH <urn:shapes> { ?shape sh:targetNode ?focus } ?focus ?anyP ?anyO }
        UNION { GRAPH <urn:shapes> { ?shape sh:targetSubjectsOf ?p } ?focus ?p ?o1 }
        UNION { GRAPH <urn:shapes> { ?shape sh:targetObjectsOf ?q } ?s2 ?q ?focus }
      }
    } GROUP BY ?shape`) as Map<string, Term>[];
  for (const r of rows) perShape.set(r.get('shape')!.value, Number(r.get('n')!.value));

  const dump = new oxigraph.Store();
  dump.load(readFileSync(join(await release, DUMPS.ntriples), 'utf8'), { format: 'application/n-triples' });
  const bases = new Map<string, Map<string, number>>();
  const basisRows = dump.query(`
    PREFIX sl: <${NS.sl}>
    SELECT ?p ?basis (COUNT(*) AS ?n) WHERE {
      VALUES ?basis { sl:stated sl:implied sl:inferred }
      ?s ?p ?basis
    } GROUP BY ?p ?basis`) as Map<string, Term>[];
  for (const r of basisRows) {
    const p = r.get('p')!.value;
    const m = bases.get(p) ?? bases.set(p, new Map()).get(p)!;
    m.set(r.get('basis')!.value.slice(NS.sl.length), Number(r.get('n')!.value));
  }
  return { perShape, bases };
}

/** Differences between a report and the recount. */
function compare(report: QualityReport, re: Awaited<ReturnType<typeof recount>>): string[] {
  const diff: string[] = [];
  for (const s of report.shacl.perShape)
    if (re.perShape.get(s.shape) !== s.focusNodes)
      diff.push(`${s.shape}: ${s.focusNodes} focus nodes, SPARQL counts ${re.perShape.get(s.shape)}`);
  if (re.perShape.size !== report.shacl.perShape.length) diff.push('a node shape is missing');
  const total = { stated: 0, implied: 0, inferred: 0 } as Record<string, number>;
  for (const [p, m] of re.bases) {
    const mine = report.bases.perProperty.find((x) => x.property === p);
    for (const [b, n] of m) {
      total[b]! += n;
      if (mine?.counts[b as 'stated'] !== n) diff.push(`${p} ${b}: ${mine?.counts[b as 'stated']}, SPARQL counts ${n}`);
    }
  }
  for (const b of ['stated', 'implied', 'inferred'] as const) {
    if (report.bases.counts[b] !== total[b]) diff.push(`${b}: ${report.bases.counts[b]}, SPARQL counts ${total[b]}`);
    const all = total.stated! + total.implied! + total.inferred!;
    if (Math.abs(report.bases.share[b] - total[b]! / all) > 0.00005) diff.push(`share of ${b}`);
  }
  return diff;
}

test("the quality report's counts are what SPARQL counts over the graph and the dump, and a changed count is caught", async () => {
  const report = await readReport();
  assert.equal(report.version, VERSION);
  assert.equal(report.date, DATE);
  const re = await recount();
  assert.deepEqual(compare(report, re), []);
  assert.ok(report.bases.total > 100 && report.bases.counts.inferred > 0, JSON.stringify(report.bases.counts));
  assert.ok(report.shacl.perShape.filter((s) => s.focusNodes > 0).length > 30);
  const wrong = structuredClone(report);
  wrong.shacl.perShape[0]!.focusNodes++;
  wrong.bases.counts.implied--;
  assert.equal(compare(wrong, re).length, 2);
});

test('the SHACL part: conforms as a second engine (rdf-validate-shacl) finds, and a violation is counted to its shape', async () => {
  const report = await readReport();
  const graph = await fullGraph;
  const shapes = rdf.dataset(new N3.Parser().parse(readFileSync(SHAPES_FILE, 'utf8')) as never);
  const second = await new SHACLValidator(shapes).validate(rdf.dataset(graph as never));
  assert.equal(report.shacl.conforms, second.conforms);
  assert.deepEqual(report.shacl.results, []);
  assert.equal(report.shacl.triples, graph.length);
  // a letter without its label: one violation, charged to the Letter shape
  const { ShaclValidator } = await import('../../src/validate/index.js');
  const letter = graph.find((q) => q.predicate.value === RDF_TYPE && q.object.value === `${NS.sl}Letter`)!.subject;
  const broken = graph.filter((q) => !(q.subject.equals(letter) && q.predicate.value === `${NS.rdfs}label`));
  assert.equal(broken.length, graph.length - 1);
  const results = await ShaclValidator.fromFile(SHAPES_FILE).validate(broken);
  const r = qualityReport({
    version: VERSION,
    date: DATE,
    shapesFile: SHAPES_FILE,
    shapesName: 'ontology/shapes.ttl',
    ontologyFile: join(ROOT, 'ontology/stalin-letters.ttl'),
    graph: broken,
    published: broken,
    results,
  });
  assert.equal(r.shacl.conforms, false);
  const charged = r.shacl.perShape.filter((s) => s.violations > 0);
  assert.deepEqual(
    charged.map((s) => [s.shape.replace(/^.*#/, ''), s.violations]),
    [['Letter', results.length]],
  );
});

test('the HTML view shows the counts of the JSON', async () => {
  const dir = await release;
  const html = readFileSync(join(dir, QUALITY_HTML), 'utf8');
  const report = await readReport();
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<strong>conforms<\/strong>, 0 results/);
  for (const b of ['stated', 'implied', 'inferred'] as const)
    assert.ok(html.includes(`<td>${report.bases.counts[b]} (`), b);
  assert.ok(html.includes(`all (${report.bases.total})`));
  for (const s of report.shacl.perShape)
    assert.ok(html.includes(`<tr><td>${s.shape.replace(/^.*#/, '')}</td><td>${s.focusNodes}</td>`), s.shape);
  assert.equal(relative(dir, join(dir, QUALITY_HTML)), QUALITY_HTML);
});
