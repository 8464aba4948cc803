import N3 from 'n3';
import type { Quad } from '@rdfjs/types';
import { NS } from '../rdf/vocab.js';
import { collect, type Sink } from './write.js';

export const TURTLE_PREFIXES = ['sl', 'rdf', 'rdfs', 'xsd', 'owl', 'skos', 'dcterms', 'prov', 'oa', 'org', 'wd'] as const;

/** Turtle with prefixes, grouped by subject (quads must come sorted by subject, see sortQuads). */
export function toTurtle(sorted: readonly Quad[], base: string): string {
  return collect((sink) => writeTurtle(sorted, base, sink));
}

/** Streams the Turtle dump: N3.Writer writes into the sink as it goes instead of into one growing string. */
export function writeTurtle(sorted: readonly Quad[], base: string, sink: Sink): void {
  const prefixes: Record<string, string> = { sld: base };
  for (const p of TURTLE_PREFIXES) prefixes[p] = NS[p];
  const stream = {
    write(chunk: string, _encoding?: string, done?: () => void): void { sink(chunk); done?.(); },
    end(done?: (err: Error | null) => void): void { done?.(null); },
  };
  const writer = new N3.Writer(stream as unknown as NodeJS.WritableStream, { prefixes });
  for (const q of sorted) writer.addQuad(q as N3.Quad);
  writer.end((err) => {
    if (err) throw err;
  });
}
