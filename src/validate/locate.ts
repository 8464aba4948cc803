// Points each SHACL violation back at what a curator has to fix: the corpus file, line and entry of the offending
// node. Nodes the mapping derives without a record of their own (offices held, archival units, mention targets)
// are traced through their links to the nearest node that has one.

import type { Quad } from '@rdfjs/types';
import type { CorpusProblem } from '../corpus/errors.js';
import type { Src } from '../model/types.js';
import { shapeName, type Violation } from './shacl.js';

/** A SHACL violation as a corpus problem; the extra fields let tools (`validate --format json`) group by shape. */
export interface ShaclProblem extends CorpusProblem {
  code: 'shacl';
  shape: string;
  component: string;
  focusNode: string;
  path?: string;
  value?: string;
}

/** Finds the source of a node: its own, its IRI's parent path's, or that of a node it links to or is linked from. */
export class SourceFinder {
  private readonly out = new Map<string, string[]>();
  private readonly in = new Map<string, string[]>();
  constructor(
    private readonly sources: ReadonlyMap<string, Src>,
    quads: Iterable<Quad>,
  ) {
    for (const q of quads) {
      if (q.object.termType !== 'NamedNode' || q.predicate.value.endsWith('#type')) continue;
      (this.out.get(q.subject.value) ?? this.out.set(q.subject.value, []).get(q.subject.value)!).push(q.object.value);
      (this.in.get(q.object.value) ?? this.in.set(q.object.value, []).get(q.object.value)!).push(q.subject.value);
    }
  }

  find(iri: string): Src | undefined {
    const own = this.sources.get(iri) ?? this.parentPath(iri);
    if (own) return own;
    // breadth-first over links, outgoing before incoming, so an office finds its change before its holder
    const seen = new Set([iri]);
    let frontier = [iri];
    for (let depth = 0; depth < 3 && frontier.length; depth++) {
      const next: string[] = [];
      for (const n of frontier) {
        for (const m of [...(this.out.get(n) ?? []), ...(this.in.get(n) ?? [])]) {
          if (seen.has(m)) continue;
          seen.add(m);
          const src = this.sources.get(m);
          if (src) return src;
          next.push(m);
        }
      }
      frontier = next;
    }
    return undefined;
  }

  private parentPath(iri: string): Src | undefined {
    for (let i = iri.lastIndexOf('/'); i > 0; i = iri.lastIndexOf('/', i - 1)) {
      const src = this.sources.get(iri.slice(0, i));
      if (src) return src;
    }
    return undefined;
  }
}

/** Violations as problems, each at the file and line of its node (`fallbackFile` when no source is found). */
export function toProblems(
  violations: readonly Violation[],
  finder: SourceFinder,
  fallbackFile: string,
): ShaclProblem[] {
  return violations.map((v) => {
    const src = finder.find(v.focusNode);
    const value = v.value !== undefined ? ` Found: ${v.value}.` : '';
    return {
      code: 'shacl',
      file: src?.file ?? fallbackFile,
      ...(src ? { line: src.line } : {}),
      entry: src?.entry ?? v.focusNode,
      message: `${v.message}${value} [${shapeName(v.shape)} on <${v.focusNode}>]`,
      shape: v.shape,
      component: v.component,
      focusNode: v.focusNode,
      ...(v.path ? { path: v.path } : {}),
      ...(v.value !== undefined ? { value: v.value } : {}),
    };
  });
}
