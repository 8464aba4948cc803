// Changes of office, resolutions and proposals, built together because they refer to each other: the changes first
// (they name their resolution), then the resolutions (which list the changes they decided), then the proposals (which
// name both). Each kind has its module; the checks they share are in evidence.ts.

import type { CorpusProblem } from '../corpus/errors.js';
import type { Located } from '../corpus/yaml.js';
import { type ChangeRecord, buildChanges } from './changes.js';
import { type Known, problemSink, recordChecks } from './evidence.js';
import { type ProposalRecord, buildProposals } from './proposals.js';
import { type ResolutionRecord, buildResolutions } from './resolutions.js';
import type { Change, Proposal, Resolution } from './types.js';

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
  const checks = recordChecks(known, problemSink(problems));
  const resolutionIds = new Set(records.resolutions.map((r) => r.value.id));
  const changeIds = new Set(records.changes.map((r) => r.value.id));
  const changes = buildChanges(files.changes, records.changes, known, checks, resolutionIds);
  const resolutions = buildResolutions(files.resolutions, records.resolutions, known, checks, changes);
  const proposals = buildProposals(files.proposals, records.proposals, known, checks, {
    changes,
    resolutions,
    changeIds,
    resolutionIds,
  });
  return { changes, resolutions, proposals, problems };
}
