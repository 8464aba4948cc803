declare module 'rdf-canonize' {
  import type { Quad } from '@rdfjs/types';
  const canonize: {
    canonize(
      input: Quad[] | object[],
      options: { algorithm: 'RDFC-1.0' | 'URDNA2015'; format?: string },
    ): Promise<string>;
  };
  export default canonize;
}

declare module '@rdfjs/environment/Environment.js' {
  export default class Environment {
    constructor(factories: unknown[], options?: { bind?: boolean });
  }
}
declare module '@rdfjs/term-map/Factory.js' {
  const Factory: unknown;
  export default Factory;
}
declare module '@rdfjs/term-set/Factory.js' {
  const Factory: unknown;
  export default Factory;
}
declare module 'rdf-ext/DataFactory.js' {
  const Factory: unknown;
  export default Factory;
}
declare module 'rdf-ext/DatasetFactory.js' {
  const Factory: unknown;
  export default Factory;
}
