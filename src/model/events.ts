// Changes of office, resolutions and proposals: references resolved, dates normalised, and every piece of
// evidence checked against the printed text (the quote must occur in the note, or in the letter's own text).

import {
  parseEdtf,
  daysBetween,
  knownEarliest,
  knownLatest,
  DateParseError,
  printedDisagreement,
  type DateValue,
} from '../corpus/dates.js';
import type { CorpusProblem, ProblemCode } from '../corpus/errors.js';
import type { Located } from '../corpus/yaml.js';
import {
  CHANGE_TYPES,
  PROPOSAL_OUTCOMES,
  type Basis,
  type ChangeType,
  type EffectStatus,
  type ProposalOutcome,
} from './vocabulary.js';
import { findQuote, wordCount } from './text.js';
import type {
  BasisNote,
  Change,
  CitationModel,
  Effect,
  Evidence,
  Letter,
  PromptClaim,
  Proposal,
  Resolution,
} from './types.js';
import { iriPath } from '../core/iri.js';

export interface EvidenceRecord {
  letter: string;
  note?: number;
  quote: string;
}
/** How a body or date is known when it is not stated (`basis` implied or inferred, always with a reason). */
interface BasisFields {
  bodyBasis?: Basis;
  bodyReason?: string;
  dateBasis?: Basis;
  dateReason?: string;
}
/** How the person and the post of a change are identified when the note does not name them in so many words. */
interface IdentificationFields {
  personBasis?: Basis;
  personReason?: string;
  postBasis?: Basis;
  postReason?: string;
  organizationBasis?: Basis;
  organizationReason?: string;
}
export interface EffectRecord {
  status: EffectStatus;
  basis: Basis;
  reason: string;
  date?: string;
  dateAsPrinted?: string;
  evidence?: EvidenceRecord;
}
export interface ChangeRecord extends BasisFields, IdentificationFields {
  id: string;
  type: ChangeType;
  person: string;
  post?: string;
  organization?: string;
  fromPost?: string;
  date?: string;
  dateAsPrinted?: string;
  body?: string;
  coBodies?: string[];
  resolution?: string;
  evidence: EvidenceRecord;
  comment?: string;
  effect?: EffectRecord;
}
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
export interface ProposalRecord {
  id: string;
  letter: string;
  summary: string;
  kind: string;
  persons?: string[];
  posts?: string[];
  organizations?: string[];
  evidence: EvidenceRecord;
  outcome: ProposalOutcome;
  decision?: string;
  changes?: string[];
  rejectedBy?: string[];
  outcomeEvidence?: EvidenceRecord;
  outcomeBasis?: Basis;
  outcomeReason?: string;
  comment?: string;
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

export interface EventsResult {
  changes: Change[];
  resolutions: Resolution[];
  proposals: Proposal[];
  problems: CorpusProblem[];
}

export function buildEvents(
  files: { changes: string; resolutions: string; proposals: string },
  records: {
    changes: Located<ChangeRecord>[];
    resolutions: Located<ResolutionRecord>[];
    proposals: Located<ProposalRecord>[];
  },
  known: Known,
): EventsResult {
  const problems: CorpusProblem[] = [];
  const problem = problemSink(problems);

  const evidenceOf = evidenceChecker(known, problem);
  const dateOf = dateChecker(known, problem);

  const ref = (
    file: string,
    r: Located<{ id: string }>,
    field: string,
    set: Set<string> | Map<string, unknown>,
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
  // Whether a change took effect: always curated (a blank used to be published as carried out, issue 25).
  const effectOf = (
    file: string,
    r: Located<{ id: string }>,
    e: EffectRecord | undefined,
    changeDate: DateValue | undefined,
  ): Effect | undefined => {
    if (!e) {
      problem(
        file,
        r,
        'id',
        'effect-missing',
        'the change has no effect',
        'add effect: {status: carried-out, basis: stated or implied, reason: …}, or not-carried-out / reversed / conditional with evidence; a recommendation whose outcome the notes do not record is not carried out',
      );
      return undefined;
    }
    const evidence = e.evidence ? evidenceOf(file, r, 'effect', e.evidence) : undefined;
    if (e.evidence && !evidence) return undefined;
    if (e.status !== 'carried-out' && !e.evidence)
      problem(
        file,
        r,
        'effect',
        'effect-without-evidence',
        `effect "${e.status}" needs effect.evidence from the texts`,
        'quote the words that show the change did not take effect as decided',
      );
    const date = dateOf(file, r, e.date, e.dateAsPrinted);
    if (date && changeDate && knownLatest(date) !== undefined && date.latest < changeDate.earliest) {
      problem(
        file,
        r,
        'effect',
        'effect-before-change',
        `effect date ${date.asPrinted} is before the change's date ${changeDate.asPrinted}`,
        'a decision is reversed or fulfilled only after it is taken',
      );
    }
    return {
      status: e.status,
      basis: e.basis,
      reason: e.reason,
      ...(date ? { date } : {}),
      ...(evidence ? { evidence } : {}),
    };
  };

  const resolutionIds = new Set(records.resolutions.map((r) => r.value.id));
  const changeIds = new Set(records.changes.map((r) => r.value.id));

  const changes: Change[] = [];
  for (const r of records.changes) {
    const v = r.value;
    const f = files.changes;
    if (!(CHANGE_TYPES as readonly string[]).includes(v.type))
      problem(f, r, 'type', 'unknown-change-type', `type "${v.type}" is not one of ${CHANGE_TYPES.join(', ')}`);
    ref(f, r, 'person', known.persons, v.person, 'person');
    ref(f, r, 'post', known.posts, v.post, 'post');
    ref(f, r, 'fromPost', known.posts, v.fromPost, 'post');
    ref(f, r, 'organization', known.organizations, v.organization, 'organization');
    ref(f, r, 'body', known.organizations, v.body, 'organization');
    ref(f, r, 'resolution', resolutionIds, v.resolution, 'resolution');
    const evidence = evidenceOf(f, r, 'evidence', v.evidence);
    const date = dateOf(f, r, v.date, v.dateAsPrinted);
    if (evidence && date && evidence.note === undefined) {
      const letter = known.letters.get(evidence.letter)!;
      if (date.earliest > letter.date.latest) {
        problem(
          f,
          r,
          'date',
          'date-after-letter',
          `the letter ${letter.id} states this change as a fact, but its date ${date.earliest} is after the letter's latest possible date ${letter.date.latest}`,
          'a letter can only report what happened before it was written',
        );
      }
    }
    for (const b of v.coBodies ?? []) ref(f, r, 'coBodies', known.organizations, b, 'organization');
    const bases = basesOf(f, r, v, v.body !== undefined, date !== undefined);
    const identification = identificationOf(f, r, v);
    const effect = effectOf(f, r, v.effect, date);
    if (!evidence || !effect || !identification.personBasis) continue;
    changes.push({
      id: v.id,
      type: v.type,
      person: v.person,
      evidence,
      effect,
      coBodies: v.coBodies ?? [],
      src: { file: f, line: r.line, entry: v.id },
      ...(v.post ? { post: v.post } : {}),
      ...(v.organization ? { organization: v.organization } : {}),
      ...(v.comment ? { comment: v.comment } : {}),
      ...(v.fromPost ? { fromPost: v.fromPost } : {}),
      ...(date ? { date } : {}),
      ...(v.body ? { body: v.body } : {}),
      ...(v.resolution ? { resolution: v.resolution } : {}),
      ...bases,
      ...identification,
      personBasis: identification.personBasis,
    });
  }

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
  for (const r of records.resolutions) {
    const v = r.value;
    const f = files.resolutions;
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
  const resolutionById = new Map(resolutions.map((x) => [x.id, x]));
  const changeById = new Map(changes.map((x) => [x.id, x]));

  const proposals: Proposal[] = [];
  for (const r of records.proposals) {
    const v = r.value;
    const f = files.proposals;
    ref(f, r, 'letter', known.letters, v.letter, 'letter');
    for (const p of v.persons ?? []) ref(f, r, 'persons', known.persons, p, 'person');
    for (const p of v.posts ?? []) ref(f, r, 'posts', known.posts, p, 'post');
    for (const o of v.organizations ?? []) ref(f, r, 'organizations', known.organizations, o, 'organization');
    ref(f, r, 'decision', resolutionIds, v.decision, 'resolution');
    for (const c of v.changes ?? []) ref(f, r, 'changes', changeIds, c, 'change');
    for (const c of v.rejectedBy ?? []) ref(f, r, 'rejectedBy', changeIds, c, 'change');
    // The changes that enacted a proposal and those that went against it are different links (issue 25).
    if (v.outcome === 'rejected' && v.changes?.length)
      problem(
        f,
        r,
        'changes',
        'enacting-changes-of-rejected',
        'a rejected proposal has no enacting changes',
        'name the changes that went against it under rejectedBy',
      );
    if (v.outcome !== 'rejected' && v.rejectedBy?.length)
      problem(
        f,
        r,
        'rejectedBy',
        'rejecting-changes-not-rejected',
        `rejectedBy is given but the outcome is "${v.outcome}"`,
        'use changes for the changes that enacted it, or set outcome: rejected',
      );
    if (!(PROPOSAL_OUTCOMES as readonly string[]).includes(v.outcome))
      problem(
        f,
        r,
        'outcome',
        'unknown-outcome',
        `outcome "${v.outcome}" is not one of ${PROPOSAL_OUTCOMES.join(', ')}`,
      );
    if (v.evidence.letter !== v.letter || v.evidence.note !== undefined) {
      problem(
        f,
        r,
        'evidence',
        'proposal-evidence-not-in-letter',
        `a proposal's evidence must quote the text of its own letter ${v.letter}`,
        'omit evidence.note and set evidence.letter to the proposal letter',
      );
    }
    if (v.outcome !== 'unknown' && !v.outcomeEvidence)
      problem(f, r, 'outcome', 'outcome-without-evidence', `outcome "${v.outcome}" needs outcomeEvidence from a note`);
    // How the outcome is known: every outcome but unknown says it (stated, implied or inferred), and why unless stated.
    if (v.outcome !== 'unknown' && !v.outcomeBasis)
      problem(
        f,
        r,
        'outcome',
        'outcome-without-basis',
        `outcome "${v.outcome}" needs outcomeBasis (stated, implied or inferred)`,
        'stated: a note says the decision answered the proposal; implied: a note records a decision that does (or undoes) what was asked; inferred: reasoned from other records',
      );
    if (v.outcome === 'unknown' && v.outcomeBasis)
      problem(
        f,
        r,
        'outcomeBasis',
        'basis-without-value',
        'outcomeBasis is given but the outcome is unknown',
        'remove outcomeBasis, or give the outcome with its evidence',
      );
    if (v.outcomeBasis && v.outcomeBasis !== 'stated' && !v.outcomeReason)
      problem(
        f,
        r,
        'outcomeBasis',
        'basis-without-reason',
        `outcomeBasis "${v.outcomeBasis}" needs outcomeReason`,
        'say which words or which other records the outcome is read from',
      );
    const outcomeBasis: BasisNote | undefined =
      v.outcome !== 'unknown' && v.outcomeBasis
        ? { basis: v.outcomeBasis, ...(v.outcomeReason ? { reason: v.outcomeReason } : {}) }
        : undefined;
    const evidence = evidenceOf(f, r, 'evidence', v.evidence);
    const outcomeEvidence = v.outcomeEvidence ? evidenceOf(f, r, 'outcomeEvidence', v.outcomeEvidence) : undefined;
    if (!evidence) continue;
    const letter = known.letters.get(v.letter);
    // The decision that answered the proposal: the resolution, else the earliest dated change that enacted it.
    const decisionDate =
      (v.decision ? resolutionById.get(v.decision)?.date : undefined) ??
      [...(v.changes ?? []), ...(v.rejectedBy ?? [])]
        .map((c) => changeById.get(c)?.date)
        .filter((d): d is DateValue => !!d)
        .sort((a, b) => a.earliest.localeCompare(b.earliest))[0];
    let lag: { lagDays?: number; lagDaysMax?: number } | undefined;
    if (decisionDate && letter) {
      // lagDays: the shortest possible lag, from the letter's latest possible day to the decision's earliest
      // possible day; lagDaysMax: the longest, from the letter's earliest to the decision's latest. A side that
      // rests on a convention bound ("no earlier than 6 August": no latest day is known) gives no figure.
      const latest = knownLatest(letter.date);
      const earliest = knownEarliest(letter.date);
      lag = {
        ...(latest !== undefined ? { lagDays: daysBetween(latest, decisionDate.earliest) } : {}),
        ...(earliest !== undefined ? { lagDaysMax: daysBetween(earliest, decisionDate.latest) } : {}),
      };
      if (earliest !== undefined && decisionDate.latest < earliest) {
        problem(
          f,
          r,
          'decision',
          'decision-before-letter',
          `the decision (${decisionDate.asPrinted}) is before the letter's earliest possible date ${earliest}`,
          'a decision cannot answer a proposal made later',
        );
      }
      if (lag.lagDays !== undefined && lag.lagDays < 0) {
        problem(
          f,
          r,
          'decision',
          'decision-may-precede-letter',
          `the decision (${decisionDate.asPrinted}) may be earlier than the letter (${letter.date.asPrinted})`,
          'check the decision; a proposal is answered after it is made',
        );
      }
    }
    proposals.push({
      id: v.id,
      letter: v.letter,
      summary: v.summary,
      kind: v.kind,
      outcome: v.outcome,
      evidence,
      concerns: [
        ...(v.persons ?? []).map((p) => iriPath.person(p)),
        ...(v.posts ?? []).map((p) => iriPath.post(p)),
        ...(v.organizations ?? []).map((o) => iriPath.organization(o)),
      ],
      changes: v.changes ?? [],
      rejectedBy: v.rejectedBy ?? [],
      src: { file: f, line: r.line, entry: v.id },
      ...(v.decision ? { decision: v.decision } : {}),
      ...(decisionDate ? { decisionDate } : {}),
      ...(lag ?? {}),
      ...(v.comment ? { comment: v.comment } : {}),
      ...(outcomeEvidence ? { outcomeEvidence } : {}),
      ...(outcomeBasis ? { outcomeBasis } : {}),
    });
  }
  return { changes, resolutions, proposals, problems };
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
