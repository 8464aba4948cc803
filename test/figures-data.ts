// Figures drawn from the corpus built in memory (once per process), and the golden files they are compared with.
// scripts/golden/figures.ts (`npm run golden:figures`) is the one thing that rewrites test/golden/figures/.

import { join } from 'node:path';
import {
  FIGURE_QUERIES,
  figureInputs,
  figureSpecs,
  renderFigures,
  type Figure,
  type FigureInputs,
} from '../src/figures/index.js';
import { openQueries } from '../src/figures/source.js';
import { BASE, queryData } from './query-data.js';
import { ROOT } from './helpers.js';

export const GOLDEN_FIGURES = join(ROOT, 'test/golden/figures');

/** The figures kept as golden files: every overview, and timelines with open, faded and imprecise ends. */
export const GOLDEN_NAMES = [
  'letters',
  'proposals',
  'resolutions-by-body-month',
  'co-mentions',
  'timeline/piatakov',
  'timeline/rozengolts',
  'timeline/kosior-iosif',
  'timeline/amas',
];

export interface BuiltFigures {
  inputs: FigureInputs;
  figures: Figure[];
  files: Map<string, string>;
}

let built: Promise<BuiltFigures> | undefined;

/** The same steps as `figures` (makeFigures), keeping the inputs for the tests to check. */
export function builtFigures(): Promise<BuiltFigures> {
  built ??= (async () => {
    const inputs = figureInputs(await openQueries((await queryData()).ntriples, FIGURE_QUERIES, { base: BASE }));
    const figures = figureSpecs(inputs);
    return { inputs, figures, files: await renderFigures(figures) };
  })();
  return built;
}

export const goldenFiles = (): string[] => GOLDEN_NAMES.flatMap((n) => [`${n}.svg`, `${n}.vl.json`]);
