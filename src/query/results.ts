// The one writer of SPARQL 1.1 query results, in the four W3C formats (JSON, XML, CSV, TSV), for `query` and for
// serve's /sparql alike; and the result types every engine returns. The reading formats (table, Markdown) are in
// format.ts and the graph writers in rdf/serialise/.

import type { Quad, Term } from '@rdfjs/types';
import { toCsv } from '../core/csv.js';
import { XSD } from '../rdf/vocab.js';

export type Row = Record<string, Term | undefined>;
export type QueryResult =
  | { kind: 'select'; variables: string[]; rows: Row[] }
  | { kind: 'ask'; value: boolean }
  | { kind: 'graph'; quads: Quad[] };

/** The results formats by media type. */
export const RESULTS_TYPES = {
  json: 'application/sparql-results+json',
  xml: 'application/sparql-results+xml',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
} as const;
export type ResultsFormat = keyof typeof RESULTS_TYPES;

const isSimpleLiteral = (t: Term): boolean =>
  t.termType === 'Literal' && !t.language && t.datatype.value === XSD.string;

// --- JSON (head.vars, results.bindings; unbound variables are absent from a binding) ---
function jsonTerm(t: Term): Record<string, string> {
  if (t.termType === 'NamedNode') return { type: 'uri', value: t.value };
  if (t.termType === 'BlankNode') return { type: 'bnode', value: t.value };
  if (t.termType !== 'Literal') throw new Error(`cannot write a ${t.termType} in a result`);
  if (t.language) return { type: 'literal', value: t.value, 'xml:lang': t.language };
  return isSimpleLiteral(t)
    ? { type: 'literal', value: t.value }
    : { type: 'literal', value: t.value, datatype: t.datatype.value };
}

// --- XML (the SPARQL Query Results XML Format) ---
const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function xmlTerm(t: Term): string {
  if (t.termType === 'NamedNode') return `<uri>${xml(t.value)}</uri>`;
  if (t.termType === 'BlankNode') return `<bnode>${xml(t.value)}</bnode>`;
  if (t.termType !== 'Literal') throw new Error(`cannot write a ${t.termType} in a result`);
  if (t.language) return `<literal xml:lang="${xml(t.language)}">${xml(t.value)}</literal>`;
  if (!isSimpleLiteral(t)) return `<literal datatype="${xml(t.datatype.value)}">${xml(t.value)}</literal>`;
  return `<literal>${xml(t.value)}</literal>`;
}

// --- CSV: plain values (blank nodes as _:label, unbound empty), RFC 4180 through core/csv ---
const csvValue = (t: Term | undefined): string | undefined =>
  !t ? undefined : t.termType === 'BlankNode' ? `_:${t.value}` : t.value;

// --- TSV: terms in SPARQL/N-Triples syntax, always the full literal form ---
const escapeString = (s: string): string =>
  s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');

/** A term in N-Triples syntax (the TSV results format's cells). */
export function ntSyntax(t: Term): string {
  switch (t.termType) {
    case 'NamedNode':
      return `<${t.value}>`;
    case 'BlankNode':
      return `_:${t.value}`;
    case 'Literal': {
      const s = `"${escapeString(t.value)}"`;
      if (t.language) return `${s}@${t.language}`;
      return isSimpleLiteral(t) ? s : `${s}^^<${t.datatype.value}>`;
    }
    default:
      throw new Error(`cannot write a ${t.termType} in a result`);
  }
}

/** A SELECT result in one of the W3C formats. `compact`: JSON without indentation (the endpoint's answers). */
export function writeSelect(
  variables: readonly string[],
  rows: readonly Row[],
  format: ResultsFormat,
  o: { compact?: boolean } = {},
): string {
  switch (format) {
    case 'json': {
      const bindings = rows.map((r) =>
        Object.fromEntries(variables.filter((v) => r[v]).map((v) => [v, jsonTerm(r[v]!)])),
      );
      return `${JSON.stringify({ head: { vars: variables }, results: { bindings } }, null, o.compact ? undefined : 1)}\n`;
    }
    case 'xml':
      return `<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>${variables.map((v) => `<variable name="${xml(v)}"/>`).join('')}</head>\n<results>\n${rows
        .map(
          (r) =>
            `<result>${variables
              .filter((v) => r[v])
              .map((v) => `<binding name="${xml(v)}">${xmlTerm(r[v]!)}</binding>`)
              .join('')}</result>\n`,
        )
        .join('')}</results>\n</sparql>\n`;
    case 'csv':
      return toCsv(
        variables,
        rows.map((r) => variables.map((v) => csvValue(r[v]))),
      );
    case 'tsv':
      return [
        variables.map((v) => `?${v}`).join('\t'),
        ...rows.map((r) => variables.map((v) => (r[v] ? ntSyntax(r[v]!) : '')).join('\t')),
      ]
        .map((l) => `${l}\n`)
        .join('');
  }
}

/** An ASK result in JSON or XML (CSV and TSV have no boolean form). */
export function writeAsk(value: boolean, format: 'json' | 'xml'): string {
  if (format === 'xml')
    return `<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head/>\n<boolean>${value}</boolean>\n</sparql>\n`;
  return `${JSON.stringify({ head: {}, boolean: value })}\n`;
}

/** The results format of a media type (`application/json` and `application/xml` are accepted aliases). */
export function resultsFormatOf(mediaType: string): ResultsFormat | undefined {
  if (mediaType === 'application/json') return 'json';
  if (mediaType === 'application/xml') return 'xml';
  return (Object.keys(RESULTS_TYPES) as ResultsFormat[]).find((k) => RESULTS_TYPES[k] === mediaType);
}
