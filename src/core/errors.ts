// Errors shared by every stage, below all of them in src/core (test/layers.test.ts checks the direction of every
// import): the one-line UsageError, and the registry of the codes a corpus problem may carry.

/** An error the CLI reports in one line (exit 1) without a stack trace: a wrong option, a missing file, a bad query. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Every code a corpus problem may carry (`validate --format json` prints them; tools may rely on them). A new check
 * adds its code here, so that a typo in a code is a type error and the list is documented in one place. */
export const PROBLEM_CODES = [
  'ambiguous-variant',
  'annotation-text-not-found',
  'bad-qid',
  'basis-without-reason',
  'basis-without-value',
  'citation-not-found',
  'date-after-edition',
  'date-after-letter',
  'date-contradicts-printed',
  'decision-before-letter',
  'decision-may-precede-letter',
  'duplicate-heading',
  'duplicate-id',
  'effect-before-change',
  'effect-without-evidence',
  'empty-file',
  'empty-source',
  'heading-out-of-order',
  'impossible-date',
  'incompatible-posts',
  'letter-linked-twice',
  'letter-without-body',
  'lone-cr',
  'malformed-yaml',
  'marker-missing',
  'missing-date-line',
  'missing-file',
  'missing-heading',
  'missing-schema',
  'missing-shapes',
  'missing-source',
  'no-corpus',
  'no-letters',
  'not-in-reference',
  'not-utf8',
  'order-basis-not-needed',
  'outcome-without-basis',
  'outcome-without-evidence',
  'oversized',
  'part-start-not-found',
  'prompt-after-decision',
  'prompt-order-unknown',
  'proposal-evidence-not-in-letter',
  'qid-conflict',
  'qid-kind-mismatch',
  'qid-not-in-reference',
  'qid-used-twice',
  'quote-not-found',
  'quote-too-long',
  'reference-mismatch',
  'schema',
  'shacl',
  'two-holders',
  'unknown-archive',
  'unknown-change-type',
  'unknown-date-form',
  'unknown-footnote',
  'unknown-letter',
  'unknown-outcome',
  'unknown-reference',
  'unresolvable-citation',
  'variant-not-in-text',
  'verbatim-run-too-long',
  'wrong-type',
  'yaml-aliases',
  'yaml-syntax',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
