// The build: read → assemble → map → (validate) → serialise → write, stage by stage, with timings.

import { readFileSync } from 'node:fs';
import { readCorpus } from '../corpus/read.js';
import type { CorpusProblem } from '../corpus/errors.js';
import { assemble } from '../model/assemble.js';
import type { Dataset } from '../model/types.js';
import { toGraph } from '../rdf/map.js';
import type { GraphBuilder } from '../rdf/graph.js';
import { sortQuads } from './terms.js';
import { toNTriples } from './ntriples.js';
import { toTurtle } from './turtle.js';
import { buildContext, toJsonLd } from './jsonld.js';
import { markersReport, unlinkedReport, unresolvedNamesReport } from './reports.js';
import { toVoid } from './metadata.js';
import { writeAtomically } from './write.js';
import type { Quad } from '@rdfjs/types';

export const DUMPS = {
  turtle: 'stalin-letters.ttl',
  jsonld: 'stalin-letters.jsonld',
  ntriples: 'stalin-letters.nt',
  context: 'context.jsonld',
  void: 'void.ttl',
} as const;

export interface BuildOptions {
  corpusDir: string;
  outDir: string;
  base: string;
  /** Called at the start and end of each stage (progress reporting). */
  onStage?: (stage: string, ms?: number, detail?: string) => void;
  /** Validation hook (SHACL): returns problems that stop the build before anything is written. */
  validate?: (quads: readonly Quad[], graph: GraphBuilder, dataset: Dataset) => Promise<CorpusProblem[]>;
  write?: boolean;
}

export interface BuildResult {
  problems: CorpusProblem[];
  dataset?: Dataset;
  files?: Map<string, string>;
  triples?: number;
  timings: Record<string, number>;
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export async function runBuild(o: BuildOptions): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  const stage = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
    o.onStage?.(name);
    const t0 = performance.now();
    const r = await f();
    timings[name] = performance.now() - t0;
    o.onStage?.(name, timings[name]);
    return r;
  };
  const corpus = await stage('read', () => readCorpus(o.corpusDir));
  const { dataset, problems } = await stage('model', () => assemble(corpus));
  if (!dataset) return { problems, timings };
  const graph = await stage('map', () => toGraph(dataset, o.base));
  const sorted = await stage('sort', () => sortQuads(graph.quads));
  if (o.validate) {
    const violations = await stage('validate', () => o.validate!(sorted, graph, dataset));
    if (violations.length) return { problems: violations, dataset, timings };
  }
  const files = new Map<string, string>();
  await stage('write-ntriples', () => files.set(DUMPS.ntriples, toNTriples(sorted)));
  await stage('write-turtle', () => files.set(DUMPS.turtle, toTurtle(sorted, o.base)));
  await stage('write-jsonld', () => {
    const context = buildContext(sorted, o.base);
    files.set(DUMPS.context, JSON.stringify(context, null, 1) + '\n');
    files.set(DUMPS.jsonld, toJsonLd(sorted, context, o.base));
  });
  files.set(DUMPS.void, toVoid(dataset, o.base, sorted.length, [
    { file: DUMPS.turtle, mediaType: 'text/turtle' },
    { file: DUMPS.jsonld, mediaType: 'application/ld+json' },
    { file: DUMPS.ntriples, mediaType: 'application/n-triples' },
  ], version()));
  files.set('reports/footnote-markers.csv', markersReport(dataset));
  files.set('reports/unresolved-names.csv', unresolvedNamesReport(dataset));
  files.set('reports/unlinked.csv', unlinkedReport(dataset));
  if (o.write !== false) await stage('write-files', () => writeAtomically(o.outDir, files));
  return { problems: [], dataset, files, triples: sorted.length, timings };
}
