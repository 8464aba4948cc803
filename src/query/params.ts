// Query parameters: `--param name=value` checked against the declared type and bound as a typed RDF term in the
// parsed query (never spliced into the query text), so the same bound query runs unchanged on Comunica, a remote
// endpoint or Oxigraph.

import { rdf } from '../rdf/env.js';
import type { Term } from '@rdfjs/types';
import sparqljs from 'sparqljs';
import { UsageError } from '../core/errors.js';
import { XSD } from '../rdf/vocab.js';
import type { ParamSpec } from './saved.js';
import type { BaseIri } from '../core/iri.js';

/** Entity kinds whose ids expand to `<base><kind>/<id>`; `iri` takes a full IRI or a path under the base. */
const ENTITY_KINDS = ['person', 'organization', 'post', 'place', 'letter', 'resolution'] as const;
export const PARAM_TYPES = ['date', 'integer', 'string', 'iri', ...ENTITY_KINDS] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

// the project's one term factory (rdf/env.ts), not N3.js: the local query path never loads N3.js and its streams
const factory = rdf;
const literal = factory.literal.bind(factory);
const namedNode = factory.namedNode.bind(factory);
const ID = /^[a-z][a-z0-9-]*$/;
const ABSOLUTE_IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i;

function isRealDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.getUTCFullYear() === +m[1]! && d.getUTCMonth() === +m[2]! - 1 && d.getUTCDate() === +m[3]!;
}

/** The RDF term for `value`, or a UsageError saying what a valid value looks like. */
export function toTerm(spec: ParamSpec, value: string, base: BaseIri): Term {
  const bad = (expected: string): never => {
    throw new UsageError(`parameter ${spec.name}: "${value}" is not ${expected}`);
  };
  switch (spec.type) {
    case 'date':
      return isRealDate(value)
        ? literal(value, namedNode(XSD.date))
        : bad('a date written YYYY-MM-DD (e.g. 1930-09-01)');
    case 'integer':
      return /^[+-]?\d+$/.test(value) ? literal(String(Number(value)), namedNode(XSD.integer)) : bad('an integer');
    case 'string':
      return literal(value);
    case 'iri':
      if (ABSOLUTE_IRI.test(value)) return namedNode(value);
      return /^[a-z]+\/[a-z0-9][a-z0-9-]*$/.test(value)
        ? namedNode(base + value)
        : bad('an IRI or a path under the base like person/rozengolts');
    default:
      if (ABSOLUTE_IRI.test(value)) return namedNode(value);
      return ID.test(value)
        ? namedNode(`${base}${spec.type}/${value}`)
        : bad(`a ${spec.type} id (like the ids in corpus/*.yaml) or a full IRI`);
  }
}

/** Parses `name=value` strings; repeats and unknown names are errors. */
export function parseParamArgs(
  args: readonly string[],
  specs: readonly ParamSpec[],
  where: string,
): Map<string, string> {
  const given = new Map<string, string>();
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param "${a}" must be written name=value`);
    const name = a.slice(0, eq);
    if (!specs.some((s) => s.name === name)) {
      // a query file of one's own declares its parameters in its header; say how, since nothing else would
      const declare =
        specs.length || where.includes('--query')
          ? ''
          : `; to make ?${name} a parameter, declare it in the query's header: "# @param ${name} TYPE — description" (TYPE one of ${PARAM_TYPES.join(', ')})`;
      throw new UsageError(
        `${where} has no parameter "${name}"; ${specs.length ? `its parameters are: ${specs.map((s) => s.name).join(', ')}` : 'it takes no parameters'}${declare}`,
      );
    }
    if (given.has(name)) throw new UsageError(`parameter ${name} is given twice`);
    given.set(name, a.slice(eq + 1));
  }
  return given;
}

/** The terms to bind: given values, else defaults; optional parameters without a value stay unbound. */
export function resolveParams(
  specs: readonly ParamSpec[],
  given: ReadonlyMap<string, string>,
  base: BaseIri,
  where: string,
): Map<string, Term> {
  const terms = new Map<string, Term>();
  for (const s of specs) {
    const value = given.get(s.name) ?? s.default;
    if (value === undefined) {
      if (s.optional) continue;
      throw new UsageError(`${where} needs --param ${s.name}=<${s.type}>${s.description ? ` (${s.description})` : ''}`);
    }
    terms.set(s.name, toTerm(s, value, base));
  }
  // a period given backwards would silently match nothing (or, with overlap tests, the wrong letters): refuse it
  const from = specs.find((s) => s.name === 'from' && s.type === 'date');
  const to = specs.find((s) => s.name === 'to' && s.type === 'date');
  const [f, t] = [terms.get('from')?.value, terms.get('to')?.value];
  if (from && to && f !== undefined && t !== undefined && f > t) {
    throw new UsageError(
      `${where}: the period is reversed (from=${f} is after to=${t}); give the earlier day as from, e.g. --param from=${t} --param to=${f}`,
    );
  }
  return terms;
}

/**
 * A copy of `query` with each parameter variable replaced by its term throughout (patterns, filters, templates,
 * subqueries); a projected parameter becomes `(term AS ?name)`. Constants in the patterns let every engine use
 * its indexes (a VALUES block joined afterwards made Comunica scan the whole store).
 */
export function bindParams(query: sparqljs.SparqlQuery, terms: ReadonlyMap<string, Term>): sparqljs.SparqlQuery {
  if (!terms.size) return query;
  const isParam = (x: unknown): x is Term =>
    typeof x === 'object' && x !== null && (x as Term).termType === 'Variable' && terms.has((x as Term).value);
  const walk = (x: unknown, inProjection = false): unknown => {
    if (isParam(x)) return inProjection ? { expression: terms.get(x.value), variable: x } : terms.get(x.value);
    if (Array.isArray(x)) return x.map((y) => walk(y, inProjection));
    if (typeof x !== 'object' || x === null || 'termType' in x) return x;
    return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, k === 'variables' ? walk(y, true) : walk(y)]));
  };
  return walk(query) as sparqljs.SparqlQuery;
}

export const toSparql = (query: sparqljs.SparqlQuery): string => new sparqljs.Generator().stringify(query);
