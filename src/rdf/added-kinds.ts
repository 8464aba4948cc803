// The mappers of the record kinds added through the registry (rdf/kinds.ts registerMapper): one import line per
// mapper module, each of which registers its mapper when loaded. `toGraph` imports this file.

export {};
