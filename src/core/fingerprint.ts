// The fingerprint of a piece of code: the bytes of a module and of every module it imports by a relative path,
// transitively (the compiled modules, or in the bundle a chunk and the chunks it imports), and the package.json of
// each package it uses. Caches outside the output (figures, SHACL results) key their entries on it, so that a
// change of code never serves what older code made.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// a relative module specifier in compiled or bundled JavaScript (after from, import or import( ); a match in a
// comment that names no file is skipped
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.\.?\/[^"']+)["']/g;

const fingerprints = new Map<string, string | null>();

/** The fingerprint of the code reached from `entry` (a module URL) and of the `packages` it uses (their
 * package.json), or null when it cannot be read. */
export function codeFingerprint(entry: string, packages: readonly string[]): string | null {
  const memo = `${entry} ${packages.join(' ')}`;
  if (fingerprints.has(memo)) return fingerprints.get(memo)!;
  let result: string | null;
  try {
    const h = createHash('sha256');
    const seen = new Set<string>();
    const visit = (file: string, entry = false): void => {
      if (seen.has(file) || (!entry && !existsSync(file))) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      h.update(`${file.length}:${text.length}:`).update(text);
      for (const m of text.matchAll(RELATIVE_IMPORT)) visit(join(dirname(file), m[1]!));
    };
    visit(fileURLToPath(entry), true);
    const require = createRequire(entry);
    for (const name of packages) h.update(readFileSync(packageJsonOf(require.resolve(name), name)));
    result = h.digest('hex');
  } catch {
    result = null;
  }
  fingerprints.set(memo, result);
  return result;
}

/** The package.json of the package `name` above one of its files. */
function packageJsonOf(file: string, name: string): string {
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
    try {
      const p = join(dir, 'package.json');
      if ((JSON.parse(readFileSync(p, 'utf8')) as { name?: string }).name === name) return p;
    } catch {}
  }
  throw new Error(`no package.json of ${name}`);
}
