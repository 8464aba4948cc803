// `release`: the open profile in a versioned folder. Two runs give identical bytes (files and .tar.gz); the gzip
// headers hold no name and no time; every file VoID lists has the size and sha256 VoID gives; GNU tar lists and
// extracts the archive with fixed owners and times; CHANGES.md is computed from the previous release; bad input is
// one line, exit 1, nothing written.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import N3 from 'n3';
import { main } from '../../src/cli/main.js';
import { diffNTriples, entityOf } from '../../src/release/changes.js';
import { releaseDate } from '../../src/release/release-date.js';
import { gzipReproducible, tar } from '../../src/release/archive.js';
import { DEFAULT_BASE_IRI } from '../../src/rdf/graph.js';
import { captureIo, CORPUS, filesUnder, ROOT } from '../helpers.js';
import { runRelease, WIKIDATA_VIEW } from '../../src/release/release.js';
import { runBuild } from '../../src/pipeline/build.js';
import { defaultGraph } from '../../src/core/layout.js';

const ON_CI = process.env.CI === 'true';
const work = mkdtempSync(join(tmpdir(), 'sl-release-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const NAME = 'stalin-letters-lod-1.0.0';

async function release(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = captureIo(ROOT);
  const code = await main(['release', '--quiet', ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

// two releases of the same corpus with the same options, in two folders
const releases = (async () => {
  const [a, b] = [join(work, 'a'), join(work, 'b')];
  for (const out of [a, b]) {
    const r = await release(['--version', '1.0.0', '--date', '2026-12-02', '--out', out]);
    assert.equal(r.code, 0, r.stderr);
  }
  return { a, b, dir: join(a, NAME) };
})();

test('two releases of the same corpus are identical byte for byte, files and archive', async () => {
  const { a, b } = await releases;
  assert.deepEqual(readdirSync(a).sort(), [NAME, `${NAME}.tar.gz`]);
  const files = readdirSync(join(a, NAME)).sort();
  assert.deepEqual(
    files,
    [
      'CHANGES.md',
      'CITATION.cff',
      'LICENSE.txt',
      'README.md',
      'SHA256SUMS',
      'cmif.xml',
      'context.jsonld',
      'linkset.json',
      'quality-report.html',
      'quality-report.json',
      'ro-crate-metadata.json',
      'ro-crate-preview.html',
      'stalin-letters-tei.xml',
      'stalin-letters.jsonld',
      'stalin-letters.nt',
      'stalin-letters.nt.gz',
      'stalin-letters.ttl',
      'stalin-letters.ttl.gz',
      'void.ttl',
    ]
      .concat(existsSync(join(a, NAME, 'stalin-letters-wikidata.nt')) ? ['stalin-letters-wikidata.nt'] : [])
      .concat(['figures'])
      .sort(),
  );
  assert.deepEqual(readdirSync(join(b, NAME)).sort(), files);
  assert.deepEqual(filesUnder(join(b, NAME)), filesUnder(join(a, NAME)));
  for (const f of filesUnder(join(a, NAME)))
    assert.ok(readFileSync(join(a, NAME, f)).equals(readFileSync(join(b, NAME, f))), f);
  assert.ok(readFileSync(join(a, `${NAME}.tar.gz`)).equals(readFileSync(join(b, `${NAME}.tar.gz`))), 'tar.gz');
});

test('gzip headers hold no file name and no time; the .gz files decompress to the dumps', async () => {
  const { a, dir } = await releases;
  for (const f of [join(dir, 'stalin-letters.nt.gz'), join(dir, 'stalin-letters.ttl.gz'), join(a, `${NAME}.tar.gz`)]) {
    const gz = readFileSync(f);
    assert.deepEqual([...gz.subarray(0, 3)], [0x1f, 0x8b, 8], f); // gzip, deflate
    assert.equal(gz[3], 0, `${f}: FLG must be 0 (no FNAME, FCOMMENT, FEXTRA)`);
    assert.equal(gz.readUInt32LE(4), 0, `${f}: MTIME must be 0`);
    assert.equal(gz[9], 3, `${f}: OS fixed`);
  }
  for (const f of ['stalin-letters.nt', 'stalin-letters.ttl'])
    assert.ok(gunzipSync(readFileSync(join(dir, `${f}.gz`))).equals(readFileSync(join(dir, f))), f);
});

test('every distribution in void.ttl has its file, byte size, sha256, media type, licence and rights', async () => {
  const { dir } = await releases;
  const store = new N3.Store(new N3.Parser().parse(readFileSync(join(dir, 'void.ttl'), 'utf8')));
  const DCAT = 'http://www.w3.org/ns/dcat#';
  const DCT = 'http://purl.org/dc/terms/';
  const SPDX = 'http://spdx.org/rdf/terms#';
  const base = `${DEFAULT_BASE_IRI}release/1.0.0/`;
  const dists = store.getQuads(null, `${DCAT}downloadURL`, null, null);
  const names = dists.map((q) => q.object.value.slice(base.length)).sort();
  assert.deepEqual(
    names.filter((n) => n !== 'stalin-letters-wikidata.nt'),
    [
      'cmif.xml',
      'context.jsonld',
      'stalin-letters-tei.xml',
      'stalin-letters.jsonld',
      'stalin-letters.nt',
      'stalin-letters.nt.gz',
      'stalin-letters.ttl',
      'stalin-letters.ttl.gz',
    ],
  );
  for (const q of dists) {
    const name = q.object.value.slice(base.length);
    const bytes = readFileSync(join(dir, name));
    const one = (p: string, s = q.subject): N3.Term | undefined => store.getQuads(s, p, null, null)[0]?.object;
    assert.equal(one(`${DCAT}byteSize`)?.value, String(bytes.length), name);
    const sum = one(`${SPDX}checksum`)!;
    assert.equal(one(`${SPDX}algorithm`, sum as N3.Quad_Subject)?.value, `${SPDX}checksumAlgorithm_sha256`);
    assert.equal(one(`${SPDX}checksumValue`, sum as N3.Quad_Subject)?.value, sha256(bytes), name);
    const view = name === 'stalin-letters-wikidata.nt'; // facts for Wikidata: CC0
    assert.equal(
      one(`${DCT}license`)?.value,
      view ? 'http://creativecommons.org/publicdomain/zero/1.0/' : 'https://creativecommons.org/licenses/by/4.0/',
      name,
    );
    assert.match(
      one(`${DCT}rights`)?.value ?? '',
      view ? /no text of the letters or notes/ : /no running text of the letters/,
      name,
    );
    assert.ok(one(`${DCAT}mediaType`)?.value.startsWith('http://www.iana.org/assignments/media-types/'), name);
    assert.equal(
      one(`${DCAT}compressFormat`)?.value,
      name.endsWith('.gz') ? 'http://www.iana.org/assignments/media-types/application/gzip' : undefined,
      name,
    );
  }
  const version = `${DEFAULT_BASE_IRI}dataset/1.0.0`;
  assert.equal(store.getQuads(version, `${DCT}issued`, null, null)[0]?.object.value, '2026-12-02');
  assert.equal(store.getQuads(version, `${DCAT}version`, null, null)[0]?.object.value, '1.0.0');
  assert.equal(store.getQuads(version, `${DCT}isVersionOf`, null, null)[0]?.object.value, `${DEFAULT_BASE_IRI}dataset`);
  // SHA256SUMS covers every other file of the folder but the RO-Crate files, which give the sha256 of SHA256SUMS
  // (test/release-metadata.test.ts)
  const sums = readFileSync(join(dir, 'SHA256SUMS'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split('  ') as [string, string]);
  assert.deepEqual(
    sums.map(([, n]) => n),
    filesUnder(dir).filter((n) => !['SHA256SUMS', 'ro-crate-metadata.json', 'ro-crate-preview.html'].includes(n)),
  );
  for (const [sum, n] of sums) assert.equal(sha256(readFileSync(join(dir, n))), sum, n);
});

test('the release documents: README, CITATION.cff, licence scope, first CHANGES.md, CMIF with its release URL', async () => {
  const { dir } = await releases;
  const read = (f: string): string => readFileSync(join(dir, f), 'utf8');
  assert.match(read('README.md'), /open profile/);
  assert.match(read('README.md'), /\| `stalin-letters\.nt\.gz` \| N-Triples, gzip \| \d+ \| `[0-9a-f]{64}` \|/);
  // the bulk loader's graph is the one `load` fills by default (test/load.test.ts sees load report this IRI)
  const ldDir = /ld_dir\('DIR', 'stalin-letters\.nt', '([^']+)'\)/.exec(read('README.md'));
  assert.equal(ldDir?.[1], 'https://w3id.org/stalin-letters/dataset');
  assert.equal(ldDir?.[1], defaultGraph(DEFAULT_BASE_IRI));
  assert.match(read('CITATION.cff'), /^cff-version: 1\.2\.0$/m);
  assert.match(read('CITATION.cff'), /^version: 1\.0\.0$/m);
  assert.match(read('CITATION.cff'), /^date-released: 2026-12-02$/m);
  assert.match(read('CITATION.cff'), /isbn: "9780300062113"/);
  assert.match(read('LICENSE.txt'), /https:\/\/creativecommons\.org\/licenses\/by\/4\.0\//);
  assert.match(read('LICENSE.txt'), /does not cover the printed editions/);
  assert.match(read('CHANGES.md'), /^# Changes in 1\.0\.0\n\nThe first release/);
  assert.match(
    read('cmif.xml'),
    /<idno type="url">https:\/\/w3id\.org\/stalin-letters\/release\/1\.0\.0\/cmif\.xml<\/idno>/,
  );
  assert.match(read('cmif.xml'), /<date when="2026-12-02T00:00:00Z"\/>/);
});

test('GNU tar lists the archive in order with owner 0/0 and the release date, and extracts the same bytes', async (t) => {
  if (spawnSync('tar', ['--version']).status !== 0) {
    if (ON_CI) assert.fail('tar is missing');
    t.skip('tar is missing');
    return;
  }
  const { a, dir } = await releases;
  const list = spawnSync('tar', ['-tvzf', join(a, `${NAME}.tar.gz`)], {
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
  assert.equal(list.status, 0, list.stderr);
  const lines = list.stdout.trim().split('\n');
  // every file, and each folder's entry before its files (as tar itself writes them)
  const files = filesUnder(dir);
  const folders = [
    ...new Set(
      files.flatMap((f) =>
        f
          .split('/')
          .slice(0, -1)
          .map((_, i, p) => `${p.slice(0, i + 1).join('/')}/`),
      ),
    ),
  ];
  assert.deepEqual(
    lines.map((l) => l.split(/\s+/).pop()),
    [`${NAME}/`, ...[...files, ...folders].sort().map((f) => `${NAME}/${f}`)],
  );
  for (const l of lines) assert.match(l, /^[d-]rw[x-]r-[x-]r-[x-] 0\/0 +\d+ 2026-12-02 00:00 /, l);
  const x = join(work, 'extracted');
  mkdirSync(x);
  const r = spawnSync('tar', ['-xzf', join(a, `${NAME}.tar.gz`), '-C', x], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  for (const f of files) assert.ok(readFileSync(join(x, NAME, f)).equals(readFileSync(join(dir, f))), f);
});

test('the tar writer: long paths go into the ustar prefix; the archive ends with two zero blocks', (t) => {
  const folder = `${'d'.repeat(60)}/${'e'.repeat(60)}/`;
  const long = `${folder}file.txt`;
  const archive = tar([{ name: folder }, { name: long, data: Buffer.from('x\n') }], 0);
  assert.throws(() => tar([{ name: `${'d'.repeat(120)}/` }], 0), /path too long/);
  assert.equal(archive.length % 512, 0);
  assert.ok(archive.subarray(archive.length - 1024).every((b) => b === 0));
  if (spawnSync('tar', ['--version']).status !== 0) return t.skip('tar is missing');
  const f = join(work, 'long.tar');
  writeFileSync(f, archive);
  const list = spawnSync('tar', ['-tf', f], { encoding: 'utf8' });
  assert.equal(list.status, 0, list.stderr);
  assert.deepEqual(list.stdout.trim().split('\n'), [folder, long]);
  // gzip of the same bytes is the same bytes
  assert.ok(gzipReproducible(archive).equals(gzipReproducible(archive)));
});

test('CHANGES.md lists, per entity, the statements added and removed since the previous release', async () => {
  const { dir } = await releases;
  // a previous release that differs: Rozengolts' label missing, a statement about a person that is gone
  const prev = join(work, 'previous', NAME);
  cpSync(dir, prev, { recursive: true });
  const ntFile = join(prev, 'stalin-letters.nt');
  const nt = readFileSync(ntFile);
  const label = `<${DEFAULT_BASE_IRI}person/rozengolts> <http://www.w3.org/2000/01/rdf-schema#label> `;
  const gone = `<${DEFAULT_BASE_IRI}person/nobody> <http://www.w3.org/2000/01/rdf-schema#label> "Nobody"@en .`;
  const lines = nt
    .toString('utf8')
    .split('\n')
    .filter((l) => !l.startsWith(label));
  assert.equal(lines.length, nt.toString('utf8').split('\n').length - 1);
  const changed = Buffer.from([...lines.slice(0, -1), gone, ''].join('\n'));
  writeFileSync(ntFile, changed);
  const voidFile = join(prev, 'void.ttl');
  writeFileSync(voidFile, readFileSync(voidFile, 'utf8').replace(sha256(nt), sha256(changed)));
  const out = join(work, 'next');
  const r = await release(['--version', '1.1.0', '--date', '2026-12-03', '--out', out, '--previous', prev]);
  assert.equal(r.code, 0, r.stderr);
  const changes = readFileSync(join(out, 'stalin-letters-lod-1.1.0', 'CHANGES.md'), 'utf8');
  assert.match(changes, /^# Changes in 1\.1\.0 since 1\.0\.0$/m);
  assert.match(changes, /: 1 statements added, 1 removed, in 2 entities/);
  assert.match(changes, /^\| `person\/nobody` \| 0 \| 1 \|$/m);
  assert.match(changes, /^\| `person\/rozengolts` \| 1 \| 0 \|$/m);
  assert.ok(changes.includes(`- ${gone}`));
  assert.ok(
    changes.includes(`+ ${label}"Rozengolts"@en .`) ||
      /\+ <https:\/\/w3id\.org\/stalin-letters\/person\/rozengolts> <http:\/\/www\.w3\.org\/2000\/01\/rdf-schema#label> /.test(
        changes,
      ),
  );
});

test('the diff groups nested nodes under their entity', () => {
  assert.equal(entityOf(`<${DEFAULT_BASE_IRI}change/x/evidence>`, DEFAULT_BASE_IRI), 'change/x');
  assert.equal(
    entityOf(`<${DEFAULT_BASE_IRI}letter/molotov-60/note/7/citation/1>`, DEFAULT_BASE_IRI),
    'letter/molotov-60',
  );
  assert.equal(entityOf('<http://example.org/x>', DEFAULT_BASE_IRI), 'http://example.org/x');
  const s = `<${DEFAULT_BASE_IRI}person/a>`;
  assert.deepEqual(
    diffNTriples(`${s} <p:q> "1" .\n${s} <p:q> "2" .\n`, `${s} <p:q> "2" .\n${s} <p:q> "3" .\n`, DEFAULT_BASE_IRI),
    [{ entity: 'person/a', added: [`${s} <p:q> "3" .`], removed: [`${s} <p:q> "1" .`] }],
  );
});

test('the release date: --date, else SOURCE_DATE_EPOCH, else the git commit; the clock only with --date today', () => {
  assert.deepEqual(releaseDate('2026-01-31', {}, ROOT), { date: '2026-01-31', source: '--date' });
  assert.throws(() => releaseDate('2026-02-30', {}, ROOT), /must be a real date/);
  assert.deepEqual(releaseDate(undefined, { SOURCE_DATE_EPOCH: '1767225600' }, ROOT), {
    date: '2026-01-01',
    source: 'SOURCE_DATE_EPOCH',
  });
  assert.throws(() => releaseDate(undefined, { SOURCE_DATE_EPOCH: 'soon' }, ROOT), /whole seconds/);
  assert.equal(releaseDate('today', {}, ROOT, () => new Date('2027-03-04T05:06:07Z')).date, '2027-03-04');
  const git = spawnSync('git', ['log', '-1', '--format=%cs'], { cwd: ROOT, encoding: 'utf8' });
  if (git.status === 0)
    assert.deepEqual(releaseDate(undefined, {}, ROOT), {
      date: git.stdout.trim(),
      source: 'the date of the checked-out git commit',
    });
  const notGit = mkdtempSync(join(tmpdir(), 'sl-nogit-'));
  try {
    assert.throws(
      () => releaseDate(undefined, { GIT_CEILING_DIRECTORIES: tmpdir() }, notGit),
      /no release date: pass --date/,
    );
  } catch (e) {
    // a temp folder inside a git checkout (unusual) has a commit date; then there is nothing to check here
    if (!(e instanceof assert.AssertionError)) throw e;
  } finally {
    rmSync(notGit, { recursive: true, force: true });
  }
});

test('the Wikidata-shaped view goes into the release, with its own distribution, when the build makes it', async () => {
  const out = join(work, 'with-view');
  const view = `<http://www.wikidata.org/entity/Q855> <http://www.wikidata.org/prop/direct/P31> <http://www.wikidata.org/entity/Q5> .\n`;
  const r = await runRelease({
    corpusDir: CORPUS,
    outDir: out,
    base: DEFAULT_BASE_IRI,
    version: '1.0.0',
    date: '2026-12-02',
    dateSource: '--date',
    build: async (o) => {
      const b = await runBuild(o);
      b.files?.set(WIKIDATA_VIEW, view);
      return b;
    },
  });
  assert.deepEqual(r.problems, []);
  const dir = join(out, NAME);
  assert.equal(readFileSync(join(dir, WIKIDATA_VIEW), 'utf8'), view);
  const voidTtl = readFileSync(join(dir, 'void.ttl'), 'utf8');
  const v = new N3.Store(new N3.Parser().parse(voidTtl));
  const dist = `${DEFAULT_BASE_IRI}release/1.0.0/${WIKIDATA_VIEW}#distribution`;
  assert.ok(
    v.has(
      N3.DataFactory.quad(
        N3.DataFactory.namedNode(dist),
        N3.DataFactory.namedNode('http://www.w3.org/1999/02/22-rdf-syntax-ns#type'),
        N3.DataFactory.namedNode('http://www.w3.org/ns/dcat#Distribution'),
      ),
    ),
  );
  const sum = v.getObjects(dist, 'http://spdx.org/rdf/terms#checksum', null)[0]!;
  assert.equal(v.getObjects(sum, 'http://spdx.org/rdf/terms#checksumValue', null)[0]?.value, sha256(Buffer.from(view)));
  assert.ok(
    !v.getObjects(null, 'http://rdfs.org/ns/void#dataDump', null).some((o) => o.value.endsWith(WIKIDATA_VIEW)),
    'the view is another graph, not a dump of this dataset',
  );
  // facts only, meant for Wikidata: CC0, not the dataset's CC BY
  assert.deepEqual(
    v.getObjects(dist, 'http://purl.org/dc/terms/license', null).map((o) => o.value),
    ['http://creativecommons.org/publicdomain/zero/1.0/'],
  );
});

test('rapper reads the release void.ttl and dumps without error, with the triple count VoID gives', async (t) => {
  if (spawnSync('rapper', ['--version']).status !== 0) {
    if (ON_CI) assert.fail('rapper is missing (CI must have it: see .ci/run)');
    t.skip('rapper is missing: apt-get install -y raptor2-utils');
    return;
  }
  const { dir } = await releases;
  const count = (syntax: string, f: string): number => {
    const r = spawnSync('rapper', ['-i', syntax, '-c', join(dir, f)], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /error|warning/i);
    return Number(/returned (\d+) triples/.exec(r.stderr)?.[1]);
  };
  assert.ok(count('turtle', 'void.ttl') > 50);
  const triples = Number(/void:triples (\d+)/.exec(readFileSync(join(dir, 'void.ttl'), 'utf8'))?.[1]);
  assert.equal(count('ntriples', 'stalin-letters.nt'), triples);
  assert.equal(count('turtle', 'stalin-letters.ttl'), triples);
});

const entries = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);

test('bad input: one line on stderr, exit 1, nothing written', async () => {
  const { a, dir } = await releases;
  const before = entries(a);
  const noVoid = join(work, 'not-a-release');
  mkdirSync(noVoid);
  writeFileSync(join(noVoid, 'stalin-letters.nt'), '');
  const tampered = join(work, 'tampered', NAME);
  cpSync(dir, tampered, { recursive: true });
  writeFileSync(
    join(tampered, 'stalin-letters.nt'),
    `${readFileSync(join(tampered, 'stalin-letters.nt'), 'utf8')}<a:b> <a:b> <a:b> .\n`,
  );
  const fresh = join(work, 'fresh');
  const cases: [string[], RegExp, string][] = [
    [['--version', '1.0', '--out', fresh], /--version "1\.0" is not a SemVer version/, fresh],
    [['--version', 'v1.0.0', '--out', fresh], /is not a SemVer version/, fresh],
    [['--version', '1.0.1', '--out', fresh, '--previous', noVoid], /is not a release: it has no void\.ttl/, fresh],
    [
      ['--version', '1.0.1', '--out', fresh, '--previous', tampered],
      /stalin-letters\.nt does not match its sha256 in void\.ttl/,
      fresh,
    ],
    [['--version', '1.0.1', '--out', fresh, '--previous', join(work, 'nowhere')], /not a folder/, fresh],
    [['--version', '1.0.0', '--date', '2026-12-02', '--out', a], /stalin-letters-lod-1\.0\.0 already exists/, a],
    [
      ['--version', '1.0.1', '--date', '12/02/2026', '--out', fresh],
      /--date "12\/02\/2026" must be a real date/,
      fresh,
    ],
  ];
  for (const [args, message, out] of cases) {
    const r = await release(args);
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.stderr, message);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    assert.deepEqual(entries(out), out === a ? before : [], `${args.join(' ')} wrote into ${out}`);
  }
});
