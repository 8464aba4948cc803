import type { BaseIri } from './iri.js';

/** File names of the dumps in the output folder (a module of its own, so `query` need not load the build). */
export const DUMPS = {
  turtle: 'stalin-letters.ttl',
  jsonld: 'stalin-letters.jsonld',
  ntriples: 'stalin-letters.nt',
  context: 'context.jsonld',
  void: 'void.ttl',
  /** The offices held in Wikidata's statement model (src/rdf/wikidata.ts), to load beside the main dump. */
  wikidata: 'stalin-letters-wikidata.nt',
} as const;

/** The named graph `load` replaces by default, and the one the release README gives Virtuoso's bulk loader. */
export const defaultGraph = (base: BaseIri): string => `${base}dataset`;
