// Resolutions (corpus/resolutions.yaml): what a body decided and when, the archival citations of the decree, the
// letters that prompted it (with the letter's request, the tying note and a known order) or are only related to it,
// and the changes of office it decided.

import { knownEarliest, knownLatest, type DateValue } from '../corpus/dates.js';
import type { Located } from '../corpus/yaml.js';
import type { BasisFields, EvidenceRecord, Known, ProblemSink, RecordChecks } from './evidence.js';
import { findQuote } from './text.js';
import type { Change, CitationModel, Evidence, PromptClaim, Resolution } from './types.js';
import type { Basis } from './vocabulary.js';

export interface PromptRecord {
  letter: string;
  /** Verbatim words of the letter's own text that ask for what the decision did. */
  request: string;
  /** The note that ties the decision to the letter (a note of the same letter unless `letter` is given). */
  tie: { letter?: string; note: number; quote: string };
  /** Needed when the dates the sources give do not show that the letter came first. */
  orderBasis?: Exclude<Basis, 'stated'>;
  orderReason?: string;
}
export interface ResolutionRecord extends BasisFields {
  id: string;
  body: string;
  coBodies?: string[];
  date?: string;
  dateAsPrinted?: string;
  title?: string;
  summary: string;
  items?: string[];
  citation?: string;
  citationOccurrence?: number;
  promptedBy?: PromptRecord[];
  related?: EvidenceRecord[];
  evidence: EvidenceRecord;
  comment?: string;
}

export function buildResolutions(
  file: string,
  records: readonly Located<ResolutionRecord>[],
  known: Known,
  checks: RecordChecks,
  changes: readonly Change[],
): Resolution[] {
  const { problem, evidenceOf, dateOf, ref, basesOf } = checks;
  // "Prompted by": the letter's own words asking for what the decision did, the note that ties the two, and the
  // order of letter and decision from what the sources give — never from a 1 January / 31 December convention bound.
  const promptOf = (
    file: string,
    r: Located<{ id: string }>,
    p: PromptRecord,
    date: DateValue | undefined,
  ): PromptClaim | undefined => {
    const letter = known.letters.get(p.letter);
    if (!letter) {
      problem(
        file,
        r,
        'promptedBy',
        'unknown-reference',
        `promptedBy letter "${p.letter}" is not a letter of the corpus`,
        'letter ids: molotov-55 … molotov-71, kaganovich-1932-08-11',
        'letter',
      );
      return undefined;
    }
    const request = evidenceOf(file, r, 'promptedBy', { letter: p.letter, quote: p.request });
    const tie = evidenceOf(file, r, 'promptedBy', {
      letter: p.tie.letter ?? p.letter,
      note: p.tie.note,
      quote: p.tie.quote,
    });
    if (!request || !tie) return undefined;
    const earliest = knownEarliest(letter.date);
    const latest = knownLatest(letter.date);
    if (date && earliest !== undefined && date.latest < earliest) {
      problem(
        file,
        r,
        'promptedBy',
        'prompt-after-decision',
        `${p.letter} (${letter.date.asPrinted}) was written after the decision of ${date.asPrinted}, so it cannot have prompted it`,
        'link the letter with related (evidence only) instead',
      );
      return undefined;
    }
    if (date && latest !== undefined && latest < date.earliest) {
      if (p.orderBasis)
        problem(
          file,
          r,
          'promptedBy',
          'order-basis-not-needed',
          `the dates already show that ${p.letter} came before the decision; drop orderBasis`,
        );
      return {
        letter: p.letter,
        request,
        tie,
        order: {
          basis: 'implied',
          reason: `the letter is of ${letter.date.asPrinted}, the decision of ${date.asPrinted}`,
        },
      };
    }
    if (!p.orderBasis || !p.orderReason) {
      problem(
        file,
        r,
        'promptedBy',
        'prompt-order-unknown',
        `the dates the sources give do not show that ${p.letter} (${letter.date.asPrinted}) came before the decision${date ? ` of ${date.asPrinted}` : ' (undated)'}`,
        'give orderBasis (implied or inferred) and orderReason with the words that show the order, or link the letter with related instead',
      );
      return undefined;
    }
    return { letter: p.letter, request, tie, order: { basis: p.orderBasis, reason: p.orderReason } };
  };

  const resolutions: Resolution[] = [];
  const decidedBy = new Map<string, string[]>();
  for (const c of changes)
    if (c.resolution) decidedBy.set(c.resolution, [...(decidedBy.get(c.resolution) ?? []), c.id]);
  for (const r of records) {
    const v = r.value;
    const f = file;
    ref(f, r, 'body', known.organizations, v.body, 'organization');
    for (const b of v.coBodies ?? []) ref(f, r, 'coBodies', known.organizations, b, 'organization');
    const evidence = evidenceOf(f, r, 'evidence', v.evidence);
    const date = dateOf(f, r, v.date, v.dateAsPrinted);
    const citations = v.citation && evidence ? findCitations(f, r, v, evidence, known, problem) : [];
    const promptClaims = (v.promptedBy ?? []).map((p) => promptOf(f, r, p, date)).filter((p): p is PromptClaim => !!p);
    const related = (v.related ?? [])
      .map((e) => evidenceOf(f, r, 'related', e))
      .filter((e): e is Evidence => !!e)
      .map((e) => ({ letter: e.letter, evidence: e }));
    const seen = new Set<string>();
    for (const l of [...promptClaims.map((p) => p.letter), ...related.map((x) => x.letter)]) {
      if (seen.has(l))
        problem(
          f,
          r,
          'related',
          'letter-linked-twice',
          `${l} is listed twice in promptedBy/related`,
          'a letter either prompted the decision (with its request) or is only related to it',
        );
      seen.add(l);
    }
    const { bodyBasis, dateBasis } = basesOf(f, r, v, true, date !== undefined);
    if (
      !evidence ||
      (v.date && !date) ||
      promptClaims.length !== (v.promptedBy ?? []).length ||
      related.length !== (v.related ?? []).length
    )
      continue;
    resolutions.push({
      id: v.id,
      body: v.body,
      coBodies: v.coBodies ?? [],
      ...(date ? { date } : {}),
      ...(v.comment ? { comment: v.comment } : {}),
      summary: v.summary,
      items: v.items ?? [],
      prompts: promptClaims.map((p) => p.letter),
      promptClaims,
      related,
      bodyBasis: bodyBasis!,
      ...(dateBasis ? { dateBasis } : {}),
      decides: (decidedBy.get(v.id) ?? []).sort(),
      evidence,
      src: { file: f, line: r.line, entry: v.id },
      citations,
      ...(v.title ? { title: v.title } : {}),
    });
  }
  return resolutions;
}

