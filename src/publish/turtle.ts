import N3 from 'n3';
import type { Quad } from '@rdfjs/types';
import { NS } from '../rdf/vocab.js';

export const TURTLE_PREFIXES = ['sl', 'rdf', 'rdfs', 'xsd', 'owl', 'skos', 'dcterms', 'prov', 'oa', 'org', 'wd'] as const;

/** Turtle with prefixes, grouped by subject (quads must come sorted by subject, see sortQuads). */
export function toTurtle(sorted: readonly Quad[], base: string): string {
  const prefixes: Record<string, string> = { sld: base };
  for (const p of TURTLE_PREFIXES) prefixes[p] = NS[p];
  const writer = new N3.Writer({ prefixes });
  let out = '';
  writer.addQuads(sorted as N3.Quad[]);
  writer.end((err, result) => {
    if (err) throw err;
    out = result;
  });
  return out;
}
