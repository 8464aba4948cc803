import type { Quad } from '@rdfjs/types';
import { ntQuad } from './terms.js';

/** N-Triples, one line per triple, lines sorted (code-unit order), no duplicates. */
export function toNTriples(sorted: readonly Quad[]): string {
  const lines = sorted.map(ntQuad);
  lines.sort();
  return lines.filter((l, i) => i === 0 || l !== lines[i - 1]).join('');
}
