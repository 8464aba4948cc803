// The folders of src/ show the data flow, and imports point down it only:
// core → corpus → model → rdf → validate → publish → query → figures → site → serve → store → wikidata → pipeline →
// release → cli. The type declarations (src/types/) are below every stage; docs/architecture.md maps the folders. A folder missing from the order fails the test, so a new
// stage has to be placed on purpose.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from '../helpers.js';

/** The data flow, lowest first. validate comes before publish (a release may check what it writes), query before
 * figures (drawn from saved queries) and serve (the endpoint runs the query engine). */
export const FLOW = [
  'core',
  'corpus',
  'model',
  'rdf',
  'validate',
  'publish',
  'query',
  'figures',
  'site',
  'serve',
  'store',
  'wikidata',
  'pipeline',
  'release',
  'cli',
] as const;
const BELOW_ALL = new Set(['', 'types']);

export interface ImportEdge {
  from: string;
  to: string;
  line: number;
}

/** Relative imports (static, re-exports and dynamic) of one source file, as paths relative to src/. */
export function importsOf(file: string, text: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const m of text.matchAll(re)) {
    const line = text.slice(0, m.index).split('\n').length;
    const target = relative('src', join(dirname(file), m[1]!)).replace(/\.js$/, '.ts');
    edges.push({ from: file.replace(/^src\//, ''), to: target, line });
  }
  return edges;
}

const stageOf = (path: string): string => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '');

/** The imports that run against the flow, or leave src/, or come from a folder the flow does not name. */
export function violations(edges: readonly ImportEdge[]): string[] {
  const out: string[] = [];
  const rank = (stage: string): number => (BELOW_ALL.has(stage) ? -1 : (FLOW as readonly string[]).indexOf(stage));
  for (const e of edges) {
    const [from, to] = [stageOf(e.from), stageOf(e.to)];
    const where = `src/${e.from}:${e.line}`;
    if (e.to.startsWith('..')) out.push(`${where} imports ${e.to}, outside src/`);
    else if (rank(from) === -1 && !BELOW_ALL.has(from))
      out.push(
        `${where}: folder src/${from}/ is not in the flow ${FLOW.join(' → ')}; add it to FLOW in test/layers.test.ts`,
      );
    else if (rank(to) === -1 && !BELOW_ALL.has(to))
      out.push(`${where} imports src/${e.to}: folder src/${to}/ is not in the flow`);
    else if (from !== to && rank(to) >= rank(from))
      out.push(
        `${where} imports src/${e.to}: ${from || 'src/'} must not import from ${to}, which comes after it in ${FLOW.join(' → ')}`,
      );
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    return d.isDirectory() ? sourceFiles(p) : d.name.endsWith('.ts') ? [p] : [];
  });
}

test('every import in src/ points down the data flow', () => {
  const files = sourceFiles(resolve(ROOT, 'src')).map((f) => relative(ROOT, f));
  const edges = files.flatMap((f) => importsOf(f, readFileSync(join(ROOT, f), 'utf8')));
  assert.ok(edges.length > 100, `only ${edges.length} imports found: the scanner is broken`);
  assert.deepEqual(violations(edges), []);
});

test('the import check catches imports against the flow, out of src/ and from unknown folders', () => {
  const text = [
    "import { SL } from '../rdf/vocab.js';",
    "export { UsageError } from '../core/errors.js';",
    "const q = await import('../query/run.js');",
    "import '../../test/helpers.js';",
    "import type { X } from './types.js';",
  ].join('\n');
  const v = violations(importsOf('src/model/offices.ts', text));
  assert.equal(v.length, 3, v.join('\n'));
  assert.match(v[0]!, /^src\/model\/offices\.ts:1 imports src\/rdf\/vocab\.ts: model must not import from rdf/);
  assert.match(v[1]!, /^src\/model\/offices\.ts:3 imports src\/query\/run\.ts/);
  assert.match(v[2]!, /^src\/model\/offices\.ts:4 imports \.\.\/test\/helpers\.ts, outside src/);
  assert.match(
    violations(importsOf('src/pictures/x.ts', "import { a } from '../model/a.js';"))[0]!,
    /src\/pictures\/ is not in the flow/,
  );
  assert.deepEqual(violations(importsOf('src/cli/main.ts', "import { runBuild } from '../pipeline/build.js';")), []);
});
