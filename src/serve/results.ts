// What /sparql offers for each query form (the media types to negotiate) and how it recognises the form; the
// results themselves are written by the one results writer, src/query/results.ts (in the worker: rows may be cut at
// the row limit, so Oxigraph's own serialisation of the whole result is not used).

export const SELECT_TYPES = [
  'application/sparql-results+json',
  'application/sparql-results+xml',
  'text/csv',
  'text/tab-separated-values',
  'application/json',
  'application/xml',
] as const;
export const ASK_TYPES = [
  'application/sparql-results+json',
  'application/sparql-results+xml',
  'application/json',
  'application/xml',
] as const;
export const GRAPH_TYPES = [
  'text/turtle',
  'application/n-triples',
  'application/ld+json',
  'application/rdf+xml',
] as const;

/** The canonical type answered for an accepted alias. */
export function canonicalType(t: string): string {
  if (t === 'application/json') return 'application/sparql-results+json';
  if (t === 'application/xml') return 'application/sparql-results+xml';
  return t;
}

// the query form after the prologue (BASE/PREFIX and comments); Oxigraph has already accepted the query when this
// decides the serialisation, and before that it only picks the media types to negotiate
const PROLOGUE = String.raw`^(?:\s|#[^\n]*(?:\n|$)|BASE\s*<[^>]*>|PREFIX\s+[^\s:]*:\s*<[^>]*>)*`;
const FORM = new RegExp(`${PROLOGUE}(SELECT|ASK|CONSTRUCT|DESCRIBE)\\b`, 'i');
const UPDATE = new RegExp(`${PROLOGUE}(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\\b`, 'i');

export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

export function queryForm(q: string): QueryForm | undefined {
  return FORM.exec(q)?.[1]?.toUpperCase() as QueryForm | undefined;
}

export function looksLikeUpdate(q: string): boolean {
  return UPDATE.test(q);
}

/** Variables a SELECT projects, in order (Oxigraph gives none for an empty result). `SELECT *` gives []. */
export function selectVariables(q: string): string[] {
  const m = new RegExp(
    `${PROLOGUE}SELECT\\s+(?:DISTINCT\\s+|REDUCED\\s+)?([\\s\\S]*?)(?:(?<![?$\\w])WHERE\\b|\\{|(?<![?$\\w])FROM\\b)`,
    'i',
  ).exec(q);
  if (!m) return [];
  const out: string[] = [];
  // `?x` alone, or `(… AS ?x)`: only the AS target and bare variables at depth 0 are projected
  let depth = 0;
  const text = m[1]!;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if ((c === '?' || c === '$') && depth === 0) {
      const v = /^[?$](\w+)/.exec(text.slice(i));
      if (v) out.push(v[1]!);
    } else if (depth === 1 && /^AS\s+[?$](\w+)/i.test(text.slice(i)) && /\s/.test(text[i - 1] ?? ' '))
      out.push(/^AS\s+[?$](\w+)/i.exec(text.slice(i))![1]!);
  }
  return [...new Set(out)];
}
