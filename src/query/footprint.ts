// Which triples a query can read. When every triple pattern of a query names its predicate (no variable predicate,
// no negated property set, no zero-length path, no DESCRIBE, FROM or SERVICE), its results depend only on the
// triples with those predicates (and, for `?x a C` patterns, only on the rdf:type triples with those classes): the
// other triples match no pattern. `query` uses this to load only those lines of the build/ dump into Oxigraph, a
// fraction of the file for most saved queries — the dump's load is most of a cold run's time.
//
// Kept lines keep their order in the file, so the store lists the triples of each term in the same order as a full
// load and the results come in the same order (test/query/query-footprint.test.ts compares every saved query both ways).

import type sparqljs from 'sparqljs';
import { RDF } from '../rdf/vocab.js';

const RDF_TYPE = RDF.type;

export interface Footprint {
  /** Predicate IRIs whose triples the query may match (rdf:type only when any class may be matched). */
  predicates: Set<string>;
  /** Classes of the `?x rdf:type C` patterns, when every rdf:type pattern names its class. */
  classes: Set<string>;
}

class Unbounded extends Error {}

/** The predicates (and classes) the query's patterns can match, or undefined when it may read any triple. */
export function footprint(parsed: sparqljs.SparqlQuery): Footprint | undefined {
  if (parsed.type !== 'query' || parsed.queryType === 'DESCRIBE' || parsed.from) return undefined;
  const fp: Footprint = { predicates: new Set(), classes: new Set() };
  let anyClass = false;
  const path = (p: unknown): void => {
    const t = p as { termType?: string; value?: string; type?: string; pathType?: string; items?: unknown[] };
    if (t.termType === 'NamedNode') {
      fp.predicates.add(t.value!);
      if (t.value === RDF_TYPE) anyClass = true;
      return;
    }
    // a negated set matches other predicates; `*` and `?` also match every node of the graph by a path of length 0
    if (t.type !== 'path' || t.pathType === '!' || t.pathType === '*' || t.pathType === '?') throw new Unbounded();
    for (const i of t.items ?? []) path(i);
  };
  const walk = (x: unknown, key?: string): void => {
    if (Array.isArray(x)) {
      for (const y of x) walk(y);
      return;
    }
    if (typeof x !== 'object' || x === null || key === 'template') return; // CONSTRUCT's template is written, not read
    const o = x as { type?: string; triples?: sparqljs.Triple[] };
    if (o.type === 'service') throw new Unbounded();
    if (o.type === 'bgp') {
      for (const t of o.triples ?? []) {
        const p = t.predicate as { termType?: string; value?: string };
        if (
          p.termType === 'NamedNode' &&
          p.value === RDF_TYPE &&
          (t.object as { termType?: string }).termType === 'NamedNode'
        ) {
          fp.predicates.add(RDF_TYPE);
          fp.classes.add((t.object as { value: string }).value);
        } else path(p);
      }
      return;
    }
    for (const [k, v] of Object.entries(o)) walk(v, k);
  };
  try {
    walk(parsed.where);
    // projections and ORDER BY / HAVING / GROUP BY expressions may hold EXISTS
    walk((parsed as { variables?: unknown }).variables);
    walk((parsed as { order?: unknown }).order);
    walk((parsed as { having?: unknown }).having);
    walk((parsed as { group?: unknown }).group);
  } catch (e) {
    if (e instanceof Unbounded) return undefined;
    throw e;
  }
  if (anyClass) fp.classes.clear();
  // the search below looks for the IRIs as the dump writes them: plain, without escapes
  for (const iri of [...fp.predicates, ...fp.classes]) if (!/^[^\x00-\x20<>"{}|^`\\]+$/.test(iri)) return undefined;
  return fp;
}

/** The footprint of several queries run over one store (the figures): what any of them can match. */
export function unionFootprint(fps: readonly Footprint[]): Footprint {
  const out: Footprint = { predicates: new Set(fps.flatMap((f) => [...f.predicates])), classes: new Set() };
  const typed = fps.filter((f) => f.predicates.has(RDF_TYPE));
  // a query that reads rdf:type with no class list may match any class
  if (!typed.some((f) => f.classes.size === 0)) for (const f of typed) for (const c of f.classes) out.classes.add(c);
  return out;
}

/**
 * The lines of an N-Triples file that the footprint can match, in file order. For files this tool wrote (one
 * triple per line, `S P O .`, single spaces, IRIs unescaped): a line is dropped only when its second token is an
 * IRI the footprint does not name (for rdf:type, when its object is a class it does not name); a line of any other
 * shape is kept, which is always safe: extra triples match no pattern of the query.
 */
export function selectLines(bytes: Buffer, fp: Footprint): Buffer {
  // one byte per character: the lines come back as the same bytes (UTF-8 untouched)
  const text = bytes.toString('latin1');
  const wanted = new Set([...fp.predicates].map((p) => `<${latin1(p)}>`));
  const classes =
    fp.classes.size && fp.predicates.has(RDF_TYPE) ? new Set([...fp.classes].map((c) => `<${latin1(c)}>`)) : undefined;
  const type = `<${RDF_TYPE}>`;
  const parts: string[] = [];
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl + 1;
    const sp = text.indexOf(' ', start);
    const pe = sp < 0 ? -1 : text.indexOf(' ', sp + 1);
    let keep = true;
    if (pe > 0 && pe < end && text.charCodeAt(sp + 1) === 60 /* < */ && text.charCodeAt(pe - 1) === 62 /* > */) {
      const p = text.slice(sp + 1, pe);
      if (!wanted.has(p)) keep = false;
      else if (classes && p === type) {
        const stop = text.charCodeAt(end - 1) === 10 ? end - 1 : end;
        // `<C> .`: the class, else (another shape) kept
        if (text.startsWith(' .', stop - 2) && text.charCodeAt(pe + 1) === 60 && text.charCodeAt(stop - 3) === 62)
          keep = classes.has(text.slice(pe + 1, stop - 2));
      }
    }
    if (keep) parts.push(text.slice(start, end));
    start = end;
  }
  return Buffer.from(parts.join(''), 'latin1');
}

const latin1 = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');
