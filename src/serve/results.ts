// SPARQL 1.1 query results in the four W3C formats (JSON, XML, CSV, TSV), written from Oxigraph's solutions in the
// worker (rows may be cut at the row limit, so Oxigraph's own serialisation of the whole result is not used).

import type { Term } from '@rdfjs/types';

export type Solution = Map<string, Term>;

export const SELECT_TYPES = ['application/sparql-results+json', 'application/sparql-results+xml', 'text/csv', 'text/tab-separated-values', 'application/json', 'application/xml'] as const;
export const ASK_TYPES = ['application/sparql-results+json', 'application/sparql-results+xml', 'application/json', 'application/xml'] as const;
export const GRAPH_TYPES = ['text/turtle', 'application/n-triples', 'application/ld+json', 'application/rdf+xml'] as const;

/** The canonical type answered for an accepted alias. */
export function canonicalType(t: string): string {
  if (t === 'application/json') return 'application/sparql-results+json';
  if (t === 'application/xml') return 'application/sparql-results+xml';
  return t;
}

function jsonTerm(t: Term): Record<string, string> {
  if (t.termType === 'NamedNode') return { type: 'uri', value: t.value };
  if (t.termType === 'BlankNode') return { type: 'bnode', value: t.value };
  if (t.termType === 'Literal') {
    if (t.language) return { type: 'literal', value: t.value, 'xml:lang': t.language };
    if (t.datatype.value !== 'http://www.w3.org/2001/XMLSchema#string') return { type: 'literal', value: t.value, datatype: t.datatype.value };
    return { type: 'literal', value: t.value };
  }
  if (t.termType === 'Quad') return { type: 'triple', value: '' };
  return { type: 'literal', value: t.value };
}

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function xmlTerm(t: Term): string {
  if (t.termType === 'NamedNode') return `<uri>${xml(t.value)}</uri>`;
  if (t.termType === 'BlankNode') return `<bnode>${xml(t.value)}</bnode>`;
  if (t.termType === 'Literal') {
    if (t.language) return `<literal xml:lang="${xml(t.language)}">${xml(t.value)}</literal>`;
    if (t.datatype.value !== 'http://www.w3.org/2001/XMLSchema#string') return `<literal datatype="${xml(t.datatype.value)}">${xml(t.value)}</literal>`;
    return `<literal>${xml(t.value)}</literal>`;
  }
  return `<literal>${xml(t.value)}</literal>`;
}

function csvField(t: Term | undefined): string {
  if (!t) return '';
  const v = t.termType === 'BlankNode' ? `_:${t.value}` : t.value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const tsvEscape = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/"/g, '\\"');

function tsvTerm(t: Term | undefined): string {
  if (!t) return '';
  if (t.termType === 'NamedNode') return `<${t.value}>`;
  if (t.termType === 'BlankNode') return `_:${t.value}`;
  if (t.termType === 'Literal') {
    // always the full form (W3C allows bare numbers; the full form is what `query --format tsv` writes)
    const dt = t.datatype.value;
    const lex = `"${tsvEscape(t.value)}"`;
    if (t.language) return `${lex}@${t.language}`;
    return dt === 'http://www.w3.org/2001/XMLSchema#string' ? lex : `${lex}^^<${dt}>`;
  }
  return t.value;
}

export function serialiseSelect(vars: string[], rows: Solution[], type: string): string {
  switch (canonicalType(type)) {
    case 'application/sparql-results+json':
      return `{"head":{"vars":${JSON.stringify(vars)}},"results":{"bindings":[${rows.map((r) => JSON.stringify(Object.fromEntries(vars.filter((v) => r.has(v)).map((v) => [v, jsonTerm(r.get(v)!)])))).join(',\n')}]}}\n`;
    case 'application/sparql-results+xml':
      return `<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>${vars.map((v) => `<variable name="${xml(v)}"/>`).join('')}</head>\n<results>\n${rows.map((r) => `<result>${vars.filter((v) => r.has(v)).map((v) => `<binding name="${xml(v)}">${xmlTerm(r.get(v)!)}</binding>`).join('')}</result>\n`).join('')}</results>\n</sparql>\n`;
    case 'text/csv':
      return `${[vars.join(','), ...rows.map((r) => vars.map((v) => csvField(r.get(v))).join(','))].join('\r\n')}\r\n`;
    case 'text/tab-separated-values':
      return `${[vars.map((v) => `?${v}`).join('\t'), ...rows.map((r) => vars.map((v) => tsvTerm(r.get(v))).join('\t'))].join('\n')}\n`;
    default:
      throw new Error(`no serialiser for ${type}`);
  }
}

export function serialiseAsk(value: boolean, type: string): string {
  if (canonicalType(type) === 'application/sparql-results+xml') return `<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head/>\n<boolean>${value}</boolean>\n</sparql>\n`;
  return `{"head":{},"boolean":${value}}\n`;
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
  const m = new RegExp(`${PROLOGUE}SELECT\\s+(?:DISTINCT\\s+|REDUCED\\s+)?([\\s\\S]*?)(?:(?<![?$\\w])WHERE\\b|\\{|(?<![?$\\w])FROM\\b)`, 'i').exec(q);
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
    }
    else if (depth === 1 && /^AS\s+[?$](\w+)/i.test(text.slice(i)) && /\s/.test(text[i - 1] ?? ' ')) out.push(/^AS\s+[?$](\w+)/i.exec(text.slice(i))![1]!);
  }
  return [...new Set(out)];
}
