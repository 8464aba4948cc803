// The `query` command's output: CSV, TSV and JSON through the one results writer (results.ts); `table` and `md` for
// reading (IRIs under the base shortened to their path, others to known prefixes); graphs through rdf/serialise/.

import type { Term } from '@rdfjs/types';
import { UsageError } from '../core/errors.js';
import { NS } from '../rdf/vocab.js';
import { writeAsk, writeSelect, type QueryResult, type Row } from './results.js';
import { GRAPH_FORMATS, SELECT_FORMATS, type Format } from './formats.js';
import { pathBelow, type BaseIri } from '../core/iri.js';

export { GRAPH_FORMATS, SELECT_FORMATS, type Format };

// --- table and Markdown, for reading ---
export function displayTerm(t: Term | undefined, base: BaseIri): string {
  if (!t) return '';
  if (t.termType === 'BlankNode') return `_:${t.value}`;
  if (t.termType !== 'NamedNode') return t.value;
  const path = pathBelow(base, t.value);
  if (path !== undefined) return path;
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
export function toTable(variables: readonly string[], rows: readonly Row[], base: BaseIri, width?: number): string {
  const cells = rows.map((r) => variables.map((v) => clip(oneLine(displayTerm(r[v], base)))));
  const natural = variables.map((v, i) => Math.max(v.length, ...cells.map((c) => c[i]!.length)));
  const widths = [...natural];
  let shown = variables.length;
  const total = (): number => widths.slice(0, shown).reduce((a, w) => a + w, 0) + 2 * (shown - 1);
  if (width !== undefined && width > 0 && total() > width) {
    // first down to each header, then (if need be) headers too, down to 6 characters
    for (const floor of [
      variables.map((v, i) => Math.min(natural[i]!, Math.max(6, v.length))),
      natural.map((w) => Math.min(w, 6)),
    ]) {
      while (total() > width) {
        let widest = -1;
        for (let i = 0; i < shown; i++)
          if (widths[i]! > floor[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
        if (widest < 0) break;
        widths[widest]!--;
      }
    }
    while (shown > 1 && total() > width) shown--;
  }
  const fit = (x: string, w: number): string => (x.length > w ? `${x.slice(0, w - 1)}…` : x);
  const cut = widths.some((w, i) => i < shown && w < natural[i]!);
  const line = (c: readonly string[]): string =>
    c
      .slice(0, shown)
      .map((x, i) => fit(x, widths[i]!).padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const notes = [
    ...(cut ? [`cells cut to fit ${width} characters`] : []),
    ...(shown < variables.length ? [`not shown: ${variables.slice(shown).join(', ')}`] : []),
  ];
  const count = `(${rows.length} row${rows.length === 1 ? '' : 's'}${notes.length ? `; ${notes.join('; ')}; --format csv gives every value whole` : ''})`;
  return [line(variables), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line), count]
    .map((l) => `${l}\n`)
    .join('');
}

export function toMarkdown(variables: readonly string[], rows: readonly Row[], base: BaseIri): string {
  const cell = (s: string): string => oneLine(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
  const lines = [`| ${variables.join(' | ')} |`, `|${variables.map(() => '---|').join('')}`];
  for (const r of rows) lines.push(`| ${variables.map((v) => cell(displayTerm(r[v], base))).join(' | ')} |`);
  return lines.map((l) => `${l}\n`).join('');
}

/** A format that does not fit the query form is an error naming the ones that do. */
export function checkFormat(format: Format, isGraph: boolean): void {
  const fits: readonly string[] = isGraph ? GRAPH_FORMATS : SELECT_FORMATS;
  if (!fits.includes(format))
    throw new UsageError(
      `--format ${format} does not fit a ${isGraph ? 'CONSTRUCT/DESCRIBE' : 'SELECT/ASK'} query; use ${fits.join(', ')}`,
    );
}

/** The result written in `format`. The graph writers (and N3.js, which they use) are loaded only for a graph. */
export async function formatResult(
  result: QueryResult,
  format: Format,
  base: BaseIri,
  opts: { width?: number } = {},
): Promise<string> {
  checkFormat(format, result.kind === 'graph');
  if (result.kind === 'graph') {
    const [{ buildContext, toJsonLd }, { toNTriples }, { sortQuads }, { toTurtle }] = await Promise.all([
      import('../rdf/serialise/jsonld.js'),
      import('../rdf/serialise/ntriples.js'),
      import('../rdf/serialise/terms.js'),
      import('../rdf/serialise/turtle.js'),
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
    case 'md':
      return toMarkdown(variables, rows, base);
    default:
      return toTable(variables, rows, base, opts.width);
  }
}
