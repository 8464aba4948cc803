// The local engine: Oxigraph (Rust compiled to WebAssembly) over files loaded into one in-memory store. N-Triples,
// Turtle, N-Quads, TriG, N3 and RDF/XML go straight from the file's bytes into the store (no JS parser, no
// intermediate strings); JSON-LD is converted by the jsonld library first. Results come back as the QueryResult
// shapes the writers take, with N3.js terms (as Comunica gives them).
//
// For other callers (`serve`): `loadLocalStore(files)` once, then `runLocal(store, prepared)` per request.

import { pathToFileURL } from 'node:url';
import N3 from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import type { Store as OxStore } from 'oxigraph';
import { UsageError } from '../errors.js';
import type { QueryResult, Row } from './engine.js';
import { fileType, firstLine, jsonLdToNQuads, readRdfFile, type FileOptions } from './rdf-file.js';
import type { PreparedQuery } from './run.js';
import { explicitProjection, inQueryOrder } from './variables.js';

export type LocalStore = OxStore;

export interface LoadOptions extends FileOptions {
  /** Skip IRI and literal validation while parsing: only for files this tool wrote itself (the build/ dump). */
  lenient?: boolean;
}

const { namedNode, blankNode, literal, quad } = N3.DataFactory;

type Oxigraph = typeof import('oxigraph');
let oxigraph: Promise<Oxigraph> | undefined;
/** The Oxigraph module, imported on first use (a CommonJS package: its exports arrive as `default`). */
export const oxigraphModule = (): Promise<Oxigraph> => (oxigraph ??= import('oxigraph').then((m) => (m as unknown as { default?: Oxigraph }).default ?? m));

/** Loads the files into one new store (their triples together, as one dataset). */
export async function loadLocalStore(files: readonly string[], o: LoadOptions = {}): Promise<LocalStore> {
  const { Store } = await oxigraphModule();
  const store = new Store();
  for (const file of files) {
    const type = fileType(file);
    const bytes = readRdfFile(file);
    try {
      if (type.media === 'application/ld+json') {
        store.load(await jsonLdToNQuads(file, bytes.toString('utf8'), o), { format: 'application/n-quads' });
      } else {
        store.load(bytes, { format: type.media, base_iri: pathToFileURL(file).href, ...(o.lenient ? { lenient: true } : {}) });
      }
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`${file}: not valid RDF: ${firstLine(e)}`);
    }
  }
  return store;
}

/** An Oxigraph term as an N3.js term. */
export function toN3(t: Term): Term {
  if (t.termType === 'NamedNode') return namedNode(t.value);
  if (t.termType === 'BlankNode') return blankNode(t.value);
  if (t.termType === 'Literal') return literal(t.value, t.language || namedNode(t.datatype.value));
  throw new UsageError(`a result holds a ${t.termType}, which this tool cannot write`);
}

interface JsonTerm { type: string; value: string; 'xml:lang'?: string; datatype?: string }
function fromJson(t: JsonTerm): Term {
  if (t.type === 'uri') return namedNode(t.value);
  if (t.type === 'bnode') return blankNode(t.value);
  if (t.type === 'literal' || t.type === 'typed-literal') return literal(t.value, t['xml:lang'] ?? (t.datatype ? namedNode(t.datatype) : undefined));
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
    const json = JSON.parse(r) as { head: { vars?: string[] }; boolean?: boolean; results?: { bindings: Record<string, JsonTerm>[] } };
    if (typeof json.boolean === 'boolean') return { kind: 'ask', value: json.boolean };
    const vars = inQueryOrder(json.head.vars ?? [], sparql);
    const rows = json.results!.bindings.map((b) => Object.fromEntries(vars.map((v) => [v, b[v] ? fromJson(b[v]) : undefined])) as Row);
    return { kind: 'select', variables: vars, rows };
  }
  const r = attempt(() => store.query(sparql));
  if (typeof r === 'boolean') return { kind: 'ask', value: r };
  if (typeof r === 'string') throw new Error('unexpected serialised result from Oxigraph');
  const list = r as unknown[];
  if (list.length && !(list[0] instanceof Map)) {
    return { kind: 'graph', quads: (list as Quad[]).map((q) => quad(toN3(q.subject) as N3.Quad_Subject, toN3(q.predicate) as N3.Quad_Predicate, toN3(q.object) as N3.Quad_Object)) };
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
