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

/** V8's own options that Node also accepts in NODE_OPTIONS (its documentation lists them): a worker refuses these,
 * as it refuses every V8 option (ERR_WORKER_INVALID_EXEC_ARGV). */
const V8_OPTIONS = new Set([
  '--abort-on-uncaught-exception',
  '--disallow-code-generation-from-strings',
  '--enable-etw-stack-walking',
  '--huge-max-old-generation-size',
  '--interpreted-frames-native-stack',
  '--jitless',
  '--max-old-space-size',
  '--max-semi-space-size',
  '--perf-basic-prof-only-functions',
  '--perf-basic-prof',
  '--perf-prof-unwinding-info',
  '--perf-prof',
  '--stack-trace-limit',
]);

/**
 * The parent's Node options a worker takes: Node's own (and the profilers'), without V8's (the CLI's first line
 * starts Node with --interrupt-budget, and a worker given it does not start) and without --input-type (a parent
 * started with `--input-type=module -e` would make the worker's CommonJS code a module, or refuse a worker file).
 */
export function workerExecArgv(execArgv: readonly string[] = process.execArgv): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i]!;
    const name = a.split('=')[0]!;
    // in execArgv, a word that is no option is the value of the option before it (`-r ./x.js`)
    const value = !a.includes('=') && execArgv[i + 1] !== undefined && !execArgv[i + 1]!.startsWith('-');
    const keep =
      name !== '--input-type' &&
      !V8_OPTIONS.has(name) &&
      (process.allowedNodeEnvironmentFlags.has(name) || /^--(cpu|heap)-prof/.test(name));
    if (keep) out.push(a, ...(value ? [execArgv[i + 1]!] : []));
    if (value) i++;
  }
  return out;
}