const byNote = new WeakMap<readonly CitationModel[], Map<string, CitationModel[]>>();

/** The citations of one note, in reading order; indexed once per citation list (a filter per resolution is quadratic). */
function citationsInNote(all: readonly CitationModel[], letter: string, note: number | undefined): CitationModel[] {
  let index = byNote.get(all);
  if (!index) {
    byNote.set(all, (index = new Map()));
    for (const c of all) {
      const key = `${c.letter}#${c.note}`;
      const list = index.get(key);
      if (list) list.push(c);
      else index.set(key, [c]);
    }
  }
  return index.get(`${letter}#${note}`) ?? [];
}

/** The parsed citations a resolution names by their printed text, within the evidence note. */
function findCitations(
  file: string,
  r: Located<{ id: string }>,
  v: ResolutionRecord,
  evidence: Evidence,
  known: Known,
  problem: ProblemSink,
): string[] {
  const letter = known.letters.get(evidence.letter)!;
  const note = letter.footnotes.find((f) => f.number === evidence.note);
  const inNote = citationsInNote(known.citations, evidence.letter, evidence.note);
  let found: { start: number; end: number } | undefined;
  for (let k = 0, from = 0; k < (v.citationOccurrence ?? 1); k++) {
    found = note ? findQuote(note.text, v.citation!, from) : undefined;
    if (!found) break;
    from = found.end;
  }
  const covered = found ? inNote.filter((c) => c.start >= found!.start && c.end <= found!.end) : [];
  if (!covered.length) {
    problem(
      file,
      r,
      'citation',
      'citation-not-found',
      `no citation "${v.citation}" in ${evidence.letter} note ${evidence.note ?? '(letter text)'}; the note has: ${inNote.map((c) => `"${c.printed.replace(/\s+/g, ' ')}"`).join(', ') || 'none'}`,
      'write the citation as printed, without parentheses',
    );
  }
  return covered.map((c) => c.id);
}
