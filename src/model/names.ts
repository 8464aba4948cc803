// The name core: every form under which a person, organisation, place or post can be looked up, and the key that
// matches a typed name against them. No RDF here; the dump (src/rdf/entities.ts), the reconciliation service
// (src/serve/reconcile*.ts), the `wikidata reconcile` client and site search all take their names from this module.
//
//   nameForms(entity)  → NameForm[]   all name forms of a model entity (Person, Organization, Place or Post):
//        curated ones (scheme 'printed', 'variant', 'fullName', 'ru'; generated: false) and, for a Russian name,
//        the romanisations people type (scheme 'ala-lc', 'ala-lc-diacritics', 'bgn-pcgn', 'wikipedia', 'iso9',
//        'scholarly', 'duden'; generated: true, from: the Cyrillic they were made from). Deduplicated by form (the
//        first scheme that gives a form keeps it; curated forms come first), in a fixed order.
//   nameKey(s)         → string       the normalised matching key (see nameKey below). Two spellings match when
//        their keys are equal; a prefix of a key is a prefix match. nameKeyWords(s): its words.
//   namePrefixKey(s)   → string       the key of a name being typed (its last word keeps its ending).
//   romanise(ru, scheme) → string     one scheme's romanisation of a Cyrillic name.
//
// The romanisations come from the `iuliia` package (its schemes carry sample sets, run in test/model/names.test.ts); the
// German (Duden) transcription is a small table of our own below.

import { ALA_LC, ALA_LC_ALT, BGN_PCGN, GOST_779, SCIENTIFIC, translate, WIKIPEDIA, type Schema } from 'iuliia';
import type { Organization, Person, Place, Post } from './types.js';

/** Curated schemes (from the corpus) and generated ones (romanisations of the curated Cyrillic). */
export const CURATED_SCHEMES = ['printed', 'variant', 'fullName', 'ru'] as const;
export const GENERATED_SCHEMES = [
  'ala-lc',
  'ala-lc-diacritics',
  'bgn-pcgn',
  'wikipedia',
  'iso9',
  'scholarly',
  'duden',
] as const;
export type CuratedScheme = (typeof CURATED_SCHEMES)[number];
export type GeneratedScheme = (typeof GENERATED_SCHEMES)[number];
export type NameScheme = CuratedScheme | GeneratedScheme;

export interface NameForm {
  form: string;
  scheme: NameScheme;
  /** True for a romanisation made by the build, false for a form the corpus gives. */
  generated: boolean;
  /** The curated form a generated one was made from (the Cyrillic name). */
  from?: string;
}

/** What each generated scheme is, for the ontology, the docs and the reconciliation service. */
export const SCHEME_LABELS: Record<NameScheme, string> = {
  printed: 'the name as the edition prints it',
  variant: 'a form printed in the texts',
  fullName: 'the full name (texts or reference file)',
  ru: 'the Russian name in Cyrillic',
  'ala-lc': "ALA-LC romanisation without diacritics (the edition's own system)",
  'ala-lc-diacritics': 'ALA-LC romanisation with diacritics',
  'bgn-pcgn': 'BGN/PCGN romanisation (1947)',
  wikipedia: "English Wikipedia's romanisation",
  iso9: 'ISO 9:1995 / GOST 7.79-2000 system A',
  scholarly: 'scholarly (scientific) transliteration',
  duden: 'German transcription (Duden)',
};

const IULIIA: Record<Exclude<GeneratedScheme, 'duden'>, Schema> = {
  'ala-lc': ALA_LC_ALT,
  'ala-lc-diacritics': ALA_LC,
  'bgn-pcgn': BGN_PCGN,
  wikipedia: WIKIPEDIA,
  iso9: GOST_779,
  scholarly: SCIENTIFIC,
};

/** The iuliia schema behind a generated scheme (for the sample tests); undefined for 'duden' (our table). */
export const iuliiaSchema = (scheme: GeneratedScheme): Schema | undefined =>
  scheme === 'duden' ? undefined : IULIIA[scheme];

