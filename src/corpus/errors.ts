import type { ProblemCode } from '../core/errors.js';
export type { ProblemCode } from '../core/errors.js';

// Typed corpus errors: every problem names where it is (file, line) and what to do (hint), so the CLI can group
// them by file and print them all at once instead of stopping at the first.

export interface SourceLocation {
  /** Path relative to the repository root, e.g. `corpus/sources/molotov-1930.txt`. */
  file: string;
  /** 1-based first line. */
  line: number;
  /** 1-based last line (inclusive). */
  endLine: number;
  /** 0-based character offset of the first character in the file. */
  offset: number;
  /** 0-based character offset just past the last character. */
  endOffset: number;
}

export interface CorpusProblem {
  code: ProblemCode;
  message: string;
  file: string;
  line?: number;
  entry?: string;
  hint?: string;
  /** What a reference check looked for: a record kind (`letter`, `person`, …) or `file:<path in the corpus>`. */
  refersTo?: string;
  /** The file whose failure this problem follows from (set by markConsequences): printed as a count, not listed. */
  follows?: string;
}

/** Codes of problems that make a whole file unreadable: whatever it would have defined is missing after them. */
export const FILE_FAILURES = new Set([
  'not-utf8',
  'yaml-syntax',
  'yaml-aliases',
  'empty-file',
  'empty-source',
  'no-letters',
  'missing-file',
  'oversized',
  'missing-heading',
  'duplicate-heading',
  'heading-out-of-order',
]);

/**
 * Marks the problems that follow from an unreadable file: a reference to a kind of record that file defines
 * (`kindOf` maps a corpus path to that kind: sources define letters), or to the file itself. The cause is then
 * printed first and the consequences are counted, so a curator sees the one thing to fix.
 */
export function markConsequences(
  problems: CorpusProblem[],
  root: string,
  kindOf: (rel: string) => string | undefined,
): void {
  const failedKinds = new Map<string, string>();
  const failedFiles = new Set<string>();
  for (const p of problems) {
    if (!FILE_FAILURES.has(p.code) || !p.file.startsWith(`${root}/`)) continue;
    const rel = p.file.slice(root.length + 1);
    failedFiles.add(rel);
    const kind = kindOf(rel);
    if (kind && !failedKinds.has(kind)) failedKinds.set(kind, p.file);
  }
  if (!failedFiles.size) return;
  for (const p of problems) {
    if (FILE_FAILURES.has(p.code) || !p.refersTo) continue;
    const file = p.refersTo.startsWith('file:') ? p.refersTo.slice(5) : undefined;
    if (file !== undefined && failedFiles.has(file)) p.follows = `${root}/${file}`;
    else if (failedKinds.has(p.refersTo)) p.follows = failedKinds.get(p.refersTo)!;
  }
}

/** Thrown by a parser for input it cannot read; always carries file and line. */
export class CorpusError extends Error implements CorpusProblem {
  readonly code: ProblemCode;
  readonly file: string;
  readonly line?: number;
  readonly entry?: string;
  readonly hint?: string;
  constructor(problem: CorpusProblem) {
    super(problem.message);
    this.name = 'CorpusError';
    this.code = problem.code;
    this.file = problem.file;
    if (problem.line !== undefined) this.line = problem.line;
    if (problem.entry !== undefined) this.entry = problem.entry;
    if (problem.hint !== undefined) this.hint = problem.hint;
  }
}

/** Many problems at once: what `build` and `validate` report before exiting 1. */
export class CorpusErrors extends Error {
  readonly problems: CorpusProblem[];
  constructor(problems: CorpusProblem[]) {
    super(`${problems.length} problem(s) in the corpus`);
    this.name = 'CorpusErrors';
    this.problems = problems;
  }
}

export const toProblem = (e: CorpusError): CorpusProblem => ({
  code: e.code,
  message: e.message,
  file: e.file,
  ...(e.line !== undefined ? { line: e.line } : {}),
  ...(e.entry !== undefined ? { entry: e.entry } : {}),
  ...(e.hint !== undefined ? { hint: e.hint } : {}),
});

/**
 * Formats problems grouped by file, sorted by line, for people. Problems that follow from an unreadable file come
 * after the causes as one count per cause (all of them with `all`).
 */
export function formatProblems(problems: readonly CorpusProblem[], o: { all?: boolean } = {}): string {
  const listed = o.all ? problems : problems.filter((p) => !p.follows);
  const byFile = new Map<string, CorpusProblem[]>();
  for (const p of listed) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  const out: string[] = [];
  // files that hold the cause of other problems first
  const causes = new Set(listed.filter((p) => FILE_FAILURES.has(p.code)).map((p) => p.file));
  const order = (f: string): string => `${causes.has(f) ? 0 : 1}${f}`;
  for (const file of [...byFile.keys()].sort((a, b) => order(a).localeCompare(order(b)))) {
    const list = byFile.get(file)!.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.code.localeCompare(b.code));
    out.push(`${file}: ${list.length} problem(s)`);
    for (const p of list) {
      const where = p.line !== undefined ? `${file}:${p.line}` : file;
      out.push(`  ${where}${p.entry ? ` [${p.entry}]` : ''} ${p.code}: ${p.message}`);
      if (p.hint) out.push(`    hint: ${p.hint}`);
    }
  }
  if (!o.all) {
    const byCause = new Map<string, CorpusProblem[]>();
    for (const p of problems) if (p.follows) byCause.set(p.follows, [...(byCause.get(p.follows) ?? []), p]);
    for (const [cause, list] of [...byCause].sort(([a], [b]) => a.localeCompare(b))) {
      const files = [...new Set(list.map((p) => p.file))].sort();
      out.push(
        `${list.length} further problem(s) follow from ${cause} (references to what it would define, in ${files.join(', ')}); fix it first, or run with --all to list them`,
      );
    }
  }
  return out.join('\n');
}

/** Maps character offsets of one text to 1-based line numbers. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  locate(file: string, offset: number, endOffset: number): SourceLocation {
    return {
      file,
      line: this.lineOf(offset),
      endLine: this.lineOf(Math.max(offset, endOffset - 1)),
      offset,
      endOffset,
    };
  }
}
