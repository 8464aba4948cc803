// `build --watch` as a curator runs it: the bundled CLI on a copy of the corpus, into a temporary output folder. A
// change is rebuilt; a broken file prints its problems first, with file and line, and leaves the previous output
// as it was; the fix is rebuilt into the same bytes as before the break; SIGINT ends it with exit 0 and nothing left
// beside the output, also when it comes in the middle of a rebuild.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BIN, CORPUS, tempDir } from '../helpers.js';

const WAIT_MS = 120_000;

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

/** The child's output so far, and a wait for the n-th occurrence of a text in it. */
class Watched {
  stdout = '';
  stderr = '';
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (b: Buffer) => {
      this.stdout += b.toString();
    });
    child.stderr!.on('data', (b: Buffer) => {
      this.stderr += b.toString();
    });
    this.exit = new Promise((done) => child.on('exit', (code, signal) => done({ code, signal })));
  }
  count(text: string): number {
    return this.stderr.split(text).length - 1;
  }
  async until(what: string, ok: () => boolean): Promise<void> {
    const t0 = Date.now();
    while (!ok()) {
      if (this.child.exitCode !== null) assert.fail(`exited while waiting for ${what}:\n${this.stderr}`);
      if (Date.now() - t0 > WAIT_MS) assert.fail(`no ${what} after ${WAIT_MS} ms:\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const WATCHING = 'for changes (Ctrl-C stops)';

/** Saves as most editors do: a new file renamed over the old one (Node 20's own recursive watch on Linux saw only
 * the first such save of a file). */
function saveAtomically(file: string, text: string): void {
  writeFileSync(`${file}.swp`, text);
  renameSync(`${file}.swp`, file);
}

test('build --watch: a change is rebuilt, a broken file keeps the output and is printed first, the fix is rebuilt, SIGINT ends it cleanly', async () => {
  const root = tempDir('watch');
  const corpus = join(root, 'corpus');
  const out = join(root, 'out');
  cpSync(CORPUS, corpus, { recursive: true });
  const persons = join(corpus, 'persons.yaml');
  const original = readFileSync(persons, 'utf8');
  const child = spawn(process.execPath, [BIN, 'build', '--watch', '--no-figures', '--corpus', corpus, '--out', out], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const w = new Watched(child);
  try {
    await w.until('first build', () => w.count(WATCHING) === 1);
    assert.match(w.stdout, /^built: /m);
    const first = snapshot(out);
    const nt = (): string => readFileSync(join(out, 'stalin-letters.nt'), 'utf8');
    assert.ok(!nt().includes('Author of the letters, as printed'));

    // a change (written in place): rebuilt
    writeFileSync(persons, original.replace('Author of the letters;', 'Author of the letters, as printed;'));
    await w.until('the rebuild', () => w.count(WATCHING) === 2);
    assert.match(w.stderr, /changed: .*persons\.yaml\n/);
    assert.equal(w.stdout.match(/^built: /gm)?.length, 2);
    assert.ok(nt().includes('Author of the letters, as printed'), 'the change is in the new output');
    const changed = snapshot(out);
    assert.notDeepEqual(changed, first);

    // a broken file (Molotov's record without its name): its problems first, with file:line; the output is kept
    const errBefore = w.stderr.length;
    saveAtomically(
      persons,
      original.replace('Author of the letters;', 'Author of the letters, as printed;').replace('  name: Molotov\n', ''),
    );
    await w.until('the failed rebuild', () => w.count(WATCHING) === 3);
    const report = w.stderr.slice(errBefore);
    assert.match(report, /persons\.yaml:15 \[molotov\] schema: missing required field "name"/);
    // the problems that follow in other files (editions.yaml names Molotov as addressee) come after, although
    // editions.yaml sorts first
    const mine = report.indexOf('persons.yaml: ');
    const theirs = report.indexOf('editions.yaml: ');
    assert.ok(mine >= 0 && theirs > mine, `the changed file's problems first:\n${report}`);
    assert.match(report, /problem\(s\); nothing was written/);
    assert.deepEqual(snapshot(out), changed, 'a failed rebuild leaves the previous output as it was');

    // the fix: rebuilt, byte for byte what the same corpus gave before
    saveAtomically(persons, original.replace('Author of the letters;', 'Author of the letters, as printed;'));
    await w.until('the rebuild after the fix', () => w.count(WATCHING) === 4);
    assert.equal(w.stdout.match(/^built: /gm)?.length, 3);
    assert.deepEqual(snapshot(out), changed);

    // SIGINT in the middle of a rebuild: exit 0, the output whole (old or new), nothing left beside it
    saveAtomically(persons, original);
    await w.until('the next rebuild to start', () => w.count('changed: ') === 4);
    child.kill('SIGINT');
    const { code, signal } = await w.exit;
    assert.equal(signal, null, w.stderr);
    assert.equal(code, 0, w.stderr);
    assert.match(w.stderr, /stopped watching\n$/);
    const end = snapshot(out);
    assert.ok(
      JSON.stringify([...end]) === JSON.stringify([...changed]) ||
        JSON.stringify([...end]) === JSON.stringify([...first]),
      'the output is the previous build or the new one, whole',
    );
    assert.deepEqual(
      readdirSync(root).sort(),
      ['corpus', 'out'],
      'no staging or set-aside folder is left beside the output',
    );
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await w.exit;
  }
});

