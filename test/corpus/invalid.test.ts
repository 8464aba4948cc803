// Bad input: each folder of test/fixtures/invalid/ (but shacl-mutations/, which test/shacl.test.ts uses) is laid
// over a copy of the real corpus, and `build` must fail with that case's own problem — code, file and line — exit 1,
// print no stack trace, and leave the previous output folder byte for byte as it was.
//
// A case folder holds expect.json and a corpus/ overlay: `corpus/X` replaces (or adds) the file X, `corpus/X.append`
// is appended to X (expect.json's `appendedLine` counts from the first appended line), and `generate` writes a
// single line of `bytes` bytes (a megabyte does not belong in git).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { main } from '../../src/cli/main.js';
import { runBuild } from '../../src/pipeline/build.js';
import { DEFAULT_BASE_IRI } from '../../src/rdf/graph.js';
import { CORPUS, FIXTURES, ROOT, captureIo, tempDir } from '../helpers.js';

interface Expect {
  case: string;
  code: string;
  /** Path relative to the corpus folder. */
  file: string;
  line?: number;
  appendedLine?: number;
  /** A regular expression the message must match. */
  message?: string;
  generate?: { path: string; bytes: number };
  /** The problem is the first one printed (a cause comes before what follows from it). */
  first?: boolean;
  /** A regular expression for the line that counts the problems following from the cause. */
  consequences?: string;
  /** At most this many lines on stderr. */
  maxLines?: number;
}

const INVALID = join(FIXTURES, 'invalid');
const cases = readdirSync(INVALID)
  .filter((d) => existsSync(join(INVALID, d, 'expect.json')))
  .sort();
const work = tempDir('invalid-corpus');
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

const newlines = (path: string): number =>
  existsSync(path) ? readFileSync(path).reduce((n, b) => n + (b === 10 ? 1 : 0), 0) : 0;

/** Copies the real corpus to `<dir>/corpus` and lays the case's overlay on top; returns the corpus folder and the expected line. */
export function corpusWithOverlay(caseDir: string, dir: string): { corpus: string; line: number | undefined } {
  const spec = join(caseDir, 'expect.json');
  const expect: Partial<Expect> = existsSync(spec) ? (JSON.parse(readFileSync(spec, 'utf8')) as Expect) : {};
  const corpus = join(dir, 'corpus');
  cpSync(CORPUS, corpus, { recursive: true });
  let line = expect.line;
  const overlay = join(caseDir, 'corpus');
  const walk = (d: string): void => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d)) {
      const from = join(d, name);
      if (statSync(from).isDirectory()) {
        walk(from);
        continue;
      }
      const rel = relative(overlay, from);
      if (rel.endsWith('.append')) {
        const target = join(corpus, rel.slice(0, -'.append'.length));
        if (expect.appendedLine !== undefined && rel.slice(0, -'.append'.length) === expect.file)
          line = newlines(target) + expect.appendedLine;
        appendFileSync(target, readFileSync(from));
      } else {
        mkdirSync(dirname(join(corpus, rel)), { recursive: true });
        writeFileSync(join(corpus, rel), readFileSync(from));
      }
    }
  };
  walk(overlay);
  if (expect.generate) writeFileSync(join(corpus, expect.generate.path), 'x'.repeat(expect.generate.bytes));
  return { corpus, line };
}

/** Every file under `dir` with a hash of its bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** Problems of the unchanged corpus, so that a case is judged only by what its overlay adds. */
const baseline = (async () => {
  const { corpus } = corpusWithOverlay(join(work, 'no-such-case'), join(work, 'baseline'));
  const r = await runBuild({
    corpusDir: corpus,
    outDir: join(work, 'baseline-out'),
    base: DEFAULT_BASE_IRI,
    write: false,
  });
  return new Set(r.problems.map((p) => `${p.code} ${p.file.slice(p.file.lastIndexOf('corpus/'))}:${p.line}`));
})();

test('every case folder says what it expects', () => {
  assert.ok(cases.length >= 14, `only ${cases.length} cases`);
  for (const c of cases) {
    const e = JSON.parse(readFileSync(join(INVALID, c, 'expect.json'), 'utf8')) as Expect;
    assert.ok(
      e.code && e.file && (e.line !== undefined || e.appendedLine !== undefined) && e.case,
      `${c}/expect.json needs case, code, file, and line or appendedLine`,
    );
  }
});

test('no two cases expect the same code in the same file (schema cases aside)', () => {
  const keys = cases
    .map((c) => JSON.parse(readFileSync(join(INVALID, c, 'expect.json'), 'utf8')) as Expect)
    .filter((e) => e.code !== 'schema')
    .map((e) => `${e.code} ${e.file}`);
  assert.equal(new Set(keys).size, keys.length);
});

