// Publication profiles. `full` is everything the build makes (build/, for local research): it holds the texts of
// the letters and notes, which are in copyright, so it carries no open licence. `open` (the default of a release)
// is everything structured without the running texts: it may be published under CC BY 4.0.

import type { Quad } from '@rdfjs/types';
import type { Edition } from '../model/types.js';
import { MAX_VERBATIM_RUN } from '../model/quotation.js';
import { MAX_QUOTE_WORDS } from '../model/evidence.js';
import { OA, SL } from '../rdf/vocab.js';

export type Profile = 'full' | 'open';
export const PROFILES: readonly Profile[] = ['full', 'open'];
export const CC_BY_4 = 'https://creativecommons.org/licenses/by/4.0/';

/**
 * Left out of the open profile: the running text of letters, blocks and notes (sl:text), and the context words
 * before and after each mention (oa:prefix, oa:suffix): eight hundred short windows would together give back much
 * of the text. Kept: each mention's exact name form with its offsets, and evidence quotes (short quotations).
 */
const DROPPED = new Set<string>([SL.text, OA.prefix, OA.suffix]);

export function applyProfile(sorted: readonly Quad[], profile: Profile): readonly Quad[] {
  return profile === 'full' ? sorted : sorted.filter((q) => !DROPPED.has(q.predicate.value));
}

/** Editions in id order: text made from them must not depend on the order of the corpus records. */
export const editionsById = (editions: readonly Edition[]): Edition[] =>
  [...editions].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

export const rightsHolders = (editions: readonly Edition[]): string[] => [
  ...new Set(
    editionsById(editions)
      .map((e) => e.rightsHolder)
      .filter((x): x is string => !!x),
  ),
];

const holders = (editions: readonly Edition[]): string => rightsHolders(editions).join(' and ');

/** The rights statement of a profile, in English, naming the holders of the books' rights. */
export function rightsStatement(profile: Profile, editions: readonly Edition[]): string {
  const books = editionsById(editions)
    .map((e) => `${e.title ?? e.label}${e.year ? ` (${e.year})` : ''}`)
    .join('; ');
  if (profile === 'full') {
    return `Not openly licensed. This full profile contains the running texts of the letters and the editors' notes from ${books}, which are in copyright (rights holder: ${holders(editions)}). It is for local research: the project holds no licence to redistribute these texts, and grants none. The open profile of a release (stalin-letters-lod release) leaves them out and is licensed CC BY 4.0.`;
  }
  return `The data are licensed under CC BY 4.0 (${CC_BY_4}). They contain no running text of the letters or the editors' notes, which are in copyright (rights holder: ${holders(editions)}); each fact carries a short evidence quotation of at most ${MAX_QUOTE_WORDS} words, and no literal repeats more than ${MAX_VERBATIM_RUN} consecutive words of the books. The licence covers this dataset, not the books.`;
}
