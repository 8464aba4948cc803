// The record kinds added through the registry (model/kinds.ts registerKind): one import line per kind module, each of
// which registers its kind when loaded. `assemble` imports this file, so a kind listed here is loaded, checked and
// built by every build.
import './holdings.js';
