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
  const w = writerFor(base, o.prefixes ?? TURTLE_PREFIXES);
  // N3.Writer writes synchronously, one chunk per quad, each starting with the punctuation that ends the previous
  // statement (`, `, `;\n    `, `.\n`)
  let afterBare = false;
  w.out = (chunk) => sink(afterBare && /^[.;,]/.test(chunk) ? ` ${chunk}` : chunk);
  sink(w.header);
  try {
    for (const q of sorted) {
      w.writer.addQuad(q as N3.Quad);
      afterBare = isBareLiteral(q.object);
    }
    // the closing `.\n` of the last statement: adding a prefix again (the last one, so the mapping stays as it is) is
    // N3's public way to finish a pending statement; the prefix line it writes after that is dropped
    let ended = false;
    w.out = (chunk) => {
      if (chunk.startsWith('@prefix ')) ended = true;
      if (!ended) sink(afterBare && /^[.;,]/.test(chunk) ? ` ${chunk}` : chunk);
    };
    w.writer.addPrefixes(w.last);
  } catch (e) {
    writers.delete(w.key); // its state is unknown
    throw e;
  } finally {
    w.out = undefined;
  }
}

/** A writer with its prefixes, reused for every document with the same ones: a site writes thousands of small
 * documents, and setting up N3.Writer's prefixes (their patterns) cost more than writing a small one's quads. */
interface ReusedWriter {
  key: string;
  writer: N3.Writer;
  /** The prefix lines every document starts with. */
  header: string;
  /** The last prefix, as N3 takes it (see writeTurtle). */
  last: Record<string, string>;
  /** Where the writer's chunks go while a document is written. */
  out: Sink | undefined;
}

const writers = new Map<string, ReusedWriter>();

type EncodeIri = (this: N3.Writer, entity: Term) => string;
const internals = N3.Writer.prototype as unknown as {
  _encodeIriOrBlank: EncodeIri;
  _createPrefixRegex: (this: N3.Writer) => RegExp;
};
const encodeIri = internals._encodeIriOrBlank;
const createPrefixRegex = internals._createPrefixRegex;

/**
 * N3.Writer matches an IRI against all its prefixes (one regular expression) every time it writes it; a reused
 * writer's prefixes do not change, so each IRI's form is kept: the same few thousand IRIs recur in every document.
 * Ending a document adds the last prefix again, after which N3 would build the prefixes' expression anew: it is
 * kept too, as the prefixes stay the same. These override N3's internal `_encodeIriOrBlank` and
 * `_createPrefixRegex` (were they renamed, N3 would not call these, and only be slower).
 */
class ReusableWriter extends N3.Writer {
  private readonly iris = new Map<string, string>();
  private prefixRegex: RegExp | undefined;
  _createPrefixRegex(): RegExp {
    this.prefixRegex ??= createPrefixRegex.call(this);
    (this as unknown as { _prefixRegex: RegExp })._prefixRegex = this.prefixRegex;
    return this.prefixRegex;
  }
  _encodeIriOrBlank(entity: Term): string {
    if (entity.termType !== 'NamedNode') return encodeIri.call(this, entity);
    let iri = this.iris.get(entity.value);
    if (iri === undefined) {
      if (this.iris.size >= 200_000) this.iris.clear(); // bounded: a dump of a million triples has as many IRIs
      this.iris.set(entity.value, (iri = encodeIri.call(this, entity)));
    }
    return iri;
  }
}

function writerFor(base: BaseIri, list: readonly Prefix[]): ReusedWriter {
  const key = `${base} ${list.join(' ')}`;
  const w = writers.get(key);
  if (w) return w;
  const prefixes: Record<string, string> = { sld: base };
  for (const p of list) prefixes[p] = NS[p];
  const last = Object.entries(prefixes).at(-1)!;
  let header = '';
  const created: ReusedWriter = {
    key,
    writer: undefined as unknown as N3.Writer,
    header: '',
    last: { [last[0]]: last[1] },
    out: (chunk) => {
      header += chunk;
    },
  };
  const stream = {
    write(chunk: string, _encoding?: string, done?: () => void): void {
      created.out?.(chunk);
      done?.();
    },
    end(done?: (err: Error | null) => void): void {
      done?.(null);
    },
  };
  created.writer = new ReusableWriter(stream as unknown as NodeJS.WritableStream, { prefixes });
  created.header = header;
  created.out = undefined;
  if (writers.size >= 100) writers.clear(); // bounded: one per base IRI and prefix list
  writers.set(key, created);
  return created;
}
