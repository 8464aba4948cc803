// The SHACL step of `build` and `validate`: the graph is checked against ontology/shapes.ttl before anything is
// written, and every violation comes back as a problem at the corpus file and line of the offending node.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BuildOptions } from '../publish/build.js';
import { ShaclValidator, SourceFinder, toProblems } from '../validate/index.js';

export const SHAPES_FILE = 'shapes.ttl';

export function shaclHook(ontologyDir: string): BuildOptions['validate'] {
  const file = join(ontologyDir, SHAPES_FILE);
  let validator: ShaclValidator | undefined;
  return async (quads, graph, dataset) => {
    if (!existsSync(file)) {
      return [{ code: 'missing-shapes', file, message: `the SHACL shapes ${file} are missing`, hint: 'restore ontology/shapes.ttl from git, or run from the repository root' }];
    }
    validator ??= ShaclValidator.fromFile(file);
    const violations = await validator.validate(quads);
    const corpusRoot = dataset.editions[0] ? dirname(dataset.editions[0].src.file) : 'corpus';
    return toProblems(violations, new SourceFinder(graph.sources, quads), corpusRoot);
  };
}
