/** File names of the dumps in the output folder (a module of its own, so `query` need not load the build). */
export const DUMPS = {
  turtle: 'stalin-letters.ttl',
  jsonld: 'stalin-letters.jsonld',
  ntriples: 'stalin-letters.nt',
  context: 'context.jsonld',
  void: 'void.ttl',
} as const;
