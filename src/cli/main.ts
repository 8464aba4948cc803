// The command line: parses options and prints; the build is composed in src/pipeline, the other commands' work is in
// the stage each names (src/query, src/site, src/serve, src/store, src/wikidata, src/release). The program as a
// shell starts it is bin.ts, which hands a `build` or `validate` to the daemon when one runs and else loads this.

import { Command, CommanderError } from 'commander';
import { resolve } from 'node:path';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatProblems, type CorpusProblem } from '../corpus/errors.js';
import { DEFAULT_BASE_IRI, parseBaseIri } from '../core/iri.js';
import type { BuildOptions } from '../pipeline/build.js';
import { endQuietlyWhenStdoutCloses, processIo, UsageError, type Io } from './io.js';
import { registerDaemonCommand } from './daemon.js';
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
  watch?: boolean;
  /** A folder, or false (--no-figure-cache); the package's node_modules/.cache by default. */
  figureCache?: string | boolean;
  /** A folder, or false (--no-shacl-cache); the package's node_modules/.cache by default. */
  shaclCache?: string | boolean;
}

/** What one build of `build --watch` adds: the stop signal, and the files changed since the last build (their
 * problems are printed first). */
interface Rebuild {
  signal: AbortSignal;
  changed: string[];
}

function progress(io: Io, quiet: boolean | undefined): BuildOptions['onStage'] {
  if (quiet || !io.isTTY) return undefined;
  return (stage, ms, detail) => {
    if (ms !== undefined)
      io.err(`  ${stage.padEnd(16)} ${ms.toFixed(0).padStart(6)} ms${detail ? `  (${detail})` : ''}\n`);
  };
}

