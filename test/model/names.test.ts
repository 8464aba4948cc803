// The name core (src/model/names.ts): iuliia's own samples through our wrapper, the German table, the matching key,
// and every person's forms on the real corpus.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translate } from 'iuliia';
import fc from 'fast-check';
import {
  cyrillicRoundTrip,
  GENERATED_SCHEMES,
  iuliiaSchema,
  nameForms,
  nameKey,
  namePrefixKey,
  romanise,
} from '../../src/model/names.js';
import { main } from '../../src/cli/main.js';
import { captureIo, CORPUS } from '../helpers.js';
import type { Person, Post } from '../../src/model/types.js';
import { buildOf } from '../build-fixture.js';

test('each iuliia scheme we use passes its own sample set through our wrapper', () => {
  let n = 0;
  for (const scheme of GENERATED_SCHEMES) {
    const schema = iuliiaSchema(scheme);
    if (!schema) continue;
    assert.ok(schema.samples.length > 0, `${scheme}: no samples`);
    for (const [ru, expected] of schema.samples) {
      assert.equal(romanise(ru!, scheme), expected!.normalize('NFC'), `${scheme}: ${ru}`);
      n++;
    }
  }
  assert.ok(n >= 40, `only ${n} samples ran`);
  // the wrapper is not a pass-through: a wrong scheme would fail the samples
  assert.notEqual(romanise('Пятаков', 'ala-lc'), romanise('Пятаков', 'bgn-pcgn'));
  assert.equal(translate('Пятаков', iuliiaSchema('scholarly')!), 'Pjatakov');
});

test('the German (Duden) table gives the familiar German spellings', () => {
  const cases: [string, string][] = [
    ['Хрущёв', 'Chruschtschow'],
    ['Горбачёв', 'Gorbatschow'],
    ['Чайковский', 'Tschaikowski'],
    ['Ельцин', 'Jelzin'],
    ['Достоевский', 'Dostojewski'],
    ['Пятаков', 'Pjatakow'],
    ['Куйбышев', 'Kuibyschew'],
    ['Молотов', 'Molotow'],
    ['Каганович', 'Kaganowitsch'],
    ['Ягода', 'Jagoda'],
    ['Кондратьев', 'Kondratjew'],
    ['Толстой', 'Tolstoi'],
    ['Россия', 'Rossija'],
    ['Ежов', 'Jeschow'],
    ['Орджоникидзе', 'Ordschonikidse'],
  ];
  for (const [ru, de] of cases) assert.equal(romanise(ru, 'duden'), de, ru);
});

test('nameKey folds case, diacritics, signs, -ii/-y/-iy endings and ё/е, and keeps different names apart', () => {
  for (const group of [
    ['Yurovskii', 'Yurovsky', 'Yurovskiy', 'YUROVSKII', 'yurovskij'],
    ["Kondrat'ev", 'Kondratʹev', 'Kondratev', 'Kondrat’ev'],
    ['Piatakov', 'Piatakoff', 'piatakov'],
    ['Ежов', 'Ёжов', 'ежов'],
    ['Кондратьев', 'Кондратев'],
    ['Kujbyšev', 'Kujbysev'],
    ['Pi͡atakov', 'Piatakov'],
    ['M. M. Kaganovich', 'M.M. Kaganovich', 'm m  kaganovich'],
  ]) {
    const keys = new Set(group.map(nameKey));
    assert.equal(keys.size, 1, `${group.join(' / ')} → ${[...keys].join(' / ')}`);
  }
  for (const [a, b] of [
    ['Kosior', 'Kosiorr'],
    ['Piatakov', 'Pyatakov'],
    ['Bauman', 'Baumann'],
    ['Kaganovich', 'M. M. Kaganovich'],
  ])
    assert.notEqual(nameKey(a!), nameKey(b!));
  assert.equal(nameKey('  '), '');
});