// German transcription of Russian after Duden (Die deutsche Rechtschreibung, "Transkription aus dem Russischen":
// в w, ж sch, з s, с s/ss, х ch, ц z, ч tsch, ш sch, щ schtsch, ы y, й i/j, е je/e, ё jo/o, ю ju, я ja, ь ъ dropped,
// -ий -i, -ый -y), as in the familiar German spellings Chruschtschow, Tschaikowski, Gorbatschow, Jelzin.
const DUDEN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'w',
  г: 'g',
  д: 'd',
  ж: 'sch',
  з: 's',
  и: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'ch',
  ц: 'z',
  ч: 'tsch',
  ш: 'sch',
  щ: 'schtsch',
  ы: 'y',
  э: 'e',
  ю: 'ju',
  я: 'ja',
};
const RU_VOWELS = 'аеёиоуыэюя';

function dudenWord(word: string): string {
  const lower = word.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const c = lower[i]!;
    const prev = i > 0 ? lower[i - 1]! : '';
    const next = lower[i + 1] ?? '';
    const atStartOrAfterVowel = prev === '' || RU_VOWELS.includes(prev) || prev === 'ь' || prev === 'ъ';
    let t: string;
    if (c === 'е') t = atStartOrAfterVowel ? 'je' : 'e';
    else if (c === 'ё') t = 'жчшщ'.includes(prev) && prev !== '' ? 'o' : 'jo';
    else if (c === 'й')
      t = i === lower.length - 1 && (prev === 'и' || prev === 'ы') ? '' : next && RU_VOWELS.includes(next) ? 'j' : 'i';
    else if (c === 'с') t = prev && next && RU_VOWELS.includes(prev) && RU_VOWELS.includes(next) ? 'ss' : 's';
    else if (c === 'ь') t = 'иоуаэ'.includes(next) && next ? 'j' : '';
    else if (c === 'ъ') t = '';
    else t = DUDEN[c] ?? c;
    out += t;
  }
  // restore the capital of the original
  return word[0] && word[0] !== word[0].toLowerCase() ? out.charAt(0).toUpperCase() + out.slice(1) : out;
}

/** One scheme's romanisation of a Cyrillic name (words and hyphenated parts kept). */
export function romanise(ru: string, scheme: GeneratedScheme): string {
  if (scheme === 'duden') return ru.replace(/[А-Яа-яЁё]+/g, dudenWord);
  return translate(ru, IULIIA[scheme]).normalize('NFC');
}

/** Every generated scheme's romanisation of a Cyrillic name, in the order of GENERATED_SCHEMES (not deduplicated:
 * several schemes may give the same form). */
export const romanisations = (ru: string): { scheme: GeneratedScheme; form: string }[] =>
  GENERATED_SCHEMES.map((scheme) => ({ scheme, form: romanise(ru, scheme) }));

/** A model entity with names: person, organisation, place or post. */
export type NamedEntity = Person | Organization | Place | Post;

const isPost = (e: NamedEntity): e is Post => 'label' in e && 'role' in e;
const isPerson = (e: NamedEntity): e is Person => !('kind' in e) && !isPost(e);

/** Every name form of an entity, curated first (printed, variants, full name, Russian), then the generated
 * romanisations of the Russian name; each form once (the first scheme to give it keeps it). */
export function nameForms(e: NamedEntity): NameForm[] {
  const out: NameForm[] = [];
  const seen = new Set<string>();
  const add = (f: NameForm): void => {
    if (!f.form || seen.has(f.form)) return;
    seen.add(f.form);
    out.push(f);
  };
  if (isPost(e)) {
    add({ form: e.label, scheme: 'printed', generated: false });
    for (const a of e.altLabels) add({ form: a, scheme: 'variant', generated: false });
    return out;
  }
  add({ form: e.name, scheme: 'printed', generated: false });
  for (const v of e.variants) add({ form: v.form, scheme: 'variant', generated: false });
  if (isPerson(e)) {
    if (e.fullName) add({ form: e.fullName, scheme: 'fullName', generated: false });
    if (e.nameRu) {
      add({ form: e.nameRu, scheme: 'ru', generated: false });
      for (const scheme of GENERATED_SCHEMES)
        add({ form: romanise(e.nameRu, scheme), scheme, generated: true, from: e.nameRu });
    }
  }
  return out;
}

/** Only the generated forms of an entity (the dump's hidden labels). */
export const generatedNameForms = (e: NamedEntity): (NameForm & { scheme: GeneratedScheme; from: string })[] =>
  nameForms(e).filter((f): f is NameForm & { scheme: GeneratedScheme; from: string } => f.generated);

