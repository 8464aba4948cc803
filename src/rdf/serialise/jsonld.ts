// JSON-LD written directly from the sorted quads with a fixed context (no whole-graph jsonld.compact: that costs
// seconds and gigabytes at a million triples). Equivalence with the other dumps is proved in the tests with
// jsonld.toRDF. Every subject is one object in "@graph"; keys and values are sorted.

import type { Quad, Term } from '@rdfjs/types';
import { DUMP_PREFIXES, NS, RDF, XSD } from '../vocab.js';
import { collect, type Sink } from '../../core/fs/sink.js';
import type { BaseIri } from '../../core/iri.js';

export interface JsonLdContext {
  '@context': Record<string, unknown>;
}

const PREFIXES = DUMP_PREFIXES;

export class Compactor {
  private readonly prefixes: [string, string][];
  constructor(readonly base: BaseIri) {
    // longest namespace first, so sld: (the base) never shadows sl: (the ontology below it)
    this.prefixes = [['sld', base] as [string, string], ...PREFIXES.map((p) => [p, NS[p]] as [string, string])].sort(
      (a, b) => b[1].length - a[1].length,
    );
  }
  // the same few thousand IRIs recur as subjects, objects, types and datatypes
  private readonly compacted = new Map<string, string>();
  compact(iri: string): string {
    let out = this.compacted.get(iri);
    if (out === undefined) {
      out = iri;
      for (const [p, ns] of this.prefixes) {
        if (iri.startsWith(ns) && iri.length > ns.length) {
          const local = iri.slice(ns.length);
          if (!local.startsWith('/')) {
            out = `${p}:${local}`;
            break;
          }
        }
      }
      // bounded: the compactors are kept per base IRI for the life of the process (a server, a million-triple dump)
      if (this.compacted.size >= 200_000) this.compacted.clear();
      this.compacted.set(iri, out);
    }
    return out;
  }
}

// one per base IRI: a site writes thousands of small documents over the same few thousand IRIs
const compactors = new Map<string, Compactor>();
function compactorFor(base: BaseIri): Compactor {
  let c = compactors.get(base);
  if (!c) compactors.set(base, (c = new Compactor(base)));
  return c;
}

/** Term names: our properties by local name, others by their compact IRI. */
function termName(predicate: string, c: Compactor): string {
  return predicate.startsWith(NS.sl) ? predicate.slice(NS.sl.length) : c.compact(predicate);
}

/** A predicate's kind of value as a key: `id`, `type:<datatype>`, `lang:<language>`, `plain` or `mixed`. */
function kindKey(o: Term): string {
  if (o.termType === 'NamedNode') return 'id';
  if (o.termType !== 'Literal') return 'mixed';
  if (o.language) return `lang:${o.language}`;
  const dt = o.datatype.value;
  return dt === XSD.string ? 'plain' : `type:${dt}`;
}

// a site writes thousands of small documents over a few dozen distinct sets of predicates: each context is built
// once, and shared (callers do not change it)
const contexts = new Map<string, JsonLdContext>();

/** Builds the context from the predicates used, each coerced to the single kind of value it takes. */
export function buildContext(sorted: readonly Quad[], base: BaseIri): JsonLdContext {
  const kinds = new Map<string, string>();
  for (const q of sorted) {
    const p = q.predicate.value;
    if (p === RDF.type) continue;
    const k = kindKey(q.object);
    const prev = kinds.get(p);
    if (prev === undefined) kinds.set(p, k);
    else if (prev !== k) kinds.set(p, 'mixed');
  }
  const predicates = [...kinds.keys()].sort();
  let key: string = base;
  for (const p of predicates) key += `\n${p} ${kinds.get(p)}`;
  let context = contexts.get(key);
  if (context) return context;
  const c = compactorFor(base);
  const ctx: Record<string, unknown> = { sld: base };
  for (const p of PREFIXES) ctx[p] = NS[p];
  for (const p of predicates) {
    const k = kinds.get(p)!;
    const def: Record<string, string> = { '@id': c.compact(p) };
    if (k === 'id') def['@type'] = '@id';
    else if (k.startsWith('type:')) def['@type'] = c.compact(k.slice(5));
    else if (k.startsWith('lang:')) def['@language'] = k.slice(5);
    ctx[termName(p, c)] = def;
  }
  context = { '@context': ctx };
  if (contexts.size >= 10_000) contexts.clear(); // bounded in long-lived processes
  contexts.set(key, context);
  return context;
}

