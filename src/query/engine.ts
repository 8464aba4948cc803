// Two engines behind one interface. Local data (the build/ dump, --source FILE) runs on Oxigraph (local.ts);
// SPARQL endpoints and any query over more than one source run on Comunica (comunica.ts), which joins sources in
// one query. `--engine` forces one. Each engine module is imported only when it runs, so the local path never
// loads Comunica and `build` loads neither.

import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { PreparedQuery } from './run.js';
import { explicitProjection } from './variables.js';
import { footprint } from './footprint.js';

import type { QueryResult } from './results.js';
export type { QueryResult, Row } from './results.js';

export type SourceSpec = { kind: 'file'; path: string } | { kind: 'endpoint'; url: string };

export { ENGINES, type EngineName } from './formats.js';
import type { EngineName } from './formats.js';

const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

/** A --source value: an http(s) URL is a SPARQL endpoint, anything else must be a readable file. */
export function parseSource(value: string, cwd: string): SourceSpec {
  if (HTTP_URL.test(value)) return { kind: 'endpoint', url: value };
  const path = resolve(cwd, value);
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || !statSync(path).isFile()) throw new Error('not a file');
    accessSync(path, constants.R_OK);
  } catch {
    throw new UsageError(`--source ${value}: neither a readable file nor an http(s) URL (a SPARQL endpoint)`);
  }
  return { kind: 'file', path };
}

/** Oxigraph for local files (one, or several with --engine oxigraph); Comunica for endpoints and several sources. */
export function chooseEngine(sources: readonly SourceSpec[], forced?: EngineName): EngineName {
  const endpoint = sources.find((s) => s.kind === 'endpoint');
  if (forced === 'oxigraph' && endpoint) {
    throw new UsageError(
      `--engine oxigraph queries local files only, and ${endpoint.kind === 'endpoint' ? endpoint.url : ''} is a SPARQL endpoint; use --engine comunica (or leave --engine out)`,
    );
  }
  return forced ?? (sources.length === 1 && !endpoint ? 'oxigraph' : 'comunica');
}

export interface RunOptions {
  engine?: EngineName;
  /** For each remote request (endpoints, allowed remote JSON-LD contexts). */
  timeoutMs?: number;
  allowRemoteContext?: boolean;
  /** Files this tool wrote itself (the build/ dump): parsed without re-validating every IRI. */
  trusted?: ReadonlySet<string>;
  /** The process runs this one query and exits (see LoadOptions.oneShot). */
  oneShot?: boolean;
}

/** Runs a prepared query over the sources on the chosen engine. */
export async function runQuery(
  prepared: Pick<PreparedQuery, 'query' | 'sparql'>,
  sources: readonly SourceSpec[],
  o: RunOptions = {},
): Promise<{ engine: EngineName; result: QueryResult }> {
  const engine = chooseEngine(sources, o.engine);
  const files = sources.flatMap((s) => (s.kind === 'file' ? [s.path] : []));
  const fileOptions = {
    ...(o.allowRemoteContext ? { allowRemoteContext: true } : {}),
    ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
  };
  if (engine === 'oxigraph') {
    const { loadLocalStore, runLocal } = await import('./local.js');
    const lenient = files.every((f) => o.trusted?.has(f));
    // the dump this tool wrote: only the lines the query can match (most saved queries read a fraction of it)
    const fp = lenient ? footprint(prepared.query.parsed) : undefined;
    return {
      engine,
      result: runLocal(
        await loadLocalStore(files, {
          ...fileOptions,
          lenient,
          ...(fp ? { footprint: fp } : {}),
          ...(o.oneShot ? { oneShot: true } : {}),
        }),
        prepared,
      ),
    };
  }
  const { loadN3Store, runComunica } = await import('./comunica.js');
  const list = [
    ...(files.length ? [{ type: 'store' as const, store: await loadN3Store(files, fileOptions) }] : []),
    ...sources.flatMap((s) => (s.kind === 'endpoint' ? [{ type: 'endpoint' as const, url: s.url }] : [])),
  ];
  const variables = explicitProjection(prepared.query.parsed);
  const result = await runComunica(prepared.sparql, list, {
    ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
    ...(variables ? { variables } : {}),
  });
  return { engine, result };
}
