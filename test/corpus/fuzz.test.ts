// Property-based tests (fast-check) of the edition, date and citation parsers on mutations of the real texts
// (lines deleted, duplicated, swapped; digits and brackets inserted; the text cut short): they never crash, never
// hang, and throw nothing but the project's typed errors; every date they return has earliest ≤ latest.
// The seed is fixed so a failure can be replayed; FUZZ_RUNS raises the number of runs for a longer search.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseEdition, type Layout } from '../../src/corpus/edition.js';
import {
  parseEditorialDate,
  parseEdtf,
  parseNumericDateline,
  DateParseError,
  type DateValue,
} from '../../src/corpus/dates.js';
import { parseCitations, CitationError, type WorkSpec } from '../../src/corpus/citations.js';
import { CorpusError } from '../../src/corpus/errors.js';
import { parseYamlDocument } from '../../src/corpus/yaml.js';
import { CORPUS } from '../helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 20240605);
/** A parse of a whole edition takes milliseconds; anything near this is a hang in the making. */
const MAX_MS = 2_000;

interface EditionSpec {
  id: string;
  file: string;
  layout: Layout;
}
const editions = parseYamlDocument(readFileSync(join(CORPUS, 'editions.yaml'), 'utf8')) as EditionSpec[];
const works: WorkSpec[] = (
  parseYamlDocument(readFileSync(join(CORPUS, 'works.yaml'), 'utf8')) as { id: string; titleForms: string[] }[]
).map((w) => ({ id: w.id, titles: w.titleForms }));
const texts = editions.map((e) => ({ ...e, text: readFileSync(join(CORPUS, e.file), 'utf8') }));

/** Runs `f`; a typed error is an answer, anything else (TypeError, RangeError, a plain Error…) is a crash. */
function typedOrValue<T>(f: () => T): T | undefined {
  const t0 = performance.now();
  try {
    return f();
  } catch (e) {
    if (e instanceof CorpusError || e instanceof DateParseError || e instanceof CitationError) return undefined;
    throw e;
  } finally {
    const ms = performance.now() - t0;
    assert.ok(ms < MAX_MS, `took ${ms.toFixed(0)} ms`);
  }
}

function assertBounds(d: DateValue, what: string): void {
  assert.match(d.earliest, /^\d{4}-\d{2}-\d{2}$/, what);
  assert.match(d.latest, /^\d{4}-\d{2}-\d{2}$/, what);
  assert.ok(d.earliest <= d.latest, `${what}: earliest ${d.earliest} > latest ${d.latest}`);
  assert.ok([8, 9, 10, 11].includes(d.precision), `${what}: precision ${d.precision}`);
}

/** One edit of a text, as lines. */
const JUNK = fc.string({
  unit: fc.constantFrom('0', '1', '2', '7', '9', '[', ']', '(', ')', '.', ' ', '\n', '/', '-'),
  minLength: 1,
  maxLength: 6,
});
const mutation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), col: fc.nat(), junk: JUNK }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function apply(text: string, edits: Mutation[]): string {
  let lines = text.split('\n');
  for (const m of edits) {
    if (!lines.length) break;
    const i = m.at % lines.length;
    if (m.op === 'delete') lines.splice(i, 1);
    else if (m.op === 'duplicate') lines.splice(i, 0, lines[i]!);
    else if (m.op === 'swap') [lines[i], lines[m.with % lines.length]] = [lines[m.with % lines.length]!, lines[i]!];
    else if (m.op === 'insert') {
      const l = lines[i]!;
      const c = m.col % (l.length + 1);
      lines[i] = l.slice(0, c) + m.junk + l.slice(c);
    } else {
      const joined = lines.join('\n');
      lines = joined.slice(0, m.at % (joined.length + 1)).split('\n');
    }
  }
  return lines.join('\n');
}

const params = (seed: number): fc.Parameters<unknown> => ({ numRuns: RUNS, seed, endOnFailure: true });

for (const e of texts) {
  test(`edition parser on mutations of ${e.file}`, () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (edits) => {
        const parsed = typedOrValue(() => parseEdition(`corpus/${e.file}`, apply(e.text, edits), e.layout, works));
        for (const l of parsed?.letters ?? []) {
          assertBounds(l.editorialDate.value, `${l.id} editorial date`);
          for (const d of l.datelines) assertBounds(d.value, `${l.id} dateline`);
          assert.ok(
            l.footnotes.every((f) => f.loc.line >= 1 && f.loc.offset <= f.loc.endOffset),
            'footnote locations are ordered',
          );
        }
      }),
      params(SEED) as fc.Parameters<[Mutation[]]>,
    );
  });
}

