// The names of the result formats, apart from their writers (format.ts), so the CLI can offer them as choices
// without loading any writer.

export const SELECT_FORMATS = ['table', 'csv', 'tsv', 'json', 'md'] as const;
export const GRAPH_FORMATS = ['turtle', 'jsonld', 'nt'] as const;
export type Format = (typeof SELECT_FORMATS)[number] | (typeof GRAPH_FORMATS)[number];
