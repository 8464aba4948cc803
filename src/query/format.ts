// The `query` command's output: CSV, TSV and JSON through the one results writer (results.ts); `table` and `md` for
// reading (IRIs under the base shortened to their path, others to known prefixes); graphs through rdf/serialise/.

import type { Term } from '@rdfjs/types';
import { UsageError } from '../core/errors.js';
import { NS } from '../rdf/vocab.js';
import { writeAsk, writeSelect, type QueryResult, type Row } from './results.js';
import { GRAPH_FORMATS, SELECT_FORMATS, type Format } from './formats.js';

export { GRAPH_FORMATS, SELECT_FORMATS, type Format };

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

export function toTable(variables: readonly string[], rows: readonly Row[], base: string): string {
  const cells = rows.map((r) => variables.map((v) => clip(oneLine(displayTerm(r[v], base)))));
  const widths = variables.map((v, i) => Math.max(v.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]): string => c.map((x, i) => x.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(variables), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line), `(${rows.length} row${rows.length === 1 ? '' : 's'})`]
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
export async function formatResult(result: QueryResult, format: Format, base: string): Promise<string> {
  checkFormat(format, result.kind === 'graph');
  if (result.kind === 'graph') {
    const [{ buildContext, toJsonLd }, { toNTriples }, { sortQuads }, { toTurtle }] = await Promise.all([
      import('../rdf/serialise/jsonld.js'), import('../rdf/serialise/ntriples.js'), import('../rdf/serialise/terms.js'), import('../rdf/serialise/turtle.js'),
    ]);
    const sorted = sortQuads(result.quads);
    if (format === 'nt') return toNTriples(sorted);
    if (format === 'turtle') return toTurtle(sorted, base);
    return toJsonLd(sorted, buildContext(sorted, base), base);
  }
  if (result.kind === 'ask') return format === 'json' ? writeAsk(result.value, 'json') : `${result.value}\n`;
  const { variables, rows } = result;
  switch (format) {
    case 'csv':
    case 'tsv':
    case 'json':
      return writeSelect(variables, rows, format);
    case 'md': return toMarkdown(variables, rows, base);
    default: return toTable(variables, rows, base);
  }
}
