#!/usr/bin/env node
// The command line: parses options and prints; the build is composed in src/pipeline, the other commands' work is in
// the stage each names (src/query, src/site, src/serve, src/store, src/wikidata, src/release).

import { Command, CommanderError } from 'commander';
import { resolve } from 'node:path';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatProblems } from '../corpus/errors.js';
import { checkBaseIri, DEFAULT_BASE_IRI } from '../core/iri.js';
import type { BuildOptions } from '../pipeline/build.js';
import { processIo, UsageError, type Io } from './io.js';
import { registerQueryCommand } from './query.js';
import { registerWikidataCommand } from './wikidata.js';
import { describeCoverage, linkCoverage } from '../model/wikidata.js';
import { registerReleaseCommand } from './release.js';
import { registerSiteCommand } from './site.js';
import { registerServeCommand } from './serve.js';
import { figuresSummary, registerFiguresCommand } from './figures.js';
import { packageJson } from '../core/package.js';
import { registerLoadCommand } from './load.js';

interface CommonOptions {
  corpus: string;
  out: string;
  baseIri: string;
  quiet?: boolean;
  verbose?: boolean;
  all?: boolean;
  format?: 'text' | 'json';
  figures?: boolean;
}

function progress(io: Io, quiet: boolean | undefined): BuildOptions['onStage'] {
  if (quiet || !io.isTTY) return undefined;
  return (stage, ms, detail) => {
    if (ms !== undefined)
      io.err(`  ${stage.padEnd(16)} ${ms.toFixed(0).padStart(6)} ms${detail ? `  (${detail})` : ''}\n`);
  };
}

async function build(io: Io, o: CommonOptions, write: boolean): Promise<number> {
  const t0 = performance.now();
  // loaded here, not at start-up: `query` and `--help` do not pay for the build pipeline and the SHACL engine
  const [{ runBuild, SHAPES_FILE }, { cyrillicRoundTrip }] = await Promise.all([
    import('../pipeline/build.js'),
    import('../model/names.js'),
  ]);
  const result = await runBuild({
    corpusDir: resolve(io.cwd, o.corpus),
    outDir: resolve(io.cwd, o.out),
    base: checkBaseIri(o.baseIri),
    write,
    shapes: SHAPES_FILE,
    onStage: progress(io, o.quiet),
    ...(write && o.figures !== false ? { figures: { oneShot: io.oneShot === true } } : {}),
  });
  if (result.problems.length) {
    if (o.format === 'json') io.out(`${JSON.stringify({ ok: false, problems: result.problems }, null, 2)}\n`);
    else
      io.err(
        `${formatProblems(result.problems, { all: o.all === true })}\n${result.problems.length} problem(s); ${write ? 'nothing was written' : 'the corpus is not valid'}.\n`,
      );
    return 1;
  }
  const d = result.dataset!;
  if (o.format === 'json') {
    io.out(
      `${JSON.stringify(
        {
          ok: true,
          triples: result.triples,
          letters: d.letters.length,
          footnotes: d.letters.reduce((n, l) => n + l.footnotes.length, 0),
          wikidata: linkCoverage(d),
        },
        null,
        2,
      )}\n`,
    );
  } else if (!o.quiet) {
    const notes = d.letters.reduce((n, l) => n + l.footnotes.length, 0);
    io.out(
      `${write ? 'built' : 'valid'}: ${d.letters.length} letters, ${notes} footnotes, ${d.citations.length} citations, ` +
        `${d.persons.length} persons, ${d.organizations.length} organisations, ${d.changes.length} changes of office, ` +
        `${d.resolutions.length} resolutions, ${d.proposals.length} proposals, ${d.mentions.length} mentions; ${result.triples} triples` +
        `${write ? ` → ${o.out}/` : ''} (${(performance.now() - t0).toFixed(0)} ms)\n`,
    );
    io.out(`wikidata: ${describeCoverage(linkCoverage(d))}\n`);
    if (d.reports.markers.length)
      io.out(
        `note: ${d.reports.markers.length} footnote marker(s) not found in the letter text (see ${o.out}/reports/footnote-markers.csv)\n`,
      );
    const roundTrip = cyrillicRoundTrip(d.persons);
    // validate lists each; build points at the report
    if (!write)
      for (const r of roundTrip)
        io.out(
          `warning: ${r.file}:${r.line} (${r.id}): nameRu "${r.nameRu}" romanises (ALA-LC) to "${r.romanised}", which the texts do not print (they print ${r.printed.map((f) => `"${f}"`).join(', ')}); ${r.nameRuSource === 'reference' ? 'the Cyrillic is from the reference file: keep it if the reference row is this person' : "nameRuSource: transliteration (the curator's): correct nameRu only from a source or the reference file"}\n`,
        );
    else if (roundTrip.length)
      io.out(
        `note: ${roundTrip.length} Russian name(s) do not romanise back to a printed form (see ${o.out}/reports/cyrillic-roundtrip.csv)\n`,
      );
    if (result.figures) io.out(figuresSummary(result.figures.names, `${o.out}/figures`, result.figures.ms));
  }
  return 0;
}

export function program(io: Io): Command {
  const p = new Command('stalin-letters-lod')
    .description(
      "Publishes Stalin's letters to Molotov (1930) and Kaganovich (1932) with their editors' notes as Linked Open Data",
    )
    .version(packageJson().version)
    .enablePositionalOptions() // `release --version X` is the release's version, not the program's
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError();
  const common = (c: Command): Command =>
    c
      .option('--corpus <dir>', 'corpus folder', 'corpus')
      .option('--out <dir>', 'output folder', 'build')
      .option('--base-iri <iri>', 'base IRI of the dataset', DEFAULT_BASE_IRI)
      .option('-q, --quiet', 'print nothing on success')
      .option('--all', 'list every problem, also those that follow from an unreadable file (counted otherwise)')
      .option('--verbose', 'print stack traces of unexpected errors');
  common(
    p
      .command('build')
      .description(
        'parse the corpus, validate it, and write the Turtle, JSON-LD and N-Triples dumps, reports and figures',
      ),
  )
    .option('--no-figures', 'do not draw the figures (build/figures/ is then left out of the new build)')
    .action(async (o: CommonOptions) => {
      p.setOptionValue('exit', await build(io, o, true));
    });
  common(
    p
      .command('validate')
      .description('check the corpus (JSON Schemas, references, quotes, SHACL) without writing anything'),
  )
    .option('--format <format>', 'text or json', 'text')
    .action(async (o: CommonOptions) => {
      p.setOptionValue('exit', await build(io, o, false));
    });
  registerQueryCommand(p, io);
  registerWikidataCommand(p, io);
  registerReleaseCommand(p, io);
  registerSiteCommand(p, io);
  registerServeCommand(p, io);
  registerFiguresCommand(p, io);
  registerLoadCommand(p, io);
  return p;
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const p = program(io);
  try {
    await p.parseAsync(argv, { from: 'user' });
    return (p.getOptionValue('exit') as number | undefined) ?? 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}\n`);
      return 1;
    }
    const verbose = argv.includes('--verbose');
    io.err(
      `error: ${e instanceof Error ? e.message : String(e)}\n${verbose && e instanceof Error ? `${e.stack}\n` : 'run again with --verbose for details\n'}`,
    );
    return 1;
  }
}

/** Run as a program (the bundle that bin names, node dist/src/cli/main.js, npx, a bin link), not imported by a test. */
function invokedDirectly(): boolean {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  // `… | head`: the reader has gone, so nothing more is wanted; end quietly instead of with a stack trace
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
