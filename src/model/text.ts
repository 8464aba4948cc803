// Finding verbatim quotes in printed text, where the extraction broke lines: a run of white space in the quote
// matches any run of white space in the text, so a quote copied across a line break is still verbatim.

export interface Found {
  start: number;
  end: number;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Finds `quote` in `text` (white space folded); returns offsets in `text`, or undefined. */
export function findQuote(text: string, quote: string, from = 0): Found | undefined {
  const words = quote.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const re = new RegExp(words.map(escape).join('\\s+'), 'g');
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : undefined;
}

export const wordCount = (s: string): number => s.trim().split(/\s+/).filter(Boolean).length;
