// One in-memory build of a corpus per test process (the build takes about a second).

import { runBuild, type BuildResult } from '../src/pipeline/build.js';
import { DEFAULT_BASE_IRI } from '../src/rdf/graph.js';
import { CORPUS } from './helpers.js';

const cache = new Map<string, Promise<BuildResult>>();

export function buildOf(corpusDir = CORPUS, base = DEFAULT_BASE_IRI): Promise<BuildResult> {
  const key = `${corpusDir}\u0000${base}`;
  let p = cache.get(key);
  if (!p) cache.set(key, (p = runBuild({ corpusDir, outDir: '/nonexistent', base, write: false })));
  return p;
}

export async function filesOf(corpusDir = CORPUS, base = DEFAULT_BASE_IRI): Promise<Map<string, string>> {
  const r = await buildOf(corpusDir, base);
  if (r.problems.length)
    throw new Error(`build failed: ${r.problems.map((p) => `${p.file}:${p.line} ${p.code} ${p.message}`).join('\n')}`);
  return r.files!;
}
