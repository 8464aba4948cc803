// The build, composed in this one place: read → assemble → map → validate (SHACL) → serialise → publish → figures,
// stage by stage, with timings, into a new folder swapped in at the end. Other commands that need the model call
// loadDataset (read → assemble) instead of composing the first stages themselves.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readCorpus } from '../corpus/read.js';
import type { CorpusProblem } from '../corpus/errors.js';
import { assemble } from '../model/assemble.js';
import type { Dataset } from '../model/types.js';
import { toGraph } from '../rdf/map.js';
import type { GraphBuilder } from '../rdf/graph.js';
import { sortQuads } from '../rdf/serialise/terms.js';
import { writeNTriples } from '../rdf/serialise/ntriples.js';
import { writeTurtle } from '../rdf/serialise/turtle.js';
import { buildContext, writeJsonLd } from '../rdf/serialise/jsonld.js';
import { cyrillicRoundTripReport, markersReport, unlinkedReport, unresolvedNamesReport } from '../publish/reports.js';
import { graphCounts, toVoid } from '../publish/metadata.js';
import { linkCoverage, wikidataStatements } from '../model/wikidata.js';
import { toWikidataView } from '../rdf/wikidata.js';
import { applyProfile, type Profile } from '../publish/profile.js';
import { CMIF_FILE, toCmif } from '../publish/cmif.js';
import { OutputFolder, checkOutputFolder } from '../core/fs/output-folder.js';
import { collect, type Sink } from '../core/fs/sink.js';
import { teiFiles } from '../publish/tei.js';
import type { Quad } from '@rdfjs/types';
import { PACKAGE_ROOT, packageJson, packagePath } from '../core/package.js';
import { DUMPS } from '../core/layout.js';
import type { ShaclValidator, Violation } from '../validate/index.js';
import { toQuickStatements } from '../wikidata/quickstatements.js';
import type { BaseIri } from '../core/iri.js';
export { DUMPS };

/** Where `build` keeps the figures it drew (src/figures/cache.ts) unless told otherwise: the package's
 * node_modules/.cache, where build tools keep theirs by convention (never committed, cleared by a fresh install). */
export const FIGURE_CACHE_DIR = join(PACKAGE_ROOT, 'node_modules', '.cache', 'stalin-letters-lod', 'figures');
/** Where `build` and `validate` keep the last SHACL results of each corpus (validate/incremental.ts). */
export const SHACL_CACHE_DIR = join(PACKAGE_ROOT, 'node_modules', '.cache', 'stalin-letters-lod', 'shacl');

/** The SHACL shapes shipped with the package (found from the code, not the working directory). */
export const SHAPES_FILE = packagePath('ontology/shapes.ttl');

/** Reads and assembles a corpus: the model, or the problems that stop it (`shownAs`: the corpus folder as printed). */
export function loadDataset(corpusDir: string, shownAs?: string): { dataset?: Dataset; problems: CorpusProblem[] } {
  return assemble(readCorpus(corpusDir, shownAs));
}

/** The SHACL stage: the graph checked against `shapesFile`; every violation comes back as a problem at the corpus
 * file and line of the offending node. The engine is loaded on first use (`query` and `--help` never pay for it).
 * With `cacheDir`, only the focus nodes whose results can have changed since the last run on the same corpus are
 * checked again (validate/incremental.ts); the results are the same. */
