// The `site` command's options and modes: one thread or two give the same bytes; without --public-url nothing that
// needs the host is written (no made-up host in published rules); --verbose gives the stack of an unexpected error;
// a re-run replaces the old site and leaves nothing beside it for long.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { writeSite } from '../../src/site/site.js';
import { main } from '../../src/cli/main.js';
import { DEFAULT_BASE_IRI } from '../../src/rdf/vocab.js';
import { BUILD, ROOT, captureIo, tempDir } from '../helpers.js';

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const p = join(e.parentPath, e.name);
    out.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
  }
  return out;
}

const options = (buildDir: string, outDir: string): Parameters<typeof writeSite>[0] => ({
  buildDir,
  outDir,
  ontologyDir: join(ROOT, 'ontology'),
  queriesDir: join(ROOT, 'queries'),
  base: DEFAULT_BASE_IRI,
  publicUrl: 'https://example.org/sl/',
});

test('one thread or two: the same files, byte for byte', async () => {
  const dir = tempDir('site-threads');
  const one = await writeSite({ ...options(BUILD, join(dir, 'one')), threads: 1 });
  const two = await writeSite({ ...options(BUILD, join(dir, 'two')), threads: 2 });
  assert.equal(one.files, two.files);
  const [a, b] = [snapshot(join(dir, 'one')), snapshot(join(dir, 'two'))];
  assert.equal(a.size, one.files);
  assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
  for (const [f, h] of a) assert.equal(b.get(f), h, f);
});

test('a re-run keeps each unchanged file by a link to the site it replaces; what differs or was edited there is written anew', async () => {
  const dir = tempDir('site-reuse');
  const site = join(dir, 'site');
  const first = await writeSite({ ...options(BUILD, site), threads: 1 });
  assert.equal(first.unchanged, 0, 'nothing to keep the first time');
  const expected = snapshot(site);
  const ino = (rel: string): number => statSync(join(site, rel)).ino;
  const kept = [
    'index.html',
    'person/rozengolts.html',
    'person/rozengolts.ttl',
    'assets/site.css',
    'stalin-letters.nt',
  ];
  const before = new Map(kept.map((f) => [f, ino(f)]));
  // edits in the old site: the same size with other bytes, another size, and a symlink where a file was
  const edited = ['person/rozengolts.jsonld', 'letter/molotov-60.html', 'person/rykov.nt'];
  const same = readFileSync(join(site, edited[0]!), 'utf8');
  writeFileSync(join(site, edited[0]!), same.replace('"', "'"));
  writeFileSync(join(site, edited[1]!), 'edited by hand');
  writeFileSync(join(dir, 'elsewhere.nt'), readFileSync(join(site, edited[2]!)));
  rmSync(join(site, edited[2]!));
  symlinkSync(join(dir, 'elsewhere.nt'), join(site, edited[2]!));
  const editedIno = new Map(edited.slice(0, 2).map((f) => [f, ino(f)]));
  // two threads: the helper thread keeps files the same way as the main thread's writer
  const second = await writeSite({ ...options(BUILD, site), threads: 2 });
  assert.equal(second.files, first.files);
  assert.equal(second.unchanged, first.files - edited.length);
  const now = snapshot(site);
  assert.deepEqual([...now.keys()].sort(), [...expected.keys()].sort());
  for (const [f, h] of expected) assert.equal(now.get(f), h, f);
  for (const f of kept) {
    assert.equal(ino(f), before.get(f), `${f} was kept (the same inode)`);
    assert.equal(statSync(join(site, f)).nlink, 1, `${f}: the old site's name is gone`);
  }
  for (const [f, i] of editedIno) assert.notEqual(ino(f), i, `${f} was written anew`);
  assert.ok(lstatSync(join(site, edited[2]!)).isFile(), 'a symlink in the old site is not carried over');
});

