// How the search index of the site cuts and stems words: the same code builds the index (site.ts, in Node) and
// reads the queries (the page's script, bundled by scripts/bundle.ts), so both sides make the same terms.
//
// Russian words are stemmed with the Snowball Russian stemmer (@orama/stemmers). Snowball takes the -ов of a
// surname in the nominative for a plural ending (Пятаков → пятак, but Пятакова → пятаков), so the index keeps each
// Cyrillic word both whole and stemmed, and a query is stemmed: Пятакова (пятаков) finds the whole word Пятаков,
// Пятаков (пятак) finds its stem. Latin words are folded (accents, apostrophes of transliteration) and not stemmed;
// prefix and fuzzy matching at query time cover the romanisations' small differences.

import { stemmer as russian } from '@orama/stemmers/russian';

export const SEARCH_INDEX_FILE = 'search-index.json';

/** The MiniSearch options both sides share (fields, stored fields, term processing). */
export const SEARCH_FIELDS = ['names', 'title', 'text'] as const;
export const STORED_FIELDS = ['title', 'kind', 'letter', 'letters', 'text', 'forms'] as const;

const CYRILLIC = /[\u0400-\u04ff]/;

/** Words of a text: letters and digits, with the apostrophes and soft signs of romanised names (Kondrat'ev) kept
 * inside the word, then removed. */
export function tokenize(text: string): string[] {
  return text
    .split(/[^\p{L}\p{N}'’ʹʼ]+/u)
    .map((w) => w.replace(/['’ʹʼ]/g, ''))
    .filter(Boolean);
}

/** A word as it is compared: lower case, ё as е, Latin accents folded (Rykóv = Rykov). */
export function fold(word: string): string {
  const w = word.toLowerCase();
  if (ASCII.test(w)) return w; // most words: nothing to fold (and NFD costs most of the index's build)
  return CYRILLIC.test(w) ? w.replace(/ё/g, 'е') : w.normalize('NFD').replace(/\p{M}/gu, '');
}
const ASCII = /^[\x00-\x7f]*$/;

/** Terms of an indexed word: a Cyrillic word whole and stemmed, any other folded. */
export function indexTerm(word: string): string | string[] | null {
  const w = fold(word);
  if (!w) return null;
  if (ASCII.test(w) || !CYRILLIC.test(w)) return w;
  const s = russian(w);
  return s === w ? w : [w, s];
}

/** The term of a query word: a Cyrillic word stemmed, any other folded. */
export function queryTerm(word: string): string | null {
  const w = fold(word);
  if (!w) return null;
  return CYRILLIC.test(w) ? russian(w) : w;
}

/** A document of the index. `names` holds every form of an entity's name; `text` a paragraph or a note. */
export interface SearchDoc {
  /** The page (and anchor) the result links to, relative to the site's root. */
  id: string;
  kind: 'person' | 'organization' | 'place' | 'post' | 'letter' | 'text' | 'note';
  title: string;
  names?: string;
  /** The name forms with their scheme, shown with a result ("Пятаков · cyrillic"). */
  forms?: string;
  text?: string;
  /** The letter (local id) a text or note is in. */
  letter?: string;
  /** The letters an entity is mentioned in (space-separated local ids), for the filter by letter. */
  letters?: string;
}

/** Search options of the page (and of the benchmark): entities first, prefix while typing, one typo in long words. */
export const SEARCH_OPTIONS = {
  prefix: true,
  fuzzy: (term: string): number | boolean => (term.length > 4 ? 0.2 : false),
  combineWith: 'AND' as const,
  boost: { names: 6, title: 2, text: 1 },
  processTerm: queryTerm,
  boostDocument: (_id: string, _term: string, stored?: Record<string, unknown>): number =>
    stored?.kind === 'text' || stored?.kind === 'note' ? 1 : stored?.kind === 'letter' ? 1.5 : 3,
};

export const MINISEARCH_OPTIONS = {
  fields: [...SEARCH_FIELDS],
  storeFields: [...STORED_FIELDS],
  tokenize,
  processTerm: indexTerm,
  searchOptions: SEARCH_OPTIONS,
};
