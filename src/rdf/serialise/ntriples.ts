import type { Quad } from '@rdfjs/types';
import { ntQuad, ntTerm } from './terms.js';
import { collect, type Sink } from '../../core/fs/sink.js';

/** N-Triples, one line per triple, lines sorted (code-unit order), no duplicates. */
export function toNTriples(sorted: readonly Quad[]): string {
  return collect((sink) => writeNTriples(sorted, sink));
}

/**
 * Streams the N-Triples dump. The quads come grouped by subject (sortQuads), and a subject's lines sort together
 * (a subject term never prefixes another followed by a space), so sorting the subjects' terms and then each
 * subject's few lines gives the fully sorted file without holding every line in memory at once.
 */
export function writeNTriples(sorted: readonly Quad[], sink: Sink): void {
  const groups: { key: string; start: number; end: number }[] = [];
  for (let i = 0; i < sorted.length; ) {
    const subject = sorted[i]!.subject;
    let end = i + 1;
    while (end < sorted.length && sorted[end]!.subject.value === subject.value) end++;
    groups.push({ key: `${ntTerm(subject)} `, start: i, end });
    i = end;
  }
  groups.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const g of groups) {
    const lines: string[] = [];
    for (let i = g.start; i < g.end; i++) lines.push(ntQuad(sorted[i]!));
    lines.sort();
    let prev: string | undefined;
    for (const line of lines) {
      if (line !== prev) sink(line);
      prev = line;
    }
  }
}
