import N3 from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { DUMP_PREFIXES, NS, type Prefix } from '../vocab.js';
import { collect, type Sink } from '../../core/fs/sink.js';
import type { BaseIri } from '../../core/iri.js';

export const TURTLE_PREFIXES = DUMP_PREFIXES;

/** Turtle with prefixes (`prefixes`: another list than the dumps'), grouped by subject (quads must come sorted by
 * subject, see sortQuads). */
export function toTurtle(sorted: readonly Quad[], base: BaseIri, o: { prefixes?: readonly Prefix[] } = {}): string {
  return collect((sink) => writeTurtle(sorted, base, sink, o));
}

// The forms N3.Writer writes without quotes (its _encodeLiteral): integers, decimals, doubles, booleans.
const BARE: Record<string, RegExp> = {
  [`${NS.xsd}integer`]: /^[+-]?\d+$/,
  [`${NS.xsd}decimal`]: /^[+-]?\d*\.\d+$/,
  [`${NS.xsd}double`]: /^[+-]?(?:\d+\.\d*|\.?\d+)[eE][+-]?\d+$/,
  [`${NS.xsd}boolean`]: /^(?:true|false)$/,
};

/** Whether N3.Writer writes `term` as a bare literal (`8`, `-1.5`, `1.0E3`, `true`) rather than quoted. */
export function isBareLiteral(term: Term): boolean {
  if (term.termType !== 'Literal' || term.language) return false;
  return BARE[term.datatype.value]?.test(term.value) ?? false;
}

/**
 * Streams the Turtle dump: N3.Writer writes into the sink as it goes instead of into one growing string.
 *
 * After a bare literal the writer puts the `.`, `;` or `,` right behind it (`sl:precision 8.`). That is legal
 * Turtle, but Virtuoso's lexer (7.2.5, bulk loader and Graph Store) reads `8.` as a decimal and rejects the file,
 * so a space goes between a bare literal and the punctuation that follows it (`8 .`), as every parser reads.
 */
export function writeTurtle(
  sorted: readonly Quad[],
  base: BaseIri,
  sink: Sink,
  o: { prefixes?: readonly Prefix[] } = {},
): void {
  const prefixes: Record<string, string> = { sld: base };
  for (const p of o.prefixes ?? TURTLE_PREFIXES) prefixes[p] = NS[p];
  // N3.Writer writes synchronously, one chunk per quad, each starting with the punctuation that ends the previous
  // statement (`, `, `;\n    `, `.\n`); the closing `.\n` comes from end()
  let afterBare = false;
  const stream = {
    write(chunk: string, _encoding?: string, done?: () => void): void {
      sink(afterBare && /^[.;,]/.test(chunk) ? ` ${chunk}` : chunk);
      done?.();
    },
    end(done?: (err: Error | null) => void): void {
      done?.(null);
    },
  };
  const writer = new N3.Writer(stream as unknown as NodeJS.WritableStream, { prefixes });
  for (const q of sorted) {
    writer.addQuad(q as N3.Quad);
    afterBare = isBareLiteral(q.object);
  }
  writer.end((err) => {
    if (err) throw err;
  });
}
