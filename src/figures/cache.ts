// Figures already drawn, kept outside the output so that a rebuild draws only the figures whose input changed.
//
// A figure's SVG is a function of its Vega-Lite spec (data inline), its title and text alternative, its template
// (the same spec as shared spec + data), and the code that draws it: render.ts, Vega and Vega-Lite. The key of a
// drawn figure is the SHA-256 of all of these: the figure as JSON and a fingerprint of the drawing code (the bytes
// of the module that holds render.ts, which in the bundle is the chunk that also names Vega's chunks by their
// content hashes, and the package.json of Vega and Vega-Lite as installed). The key is checked before Vega is
// loaded; a build with every key found never loads it.
//
// Why not beside the figures in the output: build/ is committed, so CI's rebuild would start warm and trust SVGs
// that older code drew; and the bundle and the modules have different fingerprints but must write the same bytes.
// The cache holds nothing a build depends on: a missing, cleared or foreign cache draws the same bytes
// (test/figure-cache.test.ts compares cold, warm and warm-after-a-change builds byte for byte).

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomically } from '../core/fs/atomic.js';
import type { Figure } from './common.js';
import { RENDER_MODULE } from './render.js';

/** Entries kept at most; the least recently used go first. */
const MAX_ENTRIES = 2000;

let fingerprint: string | null | undefined;

/** The drawing code's fingerprint, or null when it cannot be read (then nothing is cached). */
function drawingCode(): string | null {
  if (fingerprint !== undefined) return fingerprint;
  try {
    const h = createHash('sha256');
    // render.ts's compiled module, or the bundle chunk that holds it (it imports Vega's chunk by content hash)
    h.update(readFileSync(fileURLToPath(RENDER_MODULE)));
    const require = createRequire(import.meta.url);
    for (const name of ['vega', 'vega-lite']) h.update(readFileSync(packageJsonOf(require.resolve(name), name)));
    fingerprint = h.digest('hex');
  } catch {
    fingerprint = null;
  }
  return fingerprint;
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

/** The key of one figure's drawing, or undefined when the drawing code cannot be fingerprinted. */
export function figureKey(f: Figure): string | undefined {
  const code = drawingCode();
  if (!code) return undefined;
  const { name, title, description, spec, template } = f;
  return createHash('sha256')
    .update(code)
    .update(JSON.stringify({ name, title, description, spec, template: template ?? null }))
    .digest('hex');
}

export class FigureCache {
  private readonly used = new Set<string>();
  /** Figures found (not drawn) so far. */
  hits = 0;
  constructor(readonly dir: string) {}

  /** The SVG drawn for this key, if kept. */
  get(key: string): string | undefined {
    try {
      const svg = readFileSync(join(this.dir, `${key}.svg`), 'utf8');
      this.used.add(key);
      this.hits++;
      return svg;
    } catch {
      return undefined;
    }
  }

  /** Keeps an SVG (written whole or not at all; a cache that cannot be written is no cache, not an error). */
  set(key: string, svg: string): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileAtomically(join(this.dir, `${key}.svg`), svg);
      this.used.add(key);
    } catch {}
  }

  /** Marks the entries this build used as recent and drops the oldest beyond MAX_ENTRIES. */
  tidy(): void {
    try {
      const now = new Date();
      for (const k of this.used) utimesSync(join(this.dir, `${k}.svg`), now, now);
      const files = readdirSync(this.dir).filter((f) => f.endsWith('.svg'));
      if (files.length <= MAX_ENTRIES) return;
      const byAge = files
        .map((f) => ({ f, t: statSync(join(this.dir, f)).mtimeMs }))
        .sort((a, b) => a.t - b.t || a.f.localeCompare(b.f));
      for (const { f } of byAge.slice(0, files.length - MAX_ENTRIES)) rmSync(join(this.dir, f), { force: true });
    } catch {}
  }
}
