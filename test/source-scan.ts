// Scanning an output for the texts of the sources (in copyright): runs of eight words from every letter and note
// text. An open-profile output must hold none of them.

import type { Dataset } from '../src/model/types.js';

export function sourceSentences(d: Dataset): string[] {
  const out: string[] = [];
  for (const l of d.letters) {
    for (const text of [l.text, ...l.footnotes.map((f) => f.text)]) {
      const words = text.split(/\s+/).filter(Boolean);
      for (let i = 0; i + 8 <= words.length; i += 4) out.push(words.slice(i, i + 8).join(' '));
    }
  }
  return out;
}
