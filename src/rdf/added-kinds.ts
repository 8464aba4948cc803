// The mappers of the record kinds added through the registry (rdf/kinds.ts registerMapper): one import line per kind
// module. `toGraph` imports this file, so every added kind's records are mapped.
import './holdings.js';
