// What every record of the events shares: evidence quoted verbatim from the printed text (the quote must occur in the
// note, or in the letter's own text), dates that agree with the words as printed, references to known records, and
// how each value is known (its basis, never a default). The per-kind builders (changes, resolutions, proposals) and the
// added kinds (model/kinds.ts) use these checks.

import { DateParseError, parseEdtf, printedDisagreement, type DateValue } from '../corpus/dates.js';
import type { CorpusProblem, ProblemCode } from '../corpus/errors.js';
import type { Located } from '../corpus/yaml.js';
import { findQuote, wordCount } from './text.js';
import type { BasisNote, CitationModel, Evidence, Letter } from './types.js';
import type { Basis } from './vocabulary.js';

export interface EvidenceRecord {
  letter: string;
  note?: number;
  quote: string;
}
/** How a body or date is known when it is not stated (`basis` implied or inferred, always with a reason). */
export interface BasisFields {
  bodyBasis?: Basis;
  bodyReason?: string;
  dateBasis?: Basis;
  dateReason?: string;
}
/** How the person and the post of a change are identified when the note does not name them in so many words. */
export interface IdentificationFields {
  personBasis?: Basis;
  personReason?: string;
  postBasis?: Basis;
  postReason?: string;
  organizationBasis?: Basis;
  organizationReason?: string;
}
export const MAX_QUOTE_WORDS = 20;

export interface Known {
  letters: Map<string, Letter>;
  persons: Set<string>;
  organizations: Set<string>;
  posts: Set<string>;
  places: Set<string>;
  citations: CitationModel[];
  /** The latest publication year of the editions: no event they report can be dated after it. */
  editionYear?: number;
}

export type ProblemSink = (
  file: string,
  r: Located<{ id: string }>,
  field: string,
  code: ProblemCode,
  message: string,
  hint?: string,
  refersTo?: string,
) => void;

/** A sink that records a problem at the line of a record's field (or of the record). */
export function problemSink(problems: CorpusProblem[]): ProblemSink {
  return (file, r, field, code, message, hint, refersTo) => {
    problems.push({
      code,
      file,
      line: r.fieldLines[field] ?? r.line,
      entry: r.value.id,
      message,
      ...(hint ? { hint } : {}),
      ...(refersTo ? { refersTo } : {}),
    });
  };
}

/** Checks a piece of evidence: the letter and note exist, and the quote (≤ 20 words) occurs in that text. */
export function evidenceChecker(known: Pick<Known, 'letters'>, problem: ProblemSink) {
  return (file: string, r: Located<{ id: string }>, field: string, e: EvidenceRecord): Evidence | undefined => {
    const letter = known.letters.get(e.letter);
    if (!letter) {
      problem(
        file,
        r,
        field,
        'unknown-letter',
        `${field}.letter "${e.letter}" is not a letter of the corpus`,
        'letter ids: molotov-55 … molotov-71, kaganovich-1932-08-11',
        'letter',
      );
      return undefined;
    }
    let text = letter.text;
    if (e.note !== undefined) {
      const note = letter.footnotes.find((f) => f.number === e.note);
      if (!note) {
        problem(
          file,
          r,
          field,
          'unknown-footnote',
          `${e.letter} has no note ${e.note} (it has ${letter.footnotes.length})`,
          'check the note number in the edition text',
          'letter',
        );
        return undefined;
      }
      text = note.text;
    }
    if (wordCount(e.quote) > MAX_QUOTE_WORDS) {
      problem(
        file,
        r,
        field,
        'quote-too-long',
        `the quote has ${wordCount(e.quote)} words; at most ${MAX_QUOTE_WORDS}`,
        'shorten it to the words that state the fact',
      );
    }
    const found = findQuote(text, e.quote);
    if (!found) {
      problem(
        file,
        r,
        field,
        'quote-not-found',
        `quote "${e.quote}" does not occur in ${e.letter} ${e.note !== undefined ? `note ${e.note}` : 'letter text'}`,
        'copy the words exactly as printed, extraction damage included ("deputycommissar"); line breaks count as spaces',
      );
      return undefined;
    }
    return {
      letter: e.letter,
      ...(e.note !== undefined ? { note: e.note } : {}),
      quote: e.quote,
      start: found.start,
      end: found.end,
      src: { file, line: r.fieldLines[field] ?? r.line, entry: r.value.id },
    };
  };
}

