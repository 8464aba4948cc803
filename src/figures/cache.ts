// Figures already drawn, kept outside the output so that a rebuild draws only the figures whose input changed.
//
// Two kinds of entry, each under the SHA-256 of everything its content is a function of:
// - the whole set (`set-<key>.json`: every file of figures/): the key covers the saved queries as prepared and the
//   lines of the dump they can match (source.ts), so a build whose figure input did not change runs no query and
//   loads neither Oxigraph nor Vega;
// - one figure (`<key>.svg`): the key covers its Vega-Lite spec (data inline), title, text alternative and template,
//   so when the input changed only the figures whose spec changed are drawn, and Vega is loaded only if one did.
// Both keys also cover the code: the bytes of the module files the figures are made by (index.ts's module and every
// module it imports by a relative path, transitively: the compiled modules, or in the bundle the figures chunk and
// the chunks it imports) and the package.json of each package they use. A build that cannot read them keeps
// nothing and finds nothing.
//
// Why not beside the figures in the output: build/ is committed, so CI's rebuild would start warm and trust SVGs
// that older code drew; and the bundle and the modules have different fingerprints but must write the same bytes.
// The cache holds nothing a build depends on: a missing, cleared or foreign cache draws the same bytes
// (test/figures/figure-cache.test.ts compares cold, warm and warm-after-a-change builds byte for byte).

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { codeFingerprint as fingerprintOf } from '../core/fingerprint.js';
import { writeFileAtomically } from '../core/fs/atomic.js';
import type { Figure } from './common.js';
import type { PreparedFigureQueries } from './source.js';
import type { BaseIri } from '../core/iri.js';

/** Entries kept at most; the least recently used go first. */
const MAX_ENTRIES = 2000;

/** The packages the figures are made with (the bundle inlines all but Oxigraph, yet their versions stay keys). */
const FIGURE_PACKAGES = ['vega', 'vega-lite', 'oxigraph', 'graphology', 'graphology-layout-forceatlas2', 'sparqljs'];

/** The fingerprint of the figures' code reached from `entry` (core/fingerprint.ts) and of the packages they use. */
export const codeFingerprint = (entry: string): string | null => fingerprintOf(entry, FIGURE_PACKAGES);

const sha = (...parts: string[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(`${p.length}:`).update(p);
  return h.digest('hex');
};

/** The key of one figure's drawing (undefined: the code cannot be fingerprinted). */
export function figureKey(f: Figure, code: string | null): string | undefined {
  if (!code) return undefined;
  const { name, title, description, spec, template } = f;
  return sha('figure', code, JSON.stringify({ name, title, description, spec, template: template ?? null }));
}

/** The key of the whole set of figures drawn from these queries and lines (undefined: no fingerprint). */
export function setKey(q: PreparedFigureQueries, base: BaseIri, code: string | null): string | undefined {
  if (!code) return undefined;
  const queries = [...q.prepared].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([n, p]) => [n, p.sparql]);
  return sha('set', code, base, JSON.stringify(queries), q.text);
}

export class FigureCache {
  private readonly used = new Set<string>();
  /** Figures found (not drawn) so far. */
  hits = 0;
  /** `code`: the fingerprint of the code that makes the figures (codeFingerprint). */
  constructor(
    readonly dir: string,
    readonly code: string | null,
  ) {}

  /** The SVG drawn for this key, if kept. */
  get(key: string): string | undefined {
    const svg = this.read(`${key}.svg`);
    if (svg !== undefined) this.hits++;
    return svg;
  }

  /** Keeps an SVG. */
  set(key: string, svg: string): void {
    this.write(`${key}.svg`, svg);
  }

  /** The files of a whole set of figures (path below figures/ → text) and their names, if kept. */
  getSet(key: string): { names: string[]; files: [string, string][] } | undefined {
    const json = this.read(`set-${key}.json`);
    return json === undefined ? undefined : (JSON.parse(json) as { names: string[]; files: [string, string][] });
  }

  setSet(key: string, names: string[], files: Map<string, string>): void {
    this.write(`set-${key}.json`, JSON.stringify({ names, files: [...files] }));
  }

  private read(file: string): string | undefined {
    try {
      const text = readFileSync(join(this.dir, file), 'utf8');
      this.used.add(file);
      return text;
    } catch {
      return undefined;
    }
  }

  /** Written whole or not at all; a cache that cannot be written is no cache, not an error. */
  private write(file: string, text: string): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileAtomically(join(this.dir, file), text);
      this.used.add(file);
    } catch {}
  }

  /** Marks the entries this build used as recent and drops the oldest beyond MAX_ENTRIES. */
  tidy(): void {
    try {
      const now = new Date();
      for (const f of this.used) utimesSync(join(this.dir, f), now, now);
      const files = readdirSync(this.dir).filter((f) => f.endsWith('.svg') || f.endsWith('.json'));
      if (files.length <= MAX_ENTRIES) return;
      const byAge = files
        .map((f) => ({ f, t: statSync(join(this.dir, f)).mtimeMs }))
        .sort((a, b) => a.t - b.t || a.f.localeCompare(b.f));
      for (const { f } of byAge.slice(0, files.length - MAX_ENTRIES)) rmSync(join(this.dir, f), { force: true });
    } catch {}
  }
}
