// Holdings attested on a date (model/holdings.ts) as sl:Holding: holder, post, the date at its precision with its
// basis, how the person and post are identified, and the passage that says it.

import { iriPath } from '../core/iri.js';
import { HOLDINGS_KEY, type Holding } from '../model/holdings.js';
import type { Letter } from '../model/types.js';
import { addDate } from './dates.js';
import { addBasis, addEvidence } from './events.js';
import { registerMapper } from './kinds.js';
import { SL } from './vocab.js';

registerMapper<Holding>(HOLDINGS_KEY, (g, h, ctx) => {
  const s = g.node(iriPath.holding(h.id));
  g.type(s, SL.Holding, h.src);
  g.add(s, SL.holder, g.node(iriPath.person(h.person)));
  g.add(s, SL.post, g.node(iriPath.post(h.post)));
  addDate(g, s, h.date);
  addBasis(g, s, SL.dateBasis, SL.dateBasisReason, h.dateBasis);
  addBasis(g, s, SL.personBasis, SL.personBasisReason, h.personBasis);
  addBasis(g, s, SL.postBasis, SL.postBasisReason, h.postBasis);
  g.add(s, SL.comment, g.en(h.comment));
  addEvidence(g, s, `${iriPath.holding(h.id)}/evidence`, h.evidence, ctx.letters as Map<string, Letter>, SL.evidence);
});
