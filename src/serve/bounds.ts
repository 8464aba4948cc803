// Bounds on a query before it reaches Oxigraph. Oxigraph's WebAssembly parser and planner recurse on nesting: about
// 1,000 nested `{`, a 1,000-step property path or a 3,000-branch UNION overflows its stack, the instance traps
// ("memory access out of bounds") and every later query in that worker fails too (the pool replaces such a worker,
// but a bound refuses the query with a clear 400 first). Measured in a worker thread: 400 of each pass.
//  1. `nestingDepth` (server thread, linear, no parser): brackets ( { [ outside strings, IRIs and comments. It
//     comes first because sparqljs itself is slow on deep nesting (3,000 nested parentheses: 18 s).
//  2. `checkQueryShape` (in the worker, under the time limit): sparqljs parses the query; the parse tree's depth and
//     its longest list (UNION branches, path steps, triple patterns; VALUES rows excepted) are bounded; the depth
//     counts every part of a list as many levels deeper as the list is long, as Oxigraph nests it (10 nested groups of 300 alternatives
//     each, 18 KB, trap it).

import sparqljs from 'sparqljs';

export const MAX_NESTING = 64;
export const MAX_TREE_DEPTH = 400;
export const MAX_LIST = 500;

/** The deepest nesting of ( { [ in a SPARQL text, skipping strings, IRIs and comments. */
export function nestingDepth(q: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < q.length; i++) {
    const c = q[i]!;
    if (c === '#') {
      const nl = q.indexOf('\n', i);
      i = nl < 0 ? q.length : nl;
    } else if (c === '"' || c === "'") {
      const long = q.startsWith(c.repeat(3), i);
      const end = long ? c.repeat(3) : c;
      let j = i + end.length;
      while (j < q.length && !q.startsWith(end, j)) j += q[j] === '\\' ? 2 : 1;
      i = j + end.length - 1;
    } else if (c === '<') {
      const m = /^<[^<>"{}|^`\\\u0000-\u0020]*>/.exec(q.slice(i, i + 4096));
      if (m) i += m[0].length - 1;
    } else if (c === '(' || c === '{' || c === '[') {
      depth++;
      if (depth > max) max = depth;
    } else if (c === ')' || c === '}' || c === ']') depth = Math.max(0, depth - 1);
  }
  return max;
}

export type ShapeCheck = { ok: true; parsed?: sparqljs.SparqlQuery } | { ok: false; error: string; update?: boolean };

const parser = (): sparqljs.SparqlParser => new sparqljs.Parser({ sparqlStar: true } as never);

/** Parses `q` and bounds its tree (iteratively: the check must not itself overflow the stack). */
export function checkQueryShape(q: string): ShapeCheck {
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = parser().parse(q);
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).split('\n');
    if (e instanceof RangeError) return { ok: false, error: `the query is nested too deeply to parse (${msg[0]})` };
    // sparqljs puts the line first and the expectation last ("Expecting 'X', got 'Y'")
    return { ok: false, error: msg.length > 1 ? `${msg[0]!.replace(/:$/, '')}: ${msg[msg.length - 1]}` : msg[0]! };
  }
  if (parsed.type === 'update')
    return { ok: false, error: 'this endpoint is read-only: SPARQL Update is refused', update: true };
  const stack: [unknown, number, string][] = [[parsed, 0, '']];
  while (stack.length) {
    const [node, d, key] = stack.pop()!;
    if (d > MAX_TREE_DEPTH)
      return { ok: false, error: `the query is nested more than ${MAX_TREE_DEPTH} levels deep; simplify it` };
    if (Array.isArray(node)) {
      if (node.length > MAX_LIST && key !== 'values')
        return {
          ok: false,
          error: `the query has a list of ${node.length} parts (${key || 'items'}); at most ${MAX_LIST} are accepted`,
        };
      // Oxigraph nests a list as a chain (a|b|c is Alt(Alt(a, b), c)): each part counts as deep as the chain is long
      const step = key === 'values' ? 1 : node.length;
      for (const x of node) if (x && typeof x === 'object') stack.push([x, d + step, key]);
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) if (v && typeof v === 'object') stack.push([v, d + 1, k]);
    }
  }
  return { ok: true, parsed };
}
