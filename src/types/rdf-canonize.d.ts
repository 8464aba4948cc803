declare module 'rdf-canonize' {
  import type { Quad } from '@rdfjs/types';
  const canonize: {
    canonize(input: Quad[] | object[], options: { algorithm: 'RDFC-1.0' | 'URDNA2015'; format?: string }): Promise<string>;
  };
  export default canonize;
}
