// Bundles the compiled CLI (dist/src/cli/bin.js and main.js, type-checked by tsc) into dist/bundle/cli/ with esbuild: one
// module graph of a few files instead of some 300 small ones saves about 0.15 s of every start (`npm run build`
// takes ≈2.2 s). Run by `npm run compile` (and so by `prepare` on `npm ci`); `bin` and `npm run build` use it.
//
// - The chunks sit two folders below dist/, as the modules of dist/src/*/ do, so the few paths resolved from
//   import.meta.url (package.json, queries/, dist/generated/) point where they point unbundled.
// - Comunica, jsonld and Oxigraph stay outside: they are loaded on demand by `query` only, and some of their
//   dependencies find their own files through __dirname, which a bundle would change.
// - Dynamic imports stay lazy: code splitting keeps `query` and `build` out of each other's start-up.
// test/cli/cli.test.ts runs the bundle and compares its build with the in-process one, byte for byte.

import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE_DIR = join(DIST, 'bundle', 'cli');
/** The site's script for browsers (src/site/client/site-client.ts with MiniSearch and the stemmer), which
 * `site` copies to assets/site.js (core/package.ts distFile). */
export const SITE_SCRIPT = join(DIST, 'bundle', 'site', 'site.js');

export async function bundle(): Promise<void> {
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  await build({
    entryPoints: [join(DIST, 'src', 'cli', 'bin.js'), join(DIST, 'src', 'cli', 'main.js')],
    outdir: BUNDLE_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['@comunica/*', 'jsonld', 'oxigraph'],
    // CommonJS packages inside an ES module bundle still call require()
    banner: {
      js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  await build({
    entryPoints: [join(DIST, 'src', 'site', 'client', 'site-client.js')],
    outfile: SITE_SCRIPT,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await bundle();
