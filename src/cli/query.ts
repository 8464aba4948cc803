import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { DEFAULT_BASE_IRI, parseBaseIri } from '../core/iri.js';
import { DUMPS } from '../core/layout.js';
import { UsageError, type Io } from './io.js';
import type { SavedQuery } from '../query/saved.js';
import { ENGINES, GRAPH_FORMATS, SELECT_FORMATS, type Format } from '../query/formats.js';

interface QueryOptions {
  query?: string;
  list?: boolean;
  param: string[];
  format?: Format;
  source: string[];
  endpoint: string[];
  engine?: string;
  timeout: string;
  allowRemoteContext?: boolean;
  baseIri: string;
  queries?: string;
  width?: string;
}

/** Table width: --width (0: no limit), else the terminal's, else $COLUMNS, else 120 (output piped or redirected). */
function tableWidth(o: QueryOptions, io: Io): number {
  if (o.width !== undefined) {
    if (!/^\d+$/.test(o.width))
      throw new UsageError(`--width "${o.width}" must be a number of characters (0: no limit)`);
    return Number(o.width);
  }
  const env = Number(process.env.COLUMNS);
  return io.columns ?? (Number.isInteger(env) && env > 0 ? env : 120);
}

function describeParams(q: SavedQuery): string {
  return q.params
    .map(
      (p) =>
        `${p.name}:${p.type}${p.default !== undefined ? `=${p.default}` : p.optional ? ' (optional)' : ' (required)'}`,
    )
    .join(' ');
}

function list(io: Io, queries: SavedQuery[]): void {
  const width = Math.max(...queries.map((q) => q.name.length));
  for (const q of queries) {
    io.out(`${q.name.padEnd(width)}  ${q.title}\n`);
    if (q.params.length) io.out(`${''.padEnd(width)}  params: ${describeParams(q)}\n`);
    if (q.sources.length) io.out(`${''.padEnd(width)}  also reads: ${q.sources.join(', ')}\n`);
  }
}

function checkEndpoint(url: string): string {
  if (!/^https?:\/\/\S+$/.test(url)) throw new UsageError(`--endpoint "${url}" must be an http(s) URL`);
  return url;
}

function checkEngine(name: string | undefined): (typeof ENGINES)[number] | undefined {
  if (name !== undefined && !(ENGINES as readonly string[]).includes(name))
    throw new UsageError(`--engine "${name}" is not an engine; use ${ENGINES.join(' or ')}`);
  return name as (typeof ENGINES)[number] | undefined;
}

function checkTimeout(value: string): number {
  const s = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(s > 0))
    throw new UsageError(`--timeout "${value}" must be a number of seconds greater than 0`);
  return Math.round(s * 1000);
}

const repeat = (v: string, acc: string[]): string[] => [...acc, v];

/** The `query` command: saved queries (queries/*.rq), a .rq file, or --query text, over the built dump. */
export function registerQueryCommand(p: Command, io: Io): void {
  p.command('query')
    .description('run a saved SPARQL query (see --list), a .rq file, or --query TEXT over the built dataset')
    .argument('[name]', 'saved query name or .rq file')
    .option('--query <sparql>', 'SPARQL query text')
    .option('--list', 'list the saved queries with their titles and parameters')
    .option(
      '--param <name=value>',
      'set a query parameter (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .addOption(
      new Option(
        '--format <format>',
        'output format (table|csv|tsv|json|md for SELECT/ASK; turtle|jsonld|nt for CONSTRUCT/DESCRIBE)',
      ).choices([...SELECT_FORMATS, ...GRAPH_FORMATS]),
    )
    .option(
      '--source <file|url>',
      `RDF file or SPARQL endpoint to query (repeatable: several are joined in one query; default build/${DUMPS.ntriples}, plus the endpoints a saved query names)`,
      repeat,
      [] as string[],
    )
    .option('--endpoint <url>', 'a SPARQL endpoint to query (the same as --source URL)', repeat, [] as string[])
    .option(
      '--engine <name>',
      'oxigraph (local files; the default for one file) or comunica (the default for endpoints and several sources)',
    )
    .option('--timeout <seconds>', 'give up on a remote request after this many seconds', '30')
    .option('--allow-remote-context', 'let a JSON-LD source fetch its remote @context (refused by default)')
    .option('--base-iri <iri>', 'base IRI of the dataset (to expand ids in parameters)', DEFAULT_BASE_IRI)
    .option(
      '--width <n>',
      "fit --format table to this many characters (default: the terminal's width, else $COLUMNS, else 120; 0: no limit)",
    )
    .option('--queries <dir>', 'folder of saved queries (default: the shipped queries/)')
    .option('--verbose', 'print stack traces of unexpected errors')
    .action(async (name: string | undefined, o: QueryOptions) => {
      const base = parseBaseIri(o.baseIri);
      // loaded only when a query runs: `build` and `--help` do not pay for the SPARQL parser and the writers
      const [{ loadAllSavedQueries }, { prepareQuery }, { checkFormat, formatResult }] = await Promise.all([
        import('../query/saved.js'),
        import('../query/run.js'),
        import('../query/format.js'),
      ]);
      const queriesDir = o.queries ? resolve(io.cwd, o.queries) : undefined;
      if (o.list) {
        list(io, loadAllSavedQueries(queriesDir));
        return;
      }
      const engine = checkEngine(o.engine);
      const timeoutMs = checkTimeout(o.timeout);
      const prepared = prepareQuery({
        params: o.param,
        base,
        cwd: io.cwd,
        queriesDir,
        ...(name !== undefined ? { name } : {}),
        ...(o.query !== undefined ? { text: o.query } : {}),
      });
      const isGraph =
        prepared.query.parsed.type === 'query' &&
        (prepared.query.parsed.queryType === 'CONSTRUCT' || prepared.query.parsed.queryType === 'DESCRIBE');
      const format = o.format ?? (isGraph ? 'turtle' : 'table');
      checkFormat(format, isGraph);
      const width = tableWidth(o, io);
      // the engine and the data are loaded only now, once the query and its parameters are known to be valid
      const { parseSource, runQuery } = await import('../query/engine.js');
      const given = [...o.source, ...o.endpoint.map(checkEndpoint)];
      const dump = resolve(io.cwd, `build/${DUMPS.ntriples}`);
      // the default: the built dump (checked when read, with the hint to build it) and the endpoints the query names
      const sources = given.length
        ? given.map((s) => parseSource(s, io.cwd))
        : [{ kind: 'file' as const, path: dump }, ...prepared.query.sources.map((url) => parseSource(url, io.cwd))];
      const { result } = await runQuery(prepared, sources, {
        timeoutMs,
        ...(engine ? { engine } : {}),
        ...(o.allowRemoteContext ? { allowRemoteContext: true } : {}),
        trusted: new Set(given.length ? [] : [dump]),
        ...(io.oneShot ? { oneShot: true } : {}),
      });
      io.out(await formatResult(result, format, base, { width }));
    });
}
