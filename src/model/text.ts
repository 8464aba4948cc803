// Finding verbatim quotes in printed text, where the extraction broke lines: a run of white space in the quote
// matches any run of white space in the text, so a quote copied across a line break is still verbatim.

export interface Found {
  start: number;
  end: number;
}

/** A text with every run of white space (\s+) folded to one space, and where each folded character came from. */
interface Folded {
  text: string;
  /** Offset in the original text of each character of `text`. */
  origin: Int32Array;
}

// The few hundred letter and note texts are folded once each, not once per quote.
const foldedTexts = new Map<string, Folded>();

function fold(text: string): Folded {
  let f = foldedTexts.get(text);
  if (f) return f;
  const origin = new Int32Array(text.length);
  let out = '';
  let n = 0;
  const space = /\s+/g;
  let last = 0;
  for (let m = space.exec(text); m; m = space.exec(text)) {
    out += `${text.slice(last, m.index)} `;
    for (let i = last; i <= m.index; i++) origin[n++] = i;
    last = m.index + m[0].length;
  }
  out += text.slice(last);
  for (let i = last; i < text.length; i++) origin[n++] = i;
  f = { text: out, origin };
  if (foldedTexts.size >= 10_000) foldedTexts.clear(); // a long-lived process (the tests) must not grow without end
  foldedTexts.set(text, f);
  return f;
}

/** Finds `quote` in `text` (white space folded) at or after offset `from`; returns offsets in `text`, or undefined. */
export function findQuote(text: string, quote: string, from = 0): Found | undefined {
  const words = quote.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const f = fold(text);
  // the first folded character at or after `from`: a quote starts with a word, so never inside a run of spaces
  let lo = 0;
  let hi = f.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (f.origin[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  const needle = words.join(' ');
  const at = f.text.indexOf(needle, lo);
  return at < 0 ? undefined : { start: f.origin[at]!, end: f.origin[at + needle.length - 1]! + 1 };
}

export const wordCount = (s: string): number => s.trim().split(/\s+/).filter(Boolean).length;
