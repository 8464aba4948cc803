// Proposals (corpus/proposals.yaml): what a letter asks for, and what became of it: the decision and the changes that
// enacted it or went against it, how the outcome is known, and the lag from letter to decision (never from a
// convention bound).

import { daysBetween, knownEarliest, knownLatest, type DateValue } from '../corpus/dates.js';
import type { Located } from '../corpus/yaml.js';
import { iriPath } from '../core/iri.js';
import type { EvidenceRecord, Known, RecordChecks } from './evidence.js';
import type { BasisNote, Change, Proposal, Resolution } from './types.js';
import { PROPOSAL_OUTCOMES, type Basis, type ProposalOutcome } from './vocabulary.js';

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

export function buildProposals(
  file: string,
  records: readonly Located<ProposalRecord>[],
  known: Known,
  checks: RecordChecks,
  ctx: {
    changes: readonly Change[];
    resolutions: readonly Resolution[];
    changeIds: ReadonlySet<string>;
    resolutionIds: ReadonlySet<string>;
  },
): Proposal[] {
  const { problem, evidenceOf, ref } = checks;
  const { changeIds, resolutionIds } = ctx;
  const resolutionById = new Map(ctx.resolutions.map((x) => [x.id, x]));
  const changeById = new Map(ctx.changes.map((x) => [x.id, x]));

  const proposals: Proposal[] = [];
  for (const r of records) {
    const v = r.value;
    const f = file;
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
  return proposals;
}