// nameKey as it was written first, with regular expressions only: the faster code (an ASCII path, endings folded by
// character codes) must give the same key for any string.
const referenceWords = (s: string): string[] =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[ьъ]/g, '')
    .replace(/['’‘ʹʺ"`ʼ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
const referenceKey = (s: string): string =>
  referenceWords(s)
    .map((w) => w.replace(/(?:ii|iy|ij|yi|yj|y|i)$/, 'y').replace(/([oe])ff$/, '$1v'))
    .join(' ');

test('nameKey and namePrefixKey equal the plain regular-expression definition on any string', () => {
  // letters that take part in the endings, signs, digits, punctuation, diacritics, Cyrillic and Greek
  const chars = [...'iyjoefIYJOEFakzAKZ019 .-,\'"`’ʹʼ_/\t\nёЁьъЬЖжй\u0306\u0301éÉßæĳŁΩ\u00a0'];
  const text = fc.array(fc.constantFrom(...chars), { maxLength: 24 }).map((a) => a.join(''));
  fc.assert(
    fc.property(fc.oneof(text, fc.string(), fc.string({ unit: 'binary' })), (s) => {
      assert.equal(nameKey(s), referenceKey(s), JSON.stringify(s));
      const ws = referenceWords(s);
      const last = ws.pop();
      assert.equal(namePrefixKey(s), [referenceKey(ws.join(' ')), last ?? ''].filter(Boolean).join(' '));
    }),
    { numRuns: 20_000, seed: 26 },
  );
  for (const s of [
    'ii',
    'i',
    'j',
    'y',
    'yy',
    'iy',
    'ij',
    'yi',
    'yj',
    'jiy',
    'off',
    'eff',
    'ff',
    'aff',
    'Piatakoff',
    'X1I',
  ])
    assert.equal(nameKey(s), referenceKey(s), s);
});

test('nameForms on the corpus: curated forms first, every generated form says its scheme and what it came from', async () => {
  const { dataset } = await buildOf();
  assert.ok(dataset);
  const piatakov = dataset.persons.find((p) => p.id === 'piatakov')!;
  const forms = nameForms(piatakov);
  assert.deepEqual(forms.slice(0, 2), [
    { form: 'Piatakov', scheme: 'printed', generated: false },
    { form: 'Пятаков', scheme: 'ru', generated: false },
  ]);
  const by = Object.fromEntries(forms.filter((f) => f.generated).map((f) => [f.scheme, f.form]));
  assert.deepEqual(by, {
    'ala-lc-diacritics': 'Pi͡atakov',
    'bgn-pcgn': 'Pyatakov',
    iso9: 'Pâtakov',
    scholarly: 'Pjatakov',
    duden: 'Pjatakow',
  });
  for (const f of forms.filter((x) => x.generated)) assert.equal(f.from, 'Пятаков');
  // every person with a Russian name gets generated forms; no form twice; every form non-empty
  for (const p of dataset.persons) {
    const fs = nameForms(p);
    assert.equal(new Set(fs.map((f) => f.form)).size, fs.length, p.id);
    assert.ok(
      fs.every((f) => f.form.trim() === f.form && f.form.length > 0),
      p.id,
    );
    if (!p.nameRu)
      assert.ok(
        fs.every((f) => !f.generated),
        p.id,
      );
    // each scheme's romanisation is among the forms (a generated one, or a curated form it equals)
    else
      for (const s of GENERATED_SCHEMES)
        assert.ok(
          fs.some((f) => f.form === romanise(p.nameRu!, s)),
          `${p.id} ${s}`,
        );
    assert.ok(
      fs.every((f) => f.generated === (f.from !== undefined)),
      p.id,
    );
  }
  const post: Post = dataset.posts.find((p) => p.id === 'chairman-gosbank')!;
  assert.deepEqual(nameForms(post), [
    { form: 'chairman of Gosbank', scheme: 'printed', generated: false },
    { form: 'head of Gosbank', scheme: 'variant', generated: false },
  ]);
  const kosior = dataset.persons.filter((p) => p.id.startsWith('kosior')) as Person[];
  assert.equal(kosior.length, 2);
  for (const o of [...dataset.organizations, ...dataset.places])
    assert.ok(
      nameForms(o).every((f) => !f.generated),
      o.id,
    );
});

test('Cyrillic round trip: every Russian name whose ALA-LC form the texts do not print is reported, with both strings', async () => {
  const { dataset, files } = await buildOf();
  const rows = cyrillicRoundTrip(dataset!.persons);
  // the shipped corpus: initial Ya-/Yu-/Ye-, -y and -iev as the edition prints them; the Cyrillic is right in each
  assert.deepEqual(
    rows.map((r) => `${r.id} ${r.nameRu} ${r.romanised}`),
    [
      'trotsky Троцкий Trotskii',
      'kondratiev Кондратьев Kondratev',
      'yagoda Ягода Iagoda',
      'yurovskii Юровский Iurovskii',
      'yeger Егер Eger',
      'yaroslavskii Ярославский Iaroslavskii',
      'yanson Янсон Ianson',
      'balitsky Балицкий Balitskii',
    ],
  );
  assert.ok(rows.every((r) => r.file.endsWith('persons.yaml') && r.line > 0));
  const csv = files!.get('reports/cyrillic-roundtrip.csv')!.replace(/\r\n/g, '\n'); // RFC 4180 line ends
  assert.equal(csv.split('\n')[0], 'id,nameRu,nameRuSource,alaLc,printed,file,line');
  assert.match(csv, /^yagoda,Ягода,transliteration,Iagoda,Yagoda,corpus\/persons\.yaml,\d+$/m);
  assert.match(csv, /^yaroslavskii,Ярославский,reference,/m);
  // it can fail: a wrong letter in the Cyrillic is caught, a right one is not
  const piatakov = dataset!.persons.find((p) => p.id === 'piatakov')!;
  assert.deepEqual(cyrillicRoundTrip([piatakov]), []);
  assert.equal(cyrillicRoundTrip([{ ...piatakov, nameRu: 'Петаков' }])[0]?.romanised, 'Petakov');
});

test('validate warns about each round-trip mismatch with file, line, both strings and what to do', async () => {
  const io = captureIo();
  assert.equal(await main(['validate', '--corpus', CORPUS], io), 0);
  // on stdout with the other notes (stderr is for progress on a terminal)
  const warnings = io.stdout.split('\n').filter((l) => l.startsWith('warning:'));
  assert.equal(warnings.length, 8, io.stdout);
  assert.equal(io.stderr, '');
  assert.match(
    warnings.find((w) => w.includes('(yagoda)'))!,
    /^warning: corpus\/persons\.yaml:\d+ \(yagoda\): nameRu "Ягода" romanises \(ALA-LC\) to "Iagoda", which the texts do not print \(they print "Yagoda"\); nameRuSource: transliteration/,
  );
});