export function shaclStep(
  shapesFile: string,
  cacheDir?: string,
): (quads: readonly Quad[], graph: GraphBuilder, dataset: Dataset) => Promise<CorpusProblem[]> {
  return async (quads, graph, dataset) => {
    if (!existsSync(shapesFile)) {
      return [
        {
          code: 'missing-shapes',
          file: shapesFile,
          message: `the SHACL shapes ${shapesFile} are missing`,
          hint: 'restore ontology/shapes.ttl from git (or reinstall the package)',
        },
      ];
    }
    const corpusRoot = dataset.editions[0] ? dirname(dataset.editions[0].src.file) : 'corpus';
    let violations: Violation[];
    const { stateFile, stateKey, validateIncrementally } = await import('../validate/incremental.js');
    const key = cacheDir ? stateKey(readFileSync(shapesFile, 'utf8')) : undefined;
    if (cacheDir && key) {
      const run = await validateIncrementally(quads, () => compiledShapes(shapesFile), {
        file: stateFile(cacheDir, resolve(corpusRoot)),
        key,
      });
      violations = run.violations;
    } else violations = await (await compiledShapes(shapesFile)).validate(quads);
    if (!violations.length) return [];
    const { SourceFinder, toProblems } = await import('../validate/index.js');
    return toProblems(violations, new SourceFinder(graph.sources, quads), corpusRoot);
  };
}

// Reading and compiling the shapes takes 70–80 ms (measured at load average 3–5); a process that builds again
// (`build --watch`) keeps them while the file's text is the same, so an edited shapes file is compiled anew.
const shapesCache = new Map<string, { text: string; validator: ShaclValidator }>();
async function compiledShapes(shapesFile: string): Promise<ShaclValidator> {
  const text = readFileSync(shapesFile, 'utf8');
  const cached = shapesCache.get(shapesFile);
  if (cached?.text === text) return cached.validator;
  const { ShaclValidator } = await import('../validate/index.js');
  const validator = ShaclValidator.fromFile(shapesFile);
  shapesCache.set(shapesFile, { text, validator });
  return validator;
}

/** Folders inside the build folder that other commands write (`wikidata quickstatements`): a build keeps them. */
const KEPT_FOLDERS = ['wikidata'];

export interface BuildOptions {
  corpusDir: string;
  outDir: string;
  base: BaseIri;
  /** Called at the start and end of each stage (progress reporting); at the end, `detail` gives the triples/s once the graph exists. */
  onStage?: (stage: string, ms?: number, detail?: string) => void;
  /** SHACL shapes to check the graph against before anything is written (the CLI passes SHAPES_FILE; tests that
   * only need the dumps leave it out). */
  shapes?: string;
  /** Where SHACL keeps the last run's results per corpus (validate/incremental.ts), to check again only what
   * changed; none by default (every run checks everything). */
  shaclCacheDir?: string;
  write?: boolean;
  /** `full` (default: build/, with the texts) or `open` (without them; what a release publishes). */
  profile?: Profile;
  /** Draw the figures from the N-Triples just written, into `figures/` of the same folder before it is swapped in
   * (only when writing). `oneShot`: the process runs one build and exits (a faster engine start). `cacheDir`:
   * figures drawn before are taken from there and new ones kept there (src/figures/cache.ts); none by default. */
  figures?: boolean | { oneShot?: boolean; cacheDir?: string };
  /** Date of the CMIF file's publication statement (default: package.json's config.issued, the date of the version). */
  issued?: string;
  /** Return the whole sorted graph (before the profile) in `graph`: a release's quality report runs SHACL over it. */
  keepGraph?: boolean;
  /** `false`: stop after the checks (SHACL included), serialising and publishing nothing; what `validate` needs
   * (the dumps, VoID, CMIF, TEI and reports are ≈0.3 s of a cold run and cannot add a problem). */
  outputs?: false;
  /** Stops the build at the next stage (`build --watch` on Ctrl-C): it throws the signal's reason, and a folder
   * being written is removed, so the output keeps the previous build. */
  signal?: AbortSignal;
}

export interface BuildResult {
  problems: CorpusProblem[];
  dataset?: Dataset;
  /** Output files by path; when the build writes to disk, the dumps are streamed there and only the small files are kept here. */
  files?: Map<string, string>;
  triples?: number;
  /** Resources described in the URI space of what was published, in all and per class (VoID's counts). */
  counts?: ReturnType<typeof graphCounts>;
  timings: Record<string, number>;
  /** The whole graph the SHACL stage checks, sorted, before the profile leaves anything out (with `keepGraph`). */
  graph?: readonly Quad[];
  /** The figures made (names), how many of them were drawn (not found in the cache), whether their queries ran
   * (not when the cache had the whole set for the same input) and how long it took. */
  figures?: { names: string[]; drawn: number; queried: boolean; ms: number };
}

