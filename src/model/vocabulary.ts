// Controlled vocabularies of the model: the kinds of change of office and the outcomes of a proposal. They are
// concepts of the edition's content, so they live here; src/rdf/vocab.ts maps each value to its concept IRI.

export const CHANGE_TYPES = [
  'appointed',
  'confirmed',
  'recommended',
  'relieved',
  'dismissed',
  'transferred',
  'recalled',
  'removed',
  'reprimanded',
  'expelled',
  'released',
  'retained',
  'reversed',
  'held',
] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const PROPOSAL_OUTCOMES = ['enacted', 'modified', 'rejected', 'unknown'] as const;
export type ProposalOutcome = (typeof PROPOSAL_OUTCOMES)[number];

/** How a value is known: the text says it (stated), the text says it without the words (implied: "changed its
 * mind" about an appointment), or the curator reasoned it from other facts (inferred, always with a reason). */
export const BASES = ['stated', 'implied', 'inferred'] as const;
export type Basis = (typeof BASES)[number];

/** Whether a change of office took effect, as far as the notes say. */
export const EFFECT_STATUSES = ['carried-out', 'not-carried-out', 'reversed', 'conditional'] as const;
export type EffectStatus = (typeof EFFECT_STATUSES)[number];
