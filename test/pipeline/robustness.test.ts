// Issue 31, the probes on odd sources and careless input, each a test that failed before the fix:
//  - a corpus saved with CRLF line endings and a BOM builds byte for byte what the LF corpus builds (before: rc 0 with
//    8,899 changed N-Triples lines and literals carrying \r); a lone CR is refused at its line;
//  - a date the record's own dateAsPrinted contradicts, or one after the editions were printed, is named at the
//    record's own line (before: a resolution dated 3029-06-27 "27 June 1929" was published);
//  - `load` against a store that accepts the connection and never answers stops at --timeout with one line.
// See docs/robustness.md.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { main } from '../../src/cli/main.js';
import { runBuild } from '../../src/pipeline/build.js';
import { DEFAULT_BASE_IRI } from '../../src/rdf/graph.js';
import { printedDisagreement, parseEdtf } from '../../src/corpus/dates.js';
import { filesOf } from '../build-fixture.js';
import { CORPUS, captureIo } from '../helpers.js';

function copyCorpus(): { dir: string; corpus: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sl-robust-'));
  const corpus = join(dir, 'corpus');
  cpSync(CORPUS, corpus, { recursive: true });
  return { dir, corpus, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}

const build = (corpus: string) =>
  runBuild({ corpusDir: corpus, outDir: '/nonexistent', base: DEFAULT_BASE_IRI, write: false });

test('CRLF and a BOM in every source text and YAML file: the build is byte for byte the LF build', async () => {
  const c = copyCorpus();
  try {
    let changed = 0;
    for (const f of walk(c.corpus).filter((x) => /\.(txt|ya?ml|tsv)$/.test(x))) {
      const text = readFileSync(f, 'utf8');
      writeFileSync(f, `\uFEFF${text.replace(/\n/g, '\r\n')}`);
      changed++;
    }
    assert.ok(changed > 10);
    const r = await build(c.corpus);
    assert.deepEqual(
      r.problems.map((p) => `${p.file}:${p.line} ${p.message}`),
      [],
    );
    const want = await filesOf();
    assert.deepEqual([...r.files!.keys()].sort(), [...want.keys()].sort());
    // the reports name files by the corpus folder, which is a temporary one here
    const shown = relative(process.cwd(), c.corpus);
    for (const [name, body] of want) {
      assert.ok(r.files!.get(name)!.split(shown).join('corpus') === body, `${name} differs from the LF build`);
      assert.ok(!/\\r|\r/.test(name.endsWith('.nt') ? r.files!.get(name)! : ''), `${name} carries a CR`);
    }
  } finally {
    c.remove();
  }
});

test('a lone CR in a source text is refused at its line', async () => {
  const c = copyCorpus();
  try {
    const f = join(c.corpus, 'sources/molotov-1930.txt');
    const lines = readFileSync(f, 'utf8').split('\n');
    lines[9] = `${lines[9]}\rstray`;
    writeFileSync(f, lines.join('\n'));
    const r = await build(c.corpus);
    const p = r.problems.find((x) => x.code === 'lone-cr');
    assert.ok(p, JSON.stringify(r.problems.slice(0, 3)));
    assert.equal(p.file.endsWith('sources/molotov-1930.txt'), true);
    assert.equal(p.line, 10);
  } finally {
    c.remove();
  }
});

test('dates: the interval must agree with the date as printed (day, month, year)', () => {
  const ok: [string, string][] = [
    ['1929-06-27', '27 June 1929'],
    ['1930-08-23', 'earlier than 24 August 1930'],
    ['1930-06', 'June 1930'],
    ['1930-06-01/1930-06-10', 'early June 1930'],
    ['1930', '1930'],
    ['1930-06-20/1930-06-25', 'between 20 and 25 June 1930'],
  ];
  for (const [edtf, printed] of ok)
    assert.equal(printedDisagreement(parseEdtf(edtf, printed)), undefined, `${edtf} ${printed}`);
  const bad: [string, string, RegExp][] = [
    ['3029-06-27', '27 June 1929', /names 27 June 1929, outside 3029-06-27/],
    ['1929-07-27', '27 June 1929', /27 June 1929/],
    ['1929-06-27', '27 June 1930', /27 June 1930/],
    ['1930-07', 'June 1930', /June 1930/],
    ['1931', '1930', /names 1930/],
  ];
  for (const [edtf, printed, why] of bad)
    assert.match(printedDisagreement(parseEdtf(edtf, printed)) ?? '', why, `${edtf} ${printed}`);
});

test("a resolution dated 3029 whose dateAsPrinted says 1929, and one dated after the editions: named at the record's own line", async () => {
  const c = copyCorpus();
  try {
    const f = join(c.corpus, 'resolutions.yaml');
    const text = readFileSync(f, 'utf8');
    const lines = text.split('\n');
    const at = lines.indexOf('  date: "1929-06-27"');
    assert.ok(at > 0);
    lines[at] = '  date: "3029-06-27"';
    writeFileSync(f, lines.join('\n'));
    let r = await build(c.corpus);
    assert.equal(r.files, undefined, 'nothing built');
    const first = r.problems.filter((p) => !p.follows)[0]!;
    assert.equal(first.code, 'date-contradicts-printed');
    assert.equal(`${first.file}:${first.line}`, `${relative(process.cwd(), c.corpus)}/resolutions.yaml:${at + 1}`);
    assert.match(first.message, /date "3029-06-27" disagrees with dateAsPrinted "27 June 1929"/);
    // printed and date agree, but the year is after the last edition (2003)
    lines[at] = '  date: "3029-06-27"';
    lines[at + 1] = '  dateAsPrinted: "27 June 3029"';
    writeFileSync(f, lines.join('\n'));
    r = await build(c.corpus);
    const after = r.problems.find((p) => p.code === 'date-after-edition');
    assert.ok(after, JSON.stringify(r.problems.slice(0, 3)));
    assert.equal(after.line, at + 1);
    assert.match(after.message, /after \d{4}, when the last edition was printed/);
  } finally {
    c.remove();
  }
});

test('load against a store that accepts the connection and never answers: stops at --timeout with one line', async () => {
  const sockets: import('node:net').Socket[] = [];
  const server = createServer((s) => {
    sockets.push(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  try {
    const io = captureIo();
    const t0 = performance.now();
    const code = await main(
      ['load', '--store', `http://127.0.0.1:${port}/ds/data`, '--timeout', '1', '--dump', 'build/stalin-letters.nt'],
      io,
    );
    assert.equal(code, 1);
    assert.ok(performance.now() - t0 < 15_000, 'stopped soon after the limit');
    assert.equal(io.stderr.trim().split('\n').length, 1, io.stderr);
    assert.match(
      io.stderr,
      /^error: the store stopped answering \(GET http:\/\/127\.0\.0\.1:\d+\/ds\/data: no answer within the time limit \(--timeout\)\); is it running/,
    );
    const io2 = captureIo();
    assert.equal(await main(['load', '--store', `http://127.0.0.1:${port}/ds/data`, '--timeout', 'soon'], io2), 1);
    assert.match(io2.stderr, /^error: --timeout "soon" must be a positive number of seconds/);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test('a base IRI with invalid %-encoding, a fragment or a query is refused with one line by every command that takes one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-base-'));
  try {
    const bad: [string, RegExp][] = [
      ['https://ex.org/%zz/', /has a "%" that does not start a %-escape/],
      ['https://ex.org/#frag/', /has a fragment/],
      ['https://ex.org/?q=1/', /has a query/],
      ['https://ex.org/a b/', /character IRIs do not allow/],
    ];
    const commands: string[][] = [
      ['build', '--out', join(dir, 'b')],
      ['release', '--out', join(dir, 'r')],
      ['site', '--out', join(dir, 's')],
      ['figures', '--out', join(dir, 'f')],
      ['query', 'who-held'],
      ['serve', '--port', '0'],
      ['load', '--store', 'http://127.0.0.1:9/ds/data'],
      ['wikidata', 'quickstatements', '--out', join(dir, 'w')],
    ];
    for (const cmd of commands) {
      for (const [base, why] of bad) {
        const io = captureIo();
        assert.equal(await main([...cmd, '--base-iri', base], io), 1, `${cmd[0]} ${base}: ${io.stderr}`);
        assert.equal(io.stderr.trim().split('\n').length, 1, io.stderr);
        assert.match(io.stderr, new RegExp(`^error: --base-iri "${base.replace(/[?.]/g, '\\$&')}" `), cmd.join(' '));
        assert.match(io.stderr, why, `${cmd[0]} ${base}`);
      }
    }
    assert.deepEqual(readdirSync(dir), [], 'nothing written');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--out naming a file (or a path through one): one clear line from every command that writes a folder', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-out-'));
  try {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const commands: string[][] = [
      ['build'],
      ['release'],
      ['site'],
      ['figures'],
      ['wikidata', 'quickstatements'],
      ['wikidata', 'reconcile', '--service', 'http://127.0.0.1:9/api'],
    ];
    for (const cmd of commands) {
      for (const out of [file, join(file, 'sub')]) {
        const io = captureIo();
        assert.equal(await main([...cmd, '--out', out], io), 1, cmd.join(' '));
        assert.equal(
          io.stderr,
          `error: --out ${out}: ${out === file ? 'is a file' : `${file} is a file`}, not a folder; name a folder (it is created if missing)\n`,
          cmd.join(' '),
        );
      }
    }
    assert.deepEqual(readdirSync(dir), ['a-file']);
    assert.equal(readFileSync(file, 'utf8'), 'x');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('build keeps build/wikidata/ while the corpus still gives it, and drops it once an accepted match is withdrawn', async () => {
  const c = copyCorpus();
  try {
    const out = join(c.dir, 'build');
    const run = async (args: string[]): Promise<void> => {
      const io = captureIo();
      assert.equal(await main(args, io), 0, `${args.join(' ')}: ${io.stderr}`);
    };
    await run(['build', '--corpus', c.corpus, '--out', out, '--quiet']);
    await run([
      'wikidata',
      'accept',
      'person/piatakov',
      'Q99000001',
      '--by',
      'A. Curator',
      '--why',
      'test',
      '--on',
      '2026-12-02',
      '--force',
      '--corpus',
      c.corpus,
    ]);
    await run([
      'wikidata',
      'quickstatements',
      '--corpus',
      c.corpus,
      '--out',
      join(out, 'wikidata'),
      '--retrieved',
      '2026-12-03',
    ]);
    const report = readFileSync(join(out, 'wikidata/quickstatements-report.tsv'), 'utf8');
    await run(['build', '--corpus', c.corpus, '--out', out, '--quiet']);
    assert.equal(readFileSync(join(out, 'wikidata/quickstatements-report.tsv'), 'utf8'), report, 'still current: kept');
    // withdrawn: the accepted file back to its header
    const accepted = join(c.corpus, 'reference/wikidata-accepted.tsv');
    writeFileSync(accepted, `${readFileSync(accepted, 'utf8').split('\n')[0]}\n`);
    await run(['build', '--corpus', c.corpus, '--out', out, '--quiet']);
    assert.ok(!readdirSync(out).includes('wikidata'), 'the stale export is dropped');
  } finally {
    c.remove();
  }
});

test('figures --source given Turtle, JSON-LD, garbage or another dataset: one line naming the file (and line), nothing written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-fig-'));
  try {
    writeFileSync(
      join(dir, 'garbage.nt'),
      '<https://w3id.org/stalin-letters/letter/x> <a:b> "ok" .\nthis is not RDF\n',
    );
    writeFileSync(join(dir, 'other.nt'), '<http://example.org/a> <http://example.org/b> "c" .\n');
    const cases: [string, RegExp][] = [
      ['build/stalin-letters.ttl', /^error: build\/stalin-letters\.ttl:1: not an N-Triples triple \("@prefix /],
      ['build/stalin-letters.jsonld', /^error: build\/stalin-letters\.jsonld:1: not an N-Triples triple \("\{"\)/],
      [join(dir, 'garbage.nt'), /garbage\.nt:2: not an N-Triples triple \("this is not RDF"\)/],
      [join(dir, 'other.nt'), /other\.nt holds no letter under the base IRI https:\/\/w3id\.org\/stalin-letters\//],
    ];
    for (const [source, why] of cases) {
      const io = captureIo();
      assert.equal(await main(['figures', '--source', source, '--out', join(dir, 'figures')], io), 1, source);
      assert.equal(io.stderr.trim().split('\n').length, 1, io.stderr);
      assert.match(io.stderr, why);
    }
    assert.deepEqual(readdirSync(dir).sort(), ['garbage.nt', 'other.nt']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Every curated text field of every YAML file (each field name's first single-line occurrence), given a 4 MB word, a
// 1 MB line of words, or 5,000 nested brackets: the reader names that file and line (`oversized`); and per file one
// such field through the whole build: no crash, and the first problem listed is that line (before: "Maximum call
// stack size exceeded" with no file or line).
test('fuzz: long tokens, huge fields and deep structures in every curated text field give the file and line', async () => {
  const { oversized } = await import('../../src/corpus/read.js');
  const values: [string, string, RegExp][] = [
    ['a 4 MB word', `"${'x'.repeat(4 << 20)}"`, /^a line of 4,19\d,\d{3} characters \(at most 20,000\)$/],
    ['a 1 MB field', `"${'lorem ipsum '.repeat(90_000)}"`, /^a line of 1,08\d,\d{3} characters/],
    ['a 3,000-character word', `"${'y'.repeat(3000)}"`, /^a word of more than 2,000 characters without a space$/],
    ['5,000 nested brackets', `${'['.repeat(5000)}${']'.repeat(5000)}`, /brackets nested more than 40 levels deep/],
  ];
  const yamlFiles = readdirSync(CORPUS).filter((f) => f.endsWith('.yaml'));
  let cases = 0;
  for (const file of yamlFiles) {
    const lines = readFileSync(join(CORPUS, file), 'utf8').split('\n');
    const seen = new Set<string>();
    const fields: number[] = [];
    lines.forEach((l, i) => {
      const m = /^(?:- | {2})([A-Za-z]+): (?!\[|\{|\||>)(.+)$/.exec(l);
      if (m && !seen.has(m[1]!) && /[A-Za-z]/.test(m[2]!)) {
        seen.add(m[1]!);
        fields.push(i);
      }
    });
    for (const i of fields) {
      for (const [what, value, why] of values) {
        const edited = [...lines];
        edited[i] = edited[i]!.replace(/: .*$/, `: ${value}`);
        const found = oversized(edited.join('\n'), true);
        assert.equal(found?.line, i + 1, `${file}:${i + 1} ${what}`);
        assert.match(found!.message, why, `${file}:${i + 1} ${what}`);
        cases++;
      }
    }
    if (!fields.length) continue;
    // one field of this file through the whole build
    const c = copyCorpus();
    try {
      const i = fields[Math.floor(fields.length / 2)]!;
      const edited = [...lines];
      edited[i] = edited[i]!.replace(/: .*$/, `: ${values[0]![1]}`);
      writeFileSync(join(c.corpus, file), edited.join('\n'));
      const r = await build(c.corpus);
      assert.equal(r.files, undefined);
      const first = r.problems.filter((p) => !p.follows);
      assert.equal(first.length, 1, `${file}: ${first.map((p) => p.message.slice(0, 80)).join('; ')}`);
      assert.equal(first[0]!.line, i + 1);
      assert.ok(first[0]!.file.endsWith(`/${file}`));
    } finally {
      c.remove();
    }
  }
  assert.ok(cases > 150, `${cases} cases`);
});

test('a letter heading deleted, duplicated or out of order is named at its source line before any follow-on problem', async () => {
  const file = join(CORPUS, 'sources/molotov-1930.txt');
  const original = readFileSync(file, 'utf8').split('\n');
  const at = (h: string): number => original.indexOf(h);
  const cases: [string, (l: string[]) => string[], RegExp][] = [
    [
      'deleted',
      (l) => l.filter((x) => x !== 'Letter 60'),
      new RegExp(
        `molotov-1930\\.txt:${at('Letter 60') + 1} \\[Letter 60\\] missing-heading: the heading "Letter 60" is missing: "Letter 59" \\(line ${at('Letter 59') + 1}\\) is followed by "Letter 61"`,
      ),
    ],
    [
      'duplicated',
      (l) => l.map((x) => (x === 'Letter 61' ? 'Letter 60' : x)),
      new RegExp(
        `molotov-1930\\.txt:${at('Letter 61') + 1} \\[Letter 60\\] duplicate-heading: "Letter 60" again \\(first at line ${at('Letter 60') + 1}\\)`,
      ),
    ],
    [
      'out of order',
      (l) => l.map((x) => (x === 'Letter 61' ? 'Letter 62' : x === 'Letter 62' ? 'Letter 61' : x)),
      new RegExp(
        `molotov-1930\\.txt:${at('Letter 61') + 1} \\[Letter 62\\] heading-out-of-order: "Letter 62" comes before "Letter 61" \\(line ${at('Letter 62') + 1}\\)`,
      ),
    ],
  ];
  for (const [what, edit, first] of cases) {
    const c = copyCorpus();
    try {
      writeFileSync(join(c.corpus, 'sources/molotov-1930.txt'), edit(original).join('\n'));
      const io = captureIo();
      assert.equal(await main(['validate', '--corpus', c.corpus], io), 1, what);
      const problemLines = io.stderr.split('\n').filter((l) => /^ {2}\S/.test(l));
      assert.match(problemLines[0] ?? '', first, `${what}: ${io.stderr.slice(0, 600)}`);
      assert.equal(
        problemLines.filter((l) => / (missing|duplicate)-heading|heading-out-of-order/.test(l)).length,
        1,
        what,
      );
    } finally {
      c.remove();
    }
  }
});
