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
  code: string;
  message: string;
  file: string;
  line?: number;
  entry?: string;
  hint?: string;
}

/** Thrown by a parser for input it cannot read; always carries file and line. */
export class CorpusError extends Error implements CorpusProblem {
  readonly code: string;
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

/** Formats problems grouped by file, sorted by line, for people. */
export function formatProblems(problems: readonly CorpusProblem[]): string {
  const byFile = new Map<string, CorpusProblem[]>();
  for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  const out: string[] = [];
  for (const file of [...byFile.keys()].sort()) {
    const list = byFile.get(file)!.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.code.localeCompare(b.code));
    out.push(`${file}: ${list.length} problem(s)`);
    for (const p of list) {
      const where = p.line !== undefined ? `${file}:${p.line}` : file;
      out.push(`  ${where}${p.entry ? ` [${p.entry}]` : ''} ${p.code}: ${p.message}`);
      if (p.hint) out.push(`    hint: ${p.hint}`);
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
    return { file, line: this.lineOf(offset), endLine: this.lineOf(Math.max(offset, endOffset - 1)), offset, endOffset };
  }
}
