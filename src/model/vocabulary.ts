// Controlled vocabularies of the model: the kinds of change of office and the outcomes of a proposal. They are
// concepts of the edition's content, so they live here; src/rdf/vocab.ts maps each value to its concept IRI.

export const CHANGE_TYPES = [
  'appointed', 'confirmed', 'recommended', 'relieved', 'dismissed', 'transferred', 'recalled', 'removed',
  'reprimanded', 'expelled', 'released', 'retained', 'reversed', 'held',
] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const PROPOSAL_OUTCOMES = ['enacted', 'modified', 'rejected', 'unknown'] as const;
export type ProposalOutcome = (typeof PROPOSAL_OUTCOMES)[number];