/** Serialises sorted quads as one compacted JSON-LD document with the context inline. */
export function toJsonLd(sorted: readonly Quad[], context: JsonLdContext, base: BaseIri): string {
  return collect((sink) => writeJsonLd(sorted, context, base, sink));
}

/** Streams the JSON-LD document node by node (see toJsonLd). */
export function writeJsonLd(sorted: readonly Quad[], context: JsonLdContext, base: BaseIri, sink: Sink): void {
  const c = compactorFor(base);
  const { head, byIri } = preparedContext(context);
  sink(head);
  let first = true;
  let i = 0;
  while (i < sorted.length) {
    const subject = sorted[i]!.subject.value;
    const node: Record<string, unknown> = { '@id': c.compact(subject) };
    const types: string[] = [];
    const props = new Map<string, unknown[]>();
    for (; i < sorted.length && sorted[i]!.subject.value === subject; i++) {
      const q = sorted[i]!;
      if (q.predicate.value === RDF.type && q.object.termType === 'NamedNode') {
        types.push(c.compact(q.object.value));
        continue;
      }
      const term = byIri.get(q.predicate.value);
      const key = term?.name ?? q.predicate.value;
      const list = props.get(key) ?? [];
      list.push(valueOf(q.object, term?.def, c));
      props.set(key, list);
    }
    if (types.length) node['@type'] = types.length === 1 ? types[0] : types;
    for (const key of [...props.keys()].sort()) {
      const values = props.get(key)!;
      node[key] = values.length === 1 ? values[0] : values;
    }
    sink(`${first ? '' : ',\n'}${JSON.stringify(node)}`);
    first = false;
  }
  sink('\n]}\n');
}

type TermDef = { '@type'?: string; '@language'?: string };

// the document's opening (with the context) and the terms by IRI, made once per context (see buildContext)
const prepared = new WeakMap<JsonLdContext, { head: string; byIri: Map<string, { name: string; def: TermDef }> }>();
function preparedContext(context: JsonLdContext) {
  let p = prepared.get(context);
  if (!p) {
    const defs = context['@context'] as Record<string, ({ '@id'?: string } & TermDef) | string>;
    const byIri = new Map<string, { name: string; def: TermDef }>();
    for (const [name, def] of Object.entries(defs)) {
      if (typeof def === 'object' && def['@id']) byIri.set(expand(def['@id'], defs), { name, def });
    }
    p = { head: `{\n"@context": ${JSON.stringify(context['@context'], null, 1)},\n"@graph": [\n`, byIri };
    prepared.set(context, p);
  }
  return p;
}

function expand(value: string, defs: Record<string, unknown>): string {
  const m = /^([a-z]+):(.*)$/.exec(value);
  if (m && typeof defs[m[1]!] === 'string') return (defs[m[1]!] as string) + m[2];
  return value;
}

function valueOf(o: Term, def: { '@type'?: string; '@language'?: string } | undefined, c: Compactor): unknown {
  if (o.termType === 'NamedNode') return def?.['@type'] === '@id' ? c.compact(o.value) : { '@id': o.value };
  if (o.termType !== 'Literal') throw new Error(`unsupported term ${o.termType}`);
  if (o.language) return def?.['@language'] === o.language ? o.value : { '@value': o.value, '@language': o.language };
  const dt = o.datatype.value;
  if (dt === XSD.string)
    return def && (def['@type'] || def['@language']) ? { '@value': o.value, '@type': XSD.string } : o.value;
  if (def?.['@type'] && def['@type'] === c.compact(dt)) {
    // integers and booleans as JSON natives: jsonld.toRDF turns them back into the same typed literals
    if (dt === XSD.integer && /^-?\d{1,15}$/.test(o.value)) return Number(o.value);
    if (dt === XSD.boolean && (o.value === 'true' || o.value === 'false')) return o.value === 'true';
    return o.value;
  }
  return { '@value': o.value, '@type': c.compact(dt) };
}
