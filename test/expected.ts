// One comparison of computed texts with the files that fix them (golden excerpts, expected query results). The
// tests only read those files; scripts/golden/ writes them. Each use is paired with a test that changes one line of
// a copy of every file and checks that the comparison fails and names that file.

import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './helpers.js';

/** One line per file of `dir` that differs from `actual` (or is missing), naming the file and the first differing line. */
export function mismatches(dir: string, actual: ReadonlyMap<string, string>, update: string): string[] {
  const out: string[] = [];
  for (const [file, text] of actual) {
    const path = join(dir, file);
    const shown = relative(ROOT, path).startsWith('..') ? path : relative(ROOT, path);
    if (!existsSync(path)) { out.push(`${shown}: missing; run ${update}`); continue; }
    const expected = readFileSync(path, 'utf8');
    if (expected === text) continue;
    const [a, b] = [expected.split('\n'), text.split('\n')];
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    out.push(`${shown}:${i + 1}: expected ${JSON.stringify(a[i] ?? '(end of file)')}, got ${JSON.stringify(b[i] ?? '(end of file)')}; if the new output is right, run ${update} and read the diff`);
  }
  return out;
}
