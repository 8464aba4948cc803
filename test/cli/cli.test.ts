// The CLI driven in-process through main(argv, io).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { BIN, BUILD, ROOT, captureIo, tempDir } from '../helpers.js';

const filesUnder = (dir: string, rel = ''): string[] =>
  readdirSync(join(dir, rel), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(dir, join(rel, e.name)) : [join(rel, e.name)]))
    .sort();

test('build writes the dumps, the metadata, the reports and the figures, identical to build/', async () => {
  const out = tempDir('cli');
  const io = captureIo();
  assert.equal(await main(['build', '--out', out], io), 0, io.stderr);
  assert.match(io.stdout, /built: 18 letters, 69 footnotes, 76 citations/);
  assert.deepEqual(readdirSync(out).sort(), [
    'cmif.xml',
    'context.jsonld',
    'figures',
    'reports',
    'stalin-letters-wikidata.nt',
    'stalin-letters.jsonld',
    'stalin-letters.nt',
    'stalin-letters.ttl',
    'tei',
    'void.ttl',
  ]);
  assert.equal(readdirSync(join(out, 'tei')).length, 18);
  assert.deepEqual(readdirSync(join(out, 'reports')).sort(), [
    'cyrillic-roundtrip.csv',
    'footnote-markers.csv',
    'unlinked.csv',
    'unresolved-names.csv',
  ]);
  assert.match(
    io.stdout,
    new RegExp(`figures: \\d+ \\(\\d+ career timelines\\) → ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/figures/`),
  );
  for (const f of [
    'stalin-letters.ttl',
    'stalin-letters-wikidata.nt',
    'void.ttl',
    'cmif.xml',
    'reports/unlinked.csv',
    'figures/letters.svg',
    'figures/timeline/piatakov.svg',
    'tei/molotov-63.xml',
  ])
    assert.equal(readFileSync(join(out, f), 'utf8'), readFileSync(join(BUILD, f), 'utf8'), f);
});

test('the bundled program (bin) builds byte for byte what the modules build in-process, and runs queries', async () => {
  const [inProcess, bundled] = [tempDir('mod'), tempDir('bin')];
  assert.equal(await main(['build', '--quiet', '--out', inProcess], captureIo()), 0);
  const r = spawnSync(process.execPath, [BIN, 'build', '--out', bundled], { encoding: 'utf8', cwd: ROOT });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /built: 18 letters/);
  assert.deepEqual(filesUnder(bundled), filesUnder(inProcess));
  for (const f of filesUnder(inProcess))
    assert.ok(readFileSync(join(bundled, f)).equals(readFileSync(join(inProcess, f))), f);
  // Comunica stays outside the bundle and is loaded on demand
  const q = spawnSync(process.execPath, [BIN, 'query', 'who-held', '--param', 'date=1930-09-01', '--format', 'csv'], {
    encoding: 'utf8',
    cwd: ROOT,
  });
  assert.equal(q.status, 0, q.stderr);
  assert.match(
    q.stdout,
    /^organization,post,postLabel,person,personLabel,from,fromPrecision,until,untilPrecision,certainty,letter,note,endBasis\r\n/,
  );
});

test('validate checks without writing and can report as JSON', async () => {
  const io = captureIo();
  assert.equal(await main(['validate', '--format', 'json'], io), 0, io.stderr);
  assert.equal(JSON.parse(io.stdout).ok, true);
});

test('--help works on every command', async () => {
  for (const argv of [
    ['--help'],
    ['build', '--help'],
    ['validate', '--help'],
    ['query', '--help'],
    ['figures', '--help'],
  ]) {
    const io = captureIo();
    assert.equal(await main(argv, io), 0, argv.join(' '));
    assert.match(io.stdout, /Usage: stalin-letters-lod/);
  }
});

test('a bad base IRI is a one-line error, exit 1, no stack trace', async () => {
  const io = captureIo();
  assert.equal(await main(['build', '--base-iri', 'not an iri', '--out', tempDir('cli')], io), 1);
  assert.equal(io.stderr.trim().split('\n').length, 1);
  assert.match(io.stderr, /--base-iri "not an iri" must be an http\(s\) IRI/);
  assert.doesNotMatch(io.stderr, /\bat \S+:\d+:\d+/);
});

test('an unknown command exits 1', async () => {
  const io = captureIo();
  assert.equal(await main(['publish-everything'], io), 1);
  assert.match(io.stderr, /unknown command/);
});

test('a missing corpus folder is reported with a hint, exit 1', async () => {
  const io = captureIo();
  assert.equal(await main(['validate', '--corpus', '/nonexistent/corpus'], io), 1);
  assert.match(io.stderr, /corpus folder \/nonexistent\/corpus does not exist/);
  assert.match(io.stderr, /hint: run from the repository root or pass --corpus DIR/);
});

test('the program runs when started through a link, as npm and npx start a bin', () => {
  const link = join(tempDir('bin'), 'stalin-letters-lod');
  symlinkSync(BIN, link);
  const out = execFileSync(process.execPath, [link, 'query', '--list'], { encoding: 'utf8' });
  assert.match(out, /^who-held\s+Who held which post on a given date/m);
});

test('output piped into a reader that stops early (`| head -1`) ends quietly, without a stack trace', () => {
  const main = BIN;
  // the query result is larger than a pipe holds, so the writer meets the closed pipe
  const r = spawnSync(
    'bash',
    [
      '-c',
      `"${process.execPath}" "${main}" query --query 'SELECT ?s ?p ?o WHERE { ?s ?p ?o }' --format csv | head -1; echo "exit \${PIPESTATUS[0]}" >&2`,
    ],
    { encoding: 'utf8', cwd: ROOT },
  );
  assert.equal(r.stdout, 's,p,o\r\n');
  assert.equal(r.stderr, 'exit 0\n');
});

test('progress: a line per stage on a terminal, none with --quiet or when not a terminal', async () => {
  const out = tempDir('cli');
  const ttyIo = captureIo();
  Object.assign(ttyIo, { isTTY: true });
  assert.equal(await main(['validate'], ttyIo), 0);
  for (const stage of ['read', 'model', 'map', 'validate']) {
    assert.match(ttyIo.stderr, new RegExp(`^  ${stage}\\s+\\d+ ms`, 'm'), stage);
  }
  // validate stops after the checks: it serialises nothing (#30)
  assert.doesNotMatch(ttyIo.stderr, /^ {2}write-/m);
  const ttyBuild = captureIo();
  Object.assign(ttyBuild, { isTTY: true });
  assert.equal(await main(['build', '--no-figures', '--out', tempDir('cli')], ttyBuild), 0);
  for (const stage of ['read', 'model', 'map', 'validate', 'write-ntriples', 'write-turtle', 'write-jsonld']) {
    assert.match(ttyBuild.stderr, new RegExp(`^  ${stage}\\s+\\d+ ms`, 'm'), stage);
  }
  const quiet = captureIo();
  Object.assign(quiet, { isTTY: true });
  assert.equal(await main(['build', '--quiet', '--out', out], quiet), 0);
  assert.equal(quiet.stderr + quiet.stdout, '');
  const pipe = captureIo();
  assert.equal(await main(['validate'], pipe), 0);
  assert.equal(pipe.stderr, '');
});
