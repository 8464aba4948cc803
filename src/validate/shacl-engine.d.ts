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

declare module 'shacl-engine/lib/compareTerms.js' {
  import type { Term } from '@rdfjs/types';
  /** The engine's order of two literals (sh:lessThan, sh:minInclusive…): negative, 0, positive, or null. */
  export default function compareTerms(a: Term | undefined, b: Term | undefined): number | null;
}

declare module 'rdf-validation' {
  import type { Term } from '@rdfjs/types';
  /** The lexical check shacl-engine's sh:datatype applies. */
  export class XsdValidation {
    validateSimple(term: Term): boolean;
  }
}
