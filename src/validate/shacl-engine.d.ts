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
    validate(data: { dataset: DatasetCore; terms?: Iterable<Term> }): Promise<ValidationReport>;
  }
}

declare module 'shacl-engine/sparql.js' {
  export const validations: Map<unknown, unknown>;
  export const targetResolvers: Map<unknown, unknown>;
}
