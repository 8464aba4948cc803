// Just enough types for shacl-engine (it ships none): a validator whose report is a standard W3C report graph.

declare module 'shacl-engine' {
  import type { DatasetCore, DataFactory, DatasetCoreFactory, Term } from '@rdfjs/types';
  export interface ValidationReport {
    conforms: boolean;
    dataset: DatasetCore;
    term: Term;
  }
  export class Validator {
    constructor(
      shapes: DatasetCore,
      options: {
        factory: DataFactory & DatasetCoreFactory;
        validations?: Map<unknown, unknown>;
        targetResolvers?: Map<unknown, unknown>;
      },
    );
    /** With `shapes`, only those shapes are applied, to `terms` (their targets are not looked up). */
    validate(
      data: { dataset: DatasetCore; terms?: Iterable<Term> },
      shapes?: { terms: Term[] }[],
    ): Promise<ValidationReport>;
  }
}

declare module 'shacl-engine/sparql.js' {
  export const validations: Map<unknown, unknown>;
  export const targetResolvers: Map<unknown, unknown>;
}
