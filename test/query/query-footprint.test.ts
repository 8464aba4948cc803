// The fast path of a cold `query` (src/query/footprint.ts, local.ts): the build/ dump is loaded with only the lines
// the query can match, in pieces, and a one-shot process keeps Oxigraph on V8's baseline compiler. These tests show
// that it gives what a full load gives: every saved query, byte for byte, as the CLI writes it; the footprint is
// refused (full load) whenever a query can read any triple; a line the selection does not recognise is kept.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { footprint, selectLines } from '../../src/query/footprint.js';
import { chunks, loadLocalStore, runLocal } from '../../src/query/local.js';
import { formatResult } from '../../src/query/format.js';
import { loadAllSavedQueries, parseSparql } from '../../src/query/saved.js';
import { main } from '../../src/cli/main.js';
import { BIN, ROOT, captureIo, tempDir } from '../helpers.js';
import { BASE, prepared, queryData } from '../query-data.js';

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const fp = (q: string) => footprint(parseSparql(q, 'test'));

test('the footprint names the predicates and classes of every pattern, also in paths, EXISTS, MINUS and subqueries', () => {
  const f = fp(`SELECT ?s (EXISTS { ?s <x:e> ?e } AS ?has) WHERE {
    ?s a <x:C> ; <x:a>/(<x:b>|^<x:c>)+ ?o .
    OPTIONAL { ?o <x:d> ?d } MINUS { ?s <x:m> ?m } FILTER NOT EXISTS { ?s <x:f> ?f }
    { SELECT ?s WHERE { ?s <x:g> ?g } } } ORDER BY ?s`);
  assert.deepEqual([...f!.predicates].sort(), [RDF_TYPE, 'x:a', 'x:b', 'x:c', 'x:d', 'x:e', 'x:f', 'x:g', 'x:m']);
  assert.deepEqual([...f!.classes], ['x:C']);
  // a type pattern with a variable class needs every rdf:type line
  assert.deepEqual([...fp('SELECT * WHERE { ?s a <x:C> . ?o a ?t }')!.classes], []);
  // CONSTRUCT's template is not read
  assert.deepEqual([...fp('CONSTRUCT { ?s <x:written> ?o } WHERE { ?s <x:read> ?o }')!.predicates], ['x:read']);
});

test('no footprint (a full load) for a query that can read any triple', () => {
  for (const q of [
    'SELECT * WHERE { ?s ?p ?o }',
    'SELECT * WHERE { ?s <x:a> ?o . ?o ?p ?x }',
    'SELECT * WHERE { ?s !<x:a> ?o }',
    'SELECT * WHERE { ?s <x:a>* ?o }', // a path of length 0 matches every node
    'SELECT * WHERE { ?s <x:a>? ?o }',
    'SELECT * WHERE { ?s <x:a> ?o FILTER EXISTS { ?o ?p ?x } }',
    'DESCRIBE <x:s>',
    'SELECT * FROM <x:g> WHERE { ?s <x:a> ?o }',
    'SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s <x:a> ?o } }',
  ])
    assert.equal(fp(q), undefined, q);
});

test('the selection keeps the lines of wanted predicates (and classes) in file order, and every line it does not recognise', () => {
  const nt = [
    '<x:s1> <x:a> "one <x:b> inside" .',
    '<x:s1> <x:b> <x:o> .',
    `<x:s1> <${RDF_TYPE}> <x:C> .`,
    `<x:s2> <${RDF_TYPE}> <x:D> .`,
    '# a comment',
    '',
    '_:b1 <x:a> "Молотов" .',
    `<x:s3> <${RDF_TYPE}> <x:C>  .`, // another shape: kept
    '<x:s3> <x:c> "last, without a newline" .',
  ].join('\n');
  const lines = (f: ReturnType<typeof fp>): string[] => selectLines(Buffer.from(nt), f!).toString('utf8').split('\n');
  assert.deepEqual(lines(fp('SELECT * WHERE { ?s <x:a> ?o . ?s a <x:C> }')), [
    '<x:s1> <x:a> "one <x:b> inside" .',
    `<x:s1> <${RDF_TYPE}> <x:C> .`,
    '# a comment',
    '',
    '_:b1 <x:a> "Молотов" .',
    `<x:s3> <${RDF_TYPE}> <x:C>  .`,
    '',
  ]);
  assert.deepEqual(lines(fp('SELECT * WHERE { ?s <x:c> ?o . ?s a ?t }')), [
    `<x:s1> <${RDF_TYPE}> <x:C> .`,
    `<x:s2> <${RDF_TYPE}> <x:D> .`,
    '# a comment',
    '',
    `<x:s3> <${RDF_TYPE}> <x:C>  .`,
    '<x:s3> <x:c> "last, without a newline" .',
  ]);
});

