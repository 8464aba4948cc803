// Saved queries: queries/*.rq, each opening with a header comment that names it and declares its parameters.
//
//   # @title Who held which post on a given date
//   # On the given day, which person held which post … (free text: the question in plain words)
//   # @param date date = 1930-09-01 — the day to look at
//   # @param delo string? — delo number; any delo when omitted
//   # @columns post, postLabel, person, …
//   # @source https://query.wikidata.org/sparql — another source the query reads besides the dataset (repeatable)
//
// Every header line is optional (a file of one's own may be bare SPARQL; its title is then its file name).
// A parameter with `= value` has that default; `type?` makes it optional (unbound: matches anything); otherwise
// it is required. The query text is parsed with sparqljs when loaded, so a broken file is reported by name.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { packagePath } from '../core/package.js';
import sparqljs from 'sparqljs';
import { UsageError } from '../core/errors.js';
import { PARAM_TYPES, type ParamType } from './params.js';

export interface ParamSpec {
  name: string;
  type: ParamType;
  default?: string;
  optional: boolean;
  description: string;
}

export interface SavedQuery {
  name: string;
  file: string;
  title: string;
  description: string;
  params: ParamSpec[];
  columns: string[];
  /** SPARQL endpoints the query also reads, by default, besides the dataset (`# @source URL`). */
  sources: string[];
  text: string;
  parsed: sparqljs.SparqlQuery;
}

/** The queries/ folder shipped with the package. */
export const QUERIES_DIR = packagePath('queries');

const PARAM_LINE = /^@param\s+([A-Za-z_][A-Za-z0-9_]*)\s+([a-z]+)(\?)?(?:\s*=\s*(\S+))?\s*(?:[—-]+\s*)?(.*)$/;

/** Parses SPARQL text; a syntax error becomes a one-line UsageError naming `where`. */
export function parseSparql(text: string, where: string): sparqljs.SparqlQuery {
  try {
    const parsed = new sparqljs.Parser().parse(text);
    if (parsed.type !== 'query') throw new Error('this is an update, not a query; only queries are allowed');
    return parsed;
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).split('\n');
    // sparqljs puts the line number first and the expectation last ("Expecting 'X', got 'Y'")
    const detail = msg.length > 1 ? `${msg[0]!.replace(/:$/, '')}: ${msg[msg.length - 1]}` : msg[0];
    throw new UsageError(`${where}: SPARQL syntax error: ${detail}`);
  }
}

/** Reads the header comment and parses the query; errors name the file. */
export function parseSavedQuery(file: string, text: string): SavedQuery {
  const name = basename(file).replace(/\.rq$/, '');
  const q: Omit<SavedQuery, 'parsed'> = {
    name,
    file,
    title: '',
    description: '',
    params: [],
    columns: [],
    sources: [],
    text,
  };
  const description: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (!raw.startsWith('#')) break;
    const line = raw.replace(/^#\s?/, '').trim();
    if (line.startsWith('@title ')) q.title = line.slice(7).trim();
    else if (line.startsWith('@columns '))
      q.columns = line
        .slice(9)
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean);
    else if (line.startsWith('@source ')) {
      const url = line.slice(8).trim().split(/\s/)[0]!;
      if (!/^https?:\/\/\S+$/.test(url))
        throw new UsageError(`${file}: @source "${url}" must be the http(s) URL of a SPARQL endpoint`);
      q.sources.push(url);
    } else if (line.startsWith('@param')) {
      const m = PARAM_LINE.exec(line);
      if (!m || !(PARAM_TYPES as readonly string[]).includes(m[2]!)) {
        throw new UsageError(
          `${file}: bad parameter declaration "${line}"; write "@param NAME TYPE[?] [= DEFAULT] — description" with TYPE one of ${PARAM_TYPES.join(', ')}`,
        );
      }
      q.params.push({
        name: m[1]!,
        type: m[2] as ParamType,
        optional: m[3] === '?',
        description: m[5] ?? '',
        ...(m[4] !== undefined ? { default: m[4] } : {}),
      });
    } else if (line.startsWith('@'))
      throw new UsageError(
        `${file}: unknown header tag "${line.split(/\s/)[0]}"; use @title, @param, @columns or @source`,
      );
    else if (line) description.push(line);
  }
  q.description = description.join(' ');
  // a query file of one's own needs no header at all: without "# @title" it is called by its file name
  if (!q.title) q.title = name;
  return { ...q, parsed: parseSparql(text, file) };
}

export function loadQueryFile(file: string): SavedQuery {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read query file ${file}`);
  }
  return parseSavedQuery(file, text);
}

/** Names of the saved queries in `dir`, sorted. */
export function savedQueryNames(dir = QUERIES_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.rq'))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** One saved query by name; an unknown name is an error that lists the known ones. */
export function loadSavedQuery(name: string, dir = QUERIES_DIR): SavedQuery {
  const names = savedQueryNames(dir);
  if (!names.includes(name)) {
    throw new UsageError(
      `unknown query "${name}"; saved queries are: ${names.join(', ')} (or pass a .rq file or --query)`,
    );
  }
  return loadQueryFile(join(dir, `${name}.rq`));
}

export const loadAllSavedQueries = (dir = QUERIES_DIR): SavedQuery[] =>
  savedQueryNames(dir).map((n) => loadQueryFile(join(dir, `${n}.rq`)));
