// Short quotation only: the books are in copyright, so what we publish may repeat their words only briefly.
// Evidence quotes have their own limit (MAX_QUOTE_WORDS in events.ts); no other curated text (titles, summaries,
// decision items, comments, labels…) may repeat more than MAX_VERBATIM_RUN consecutive words of a source text.
// The same limit is what the open profile promises (test/publish/open-profile.test.ts scans every literal of it).

import type { CorpusProblem } from '../corpus/errors.js';
import type { Located } from '../corpus/yaml.js';

export const MAX_VERBATIM_RUN = 25;

/** Words as the limit counts them: runs of letters and digits, lower-cased (punctuation and spacing ignored). */
export const wordsOf = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Every run of `n` consecutive words of the texts, for finding longer verbatim runs in other texts. */
export class VerbatimIndex {
  private readonly grams = new Set<string>();
  constructor(
    texts: Iterable<string>,
    readonly n = MAX_VERBATIM_RUN + 1,
  ) {
    for (const t of texts) {
      const w = wordsOf(t);
      for (let i = 0; i + n <= w.length; i++) this.grams.add(w.slice(i, i + n).join(' '));
    }
  }

  /** The first run of more than n − 1 words of `text` that a source repeats (at least n words), or undefined. */
  longRun(text: string): string | undefined {
    const w = wordsOf(text);
    for (let i = 0; i + this.n <= w.length; i++) {
      if (!this.grams.has(w.slice(i, i + this.n).join(' '))) continue;
      let end = i + this.n;
      while (end < w.length && this.grams.has(w.slice(end - this.n + 1, end + 1).join(' '))) end++;
      return w.slice(i, end).join(' ');
    }
    return undefined;
  }
}

function strings(v: unknown, out: string[]): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

/** Reports every curated field (at its line) that repeats more than MAX_VERBATIM_RUN words of a source text. */
export function checkVerbatimRuns(
  files: readonly [string, readonly Located<object>[]][],
  index: VerbatimIndex,
  problems: CorpusProblem[],
): void {
  for (const [file, records] of files) {
    for (const r of records) {
      for (const [field, value] of Object.entries(r.value)) {
        for (const s of strings(value, [])) {
          const run = index.longRun(s);
          if (!run) continue;
          const n = run.split(' ').length;
          const id = (r.value as { id?: unknown }).id;
          problems.push({
            code: 'verbatim-run-too-long',
            file,
            line: r.fieldLines[field] ?? r.line,
            ...(typeof id === 'string' ? { entry: id } : {}),
            message: `${field} repeats ${n} consecutive words of the source text ("${run.split(' ').slice(0, 8).join(' ')} …"); at most ${MAX_VERBATIM_RUN}`,
            hint: 'the books are in copyright: summarise in your own words, or keep the verbatim part to a short evidence quote',
          });
        }
      }
    }
  }
}