test('every saved query gives the same output, byte for byte, on the selected lines of the dump as on all of it', async () => {
  const d = await queryData();
  const dump = join(tempDir('footprint'), 'stalin-letters.nt');
  writeFileSync(dump, d.ntriples);
  let selected = 0;
  for (const q of loadAllSavedQueries()) {
    const p = prepared(q.name);
    const f = footprint(q.parsed);
    if (!f) continue;
    selected++;
    const part = await loadLocalStore([dump], { lenient: true, footprint: f });
    assert.ok(part.size < d.oxigraph.size, `${q.name}: the selection keeps every triple`);
    const [full, fast] = [runLocal(d.oxigraph, p), runLocal(part, p)];
    for (const format of full.kind === 'graph' ? (['nt', 'turtle'] as const) : (['csv', 'tsv', 'json'] as const)) {
      assert.equal(
        await formatResult(fast, format, BASE),
        await formatResult(full, format, BASE),
        `${q.name} --format ${format}`,
      );
    }
  }
  assert.ok(selected >= 15, `only ${selected} saved queries have a footprint`);
});

test('a dump loaded in pieces (cut anywhere, even inside a UTF-8 character) is the same store', async () => {
  const { ntriples } = await queryData();
  const { Store } = await (await import('../../src/query/local.js')).oxigraphModule();
  // the lines with Cyrillic text, in 7-byte pieces; and the whole dump in pieces of 4099 bytes
  const cyrillic = Buffer.from(
    ntriples
      .split('\n')
      .filter((l) => /[а-я]/.test(l))
      .slice(0, 300)
      .join('\n'),
  );
  assert.ok(cyrillic.length > 1000);
  for (const [bytes, size] of [
    [cyrillic, 7],
    [Buffer.from(ntriples), 4099],
  ] as const) {
    const [whole, pieces] = [new Store(), new Store()];
    whole.load(bytes, { format: 'application/n-triples' });
    pieces.load(chunks(bytes, size), { format: 'application/n-triples' });
    assert.equal(pieces.size, whole.size);
    assert.equal(pieces.dump({ format: 'application/n-quads' }), whole.dump({ format: 'application/n-quads' }));
  }
});

test('the program as users start it (one-shot: selected lines, baseline compiler) prints what main prints in-process', async () => {
  for (const args of [
    ['co-mentions', '--format', 'csv'],
    ['who-held', '--format', 'tsv'],
    ['entity', '--format', 'nt'],
  ]) {
    const io = captureIo();
    assert.equal(await main(['query', ...args], io), 0, io.stderr);
    const r = spawnSync(process.execPath, [BIN, 'query', ...args], { encoding: 'utf8', cwd: ROOT });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, io.stdout, args.join(' '));
  }
});

test('a broken --source file is still one line naming it, strict as before (the selection is for the build/ dump only)', async () => {
  const dir = tempDir('broken');
  const file = join(dir, 'broken.nt');
  writeFileSync(file, '<x:s> <x:a> "ok" .\n<x:s> <x:b> <not an iri> .\n');
  for (const run of [
    async () => {
      const io = captureIo();
      return { code: await main(['query', 'export-persons', '--source', file], io), err: io.stderr };
    },
    async () => {
      const r = spawnSync(process.execPath, [BIN, 'query', 'export-persons', '--source', file], {
        encoding: 'utf8',
        cwd: ROOT,
      });
      return { code: r.status, err: r.stderr };
    },
  ]) {
    const { code, err } = await run();
    assert.equal(code, 1);
    assert.match(err, /^error: .*broken\.nt: not valid RDF: .+\n$/);
  }
});
