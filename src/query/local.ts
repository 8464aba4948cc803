// The local engine: Oxigraph (Rust compiled to WebAssembly) over files loaded into one in-memory store. N-Triples,
// Turtle, N-Quads, TriG, N3 and RDF/XML go straight from the file's bytes into the store (no JS parser, no
// intermediate strings); JSON-LD is converted by the jsonld library first. Results come back as the QueryResult
// shapes the writers take, with plain RDF/JS terms (the project's factory, rdf/env.ts).
//
// For other callers (`serve`): `loadLocalStore(files)` once, then `runLocal(store, prepared)` per request.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { rdf } from '../rdf/env.js';
import type { Quad, Term } from '@rdfjs/types';
import type { Store as OxStore } from 'oxigraph';
import { UsageError } from '../core/errors.js';
import type { QueryResult, Row } from './results.js';
import { selectLines, type Footprint } from './footprint.js';
import { fileType, firstLine, jsonLdToNQuads, readRdfFile, type FileOptions } from './rdf-file.js';
import type { PreparedQuery } from './run.js';
import { explicitProjection, inQueryOrder } from './variables.js';

export type LocalStore = OxStore;

export interface LoadOptions extends FileOptions {
  /** Skip IRI and literal validation while parsing: only for files this tool wrote itself (the build/ dump). */
  lenient?: boolean;
  /** With `lenient`: load only the N-Triples lines the query can match (footprint.ts). */
  footprint?: Footprint;
  /** The process loads this once, runs one query and exits (the `query` command started from a shell). */
  oneShot?: boolean;
}

// plain RDF/JS terms from the project's one factory (rdf/env.ts), not N3.js: the local path never loads N3.js
const factory = rdf;
const namedNode = factory.namedNode.bind(factory);
const blankNode = factory.blankNode.bind(factory);
const literal = factory.literal.bind(factory);
const quad = factory.quad.bind(factory);

type Oxigraph = typeof import('oxigraph');
let oxigraph: Promise<Oxigraph> | undefined;
/** The Oxigraph module, loaded on first use (a CommonJS package: required, which spares the ES loader's scan of it). */
export const oxigraphModule = (): Promise<Oxigraph> =>
  (oxigraph ??= Promise.resolve().then(() => createRequire(import.meta.url)('oxigraph') as Oxigraph));

/**
 * Up to this many bytes to load, a one-shot `query` keeps Oxigraph's WebAssembly on V8's baseline compiler
 * (Liftoff): a cold run on the shipped dump then takes about half the time, since the optimising compiler's
 * background work (which the process also waits for at exit) costs more than it saves on a short run. Above it
 * (the 1 M-triple dump) the optimised code pays: a full load is much slower on the baseline compiler
 * (bench/results.md).
 */
export const BASELINE_MAX_BYTES = 16 * 1024 * 1024;

/** For a process that loads `bytes` once and exits (the `query` command, `build`'s figures, run from a shell): the
 * baseline compiler, up to BASELINE_MAX_BYTES. V8 reads the flag when it compiles the module, so it acts only before
 * the first load; it is process-wide, which is why only one-shot processes set it. */
export function preferBaselineCompiler(bytes: number): void {
  if (!oxigraph && bytes <= BASELINE_MAX_BYTES) setFlagsFromString('--liftoff-only');
}

/**
 * Bytes as a list of pieces of CHUNK_BYTES: Oxigraph then parses them as a stream, which takes about half the time
 * of one large buffer (bench/results.md, "The fast path"). Pieces may end anywhere,
 * even inside a UTF-8 character (test/query/query-footprint.test.ts loads a dump in 7-byte pieces).
 */
export function chunks(bytes: Uint8Array, size = CHUNK_BYTES): Uint8Array[] {
  const parts: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) parts.push(bytes.subarray(at, Math.min(bytes.length, at + size)));
  return parts;
}
const CHUNK_BYTES = 4 * 1024 * 1024;

interface Input {
  file: string;
  format: string;
  data: Buffer | string;
  /** The parser's base: the file's URL, not the dataset's base IRI. */
  base?: string;
  lenient?: boolean;
}

