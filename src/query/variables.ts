// The columns of a SELECT. An explicit projection gives them; for `SELECT *` the engine says which variables are in
// scope and the query text says their order: the order in which they first appear (as users read the query, and
// as other engines and the SPARQL results formats show them). Comunica sorts them by name; Oxigraph has no order.

import type sparqljs from 'sparqljs';

/** Names of the projected variables of a parsed SELECT, or undefined for `SELECT *`. */
export function explicitProjection(parsed: sparqljs.SparqlQuery): string[] | undefined {
  if (parsed.type !== 'query' || parsed.queryType !== 'SELECT') return undefined;
  const vars = parsed.variables as unknown[];
  if (vars.some((v) => (v as { termType?: string }).termType === 'Wildcard')) return undefined;
  return vars.flatMap((v) => {
    const t = v as { termType?: string; value?: string; variable?: { value: string } };
    if (t.termType === 'Variable') return [t.value!];
    if (t.variable) return [t.variable.value];
    return [];
  });
}

// Skips what cannot hold a variable: comments, IRIs, and single/triple-quoted strings.
const TOKENS =
  /#[^\n]*|<[^<>"{}|^`\\\s]*>|"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[?$]([A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)/g;

/** Variable names in the order of their first appearance in SPARQL text. */
export function firstAppearance(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(TOKENS)) if (m[1]) seen.add(m[1]);
  return [...seen];
}

/** `names` (the variables an engine reports) sorted by their first appearance in `text`; others keep their order, last. */
export function inQueryOrder(names: readonly string[], text: string): string[] {
  const order = new Map(firstAppearance(text).map((n, i) => [n, i]));
  return names
    .map((n, i) => ({ n, k: order.get(n) ?? order.size + i }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.n);
}
