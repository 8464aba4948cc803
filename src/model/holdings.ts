// Holdings attested on a date (corpus/holdings.yaml): a person named in a post on a date where the text records no
// change of office. An added record kind (model/kinds.ts): it says the person held the post on that date and nothing
// about the tenure's bounds, so it is kept apart from the offices derived from the changes; `who-held` reads both.

import type { DateValue } from '../corpus/dates.js';
import type { Located } from '../corpus/yaml.js';
import { type EvidenceRecord, dateChecker, evidenceChecker, problemSink } from './evidence.js';
import { registerKind } from './kinds.js';
import type { BasisNote, Evidence, Src } from './types.js';
import type { Basis } from './vocabulary.js';

export interface HoldingRecord {
  id: string;
  person: string;
  personBasis: Basis;
  personReason?: string;
  post: string;
  postBasis: Basis;
  postReason?: string;
  date: string;
  dateAsPrinted: string;
  dateBasis: Basis;
  dateReason?: string;
  evidence: EvidenceRecord;
  comment?: string;
}

export interface Holding {
  id: string;
  person: string;
  personBasis: BasisNote;
  post: string;
  postBasis: BasisNote;
  date: DateValue;
  dateBasis: BasisNote;
  evidence: Evidence;
  comment?: string;
  src: Src;
}

export const HOLDINGS_KEY = 'holdings';

const note = (basis: Basis, reason: string | undefined): BasisNote => ({ basis, ...(reason ? { reason } : {}) });

registerKind<HoldingRecord, Holding>({
  key: HOLDINGS_KEY,
  file: 'holdings.yaml',
  schema: 'holdings.schema.json',
  optional: true,
  kind: 'holding',
  verbatim: true,
  build: (records: readonly Located<HoldingRecord>[], ctx) => {
    const problem = problemSink(ctx.problems);
    const evidenceOf = evidenceChecker({ letters: ctx.letters as Map<string, never> }, problem);
    const dateOf = dateChecker(ctx, problem);
    const out: Holding[] = [];
    for (const r of records) {
      const v = r.value;
      let ok = true;
      for (const [field, id, ids, what] of [
        ['person', v.person, ctx.ids.persons, 'person'],
        ['post', v.post, ctx.ids.posts, 'post'],
      ] as const) {
        if (ids.has(id)) continue;
        ok = false;
        problem(
          ctx.file,
          r,
          field,
          'unknown-reference',
          `${field} "${id}" is not a known ${what}`,
          `add it to the ${what} records or fix the id`,
          what,
        );
      }
      const evidence = evidenceOf(ctx.file, r, 'evidence', v.evidence);
      const date = dateOf(ctx.file, r, v.date, v.dateAsPrinted);
      if (!ok || !evidence || !date) continue;
      out.push({
        id: v.id,
        person: v.person,
        personBasis: note(v.personBasis, v.personReason),
        post: v.post,
        postBasis: note(v.postBasis, v.postReason),
        date,
        dateBasis: note(v.dateBasis, v.dateReason),
        evidence,
        ...(v.comment ? { comment: v.comment } : {}),
        src: { file: ctx.file, line: r.line, entry: v.id },
      });
    }
    return out.sort((a, b) => a.id.localeCompare(b.id));
  },
});