test('build --watch: SIGINT while it waits ends it with exit 0', async () => {
  const root = tempDir('watch-idle');
  const out = join(root, 'out');
  const corpus = join(root, 'corpus');
  cpSync(CORPUS, corpus, { recursive: true });
  const child = spawn(process.execPath, [BIN, 'build', '--watch', '--no-figures', '--corpus', corpus, '--out', out], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const w = new Watched(child);
  try {
    await w.until('first build', () => w.count(WATCHING) === 1);
    const built = snapshot(out);
    child.kill('SIGINT');
    const { code } = await w.exit;
    assert.equal(code, 0, w.stderr);
    assert.deepEqual(snapshot(out), built);
    assert.deepEqual(readdirSync(root).sort(), ['corpus', 'out']);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await w.exit;
  }
});

test('validate --watch: checks again on every change, the changed file first, writes nothing, SIGINT ends it', async () => {
  const root = tempDir('watch-validate');
  const corpus = join(root, 'corpus');
  cpSync(CORPUS, corpus, { recursive: true });
  const persons = join(corpus, 'persons.yaml');
  const original = readFileSync(persons, 'utf8');
  const child = spawn(
    process.execPath,
    [BIN, 'validate', '--watch', '--corpus', corpus, '--shacl-cache', join(root, 'shacl')],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const w = new Watched(child);
  try {
    await w.until('the first check', () => w.count(WATCHING) === 1);
    assert.equal(w.stdout.match(/^valid: /gm)?.length, 1);
    // a change: checked again
    saveAtomically(persons, original.replace('Author of the letters;', 'Author of the letters, as printed;'));
    await w.until('the second check', () => w.count(WATCHING) === 2);
    assert.equal(w.stdout.match(/^valid: /gm)?.length, 2);
    // a broken file: its problems, with file and line, and no "valid"
    const errBefore = w.stderr.length;
    saveAtomically(persons, original.replace('  name: Molotov\n', ''));
    await w.until('the failed check', () => w.count(WATCHING) === 3);
    assert.match(w.stderr.slice(errBefore), /persons\.yaml:15 \[molotov\] schema: missing required field "name"/);
    assert.match(w.stderr.slice(errBefore), /problem\(s\); the corpus is not valid/);
    assert.equal(w.stdout.match(/^valid: /gm)?.length, 2);
    // the fix: valid again
    saveAtomically(persons, original);
    await w.until('the check after the fix', () => w.count(WATCHING) === 4);
    assert.equal(w.stdout.match(/^valid: /gm)?.length, 3);
    child.kill('SIGINT');
    const { code, signal } = await w.exit;
    assert.equal(signal, null, w.stderr);
    assert.equal(code, 0, w.stderr);
    assert.match(w.stderr, /stopped watching\n$/);
    // nothing written but the SHACL state
    assert.deepEqual(readdirSync(root).sort(), ['corpus', 'shacl']);
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await w.exit;
  }
});
