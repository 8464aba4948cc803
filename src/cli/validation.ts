import type { BuildOptions } from '../publish/build.js';

/** SHACL validation inside build and validate (see src/publish/shacl.ts). */
export function shaclHook(_ontologyDir: string): BuildOptions['validate'] {
  return undefined;
}
