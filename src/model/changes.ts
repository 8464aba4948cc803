// Changes of office (corpus/changes.yaml): who was appointed, relieved, confirmed … to which post, when, by which
// body, and whether it took effect; every value with its basis and the record with its evidence.

import { knownLatest, type DateValue } from '../corpus/dates.js';
import type { Located } from '../corpus/yaml.js';
import type { BasisFields, EvidenceRecord, IdentificationFields, Known, RecordChecks } from './evidence.js';
import type { Change, Effect } from './types.js';
import { CHANGE_TYPES, type Basis, type ChangeType, type EffectStatus } from './vocabulary.js';

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

export function buildChanges(
  file: string,
  records: readonly Located<ChangeRecord>[],
  known: Known,
  checks: RecordChecks,
  resolutionIds: ReadonlySet<string>,
): Change[] {
  const { problem, evidenceOf, dateOf, ref, basesOf, identificationOf } = checks;
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

  const changes: Change[] = [];
  for (const r of records) {
    const v = r.value;
    const f = file;
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
  return changes;
}
