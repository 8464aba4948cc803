// Short quotation only: the books are in copyright, so what we publish may repeat their words only briefly.
// Evidence quotes have their own limit (MAX_QUOTE_WORDS in events.ts); no other curated text (titles, summaries,
// decision items, comments, labels…) may repeat more than MAX_VERBATIM_RUN consecutive words of a source text.
// The same limit is what the open profile promises (test/publish/open-profile.test.ts scans every literal of it).

import type { CorpusProblem } from '../corpus/errors.js';
import type { Located } from '../corpus/yaml.js';

export const MAX_VERBATIM_RUN = 25;

/** Words as the limit counts them: runs of letters and digits, lower-cased (punctuation and spacing ignored). */
export const wordsOf = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

// Two polynomial hashes of a window of word ids, modulo primes below 2^26 and 2^25, so that their pair is one
// exact JavaScript number; a hit is then checked word by word.
const P1 = 67_108_859;
const P2 = 33_554_393;
const B1 = 1_000_003 % P1;
const B2 = 999_983 % P2;

/** Every run of `n` consecutive words of the texts, for finding longer verbatim runs in other texts. Words are
 * kept as numbers and runs as rolling hashes: the texts' runs as joined strings were most of this check's time. */
export class VerbatimIndex {
  private readonly ids = new Map<string, number>();
  /** All texts' word ids, each text followed by -1. */
  private readonly words: number[] = [];
  /** Hash of a run → where such runs start in `words`. */
  private readonly runs = new Map<number, number[]>();
  private readonly pow1: number;
  private readonly pow2: number;
  constructor(
    texts: Iterable<string>,
    readonly n = MAX_VERBATIM_RUN + 1,
  ) {
    let [p1, p2] = [1, 1];
    for (let i = 1; i < n; i++) [p1, p2] = [(p1 * B1) % P1, (p2 * B2) % P2];
    [this.pow1, this.pow2] = [p1, p2];
    for (const t of texts) {
      const start = this.words.length;
      for (const w of wordsOf(t)) {
        let id = this.ids.get(w);
        if (id === undefined) this.ids.set(w, (id = this.ids.size));
        this.words.push(id);
      }
      this.windows(this.words, start, this.words.length, (key, at) => {
        const list = this.runs.get(key);
        if (list) list.push(at);
        else this.runs.set(key, [at]);
      });
      this.words.push(-1);
    }
  }

  /** Calls `f` with the hash and start of every window of n ids in ids[from, to) that holds no -1. */
  private windows(ids: readonly number[], from: number, to: number, f: (key: number, at: number) => void): void {
    const n = this.n;
    let [h1, h2] = [0, 0];
    let valid = 0; // ids since the last -1
    for (let i = from; i < to; i++) {
      const id = ids[i]!;
      if (id < 0) {
        [h1, h2, valid] = [0, 0, 0];
        continue;
      }
      if (valid >= n) {
        const out = ids[i - n]! + 1;
        h1 = (h1 - ((out * this.pow1) % P1) + P1) % P1;
        h2 = (h2 - ((out * this.pow2) % P2) + P2) % P2;
      }
      h1 = (h1 * B1 + id + 1) % P1;
      h2 = (h2 * B2 + id + 1) % P2;
      valid++;
      if (valid >= n) f(h1 * P2 + h2, i - n + 1);
    }
  }

  /** Whether the n ids of `ids` from `at` are a run of the texts (a hash hit, checked id by id). */
  private isRun(key: number, ids: readonly number[], at: number): boolean {
    const starts = this.runs.get(key);
    if (!starts) return false;
    return starts.some((s) => {
      for (let k = 0; k < this.n; k++) if (this.words[s + k] !== ids[at + k]) return false;
      return true;
    });
  }

  /** The first run of more than n − 1 words of `text` that a source repeats (at least n words), or undefined. */
  longRun(text: string): string | undefined {
    const w = wordsOf(text);
    if (w.length < this.n) return undefined;
    const ids = w.map((x) => this.ids.get(x) ?? -1);
    const hits: boolean[] = [];
    this.windows(ids, 0, ids.length, (key, at) => {
      hits[at] = this.isRun(key, ids, at);
    });
    for (let i = 0; i + this.n <= w.length; i++) {
      if (!hits[i]) continue;
      let end = i + this.n;
      while (end < w.length && hits[end - this.n + 1]) end++;
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
