// From what the user asked (a saved name, a .rq file, or query text) to bound SPARQL text ready for any engine.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { bindParams, parseParamArgs, resolveParams, toSparql } from './params.js';
import { loadQueryFile, loadSavedQuery, parseSparql, QUERIES_DIR, type SavedQuery } from './saved.js';
import type { BaseIri } from '../core/iri.js';

export interface QueryRequest {
  /** A saved query name or a path to a .rq file. */
  name?: string;
  /** Query text given on the command line. */
  text?: string;
  params: string[];
  base: BaseIri;
  cwd: string;
  queriesDir?: string;
}

export interface PreparedQuery {
  query: SavedQuery;
  /** The SPARQL to run, with the parameters bound (see bindParams). */
  sparql: string;
}

function locate(r: QueryRequest): SavedQuery {
  if (r.text !== undefined) {
    if (r.name) throw new UsageError('give either a query name/file or --query, not both');
    return {
      name: '--query',
      file: '--query',
      title: '',
      description: '',
      params: [],
      columns: [],
      sources: [],
      text: r.text,
      parsed: parseSparql(r.text, '--query'),
    };
  }
  if (!r.name) throw new UsageError("name a saved query (see --list), a .rq file, or pass --query 'SELECT …'");
  const path = resolve(r.cwd, r.name);
  if (r.name.endsWith('.rq') || r.name.includes('/')) {
    if (!existsSync(path)) throw new UsageError(`query file ${r.name} does not exist`);
    return loadQueryFile(path);
  }
  return loadSavedQuery(r.name, r.queriesDir ?? QUERIES_DIR);
}

export function prepareQuery(r: QueryRequest): PreparedQuery {
  const query = locate(r);
  const where = query.file === '--query' ? 'the --query text' : `query ${query.name}`;
  const terms = resolveParams(query.params, parseParamArgs(r.params, query.params, where), r.base, where);
  return { query, sparql: terms.size ? toSparql(bindParams(query.parsed, terms)) : query.text };
}
