// The figures: their inputs from the saved queries, their Vega-Lite specs, and the SVG files written beside the
// specs. src/figures sits after src/query in the data flow (it reads the built graph through the saved queries) and
// before src/cli; `build` (in src/cli) runs it after the dumps are written.
//
// Files (a contract with the site, which embeds them), below the output folder:
//   letters.svg, proposals.svg, resolutions-by-body-month.svg, co-mentions.svg, timeline/<person-id>.svg,
// each with its spec beside it as <name>.vl.json.

import { OutputFolder } from '../core/fs/output-folder.js';
import type { Figure } from './common.js';
import { network, networkFigure } from './network.js';
import {
  bodyMonths,
  letterDates,
  lettersFigure,
  proposalSpans,
  proposalsFigure,
  resolutionsFigure,
} from './overview.js';
import { renderAll } from './render.js';
import { codeFingerprint, FigureCache, figureKey, setKey } from './cache.js';
import {
  openPrepared,
  openQueries,
  prepareFigureQueries,
  type FigureQueries,
  type QuerySourceOptions,
} from './source.js';
import { careers, timelineFigure } from './timeline.js';

export type { Figure } from './common.js';

/** The saved queries the figures are drawn from. */
export const FIGURE_QUERIES = [
  'export-letters',
  'offices-held',
  'changes-of-office',
  'proposals',
  'resolutions-by-body-month',
  'co-mentions',
  'persons-per-letter',
] as const;

/** What each figure is drawn from, as the saved queries return it (the tests compare these with the queries). */
export function figureInputs(q: FigureQueries) {
  const letters = letterDates(q('export-letters'));
  return {
    careers: careers(q('offices-held'), q('changes-of-office')),
    letters,
    proposals: proposalSpans(q('proposals'), letters),
    bodyMonths: bodyMonths(q('resolutions-by-body-month')),
    network: network(q('co-mentions'), q('persons-per-letter')),
  };
}

export type FigureInputs = ReturnType<typeof figureInputs>;

export function figureSpecs(inputs: FigureInputs): Figure[] {
  return [
    lettersFigure(inputs.letters),
    proposalsFigure(inputs.proposals),
    resolutionsFigure(inputs.bodyMonths),
    networkFigure(inputs.network),
    ...inputs.careers.map(timelineFigure),
  ];
}

/** Every figure as files: `<name>.svg` and `<name>.vl.json`, by path below the figures folder. With a cache, only
 * the figures whose key it lacks are drawn (and Vega is not even loaded when it has them all). */
export async function renderFigures(figures: Figure[], cache?: FigureCache): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const keys = figures.map((f) => (cache ? figureKey(f, cache.code) : undefined));
  const svgs = keys.map((k) => (k ? cache!.get(k) : undefined));
  const missing = svgs.flatMap((svg, i) => (svg === undefined ? [i] : []));
  if (missing.length) {
    const drawn = await renderAll(missing.map((i) => figures[i]!));
    missing.forEach((i, j) => {
      svgs[i] = drawn[j]!;
      if (keys[i]) cache!.set(keys[i], drawn[j]!);
    });
  }
  figures.forEach((f, i) => {
    files.set(`${f.name}.svg`, svgs[i]!);
    files.set(`${f.name}.vl.json`, `${JSON.stringify(f.spec, null, 1)}\n`);
  });
  return files;
}

export interface FiguresOptions extends QuerySourceOptions {
  /** The built N-Triples dump. */
  ntriples: string;
  outDir: string;
}

export interface FiguresResult {
  files: Map<string, string>;
  figures: Figure[];
  ms: number;
}

export async function makeFigures(
  ntriples: string,
  o: QuerySourceOptions & { cacheDir?: string },
): Promise<{ files: Map<string, string>; names: string[]; drawn: number; queried: boolean }> {
  const q = prepareFigureQueries(ntriples, FIGURE_QUERIES, o);
  const cache = o.cacheDir ? new FigureCache(o.cacheDir, codeFingerprint(import.meta.url)) : undefined;
  const whole = cache && setKey(q, o.base, cache.code);
  const kept = whole ? cache.getSet(whole) : undefined;
  if (kept) {
    cache!.tidy();
    return { files: new Map(kept.files), names: kept.names, drawn: 0, queried: false };
  }
  const figures = figureSpecs(figureInputs(await openPrepared(q, o)));
  const files = await renderFigures(figures, cache);
  const names = figures.map((f) => f.name);
  if (whole) {
    cache!.setSet(whole, names, files);
    cache!.tidy();
  }
  return { files, names, drawn: figures.length - (cache?.hits ?? 0), queried: true };
}

/** Builds every figure and replaces the output folder as a whole (a person who left the corpus leaves no file). */
export async function writeFigures(o: FiguresOptions): Promise<FiguresResult> {
  const t0 = performance.now();
  const figures = figureSpecs(figureInputs(await openQueries(o.ntriples, FIGURE_QUERIES, o)));
  const files = await renderFigures(figures);
  const out = new OutputFolder(o.outDir, { marker: 'letters.svg' });
  try {
    for (const [rel, text] of [...files].sort(([a], [b]) => a.localeCompare(b))) out.text(rel, text);
  } catch (e) {
    out.abort();
    throw e;
  }
  out.commit();
  return { files, figures, ms: performance.now() - t0 };
}