for (const name of cases) {
  test(`invalid corpus: ${name}`, async () => {
    const caseDir = join(INVALID, name);
    const expect = JSON.parse(readFileSync(`${caseDir}/expect.json`, 'utf8')) as Expect;
    const dir = join(work, name);
    const { corpus, line } = corpusWithOverlay(caseDir, dir);
    // a previous build that must survive the failed one untouched
    const out = join(dir, 'build');
    mkdirSync(join(out, 'reports'), { recursive: true });
    writeFileSync(join(out, 'stalin-letters.ttl'), '# previous build\n');
    writeFileSync(join(out, 'void.ttl'), '# previous build\n');
    writeFileSync(join(out, 'reports/unlinked.csv'), 'previous\n');
    const before = snapshot(out);

    const io = captureIo(ROOT);
    const t0 = performance.now();
    const code = await main(['build', '--corpus', corpus, '--out', out], io);
    const ms = performance.now() - t0;

    assert.equal(code, 1, io.stderr);
    assert.equal(io.stdout, '');
    assert.doesNotMatch(io.stderr, /^\s+at .+:\d+:\d+\)?$/m, 'no stack trace without --verbose');
    assert.deepEqual(snapshot(out), before, 'the previous build is untouched');
    assert.ok(ms < 20_000, `took ${ms.toFixed(0)} ms`);

    // the problem line: "  <corpus>/<file>:<line> [entry] <code>: <message>"
    const where = `corpus/${expect.file}:${line}`;
    const hit = io.stderr.split('\n').find((l) => l.includes(`${where} `) && l.includes(` ${expect.code}: `));
    assert.ok(hit, `expected "${where} … ${expect.code}:" in\n${io.stderr.slice(0, 3000)}`);
    if (expect.message) assert.match(hit, new RegExp(expect.message));
    const lines = io.stderr.split('\n');
    if (expect.first)
      assert.equal(
        lines.find((l) => /^\s+\S+:\d+ /.test(l)),
        hit,
        'the cause is printed first',
      );
    if (expect.consequences)
      assert.ok(
        lines.some((l) => new RegExp(expect.consequences!).test(l)),
        `no line matching ${expect.consequences} in\n${io.stderr.slice(0, 3000)}`,
      );
    if (expect.maxLines)
      assert.ok(lines.length <= expect.maxLines, `${lines.length} lines on stderr:\n${io.stderr.slice(0, 3000)}`);
    if (expect.code === 'schema') {
      // the hint names the schema of the corpus that was built, not the shipped one
      const hint = io.stderr.split('\n')[io.stderr.split('\n').indexOf(hit) + 1]!;
      assert.match(
        hint,
        new RegExp(
          `hint: see ${(`${relative(ROOT, corpus)}/schema/`).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\w+\\.schema\\.json$`,
        ),
      );
    }
    assert.ok(!(await baseline).has(`${expect.code} ${where}`), 'the problem comes from the case, not from the corpus');
  });
}

test('the JSON Schemas give every id and every id reference a pattern that keeps IRIs safe', () => {
  const REFS =
    /^(id|person|persons|post|posts|fromPost|body|resolution|letter|organization|organizations|parent|jurisdiction|partOf|place|decision|changes|coBodies|incompatibleWith|into|author|addressee)$/;
  const unsafe = ['has space', 'a<b>', 'x"y', 'Q{1}', ''];
  const missing: string[] = [];
  for (const file of readdirSync(join(CORPUS, 'schema')).filter((f) => f.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(join(CORPUS, 'schema', file), 'utf8')) as Record<string, unknown>;
    const resolve = (s: Record<string, unknown>): Record<string, unknown> => {
      const ref = s.$ref as string | undefined;
      if (ref?.startsWith('#/'))
        return resolve(
          ref
            .slice(2)
            .split('/')
            .reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, schema),
        );
      return s.items ? resolve(s.items as Record<string, unknown>) : s;
    };
    const visit = (node: unknown, path: string): void => {
      if (!node || typeof node !== 'object') return;
      const props = (node as { properties?: Record<string, Record<string, unknown>> }).properties;
      for (const [key, value] of Object.entries(props ?? {})) {
        if (!REFS.test(key)) continue;
        const s = resolve(value);
        if (s.type !== 'string' && !s.pattern && !s.enum) continue; // e.g. evidence.note is a number
        // a free-text field that happens to have such a name (an edition's place of publication) is no id
        if (
          key !== 'id' &&
          !s.pattern &&
          !s.enum &&
          !/\bids?\b/i.test(`${String(value.description)} ${String(s.description)}`)
        )
          continue;
        const pattern = s.pattern as string | undefined;
        const safe = s.enum
          ? (s.enum as unknown[]).every((v) => typeof v === 'string' && /^[a-z][a-z0-9-]*$/.test(v))
          : pattern !== undefined && !unsafe.some((u) => new RegExp(pattern, 'u').test(u));
        if (!safe) missing.push(`${file} ${path}.${key}: ${pattern ?? 'no pattern'}`);
      }
      for (const [k, v] of Object.entries(node)) visit(v, `${path}.${k}`);
    };
    visit(schema, '');
  }
  assert.deepEqual(missing, []);
});

test('validate --all lists the problems that follow from an unreadable source, which are otherwise counted', async () => {
  const { corpus } = corpusWithOverlay(join(INVALID, 'not-utf8-source'), join(work, 'all-listed'));
  const counted = captureIo(ROOT);
  assert.equal(await main(['validate', '--corpus', corpus], counted), 1);
  const all = captureIo(ROOT);
  assert.equal(await main(['validate', '--corpus', corpus, '--all'], all), 1);
  const n = Number(/^(\d+) further problem\(s\) follow from/m.exec(counted.stderr)?.[1]);
  const listed = all.stderr.split('\n').filter((l) => /^\s+\S+:\d+ \[/.test(l)).length;
  assert.ok(n > 100, counted.stderr);
  assert.equal(listed, n, 'every counted problem is listed with --all');
  assert.doesNotMatch(all.stderr, /further problem\(s\) follow/);
  const json = captureIo(ROOT);
  assert.equal(await main(['validate', '--corpus', corpus, '--format', 'json'], json), 0 + 1);
  const problems = (JSON.parse(json.stdout) as { problems: { follows?: string }[] }).problems;
  assert.equal(
    problems.filter((p) => p.follows?.endsWith('corpus/sources/molotov-1930.txt')).length,
    n,
    'JSON names the cause of each',
  );
});
