// Quotes are found in a folded copy of the text (src/model/text.ts) rather than with one regular expression per
// quote; the offsets must be exactly those of the expression it replaced, kept here as the reference.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findQuote } from '../../src/model/text.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20240605);

function referenceFindQuote(text: string, quote: string, from = 0): { start: number; end: number } | undefined {
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const words = quote.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const re = new RegExp(words.map(escape).join('\\s+'), 'g');
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : undefined;
}

const token = fc.constantFrom(
  'the',
  'Politburo',
  'resolved',
  '(',
  ')',
  '.',
  '*',
  'll.',
  '12,',
  ' ',
  '  ',
  '\n',
  '\u00a0',
  '\t',
  '\u2028',
  'a',
  'b',
);

test('findQuote gives the offsets of the regular expression it replaced', () => {
  fc.assert(
    fc.property(
      fc.array(token, { maxLength: 40 }),
      fc.array(token, { maxLength: 6 }),
      fc.nat({ max: 80 }),
      (textPieces, quotePieces, from) => {
        const text = textPieces.join('');
        const quote = quotePieces.join('');
        assert.deepEqual(
          findQuote(text, quote, from),
          referenceFindQuote(text, quote, from),
          JSON.stringify({ text, quote, from }),
        );
        // a quote taken from the text itself is always found
        if (text.length > 2) {
          const q = text.slice(1, Math.min(text.length, 12));
          assert.deepEqual(findQuote(text, q), referenceFindQuote(text, q));
        }
      },
    ),
    { seed: SEED, numRuns: 3000 },
  );
});

test('a quote across a line break is verbatim; offsets are in the printed text', () => {
  const text = 'The Politburo\n  resolved (ibid., l. 14) to\u00a0appoint';
  assert.deepEqual(findQuote(text, 'Politburo resolved'), { start: 4, end: 24 });
  assert.deepEqual(findQuote(text, 'to appoint'), { start: 40, end: 50 });
  assert.equal(findQuote(text, 'Politburo resolved', 5), undefined);
  assert.equal(findQuote(text, '   '), undefined);
});
