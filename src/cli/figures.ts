// The `figures` command (`build` draws the figures in src/pipeline/build.ts).

import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DEFAULT_BASE_IRI, parseBaseIri, type BaseIri } from '../core/iri.js';
import { DUMPS } from '../core/layout.js';
import { UsageError, type Io } from './io.js';

interface FiguresOptions {
  source?: string;
  out: string;
  baseIri: string;
  queries?: string;
  quiet?: boolean;
}

/** Draws every figure from an N-Triples dump into `outDir` (replaced as a whole); returns a one-line summary. */
export async function drawFigures(
  io: Io,
  ntriplesFile: string,
  outDir: string,
  base: BaseIri,
  queriesDir?: string,
): Promise<string> {
  let ntriples: string;
  try {
    ntriples = readFileSync(ntriplesFile, 'utf8');
  } catch {
    throw new UsageError(
      `cannot read ${relative(io.cwd, ntriplesFile) || ntriplesFile}; run \`stalin-letters-lod build\` first, or pass --source FILE (N-Triples)`,
    );
  }
  checkFigureSource(relative(io.cwd, ntriplesFile) || ntriplesFile, ntriples, base);
  // loaded only here: Vega, Vega-Lite, graphology and Oxigraph cost nothing to the commands that draw nothing
  const { writeFigures } = await import('../figures/index.js');
  const r = await writeFigures({
    ntriples,
    outDir,
    base,
    ...(queriesDir ? { queriesDir } : {}),
    ...(io.oneShot ? { oneShot: true } : {}),
  });
  return figuresSummary(
    r.figures.map((f) => f.name),
    relative(io.cwd, outDir) || outDir,
    r.ms,
  );
}

/** The one line a command prints about the figures it drew. */
export const figuresSummary = (names: string[], shownAs: string, ms: number): string =>
  `figures: ${names.length} (${names.filter((n) => n.startsWith('timeline/')).length} career timelines) → ${shownAs}/ (${ms.toFixed(0)} ms)\n`;

export function registerFiguresCommand(p: Command, io: Io): void {
  p.command('figures')
    .description(
      'draw the figures (career timelines, letters, proposals, resolutions, co-mentions) as SVG with their Vega-Lite specs',
    )
    .option('--source <file>', `N-Triples dump to draw from (default build/${DUMPS.ntriples})`)
    .option('--out <dir>', 'output folder (replaced as a whole)', 'build/figures')
    .option('--base-iri <iri>', 'base IRI of the dataset', DEFAULT_BASE_IRI)
    .option('--queries <dir>', 'folder of saved queries (default: the shipped queries/)')
    .option('-q, --quiet', 'print nothing on success')
    .option('--verbose', 'print stack traces of unexpected errors')
    .action(async (o: FiguresOptions) => {
      const base = parseBaseIri(o.baseIri);
      const line = await drawFigures(
        io,
        resolve(io.cwd, o.source ?? join('build', DUMPS.ntriples)),
        resolve(io.cwd, o.out),
        base,
        o.queries ? resolve(io.cwd, o.queries) : undefined,
      );
      if (!o.quiet) io.out(line);
    });
}

// a triple line of N-Triples: subject, predicate IRI, object, final dot (the engine checks the terms themselves)
const NT_LINE =
  /^(?:<[^>\s]*>|_:\S+)[ \t]+<[^>\s]*>[ \t]+(?:<[^>\s]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>\s]*>)?)[ \t]*\.[ \t]*(?:#.*)?$/;

/**
 * What `figures --source` reads must be this dataset's N-Triples (issue 31: Turtle, JSON-LD or garbage gave empty
 * figures and exit 0, as the loader keeps only the lines it recognises): the first line that is not an N-Triples
 * triple is named with its number, and a dump with no letter under the base IRI is refused.
 */
export function checkFigureSource(shown: string, text: string, base: BaseIri): void {
  const lines = text.split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    if (!NT_LINE.test(line)) {
      throw new UsageError(
        `${shown}:${i + 1}: not an N-Triples triple ("${line.slice(0, 60)}${line.length > 60 ? '…' : ''}"); --source takes the N-Triples dump (build/${DUMPS.ntriples})`,
      );
    }
  }
  if (!text.includes(`<${base}letter/`))
    throw new UsageError(
      `${shown} holds no letter under the base IRI ${base}; pass the dataset's N-Triples dump, or the --base-iri it was built with`,
    );
}