/** The package version (the dataset's version in build/). */
export const version = (): string => packageJson().version;
/** The date of that version (package.json config.issued): never the clock, so that a rebuild gives the same bytes. */
export const versionDate = (): string => packageJson().config?.issued ?? '1970-01-01';

export async function runBuild(o: BuildOptions): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  let triples: number | undefined;
  const stage = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
    // a stage may run long without reading events: let a stop that came meanwhile (Ctrl-C) in before the next
    if (o.signal) await new Promise((r) => setImmediate(r));
    o.signal?.throwIfAborted();
    o.onStage?.(name);
    const t0 = performance.now();
    const r = await f();
    timings[name] = performance.now() - t0;
    o.onStage?.(
      name,
      timings[name],
      triples === undefined
        ? undefined
        : `${triples} triples, ${Math.round(triples / Math.max(timings[name]!, 1))} k/s`,
    );
    return r;
  };
  if (o.write !== false) checkOutputFolder(o.outDir); // before the work, not after it
  const corpus = await stage('read', () => readCorpus(o.corpusDir));
  const { dataset, problems } = await stage('model', () => assemble(corpus));
  if (!dataset) return { problems, timings };
  const graph = await stage('map', () => {
    const g = toGraph(dataset, o.base);
    triples = g.quads.length;
    return g;
  });
  const sorted = await stage('sort', () => sortQuads(graph.quads));
  triples = sorted.length;
  if (o.shapes !== undefined) {
    const violations = await stage('validate', () => shaclStep(o.shapes!, o.shaclCacheDir)(sorted, graph, dataset));
    if (violations.length) return { problems: violations, dataset, timings };
  }
  // the full graph is validated; a profile only leaves statements out
  const profile = o.profile ?? 'full';
  const published = applyProfile(sorted, profile);
  if (o.outputs === false) return { problems: [], dataset, triples: published.length, timings };
  const counts = graphCounts(published, o.base);
  // Writing a build streams every dump into a temporary file (renamed into place at the end, all or nothing);
  // without writing (validate, tests) the dumps are kept in `files` as strings.
  const files = new Map<string, string>();
  // a kept wikidata/ export is dropped when the corpus no longer gives it (accepted matches withdrawn, …)
  const keep = KEPT_FOLDERS.filter(
    (k) => k !== 'wikidata' || wikidataExportCurrent(join(o.outDir, k), dataset, o.base),
  );
  const out = o.write !== false ? new OutputFolder(o.outDir, { keep }) : undefined;
  const emit = (rel: string, write: (sink: Sink) => void): void => {
    if (out) out.stream(rel, write);
    else files.set(rel, collect(write));
  };
  let figures: BuildResult['figures'];
  try {
    await stage('write-ntriples', () => emit(DUMPS.ntriples, (sink) => writeNTriples(published, sink)));
    await stage('write-turtle', () => emit(DUMPS.turtle, (sink) => writeTurtle(published, o.base, sink)));
    await stage('write-jsonld', () => {
      const context = buildContext(published, o.base);
      emit(DUMPS.context, (sink) => sink(`${JSON.stringify(context, null, 1)}\n`));
      emit(DUMPS.jsonld, (sink) => writeJsonLd(published, context, o.base, sink));
    });
    // the Wikidata-shaped view of the offices held: a dump of its own, beside the main one
    const view = await stage('write-wikidata', () => {
      const quads = sortQuads(toWikidataView(wikidataStatements(dataset).statements, o.base));
      emit(DUMPS.wikidata, (sink) => writeNTriples(quads, sink));
      return quads.length;
    });
    // the small files: VoID, CMIF, reports, every letter's TEI (a stage of its own: at 1 M triples it took seconds)
    const small = await stage(
      'write-small',
      () =>
        new Map<string, string>([
          [
            DUMPS.void,
            toVoid(dataset, {
              base: o.base,
              triples: published.length,
              version: version(),
              profile,
              files: [
                { file: DUMPS.turtle, mediaType: 'text/turtle' },
                { file: DUMPS.jsonld, mediaType: 'application/ld+json' },
                { file: DUMPS.ntriples, mediaType: 'application/n-triples' },
                {
                  file: CMIF_FILE,
                  mediaType: 'application/tei+xml',
                  title: 'CMIF letter metadata for correspSearch',
                  dump: false,
                  profile: 'open',
                },
              ],
              counts,
              wikidata: { coverage: linkCoverage(dataset), wikidataView: { file: DUMPS.wikidata, triples: view } },
            }),
          ],
          [CMIF_FILE, toCmif(dataset, { base: o.base, date: o.issued ?? versionDate(), url: `${o.base}${CMIF_FILE}` })],
          ['reports/footnote-markers.csv', markersReport(dataset)],
          ['reports/unresolved-names.csv', unresolvedNamesReport(dataset)],
          ['reports/unlinked.csv', unlinkedReport(dataset)],
          ['reports/cyrillic-roundtrip.csv', cyrillicRoundTripReport(dataset)],
          // every letter as TEI P5 (the open profile's without the texts)
          ...teiFiles(dataset, { base: o.base, profile, date: o.issued ?? versionDate(), version: version() }),
        ]),
    );
    for (const [rel, content] of small) files.set(rel, content);
    if (out && o.figures) {
      const oneShot = typeof o.figures === 'object' && o.figures.oneShot === true;
      const cacheDir = typeof o.figures === 'object' ? o.figures.cacheDir : undefined;
      figures = await stage('figures', async () => {
        const t0 = performance.now();
        // loaded only here: Vega, Vega-Lite, graphology and Oxigraph cost nothing to a build without figures
        const { makeFigures } = await import('../figures/index.js');
        const r = await makeFigures(readFileSync(join(out.staging, DUMPS.ntriples), 'utf8'), {
          base: o.base,
          ...(oneShot ? { oneShot: true } : {}),
          ...(cacheDir ? { cacheDir } : {}),
        });
        for (const [rel, text] of r.files) {
          small.set(`figures/${rel}`, text);
          files.set(`figures/${rel}`, text);
        }
        return { names: r.names, drawn: r.drawn, queried: r.queried, ms: performance.now() - t0 };
      });
    }
    if (out) {
      await stage('write-files', () => {
        for (const [rel, content] of small) out.text(rel, content);
        out.commit();
      });
    }
  } catch (e) {
    out?.abort();
    throw e;
  }
  return {
    problems: [],
    dataset,
    files,
    triples: published.length,
    counts,
    timings,
    ...(figures ? { figures } : {}),
    ...(o.keepGraph ? { graph: sorted } : {}),
  };
}

/**
 * Whether the `wikidata quickstatements` export in `dir` is what the corpus gives now: its two files are written
 * again with the same retrieval day (read from its S813 values), with and without --always-new, and must match
 * one of them byte for byte. A missing folder is "current" (nothing to drop); anything else is stale.
 */
export function wikidataExportCurrent(dir: string, dataset: Dataset, base: BaseIri): boolean {
  if (!existsSync(dir)) return true;
  let commands: string;
  let report: string;
  try {
    commands = readFileSync(join(dir, 'quickstatements.tsv'), 'utf8');
    report = readFileSync(join(dir, 'quickstatements-report.tsv'), 'utf8');
  } catch {
    return false;
  }
  const day = /\tS813\t\+(\d{4}-\d{2}-\d{2})T/.exec(commands)?.[1] ?? '2000-01-01';
  const { statements, skipped } = wikidataStatements(dataset);
  return [false, true].some((alwaysNew) => {
    const r = toQuickStatements(statements, skipped, { base, retrieved: day, ...(alwaysNew ? { alwaysNew } : {}) });
    return r.commands === commands && r.report === report;
  });
}