// apostrophe-like marks that stand for the soft and hard signs in the romanisations (', ’, ʹ, ʺ, ", `, ʼ)
const SIGNS = /['’‘ʹʺ"`ʼ]/g;

/**
 * The matching key of a name: lower case; diacritics and ligature ties dropped (NFKD); ё as е, й as и; soft and
 * hard signs dropped (ь ъ and the apostrophes that render them); punctuation and runs of space as one space; and at
 * the end of each word -ii, -iy, -ij, -yi, -yj, -y and -i as one ending (Yurovskii = Yurovsky = Yurovskiy =
 * Jurovskij → "yurovsky"), -off/-eff as -ov/-ev (Piatakoff). Keys compare Latin with Latin and Cyrillic with
 * Cyrillic: other spellings are matched through the generated forms, not by folding letters here.
 */
export function nameKey(s: string): string {
  return nameKeyWords(s).join(' ');
}

/** The words of a name's matching key (nameKey(s) is them joined by one space). */
export function nameKeyWords(s: string): string[] {
  const ws = words(s);
  for (let i = 0; i < ws.length; i++) ws[i] = ending(ws[i]!);
  return ws;
}

/** A word's ending folded: -ii, -iy, -ij, -yi, -yj, -y, -i as -y; else -off/-eff as -ov/-ev. (As the regular
 * expressions /(?:ii|iy|ij|yi|yj|y|i)$/ → y, then /([oe])ff$/ → $1v, by character codes: keys are made for every
 * query of the reconciliation service.) */
function ending(w: string): string {
  const n = w.length;
  const last = w.charCodeAt(n - 1);
  if (last === 0x69 || last === 0x79 || last === 0x6a) {
    const prev = n > 1 ? w.charCodeAt(n - 2) : 0;
    // i before i, y or j; y before i or j
    if (prev === 0x69 || (prev === 0x79 && last !== 0x79)) return `${w.slice(0, -2)}y`;
    return last === 0x6a ? w : `${w.slice(0, -1)}y`;
  }
  if (last === 0x66 && n > 2 && w.charCodeAt(n - 2) === 0x66) {
    const v = w.charCodeAt(n - 3);
    if (v === 0x6f || v === 0x65) return `${w.slice(0, -2)}v`;
  }
  return w;
}

/** The key of a name being typed (suggest): as nameKey, but the last word, perhaps unfinished, keeps its ending
 * ("Kosi" is the start of "Kosior", not a name ending in -i). */
export function namePrefixKey(s: string): string {
  const ws = words(s);
  const last = ws.pop();
  return [nameKey(ws.join(' ')), last ?? ''].filter(Boolean).join(' ');
}

const NON_ASCII = /[^\x00-\x7f]/;

function words(s: string): string[] {
  // plain ASCII (most queries): nothing to decompose and no Cyrillic; the same words as below, found faster
  if (!NON_ASCII.test(s))
    return s
      .toLowerCase()
      .replace(/['"`]/g, '')
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[ьъ]/g, '')
    .replace(SIGNS, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** One row of the Cyrillic round-trip check: a curated Russian name whose ALA-LC romanisation (without diacritics,
 * the edition's own system; soft and hard signs, which the edition drops, left out) is no printed surname of the
 * person. */
export interface RoundTripMismatch {
  id: string;
  nameRu: string;
  nameRuSource: 'transliteration' | 'reference';
  /** The ALA-LC romanisation, signs dropped. */
  romanised: string;
  /** The surnames the texts print for the person (last word of the name and of each variant). */
  printed: string[];
  file: string;
  line: number;
}

/** The persons whose Russian name does not romanise back to a printed form (validate warns; the build reports). */
export function cyrillicRoundTrip(persons: readonly Person[]): RoundTripMismatch[] {
  const out: RoundTripMismatch[] = [];
  for (const p of persons) {
    if (!p.nameRu || !p.nameRuSource) continue;
    const romanised = romanise(p.nameRu, 'ala-lc').replace(SIGNS, '');
    const printed = [...new Set([p.name, ...p.variants.map((v) => v.form)].map((f) => f.split(/\s+/).pop()!))];
    if (printed.includes(romanised)) continue;
    out.push({
      id: p.id,
      nameRu: p.nameRu,
      nameRuSource: p.nameRuSource,
      romanised,
      printed,
      file: p.src.file,
      line: p.src.line,
    });
  }
  return out;
}