/** Checks a date: EDTF that parses, agrees with the words as printed, and lies before the last edition was printed. */
export function dateChecker(known: Pick<Known, 'editionYear'>, problem: ProblemSink) {
  return (
    file: string,
    r: Located<{ id: string }>,
    edtf: string | undefined,
    printed: string | undefined,
  ): DateValue | undefined => {
    if (edtf === undefined) return undefined;
    let d: DateValue;
    try {
      d = parseEdtf(edtf, printed ?? edtf);
    } catch (e) {
      if (!(e instanceof DateParseError)) throw e;
      problem(
        file,
        r,
        'date',
        'impossible-date',
        `date "${edtf}": ${e.message}`,
        'write dates as EDTF: YYYY-MM-DD, YYYY-MM, YYYY or an interval A/B',
      );
      return undefined;
    }
    // the date must say what the printed words say, and lie before the editions were printed (issue 31: a
    // resolution dated 3029-06-27 "27 June 1929" was published)
    const disagreement = printed === undefined ? undefined : printedDisagreement(d);
    if (disagreement) {
      problem(
        file,
        r,
        'date',
        'date-contradicts-printed',
        `date "${edtf}" disagrees with dateAsPrinted "${printed}": ${disagreement}`,
        'correct date (or dateAsPrinted, which must quote the source)',
      );
      return undefined;
    }
    if (known.editionYear !== undefined && Number(d.earliest.slice(0, 4)) > known.editionYear) {
      problem(
        file,
        r,
        'date',
        'date-after-edition',
        `date "${edtf}" is after ${known.editionYear}, when the last edition was printed`,
        'correct the year',
      );
      return undefined;
    }
    return d;
  };
}

/** The checks the event kinds share: references, evidence, dates and bases, reporting into one problem sink. */
export function recordChecks(known: Known, problem: ProblemSink) {
  const evidenceOf = evidenceChecker(known, problem);
  const dateOf = dateChecker(known, problem);

  const ref = (
    file: string,
    r: Located<{ id: string }>,
    field: string,
    set: ReadonlySet<string> | ReadonlyMap<string, unknown>,
    id: string | undefined,
    what: string,
  ): void => {
    if (id !== undefined && !set.has(id))
      problem(
        file,
        r,
        field,
        'unknown-reference',
        `${field} "${id}" is not a known ${what}`,
        `add it to the ${what} records or fix the id`,
        what,
      );
  };

  // How a value is known: the record always says it (no default: a blank used to be published as 'stated', issue 25);
  // implied or inferred needs a reason (the hint says where to find one); a basis without its value is a mistake.
  const basisOf = (
    file: string,
    r: Located<{ id: string }>,
    what: string,
    has: boolean,
    basis: Basis | undefined,
    reason: string | undefined,
    reasonHint: string,
  ): BasisNote | undefined => {
    if (basis !== undefined && !has)
      problem(
        file,
        r,
        `${what}Basis`,
        'basis-without-value',
        `${what}Basis is given but the record has no ${what}`,
        `remove ${what}Basis or give the ${what}`,
      );
    if (!has) return undefined;
    if (basis === undefined) {
      problem(
        file,
        r,
        what,
        'basis-missing',
        `${what} is given without ${what}Basis`,
        `add ${what}Basis: stated (the text says it in so many words), implied or inferred (both with ${what}Reason: ${reasonHint})`,
      );
      return undefined;
    }
    if (basis !== 'stated' && !reason)
      problem(
        file,
        r,
        `${what}Basis`,
        'basis-without-reason',
        `${what}Basis "${basis}" needs ${what}Reason`,
        reasonHint,
      );
    return { basis, ...(reason ? { reason } : {}) };
  };
  const VALUE_HINT = 'say which words or which other record the value is read from';
  const basesOf = (
    file: string,
    r: Located<{ id: string }>,
    v: BasisFields,
    hasBody: boolean,
    hasDate: boolean,
  ): { bodyBasis?: BasisNote; dateBasis?: BasisNote } => {
    const bodyBasis = basisOf(file, r, 'body', hasBody, v.bodyBasis, v.bodyReason, VALUE_HINT);
    const dateBasis = basisOf(file, r, 'date', hasDate, v.dateBasis, v.dateReason, VALUE_HINT);
    return { ...(bodyBasis ? { bodyBasis } : {}), ...(dateBasis ? { dateBasis } : {}) };
  };
  // How the person, post and organisation of a change are identified, as for bodies and dates.
  const identificationOf = (
    file: string,
    r: Located<{ id: string }>,
    v: IdentificationFields & { post?: string; organization?: string },
  ): { personBasis?: BasisNote; postBasis?: BasisNote; organizationBasis?: BasisNote } => {
    const hint = (what: string): string => `say which words identify the ${what}, or which other record`;
    const postBasis = basisOf(file, r, 'post', v.post !== undefined, v.postBasis, v.postReason, hint('post'));
    const organizationBasis = basisOf(
      file,
      r,
      'organization',
      v.organization !== undefined,
      v.organizationBasis,
      v.organizationReason,
      hint('organization'),
    );
    const personBasis = basisOf(file, r, 'person', true, v.personBasis, v.personReason, hint('person'));
    return {
      ...(personBasis ? { personBasis } : {}),
      ...(postBasis ? { postBasis } : {}),
      ...(organizationBasis ? { organizationBasis } : {}),
    };
  };
  return { problem, evidenceOf, dateOf, ref, basisOf, basesOf, identificationOf };
}

export type RecordChecks = ReturnType<typeof recordChecks>;
