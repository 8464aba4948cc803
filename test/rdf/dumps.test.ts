// The three dumps: byte-identical to build/, isomorphic to each other, stable under shuffled input, and equal to
// the golden excerpts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import N3 from 'n3';
import jsonld from 'jsonld';
import { parseYamlDocument } from '../../src/corpus/yaml.js';
import { filesOf } from '../build-fixture.js';
import { BUILD, CORPUS, ROOT, tempDir } from '../helpers.js';
import { GOLDEN_TURTLE_SUBJECTS, goldenName, goldenTexts } from '../golden.js';
import { assertEveryChangeIsCaught, mismatches } from '../expected.js';
import { parseBaseIri } from '../../src/core/iri.js';

const GOLDEN = join(ROOT, 'test/golden');
const GOLDEN_UPDATE = 'npm run golden:update';

const lineWriter = new N3.Writer({ format: 'N-Triples' });
const asLines = (quads: N3.Quad[]): Set<string> =>
  new Set(quads.map((q) => lineWriter.quadToString(q.subject, q.predicate, q.object)));

test('build/ holds exactly what the corpus builds to (run `npm run build` and commit)', async () => {
  const files = await filesOf();
  for (const [name, content] of files) {
    assert.equal(readFileSync(join(BUILD, name), 'utf8'), content, `build/${name} is stale`);
  }
});

test('Turtle, N-Triples and JSON-LD hold the same triples', async () => {
  const files = await filesOf();
  const nt = asLines(new N3.Parser({ format: 'N-Triples' }).parse(files.get('stalin-letters.nt')!));
  const ttl = asLines(new N3.Parser({ format: 'Turtle' }).parse(files.get('stalin-letters.ttl')!));
  const noFetch = (url: string): never => {
    throw new Error(`remote context fetch attempted: ${url}`);
  };
  const fromJsonld = (await jsonld.toRDF(JSON.parse(files.get('stalin-letters.jsonld')!), {
    format: 'application/n-quads',
    documentLoader: noFetch as never,
  })) as unknown as string;
  const jl = asLines(new N3.Parser({ format: 'N-Quads' }).parse(fromJsonld));
  assert.ok(nt.size > 20000, `only ${nt.size} triples`);
  assert.equal(ttl.size, nt.size);
  assert.equal(jl.size, nt.size);
  for (const l of ttl) assert.ok(nt.has(l), `Turtle has a triple N-Triples lacks: ${l}`);
  for (const l of jl) assert.ok(nt.has(l), `JSON-LD has a triple N-Triples lacks: ${l}`);
});

test('N-Triples are sorted and without duplicates; Turtle groups each subject once', async () => {
  const files = await filesOf();
  const lines = files.get('stalin-letters.nt')!.split('\n').filter(Boolean);
  assert.deepEqual(lines, [...new Set(lines)].sort());
  const subjects = files
    .get('stalin-letters.ttl')!
    .split('\n')
    .filter((l) => l.startsWith('<'))
    .map((l) => l.split(' ')[0]!.slice(1, -1));
  assert.equal(new Set(subjects).size, subjects.length);
  assert.deepEqual(subjects, [...subjects].sort());
});

test('the JSON-LD has its context inline, equal to build/context.jsonld, and one object per subject', async () => {
  const files = await filesOf();
  const doc = JSON.parse(files.get('stalin-letters.jsonld')!) as { '@context': object; '@graph': { '@id': string }[] };
  assert.deepEqual({ '@context': doc['@context'] }, JSON.parse(files.get('context.jsonld')!));
  const ids = doc['@graph'].map((n) => n['@id']);
  assert.equal(new Set(ids).size, ids.length);
  const letter = doc['@graph'].find((n) => n['@id'] === 'sld:letter/molotov-60') as Record<string, unknown>;
  assert.equal(letter.number, 60);
  assert.equal(letter.dateAsPrinted, '[24 August 1930]');
});

function shuffledCorpus(): string {
  const dir = tempDir('shuffled');
  cpSync(CORPUS, dir, { recursive: true });
  let seed = 42;
  const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    // every record of a corpus file starts a line with "- " (a comment after a record moves with it)
    const text = readFileSync(join(dir, name), 'utf8');
    const [head, ...items] = text.split(/^(?=- )/m);
    const records = parseYamlDocument(text);
    if (!Array.isArray(records)) continue;
    assert.equal(items.length, records.length, `${name}: one "- " line per record`);
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    writeFileSync(join(dir, name), head + items.map((r) => (r.endsWith('\n') ? r : `${r}\n`)).join(''));
  }
  return dir;
}

test('shuffling the records of every YAML file changes no byte of any output', async () => {
  const original = await filesOf();
  const shuffled = await filesOf(shuffledCorpus());
  for (const [name, content] of original) {
    if (name.startsWith('reports/')) continue; // reports name corpus paths, which differ here
    assert.equal(shuffled.get(name), content, name);
  }
});

test('golden Turtle excerpts and canonical N-Quads (letter 55, the editions) are what the build gives', async () => {
  const actual = await goldenTexts(await filesOf());
  for (const s of GOLDEN_TURTLE_SUBJECTS) assert.ok(actual.get(`${goldenName(s)}.ttl`), `no Turtle block for ${s}`);
  assert.deepEqual(mismatches(GOLDEN, actual, GOLDEN_UPDATE), []);
});

test('the golden comparison fails on a golden file changed by one line, names it, and leaves it as it is', async () => {
  assertEveryChangeIsCaught(GOLDEN, await goldenTexts(await filesOf()), GOLDEN_UPDATE, (lines) =>
    Math.floor(lines.length / 2),
  );
});

test('a different base IRI moves every node but not the vocabulary', async () => {
  const files = await filesOf(CORPUS, parseBaseIri('https://example.org/sl/'));
  const nt = files.get('stalin-letters.nt')!;
  assert.ok(
    nt.includes('<https://example.org/sl/letter/molotov-60> <https://w3id.org/stalin-letters/ontology#number> "60"'),
  );
  assert.ok(!nt.includes('<https://w3id.org/stalin-letters/letter/'));
});
