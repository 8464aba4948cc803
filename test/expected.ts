// One comparison of computed texts with the files that fix them (golden excerpts, expected query results). The
// tests only read those files; scripts/golden/ writes them. Each use is paired with a test that changes one line of
// a copy of every file and checks that the comparison fails and names that file.

import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, tempDir } from './helpers.js';

/** One line per file of `dir` that differs from `actual` (or is missing), naming the file and the first differing line. */
export function mismatches(dir: string, actual: ReadonlyMap<string, string>, update: string): string[] {
  const out: string[] = [];
  for (const [file, text] of actual) {
    const path = join(dir, file);
    const shown = relative(ROOT, path).startsWith('..') ? path : relative(ROOT, path);
    if (!existsSync(path)) {
      out.push(`${shown}: missing; run ${update}`);
      continue;
    }
    const expected = readFileSync(path, 'utf8');
    if (expected === text) continue;
    const [a, b] = [expected.split('\n'), text.split('\n')];
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    out.push(
      `${shown}:${i + 1}: expected ${JSON.stringify(a[i] ?? '(end of file)')}, got ${JSON.stringify(b[i] ?? '(end of file)')}; if the new output is right, run ${update} and read the diff`,
    );
  }
  return out;
}

/**
 * Proves that `mismatches` bites: in a copy of `dir`, each file of `actual` in turn gets line `pick(lines)` changed;
 * the comparison must then report exactly that file at that line, and must not have rewritten it.
 */
export function assertEveryChangeIsCaught(
  dir: string,
  actual: ReadonlyMap<string, string>,
  update: string,
  pick: (lines: string[]) => number,
): void {
  const copy = tempDir('expected');
  cpSync(dir, copy, { recursive: true });
  for (const file of actual.keys()) {
    const path = join(copy, file);
    const original = readFileSync(path, 'utf8');
    const lines = original.split('\n');
    const k = pick(lines);
    lines[k] = `${lines[k]!}x`;
    writeFileSync(path, lines.join('\n'));
    const found = mismatches(copy, actual, update);
    assert.equal(found.length, 1, `${file}: ${found.join('; ')}`);
    assert.ok(found[0]!.includes(`${file}:${k + 1}:`), found[0]);
    assert.equal(readFileSync(path, 'utf8'), lines.join('\n'), 'the comparison rewrote the file');
    writeFileSync(path, original);
  }
}
