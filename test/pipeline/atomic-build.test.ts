// A build replaces its output folder as a whole: killed (SIGKILL) at any point, the folder holds exactly the old or
// exactly the new set of files, and the next build removes whatever the killed one left beside it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { runBuild } from '../../src/pipeline/build.js';
import { DEFAULT_BASE_IRI } from '../../src/rdf/graph.js';
import { main } from '../../src/cli/main.js';
import { BIN, CORPUS, captureIo, tempDir } from '../helpers.js';
import { parseBaseIri } from '../../src/core/iri.js';
import { OutputFolder } from '../../src/core/fs/output-folder.js';

const OTHER_BASE = parseBaseIri('https://example.org/sl/');

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

const same = (a: Map<string, string>, b: Map<string, string>): boolean =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
const leftovers = (out: string): string[] =>
  readdirSync(dirname(out)).filter((f) => f.startsWith(`.${basename(out)}.`));

/** Runs the bundled CLI's build of the other base into `out`; kills it at `crashAt` or after `killAfterMs`. */
function killedBuild(out: string, o: { crashAt?: string; killAfterMs?: number }): Promise<NodeJS.Signals | null> {
  return new Promise((done, fail) => {
    const env = { ...process.env, ...(o.crashAt ? { SL_CRASH_AT: o.crashAt } : {}) };
    const child = spawn(
      process.execPath,
      [BIN, 'build', '--corpus', CORPUS, '--out', out, '--base-iri', OTHER_BASE, '--quiet', '--no-figures'],
      { env, stdio: 'ignore' },
    );
    const timer = o.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), o.killAfterMs);
    child.on('error', fail);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      done(signal);
    });
  });
}

test('a build killed at any point leaves the old or the new folder, never a mixture; the next build cleans up', async () => {
  const root = tempDir('atomic');
  const [oldDir, newDir, out] = [join(root, 'old'), join(root, 'new'), join(root, 'work', 'build')];
  for (const [dir, base] of [
    [oldDir, DEFAULT_BASE_IRI],
    [newDir, OTHER_BASE],
  ] as const) {
    const r = await runBuild({ corpusDir: CORPUS, outDir: dir, base });
    assert.deepEqual(r.problems, []);
  }
  const [oldSet, newSet] = [snapshot(oldDir), snapshot(newDir)];
  assert.ok(!same(oldSet, newSet));

  const cases: { crashAt?: string; killAfterMs?: number; expect: 'old' | 'new' | 'either' | 'aside' }[] = [
    { crashAt: 'after-first-file', expect: 'old' },
    { crashAt: 'before-swap', expect: 'old' },
    { crashAt: 'between-renames', expect: 'aside' },
    { crashAt: 'after-swap', expect: 'new' },
    { killAfterMs: 500, expect: 'either' },
    { killAfterMs: 1200, expect: 'either' },
  ];
  for (const c of cases) {
    const what = c.crashAt ?? `${c.killAfterMs} ms`;
    rmSync(dirname(out), { recursive: true, force: true });
    mkdirSync(dirname(out), { recursive: true });
    cpSync(oldDir, out, { recursive: true });
    const signal = await killedBuild(out, c);
    if (c.crashAt) assert.equal(signal, 'SIGKILL', `${what}: the build was not killed there`);
    if (c.expect === 'aside') {
      // The one window POSIX leaves open: the old folder is set aside, untouched; the next run puts it back.
      assert.ok(!existsSync(out), `${what}: the folder should be set aside`);
      const aside = leftovers(out).find((f) => f.includes('.old-'));
      assert.ok(aside, `${what}: no folder set aside`);
      assert.ok(same(snapshot(join(dirname(out), aside)), oldSet), `${what}: the folder set aside is not the old one`);
    } else {
      const now = snapshot(out);
      const isOld = same(now, oldSet);
      const isNew = same(now, newSet);
      assert.ok(
        c.expect === 'old' ? isOld : c.expect === 'new' ? isNew : isOld || isNew,
        `${what}: build/ is neither exactly the old nor exactly the new set`,
      );
    }
    // the next build starts by cleaning up, and leaves nothing beside its folder
    const io = captureIo();
    assert.equal(await main(['build', '--corpus', CORPUS, '--out', out, '--quiet', '--no-figures'], io), 0, io.stderr);
    assert.ok(same(snapshot(out), oldSet), `${what}: the next build did not write the whole folder`);
    assert.deepEqual(leftovers(out), [], `${what}: leftovers beside build/`);
  }
});

