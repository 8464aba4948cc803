// SHACL validation of the published graph: the engine wrapper (shacl.ts) and the way back to the corpus (locate.ts).

export {
  ShaclValidator,
  loadShapes,
  violationsOf,
  shapeName,
  SH,
  SHAPES_NS,
  type Violation,
  type Severity,
} from './shacl.js';
export { SourceFinder, toProblems, type ShaclProblem } from './locate.js';
export { QuadIndex, termKey } from './quad-index.js';
