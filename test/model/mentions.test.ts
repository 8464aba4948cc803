// The mention matcher (src/model/mentions.ts) scans texts by hand for speed; it must find exactly what the
// regular expressions it replaced find. Those expressions are kept here as the reference, and fast-check feeds
// both random texts made of name forms, glued words, digits, punctuation, apostrophes, white space of every kind,
// Cyrillic and astral letters.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MentionMatcher, type Named } from '../../src/model/mentions.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20240605);

/** The regular-expression matcher the hand scan replaced (same forms, same order, same boundaries). */
function referenceFind(entities: readonly Named[], text: string): [string, number, number][] {
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const leading = /^\p{L}*/u;
  const forms = [...new Set(entities.flatMap((e) => e.variants.map((v) => v.form)))].sort(
    (a, b) => b.length - a.length || a.localeCompare(b),
  );
  const groups = new Map<string, string[]>();
  for (const f of forms) {
    const key = leading.exec(f)![0];
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(escape(f).replace(/ /g, '\\s+'));
  }
  const byKey = new Map(
    [...groups].map(([k, alts]) => [k, new RegExp(`(?:${alts.join('|')})(?=(?:['’]s)?(?!\\p{L}))`, 'uy')]),
  );
  const otherStarts = [
    ...new Set(forms.filter((f) => !leading.exec(f)![0]).map((f) => escape(String.fromCodePoint(f.codePointAt(0)!)))),
  ];
  const starts = new RegExp(
    `(?:(?<![\\p{L}\\p{N}])|(?<=\\p{Ll})(?=\\p{Lu}))(?:\\p{L}${otherStarts.length ? `|${otherStarts.join('|')}` : ''})`,
    'gu',
  );
  const owner = new Map(entities.flatMap((e) => e.variants.map((v) => [v.form, e.id] as const)));
  const out: [string, number, number][] = [];
  const run = /\p{L}*/uy;
  for (let s = starts.exec(text); s; s = starts.exec(text)) {
    const at = s.index;
    run.lastIndex = at;
    const re = byKey.get(run.exec(text)![0]);
    if (!re) continue;
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) continue;
    const id = owner.get(m[0].replace(/\s+/g, ' '));
    if (id) out.push([id, at, at + m[0].length]);
    starts.lastIndex = at + m[0].length;
  }
  return out;
}

const WORDS = [
  'Stalin',
  'Molotov',
  'Rykov',
  'Politburo',
  'Sovnarkom',
  'J.',
  'I.',
  'Kalinin',
  'Глав',
  'Ивано',
  '𝐀lpha',
  '«Pravda»',
  'the',
  'of',
  'and',
  'Gosbank',
];
const FORMS = [
  'Stalin',
  'J. Stalin',
  'I. Stalin',
  'Molotov',
  'Rykov',
  'Politburo',
  'Sovnarkom',
  'Kalinin',
  'Stal',
  'Глав',
  'Ивано',
  '𝐀lpha',
  '«Pravda»',
  'Gosbank',
  'of the',
];
const SEPARATORS = [' ', '  ', '\n', '\u00a0', '\t', '', ', ', '.', "'s ", '’s', '-', '2', '(', ') '];

const piece = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.constantFrom(...SEPARATORS),
  fc.constantFrom('a', 'b', 'Z', 'é', 'ß', '7'),
);
const entitiesArb = fc
  .uniqueArray(fc.constantFrom(...FORMS), { minLength: 1, maxLength: FORMS.length })
  .map((forms) => forms.map((form, i): Named => ({ id: `e${i}`, kind: 'person', variants: [{ form }] })));

test('the hand scan finds what the regular expressions found', () => {
  fc.assert(
    fc.property(entitiesArb, fc.array(piece, { maxLength: 60 }), (entities, pieces) => {
      const text = pieces.join('');
      const found = new MentionMatcher(entities).find(text, 'letter').map((m) => [m.entity.id, m.start, m.end]);
      assert.deepEqual(found, referenceFind(entities, text), JSON.stringify(text));
    }),
    { seed: SEED, numRuns: 2000 },
  );
});

test('glued names, possessives, line breaks and footnote digits', () => {
  const entities: Named[] = [
    { id: 'stalin', kind: 'person', variants: [{ form: 'Stalin' }, { form: 'J. Stalin' }] },
    { id: 'sadyrin', kind: 'person', variants: [{ form: 'Sadyrin' }] },
    { id: 'italy', kind: 'place', variants: [{ form: 'Italy' }] },
  ];
  const text = "GromanSadyrin and J.\nStalin's letter; Italy6 but not Italyon or Stalinist.";
  const found = new MentionMatcher(entities).find(text, 'l').map((m) => [m.entity.id, text.slice(m.start, m.end)]);
  assert.deepEqual(found, [
    ['sadyrin', 'Sadyrin'],
    ['stalin', 'J.\nStalin'],
    ['italy', 'Italy'],
  ]);
  assert.deepEqual(found.length, referenceFind(entities, text).length);
});

// Keys with many forms (organisations sharing a first word) are looked up in a set of forms by the text, not
// tried one by one: the same mentions as the form-by-form scan and the regular expressions.
const SHARED = ['Commissariat', 'People’s', 'Глав'];
const TAILS = [
  'of Trade',
  'of Trade and Industry',
  'of  Finance',
  'of Ways',
  'of\u00a0Labour',
  'for',
  'of',
  'Krbabav',
  'of Trade2',
  '',
  'of the',
  'Ways',
];
const SHARED_FORMS = SHARED.flatMap((k) => TAILS.map((t) => (t ? `${k} ${t}` : k)));
const sharedPiece = fc.oneof(
  fc.constantFrom(...SHARED, ...TAILS.flatMap((t) => t.split(' '))),
  fc.constantFrom(' ', '  ', '\n', '\u00a0', '\t', '', ', ', '.', 'a', 'Z', '2', '𝐀'),
);

test('forms looked up by the text find what trying every form finds', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.constantFrom(...SHARED_FORMS), { minLength: 8, maxLength: SHARED_FORMS.length }),
      fc.array(sharedPiece, { maxLength: 80 }),
      (forms, pieces) => {
        const entities = forms.map((form, i): Named => ({ id: `e${i}`, kind: 'organization', variants: [{ form }] }));
        const text = pieces.join('');
        const found = new MentionMatcher(entities).find(text, 'l').map((m) => [m.entity.id, m.start, m.end]);
        const oneByOne = new MentionMatcher(entities, { formSets: false })
          .find(text, 'l')
          .map((m) => [m.entity.id, m.start, m.end]);
        assert.deepEqual(found, oneByOne, JSON.stringify(text));
        assert.deepEqual(found, referenceFind(entities, text), JSON.stringify(text));
      },
    ),
    { seed: SEED, numRuns: 3000 },
  );
});