/** Loads the files into one new store (their triples together, as one dataset). */
export async function loadLocalStore(files: readonly string[], o: LoadOptions = {}): Promise<LocalStore> {
  // every file is read (and the dump's lines selected) before Oxigraph is loaded: their size decides how (above)
  const inputs: Input[] = [];
  for (const file of files) {
    const type = fileType(file);
    const bytes = readRdfFile(file);
    try {
      if (type.media === 'application/ld+json')
        inputs.push({
          file,
          format: 'application/n-quads',
          data: await jsonLdToNQuads(file, bytes.toString('utf8'), o),
        });
      else {
        const data =
          o.lenient && o.footprint && type.media === 'application/n-triples' ? selectLines(bytes, o.footprint) : bytes;
        inputs.push({
          file,
          format: type.media,
          data,
          base: pathToFileURL(file).href,
          ...(o.lenient ? { lenient: true } : {}),
        });
      }
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`${file}: not valid RDF: ${firstLine(e)}`);
    }
  }
  if (o.oneShot) preferBaselineCompiler(inputs.reduce((n, i) => n + i.data.length, 0));
  const { Store } = await oxigraphModule();
  const store = new Store();
  for (const i of inputs) {
    try {
      store.load(typeof i.data === 'string' ? i.data : chunks(i.data), {
        format: i.format,
        ...(i.base ? { base_iri: i.base } : {}),
        ...(i.lenient ? { lenient: true } : {}),
      });
    } catch (e) {
      throw new UsageError(`${i.file}: not valid RDF: ${firstLine(e)}`);
    }
  }
  return store;
}

/** An Oxigraph term as a plain RDF/JS term (read once, not through WebAssembly at each access). */
export function toN3(t: Term): Term {
  if (t.termType === 'NamedNode') return namedNode(t.value);
  if (t.termType === 'BlankNode') return blankNode(t.value);
  if (t.termType === 'Literal') return literal(t.value, t.language || namedNode(t.datatype.value));
  throw new UsageError(`a result holds a ${t.termType}, which this tool cannot write`);
}

interface JsonTerm {
  type: string;
  value: string;
  'xml:lang'?: string;
  datatype?: string;
}
function fromJson(t: JsonTerm): Term {
  if (t.type === 'uri') return namedNode(t.value);
  if (t.type === 'bnode') return blankNode(t.value);
  if (t.type === 'literal' || t.type === 'typed-literal')
    return literal(t.value, t['xml:lang'] ?? (t.datatype ? namedNode(t.datatype) : undefined));
  throw new UsageError(`a result holds a ${t.type} term, which this tool cannot write`);
}

function attempt(run: () => unknown): unknown {
  try {
    return run();
  } catch (e) {
    throw new UsageError(`query failed: ${firstLine(e)}`);
  }
}

/**
 * Runs SPARQL text on the store. `variables` are the projected columns (explicitProjection); without them
 * (`SELECT *`) the in-scope variables come from Oxigraph's JSON results, in order of first appearance in the text.
 */
export function runOxigraph(store: LocalStore, sparql: string, variables?: readonly string[]): QueryResult {
  if (!variables) {
    const r = attempt(() => store.query(sparql, { results_format: 'application/sparql-results+json' }));
    if (typeof r !== 'string') throw new Error('Oxigraph gave no serialised result');
    const json = JSON.parse(r) as {
      head: { vars?: string[] };
      boolean?: boolean;
      results?: { bindings: Record<string, JsonTerm>[] };
    };
    if (typeof json.boolean === 'boolean') return { kind: 'ask', value: json.boolean };
    const vars = inQueryOrder(json.head.vars ?? [], sparql);
    const rows = json.results!.bindings.map(
      (b) => Object.fromEntries(vars.map((v) => [v, b[v] ? fromJson(b[v]) : undefined])) as Row,
    );
    return { kind: 'select', variables: vars, rows };
  }
  const r = attempt(() => store.query(sparql));
  if (typeof r === 'boolean') return { kind: 'ask', value: r };
  if (typeof r === 'string') throw new Error('unexpected serialised result from Oxigraph');
  const list = r as unknown[];
  if (list.length && !(list[0] instanceof Map)) {
    return {
      kind: 'graph',
      quads: (list as Quad[]).map((q) =>
        quad(
          toN3(q.subject) as Quad['subject'],
          toN3(q.predicate) as Quad['predicate'],
          toN3(q.object) as Quad['object'],
        ),
      ),
    };
  }
  const rows = (list as Map<string, Term>[]).map((m) => {
    const row: Row = {};
    for (const v of variables) {
      const t = m.get(v);
      row[v] = t ? toN3(t) : undefined;
    }
    return row;
  });
  return { kind: 'select', variables: [...variables], rows };
}

/** A prepared query (run.ts) on the store: its form decides the shape, its projection the columns. */
export function runLocal(store: LocalStore, prepared: Pick<PreparedQuery, 'query' | 'sparql'>): QueryResult {
  const parsed = prepared.query.parsed;
  const form = parsed.type === 'query' ? parsed.queryType : undefined;
  if (form === 'CONSTRUCT' || form === 'DESCRIBE') {
    const r = runOxigraph(store, prepared.sparql, []);
    return r.kind === 'select' ? { kind: 'graph', quads: [] } : r; // an empty graph comes back as an empty list
  }
  if (form === 'ASK') return runOxigraph(store, prepared.sparql, []);
  return runOxigraph(store, prepared.sparql, explicitProjection(parsed));
}
