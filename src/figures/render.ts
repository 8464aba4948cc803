// Renders a Vega-Lite spec to SVG in Node, without a browser or canvas: vega-lite compiles it to Vega, a headless
// View (renderer 'none') lays it out, and View.toSVG() writes the markup. Text widths are estimated by Vega (no
// font metrics), so the output depends only on the spec.
//
// Then the SVG is made deterministic and accessible:
// - Vega numbers clip paths and gradients with counters that run on across the views of a process; they are
//   renumbered per figure and prefixed with its name, so a page may inline several figures without clashes;
// - the figure's title and text alternative go first, as <title> and <desc>, with role="img";
// - each mark's description (aria-label, from the spec's `description` channel) is repeated as the mark's own
//   <title>, which browsers show as its tooltip.

import type { Figure } from './common.js';

/** This module's file (in the bundle: the chunk that holds it): part of the drawing code's fingerprint (cache.ts). */
export const RENDER_MODULE = import.meta.url;

type Vega = typeof import('vega');
type VegaLite = typeof import('vega-lite');

let libs: Promise<[Vega, VegaLite]> | undefined;
// bundled by esbuild, a CommonJS-shaped module may come as its default export: take whichever holds the API
const api = <T>(m: T & { default?: T }, probe: string): T => (probe in (m as object) ? m : (m.default ?? m));
const load = (): Promise<[Vega, VegaLite]> =>
  (libs ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vl]) => [
    api(vega as Vega & { default?: Vega }, 'View'),
    api(vl as VegaLite & { default?: VegaLite }, 'compile'),
  ]));

export const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A logger that keeps warnings instead of printing them: a figure whose spec draws a warning is a defect. */
function strictLogger(where: string) {
  const warnings: string[] = [];
  const logger = {
    level(this: unknown, _l?: number) {
      return _l === undefined ? 2 : logger;
    },
    warn: (...m: unknown[]) => {
      warnings.push(m.map(String).join(' '));
      return logger;
    },
    error: (...m: unknown[]) => {
      warnings.push(m.map(String).join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  const check = (): void => {
    if (warnings.length) throw new Error(`figure ${where}: ${warnings.join('; ')}`);
  };
  return { logger, check, warnings };
}

/** Compiles a Vega-Lite spec to Vega (the spec Vega renders); any warning is an error. */
export async function compile(spec: Record<string, unknown>, where = 'spec'): Promise<Record<string, unknown>> {
  const [, vl] = await load();
  const { logger, check } = strictLogger(where);
  const vg = vl.compile(spec as never, { logger: logger as never }).spec as unknown as Record<string, unknown>;
  check();
  return vg;
}

// an empty layer (no faded end on this timeline, say) has no extent; with the domain given that is harmless
const HARMLESS = /^Infinite extent for field "[^"]+": \[Infinity, -Infinity\]$/;

/** Renders the figure's own spec (data inline). */
export async function renderSvg(figure: Figure): Promise<string> {
  const [vega] = await load();
  const vg = await compile(figure.spec, figure.name);
  return draw(vega.parse(vg as never), figure, {}, {});
}

// A fresh View per figure: a reused one draws the same marks, but keeps old axis ticks in its scenegraph and
// writes them in another order, so a figure's bytes would depend on the figures drawn before it.
async function draw(
  runtime: unknown,
  figure: Figure,
  params: Record<string, unknown>,
  data: Record<string, unknown[]>,
): Promise<string> {
  const [vega] = await load();
  const { logger, warnings } = strictLogger(figure.name);
  const view = new vega.View(runtime as never, { renderer: 'none', logger: logger as never, logLevel: vega.Warn });
  try {
    for (const [k, v] of Object.entries(params)) view.signal(k, v);
    for (const [k, v] of Object.entries(data)) view.data(k, v);
    const svg = await view.toSVG();
    const real = warnings.filter((w) => !HARMLESS.test(w));
    if (real.length) throw new Error(`figure ${figure.name}: ${real.join('; ')}`);
    return finish(svg, figure);
  } finally {
    view.finalize();
  }
}

/**
 * Renders many figures; those with a template share one compiled spec (compiling and parsing cost more than
 * drawing) and differ only in the data and parameters given to the view.
 */
export async function renderAll(figures: Figure[]): Promise<string[]> {
  const [vega] = await load();
  const runtimes = new Map<string, unknown>();
  const out: string[] = [];
  for (const f of figures) {
    if (!f.template) {
      out.push(await renderSvg(f));
      continue;
    }
    let runtime = runtimes.get(f.template.key);
    if (!runtime)
      runtimes.set(f.template.key, (runtime = vega.parse((await compile(f.template.spec, f.template.key)) as never)));
    out.push(await draw(runtime, f, f.template.params, f.template.data));
  }
  return out;
}

/** Stable ids, the text alternative and per-mark titles (see the file comment). */
export function finish(svg: string, figure: Figure): string {
  const prefix = figure.name.replace(/[^A-Za-z0-9]+/g, '-');
  const ids = new Map<string, string>();
  let out = svg.replace(/\bid="([^"]+)"|url\(#([^)]+)\)/g, (_m, def: string | undefined, ref: string | undefined) => {
    const old = (def ?? ref)!;
    if (!ids.has(old)) ids.set(old, `${prefix}-${ids.size + 1}`);
    return def !== undefined ? `id="${ids.get(old)}"` : `url(#${ids.get(old)})`;
  });
  // a mark's accessible description becomes its tooltip too (self-closing shapes only: texts carry their own words)
  out = out.replace(
    /<(path|line|circle|rect)( [^>]*?aria-label="([^"]*)"[^>]*?)\/>/g,
    (_m, tag: string, attrs: string, label: string) =>
      attrs.includes('role="graphics-symbol"') ? `<${tag}${attrs}><title>${label}</title></${tag}>` : _m,
  );
  const open = out.indexOf('>') + 1;
  const head = out.slice(0, open).replace(/^<svg /, '<svg role="img" ');
  return `${head}<title>${escapeXml(figure.title)}</title><desc>${escapeXml(figure.description)}</desc>${out.slice(open)}\n`;
}