test('--out naming a file, or a folder of other files, is refused in one line and touches nothing', async () => {
  const root = tempDir('out');
  const file = join(root, 'a-file');
  writeFileSync(file, 'mine\n');
  let io = captureIo();
  assert.equal(await main(['build', '--out', file, '--quiet'], io), 1);
  assert.match(io.stderr, /^error: --out .*a-file: is a file, not a folder; name a folder/);
  assert.equal(io.stderr.trim().split('\n').length, 1, io.stderr);
  assert.equal(readFileSync(file, 'utf8'), 'mine\n');
  // a cache folder that is a file would keep nothing without a word: refused the same way
  for (const [command, option] of [
    ['validate', '--shacl-cache'],
    ['build', '--figure-cache'],
  ] as const) {
    io = captureIo();
    assert.equal(await main([command, option, file, '--quiet', '--out', join(root, 'out')], io), 1);
    assert.match(io.stderr, new RegExp(`^error: ${option} .*a-file: is a file, not a folder`));
    assert.equal(io.stderr.trim().split('\n').length, 1, io.stderr);
  }
  assert.equal(readFileSync(file, 'utf8'), 'mine\n');

  const folder = join(root, 'notes');
  mkdirSync(folder);
  writeFileSync(join(folder, 'todo.txt'), 'keep me\n');
  io = captureIo();
  assert.equal(await main(['build', '--out', folder, '--quiet'], io), 1);
  assert.match(io.stderr, /holds other files \(no void\.ttl\) and would be replaced as a whole/);
  assert.deepEqual(readdirSync(folder), ['todo.txt']);
  assert.ok(statSync(join(folder, 'todo.txt')).isFile());
});

test('a build keeps the folder that wikidata quickstatements writes into it while it is current, and drops any other stale file', async () => {
  const out = join(tempDir('kept'), 'build');
  assert.deepEqual((await runBuild({ corpusDir: CORPUS, outDir: out, base: DEFAULT_BASE_IRI })).problems, []);
  const io = captureIo();
  assert.equal(
    await main(['wikidata', 'quickstatements', '--out', join(out, 'wikidata'), '--retrieved', '2026-12-03'], io),
    0,
    io.stderr,
  );
  const report = readFileSync(join(out, 'wikidata', 'quickstatements-report.tsv'), 'utf8');
  writeFileSync(join(out, 'stale.ttl'), '# from an older build\n');
  assert.deepEqual((await runBuild({ corpusDir: CORPUS, outDir: out, base: DEFAULT_BASE_IRI })).problems, []);
  assert.equal(readFileSync(join(out, 'wikidata', 'quickstatements-report.tsv'), 'utf8'), report);
  assert.ok(!existsSync(join(out, 'stale.ttl')));
  // an export the corpus does not give (here: edited by hand) is stale, and dropped (issue 31)
  writeFileSync(join(out, 'wikidata', 'quickstatements.tsv'), 'Q1\tP39\tQ2\n');
  assert.deepEqual((await runBuild({ corpusDir: CORPUS, outDir: out, base: DEFAULT_BASE_IRI })).problems, []);
  assert.ok(!existsSync(join(out, 'wikidata')));
});

test('commits one after the other in one process, each old folder removed in the background, never collide', async () => {
  const dir = tempDir('out-trash');
  const out = join(dir, 'site');
  // a folder of this process's still being removed (under the name the first commit gave its trash before)
  const busy = join(dir, `.site.trash-${process.pid}`);
  mkdirSync(busy);
  writeFileSync(join(busy, 'page.html'), 'old');
  for (let i = 0; i < 4; i++) {
    const o = new OutputFolder(out, { marker: 'index.html' });
    o.text('index.html', `run ${i}\n`);
    o.commit({ removeOld: 'background' });
    assert.equal(readFileSync(join(out, 'index.html'), 'utf8'), `run ${i}\n`);
  }
  // the background removals end; nothing but the folder is left
  const deadline = Date.now() + 30_000;
  while (readdirSync(dir).length > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(readdirSync(dir), ['site']);
});
