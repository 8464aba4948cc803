// Result writers. CSV, TSV and JSON follow the W3C SPARQL 1.1 Query Results CSV/TSV and JSON formats exactly;
// `table` and `md` are for reading (IRIs under the base shortened to their path, others to known prefixes).

import type { Literal, Term } from '@rdfjs/types';
import { UsageError } from '../errors.js';
import { NS, XSD } from '../rdf/vocab.js';
import type { QueryResult, Row } from './engine.js';
import { GRAPH_FORMATS, SELECT_FORMATS, type Format } from './formats.js';

export { GRAPH_FORMATS, SELECT_FORMATS, type Format };

const isSimple = (l: Literal): boolean => !l.language && l.datatype.value === XSD.string;

// --- CSV (RFC 4180 fields, CRLF; IRIs and literals as plain values, blank nodes as _:label, unbound empty) ---
function csvField(t: Term | undefined): string {
  if (!t) return '';
  const v = t.termType === 'BlankNode' ? `_:${t.value}` : t.value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(variables: readonly string[], rows: readonly Row[]): string {
  const lines = [variables.map((v) => csvField({ termType: 'Literal', value: v } as Term)).join(',')];
  for (const r of rows) lines.push(variables.map((v) => csvField(r[v])).join(','));
  return lines.map((l) => `${l}\r\n`).join('');
}

// --- TSV (header ?var; terms in SPARQL/N-Triples syntax; unbound empty; LF) ---
const escapeString = (s: string): string =>
  s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');

export function ntSyntax(t: Term): string {
  switch (t.termType) {
    case 'NamedNode':
      return `<${t.value}>`;
    case 'BlankNode':
      return `_:${t.value}`;
    case 'Literal': {
      const s = `"${escapeString(t.value)}"`;
      if (t.language) return `${s}@${t.language}`;
      return isSimple(t) ? s : `${s}^^<${t.datatype.value}>`;
    }
    default:
      throw new Error(`cannot write a ${t.termType} in a result`);
  }
}

export function toTsv(variables: readonly string[], rows: readonly Row[]): string {
  const lines = [variables.map((v) => `?${v}`).join('\t')];
  for (const r of rows) lines.push(variables.map((v) => (r[v] ? ntSyntax(r[v]!) : '')).join('\t'));
  return lines.map((l) => `${l}\n`).join('');
}

// --- JSON (head.vars, results.bindings; unbound variables are absent from a binding) ---
function jsonTerm(t: Term): Record<string, string> {
  if (t.termType === 'NamedNode') return { type: 'uri', value: t.value };
  if (t.termType === 'BlankNode') return { type: 'bnode', value: t.value };
  if (t.termType !== 'Literal') throw new Error(`cannot write a ${t.termType} in a result`);
  if (t.language) return { type: 'literal', value: t.value, 'xml:lang': t.language };
  return isSimple(t) ? { type: 'literal', value: t.value } : { type: 'literal', value: t.value, datatype: t.datatype.value };
}

export function toJson(variables: readonly string[], rows: readonly Row[]): string {
  const bindings = rows.map((r) => Object.fromEntries(variables.filter((v) => r[v]).map((v) => [v, jsonTerm(r[v]!)])));
  return `${JSON.stringify({ head: { vars: variables }, results: { bindings } }, null, 1)}\n`;
}

// --- table and Markdown, for reading ---
export function displayTerm(t: Term | undefined, base: string): string {
  if (!t) return '';
  if (t.termType === 'BlankNode') return `_:${t.value}`;
  if (t.termType !== 'NamedNode') return t.value;
  if (t.value.startsWith(base) && t.value.length > base.length) return t.value.slice(base.length);
  for (const [prefix, ns] of Object.entries(NS)) {
    const local = t.value.slice(ns.length);
    if (t.value.startsWith(ns) && /^[A-Za-z0-9_-]+$/.test(local)) return `${prefix}:${local}`;
  }
  return `<${t.value}>`;
}

const MAX_CELL = 70;
const oneLine = (s: string): string => s.replace(/\s+/g, ' ');
const clip = (s: string): string => (s.length > MAX_CELL ? `${s.slice(0, MAX_CELL - 1)}…` : s);

/**
 * The aligned text table. With `width`, the table is made to fit that many characters: the widest columns are
 * narrowed first (cells cut with "…", down to their header, then headers too down to 6 characters), then, if even that is too wide,
 * the last columns are left out; either way the count line says so and points to `--format csv`.
 */
export function toTable(variables: readonly string[], rows: readonly Row[], base: string, width?: number): string {
  const cells = rows.map((r) => variables.map((v) => clip(oneLine(displayTerm(r[v], base)))));
  const natural = variables.map((v, i) => Math.max(v.length, ...cells.map((c) => c[i]!.length)));
  const widths = [...natural];
  let shown = variables.length;
  const total = (): number => widths.slice(0, shown).reduce((a, w) => a + w, 0) + 2 * (shown - 1);
  if (width !== undefined && width > 0 && total() > width) {
    // first down to each header, then (if need be) headers too, down to 6 characters
    for (const floor of [variables.map((v, i) => Math.min(natural[i]!, Math.max(6, v.length))), natural.map((w) => Math.min(w, 6))]) {
      while (total() > width) {
        let widest = -1;
        for (let i = 0; i < shown; i++) if (widths[i]! > floor[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
        if (widest < 0) break;
        widths[widest]!--;
      }
    }
    while (shown > 1 && total() > width) shown--;
  }
  const fit = (x: string, w: number): string => (x.length > w ? `${x.slice(0, w - 1)}…` : x);
  const cut = widths.some((w, i) => i < shown && w < natural[i]!);
  const line = (c: readonly string[]): string => c.slice(0, shown).map((x, i) => fit(x, widths[i]!).padEnd(widths[i]!)).join('  ').trimEnd();
  const notes = [
    ...(cut ? [`cells cut to fit ${width} characters`] : []),
    ...(shown < variables.length ? [`not shown: ${variables.slice(shown).join(', ')}`] : []),
  ];
  const count = `(${rows.length} row${rows.length === 1 ? '' : 's'}${notes.length ? `; ${notes.join('; ')}; --format csv gives every value whole` : ''})`;
  return [line(variables), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line), count]
    .map((l) => `${l}\n`).join('');
}

export function toMarkdown(variables: readonly string[], rows: readonly Row[], base: string): string {
  const cell = (s: string): string => oneLine(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
  const lines = [`| ${variables.join(' | ')} |`, `|${variables.map(() => '---|').join('')}`];
  for (const r of rows) lines.push(`| ${variables.map((v) => cell(displayTerm(r[v], base))).join(' | ')} |`);
  return lines.map((l) => `${l}\n`).join('');
}

/** A format that does not fit the query form is an error naming the ones that do. */
export function checkFormat(format: Format, isGraph: boolean): void {
  const fits: readonly string[] = isGraph ? GRAPH_FORMATS : SELECT_FORMATS;
  if (!fits.includes(format)) throw new UsageError(`--format ${format} does not fit a ${isGraph ? 'CONSTRUCT/DESCRIBE' : 'SELECT/ASK'} query; use ${fits.join(', ')}`);
}

/** The result written in `format`. The graph writers (and N3.js, which they use) are loaded only for a graph. */
export async function formatResult(result: QueryResult, format: Format, base: string, opts: { width?: number } = {}): Promise<string> {
  checkFormat(format, result.kind === 'graph');
  if (result.kind === 'graph') {
    const [{ buildContext, toJsonLd }, { toNTriples }, { sortQuads }, { toTurtle }] = await Promise.all([
      import('../publish/jsonld.js'), import('../publish/ntriples.js'), import('../publish/terms.js'), import('../publish/turtle.js'),
    ]);
    const sorted = sortQuads(result.quads);
    if (format === 'nt') return toNTriples(sorted);
    if (format === 'turtle') return toTurtle(sorted, base);
    return toJsonLd(sorted, buildContext(sorted, base), base);
  }
  if (result.kind === 'ask') return format === 'json' ? `${JSON.stringify({ head: {}, boolean: result.value })}\n` : `${result.value}\n`;
  const { variables, rows } = result;
  switch (format) {
    case 'csv': return toCsv(variables, rows);
    case 'tsv': return toTsv(variables, rows);
    case 'json': return toJson(variables, rows);
    case 'md': return toMarkdown(variables, rows, base);
    default: return toTable(variables, rows, base, opts.width);
  }
}