async function build(io: Io, o: CommonOptions, write: boolean, again?: Rebuild): Promise<number> {
  const t0 = performance.now();
  // loaded here, not at start-up: `query` and `--help` do not pay for the build pipeline and the SHACL engine
  // a cache folder named on the command line that is a file would silently keep nothing: say so
  const { refuseFileAsFolder } = await import('../core/fs/output-folder.js');
  if (typeof o.shaclCache === 'string') refuseFileAsFolder(resolve(io.cwd, o.shaclCache), '--shacl-cache');
  if (typeof o.figureCache === 'string') refuseFileAsFolder(resolve(io.cwd, o.figureCache), '--figure-cache');
  const [{ runBuild, SHAPES_FILE, FIGURE_CACHE_DIR, SHACL_CACHE_DIR }, { cyrillicRoundTrip }] = await Promise.all([
    import('../pipeline/build.js'),
    import('../model/names.js'),
  ]);
  const result = await runBuild({
    corpusDir: resolve(io.cwd, o.corpus),
    outDir: resolve(io.cwd, o.out),
    base: parseBaseIri(o.baseIri),
    write,
    // validate reports problems only: nothing after the checks is needed
    ...(write ? {} : { outputs: false as const }),
    shapes: SHAPES_FILE,
    ...(o.shaclCache === false
      ? {}
      : { shaclCacheDir: typeof o.shaclCache === 'string' ? resolve(io.cwd, o.shaclCache) : SHACL_CACHE_DIR }),
    onStage: progress(io, o.quiet),
    // a watching process builds many times: the engine's start for one build is no gain then
    ...(write && o.figures !== false
      ? {
          figures: {
            oneShot: io.oneShot === true && !again,
            ...(o.figureCache === false
              ? {}
              : {
                  cacheDir: typeof o.figureCache === 'string' ? resolve(io.cwd, o.figureCache) : FIGURE_CACHE_DIR,
                }),
          },
        }
      : {}),
    ...(again || io.signal ? { signal: again?.signal ?? io.signal } : {}),
  });
  if (result.problems.length) {
    if (o.format === 'json') io.out(`${JSON.stringify({ ok: false, problems: result.problems }, null, 2)}\n`);
    else
      io.err(
        `${changedFirst(result.problems, again?.changed ?? [], o.all === true)}\n${result.problems.length} problem(s); ${write ? 'nothing was written' : 'the corpus is not valid'}.\n`,
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
    if (result.figures) {
      const { names, drawn, ms } = result.figures;
      const line = figuresSummary(names, `${o.out}/figures`, ms);
      io.out(
        drawn < names.length ? line.replace(/\n$/, `; ${drawn} drawn, the others unchanged (from the cache)\n`) : line,
      );
    }
  }
  return 0;
}

/** The problems as printed, those in the files just changed (absolute paths) first: what the curator just did. */
function changedFirst(problems: CorpusProblem[], changed: string[], all: boolean): string {
  // problems name files relative to the working folder, as the corpus reader gives them (corpus/read.ts)
  const files = new Set(changed);
  const mine = problems.filter((p) => !p.follows && files.has(resolve(process.cwd(), p.file)));
  const rest = problems.filter((p) => !mine.includes(p));
  return [mine.length ? formatProblems(mine, { all }) : '', rest.length ? formatProblems(rest, { all }) : '']
    .filter(Boolean)
    .join('\n');
}

/** `build --watch`: a build, then one more after each change in the corpus folder, until SIGINT or SIGTERM (exit 0).
 * A build under way when the signal comes is stopped at its next stage and its new folder removed. */
/** `build --watch` (write) and `validate --watch`: the command once, then again on every change in the corpus. */
async function watchBuild(io: Io, o: CommonOptions, write = true): Promise<number> {
  const { watchCorpus } = await import('../pipeline/watch.js');
  const corpusDir = resolve(io.cwd, o.corpus);
  const stop = new AbortController();
  const onSignal = (): void => stop.abort(new Error('stopped'));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const shown = o.corpus.replace(/\/+$/, '');
  let watching = false;
  const once = async (changed: string[]): Promise<void> => {
    try {
      await build(io, o, write, { signal: stop.signal, changed: changed.map((f) => resolve(corpusDir, f)) });
    } catch (e) {
      if (stop.signal.aborted) return;
      // a rebuild that fails unexpectedly is reported; the watching goes on (the output kept the previous build)
      io.err(
        `error: ${e instanceof Error ? e.message : String(e)}${o.verbose && e instanceof Error ? `\n${e.stack}` : ''}\n`,
      );
    }
    if (!stop.signal.aborted) io.err(`watching ${shown}/ for changes (Ctrl-C stops)\n`);
  };
  try {
    // the first run as a plain one: a wrong option or --out ends the command with exit 1, as without --watch
    await build(io, o, write, { signal: stop.signal, changed: [] }).catch((e: unknown) => {
      if (!stop.signal.aborted) throw e;
    });
    await watchCorpus({
      corpusDir,
      signal: stop.signal,
      ready: () => {
        if (!watching) io.err(`watching ${shown}/ for changes (Ctrl-C stops)\n`);
        watching = true;
      },
      rebuild: async (changed) => {
        io.err(
          `\n${new Date().toTimeString().slice(0, 8)} changed: ${changed.map((f) => `${shown}/${f}`).join(', ')}\n`,
        );
        await once(changed);
      },
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  io.err('stopped watching\n');
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
      .option('--verbose', 'print stack traces of unexpected errors')
      .option(
        '--shacl-cache <dir>',
        'folder of the last SHACL results of each corpus: only what changed is checked again, with the same results (default: node_modules/.cache/stalin-letters-lod/shacl of the package)',
      )
      .option('--no-shacl-cache', 'check every node against the shapes, and keep nothing')
      // read by bin.ts before this program is loaded
      .option('--no-daemon', 'run in this process even when a daemon runs (stalin-letters-lod daemon start)');
  common(
    p
      .command('build')
      .description(
        'parse the corpus, validate it, and write the Turtle, JSON-LD and N-Triples dumps, reports and figures',
      ),
  )
    .option('--no-figures', 'do not draw the figures (build/figures/ is then left out of the new build)')
    .option('--watch', 'after the build, build again on every change in the corpus folder, until Ctrl-C')
    .option(
      '--figure-cache <dir>',
      'folder of figures drawn before, redrawn only when their input changed (default: node_modules/.cache/stalin-letters-lod/figures of the package)',
    )
    .option('--no-figure-cache', 'draw every figure anew, and keep none')
    .action(async (o: CommonOptions) => {
      p.setOptionValue('exit', o.watch ? await watchBuild(io, o) : await build(io, o, true));
    });
  common(
    p
      .command('validate')
      .description('check the corpus (JSON Schemas, references, quotes, SHACL) without writing anything'),
  )
    .option('--format <format>', 'text or json', 'text')
    .option('--watch', 'after the checks, check again on every change in the corpus folder, until Ctrl-C')
    .action(async (o: CommonOptions) => {
      p.setOptionValue('exit', o.watch ? await watchBuild(io, o, false) : await build(io, o, false));
    });
  registerQueryCommand(p, io);
  registerWikidataCommand(p, io);
  registerReleaseCommand(p, io);
  registerSiteCommand(p, io);
  registerServeCommand(p, io);
  registerFiguresCommand(p, io);
  registerLoadCommand(p, io);
  registerDaemonCommand(p, io, main);
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

/** The program in this process: `argv` run, the exit code set. */
export async function runHere(argv: string[]): Promise<void> {
  process.exitCode = await main(argv);
}

if (invokedDirectly()) {
  endQuietlyWhenStdoutCloses();
  void runHere(process.argv.slice(2));
}
