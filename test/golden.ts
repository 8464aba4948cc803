// Golden excerpts of the dumps: the Turtle block of chosen subjects and canonical N-Quads of chosen sub-graphs.
// Written only by `npm run golden:update` (scripts/golden/update.ts); the tests compare.

import N3 from 'n3';
import canonize from 'rdf-canonize';
import { DEFAULT_BASE_IRI } from '../src/rdf/graph.js';

export const GOLDEN_TURTLE_SUBJECTS = [
  'letter/molotov-60/note/7',
  'change/rozengolts-appointed-deputy-commissar-trade-1930-09-10',
  'letter/molotov-57/note/3/citation/1',
];

/** Subjects (path prefixes) whose whole sub-graph is fixed as canonical N-Quads. */
export const GOLDEN_NQUADS_PREFIXES = ['letter/molotov-55', 'edition/'];

/** The Turtle statements (one subject block each) about `subject`, cut from the Turtle dump. */
export function turtleBlock(turtle: string, subject: string): string {
  const start = turtle.indexOf(`<${DEFAULT_BASE_IRI}${subject}> `);
  if (start < 0) return '';
  const end = turtle.indexOf('.\n<', start);
  return turtle.slice(start, end < 0 ? undefined : end + 2);
}

export async function canonicalSubgraph(ntriples: string, prefix: string): Promise<string> {
  const quads = new N3.Parser({ format: 'N-Triples' })
    .parse(ntriples)
    .filter((q) => q.subject.value.startsWith(DEFAULT_BASE_IRI + prefix));
  return canonize.canonize(quads, { algorithm: 'RDFC-1.0' });
}

export const goldenName = (s: string): string => s.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '');

/** The golden excerpts as the current build gives them: file name under test/golden → text. */
export async function goldenTexts(files: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const s of GOLDEN_TURTLE_SUBJECTS)
    out.set(`${goldenName(s)}.ttl`, turtleBlock(files.get('stalin-letters.ttl')!, s));
  for (const p of GOLDEN_NQUADS_PREFIXES)
    out.set(`${goldenName(p)}.nq`, await canonicalSubgraph(files.get('stalin-letters.nt')!, p));
  return out;
}
