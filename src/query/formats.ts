// The names of the result formats and of the engines, apart from their writers (format.ts) and engines (engine.ts),
// so the CLI can offer them as choices without loading either.

export const SELECT_FORMATS = ['table', 'csv', 'tsv', 'json', 'md'] as const;
export const GRAPH_FORMATS = ['turtle', 'jsonld', 'nt'] as const;
export type Format = (typeof SELECT_FORMATS)[number] | (typeof GRAPH_FORMATS)[number];

export const ENGINES = ['oxigraph', 'comunica'] as const;
export type EngineName = (typeof ENGINES)[number];