test('without --public-url: no sitemap.xml, no w3id rules, robots.txt without a host, and a note says so', async () => {
  const dir = tempDir('site-url');
  const build = join(dir, 'build');
  mkdirSync(build);
  cpSync(join(BUILD, 'stalin-letters.nt'), join(build, 'stalin-letters.nt'));
  cpSync(join(BUILD, 'void.ttl'), join(build, 'void.ttl'));
  const io = captureIo(dir);
  assert.equal(await main(['site', '--build', build, '--out', join(dir, 'site'), '--threads', '1'], io), 0);
  assert.match(io.stderr, /^note: no --public-url: sitemap\.xml and w3id\.htaccess are not written/);
  assert.ok(!existsSync(join(dir, 'site/sitemap.xml')));
  assert.ok(!existsSync(join(dir, 'site/w3id.htaccess')));
  assert.equal(readFileSync(join(dir, 'site/robots.txt'), 'utf8'), 'User-agent: *\nDisallow: /sparql\n');
  for (const f of ['.htaccess', 'nginx-http.conf', 'nginx-server.conf'])
    assert.doesNotMatch(readFileSync(join(dir, 'site', f), 'utf8'), /example\.(org|com)/, f);
  // with it: the host is in the sitemap, robots.txt and the w3id rules; a URL under the base IRI gets no w3id rules
  const io2 = captureIo(dir);
  assert.equal(
    await main(
      ['site', '--build', build, '--out', join(dir, 'site'), '--public-url', 'https://data.example.net/sl/'],
      io2,
    ),
    0,
  );
  assert.equal(io2.stderr, '');
  assert.match(
    readFileSync(join(dir, 'site/w3id.htaccess'), 'utf8'),
    /RewriteRule \^\(\.\+\)\$ https:\/\/data\.example\.net\/sl\/\$1\.html \[R=303,L\]/,
  );
  assert.match(
    readFileSync(join(dir, 'site/robots.txt'), 'utf8'),
    /Sitemap: https:\/\/data\.example\.net\/sl\/sitemap\.xml/,
  );
  const io3 = captureIo(dir);
  assert.equal(
    await main(['site', '--build', build, '--out', join(dir, 'site'), '--public-url', DEFAULT_BASE_IRI, '-q'], io3),
    0,
  );
  assert.ok(!existsSync(join(dir, 'site/w3id.htaccess')));
  assert.ok(existsSync(join(dir, 'site/sitemap.xml')));
  // the old sites went to a folder beside, removed in the background (or by the next run)
  const deadline = Date.now() + 30_000;
  while (readdirSync(dir).some((f) => f.startsWith('.site.')) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(
    readdirSync(dir).filter((f) => f.startsWith('.site.')),
    [],
  );
  const bad = captureIo(dir);
  assert.equal(await main(['site', '--build', build, '--out', join(dir, 'site'), '--threads', '3'], bad), 1);
  assert.equal(bad.stderr, 'error: --threads "3" must be 1 or 2\n');
});

test('--verbose prints the stack of an unexpected error; without it, one line and a hint', async () => {
  const dir = tempDir('site-verbose');
  mkdirSync(join(dir, 'build'));
  writeFileSync(join(dir, 'build/stalin-letters.nt'), '<https://w3id.org/stalin-letters/x> <bad\n');
  const args = ['site', '--build', join(dir, 'build'), '--out', join(dir, 'site'), '--threads', '1'];
  const io = captureIo(dir);
  assert.equal(await main(args, io), 1);
  assert.match(io.stderr, /^error: .+\nrun again with --verbose for details\n$/);
  const v = captureIo(dir);
  assert.equal(await main([...args, '--verbose'], v), 1);
  assert.match(v.stderr, /^error: .+\n.*Error.*\n\s+at /);
  assert.ok(!existsSync(join(dir, 'site')), 'a failed run leaves no site');
});

test('the file writer thread reports the first failed write when closed', async () => {
  const { FileWriterThread } = await import('../../src/core/fs/writer-thread.js');
  const dir = tempDir('writer');
  writeFileSync(join(dir, 'a-file'), 'x');
  const w = new FileWriterThread(dir);
  w.write('ok.txt', 'fine');
  w.write('a-file/below.txt', 'cannot be: a-file is a file');
  w.write('later.txt', 'skipped after the failure');
  await assert.rejects(w.close(), (e: NodeJS.ErrnoException) => e.code === 'ENOTDIR' || e.code === 'EEXIST');
  assert.equal(readFileSync(join(dir, 'ok.txt'), 'utf8'), 'fine');
  assert.ok(!existsSync(join(dir, 'later.txt')));
});