// the notes of the real texts, where the citations are
const notes = texts.flatMap(
  (e) =>
    typedOrValue(() => parseEdition(`corpus/${e.file}`, e.text, e.layout, works))?.letters.flatMap((l) =>
      l.footnotes.map((f) => f.text),
    ) ?? [],
);

test('the fuzzed parsers start from real notes and dates', () => {
  assert.ok(notes.length > 50, `${notes.length} notes`);
});

test('citation parser on mutations of the real notes', () => {
  fc.assert(
    fc.property(fc.constantFrom(...notes), fc.array(mutation, { minLength: 1, maxLength: 4 }), (note, edits) => {
      const text = apply(note.replace(/ /g, '\n'), edits).replace(/\n/g, ' '); // words play the part of lines
      const cites = typedOrValue(() => parseCitations(text, works, { nextIndex: 0 }));
      for (const c of cites ?? []) assert.equal(typeof c.printed, 'string');
    }),
    params(SEED + 1) as fc.Parameters<[string, Mutation[]]>,
  );
});

const printedDates = texts.flatMap((e) =>
  e.text
    .split('\n')
    .filter((l) => /^\[.*\d{4}.*\]\s*\d*\s*$|^\d{1,2} [A-Z][a-z]+ \[\d{4}\]/.test(l))
    .map((l) => l.replace(/\s+\d+\s*$/, '')),
);

test('editorial date parser on mutations of the printed dates: typed errors only, earliest ≤ latest', () => {
  assert.ok(printedDates.length >= 10, `${printedDates.length} printed dates`);
  fc.assert(
    fc.property(
      fc.constantFrom(...printedDates),
      fc.array(mutation, { minLength: 1, maxLength: 3 }),
      (printed, edits) => {
        const text = apply(printed.replace(/ /g, '\n'), edits).replace(/\n/g, ' ');
        const d = typedOrValue(() => parseEditorialDate(text));
        if (d) assertBounds(d, text);
      },
    ),
    params(SEED + 2) as fc.Parameters<[string, Mutation[]]>,
  );
});

const edtfPart = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 }))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 14 }))
    .map(([y, m]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`),
  fc.integer({ min: 0, max: 9999 }).map((y) => String(y).padStart(4, '0')),
  fc.constant('..'),
  fc.string({ maxLength: 12 }),
);

test('EDTF parser on generated dates and intervals: typed errors only, earliest ≤ latest', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        edtfPart,
        fc.tuple(edtfPart, edtfPart).map(([a, b]) => `${a}/${b}`),
      ),
      (edtf) => {
        const d = typedOrValue(() => parseEdtf(edtf, edtf));
        if (d) assertBounds(d, edtf);
      },
    ),
    { ...params(SEED + 3), numRuns: RUNS * 20 } as fc.Parameters<[string]>,
  );
});

test('numeric dateline parser on generated m/d/yy: typed errors only, earliest ≤ latest', () => {
  const dateline = fc
    .tuple(
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 99 }),
      fc.constantFrom('/', '-', ''),
    )
    .map(([m, d, y, s]) => `${m}${s}${d}${s}${String(y).padStart(2, '0')}`);
  fc.assert(
    fc.property(fc.oneof(dateline, fc.string({ maxLength: 10 })), (text) => {
      const d = typedOrValue(() => parseNumericDateline(text));
      if (d) assertBounds(d, text);
    }),
    { ...params(SEED + 4), numRuns: RUNS * 20 } as fc.Parameters<[string]>,
  );
});

test('impossible dates are typed errors, not wrapped days', () => {
  assert.throws(() => parseEdtf('1930-02-30', '30 February 1930'), DateParseError);
  assert.throws(() => parseEditorialDate('[31 September 1930]'), DateParseError);
  assert.throws(() => parseNumericDateline('2/30/30'), DateParseError);
});

test('an untyped error is a crash: the property would fail on it', () => {
  assert.throws(
    () =>
      typedOrValue(() => {
        throw new TypeError('x is undefined');
      }),
    TypeError,
  );
  assert.equal(
    typedOrValue(() => {
      throw new DateParseError('no such day');
    }),
    undefined,
  );
});
