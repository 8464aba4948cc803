// The package this code runs from: its root folder, its version, and the compiled module of a worker thread. One
// rule for every path resolved from import.meta.url: this file is two folders below dist/ both unbundled
// (dist/src/core/) and in the bundle (dist/bundle/cli/), so `../../` names dist/ and `../../../` the package root.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A compiled module of dist/src/ by its path there (a worker thread's own module). */
export const distModule = (srcPath: string): URL => new URL(`../../src/${srcPath}`, import.meta.url);
/** Another file of dist/ by its path there (the site's browser script, dist/bundle/site/site.js), found the same way. */
export const distFile = (path: string): URL => new URL(`../../${path}`, import.meta.url);

/** The package's root folder (where package.json, ontology/ and queries/ are). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');

/** A file or folder shipped with the package (`ontology/shapes.ttl`, `queries/`), found from the code, not from the
 * working directory. */
export const packagePath = (rel: string): string => fileURLToPath(new URL(`../../../${rel}`, import.meta.url));

interface PackageJson {
  name: string;
  version: string;
  config?: { issued?: string };
}
let pkg: PackageJson | undefined;
/** package.json, read once. */
export function packageJson(): PackageJson {
  return (pkg ??= JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as PackageJson);
}

/** The parent's Node options for a worker, without --input-type (a parent started with `--input-type=module -e`
 * would make the worker's CommonJS code a module, or refuse a worker file). */
export function workerExecArgv(): string[] {
  const out: string[] = [];
  for (let i = 0; i < process.execArgv.length; i++) {
    const a = process.execArgv[i]!;
    if (a === '--input-type') i++;
    else if (!a.startsWith('--input-type=')) out.push(a);
  }
  return out;
}
