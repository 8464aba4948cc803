import { Option, type Command } from 'commander';
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { DEFAULT_BASE_IRI, parseBaseIri } from '../core/iri.js';
import { defaultGraph, DUMPS } from '../core/layout.js';
import { UsageError, type Io } from './io.js';
import type { AuthScheme, LoadReport } from '../store/graph-store.js';

/** The Wikidata-shaped view of the dataset, loaded into a graph of its own when the build has it. */
const WIKIDATA_DUMP = 'stalin-letters-wikidata.nt';

interface LoadOptions {
  store: string;
  graph?: string;
  wikidataGraph?: string;
  sparql?: string;
  update?: string;
  user?: string;
  password?: string;
  auth?: AuthScheme;
  dump?: string;
  chunkMb: string;
  baseIri: string;
  timeout: string;
  isql?: string;
  isqlBin?: string;
  quiet?: boolean;
}

/** A path as the user would type it: relative below the working folder, else absolute. */
const shown = (io: Io, file: string): string => {
  const r = relative(io.cwd, file);
  return r && !r.startsWith('..') ? r : file;
};
const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function summary(io: Io, r: LoadReport): string {
  return (
    `loaded ${shown(io, r.file)} → <${r.graph}>: ${r.triples.toLocaleString('en')} triples ` +
    `(${mb(r.bytes)} in ${r.chunks} POST${r.chunks === 1 ? '' : 's'}), COUNT verified; ${s(r.totalMs)} ` +
    `(parse ${s(r.parseMs)}, upload ${s(r.uploadMs)}, ${Math.round(r.triples / (r.uploadMs / 1000)).toLocaleString('en')} triples/s)\n`
  );
}

/** The `load` command: replaces named graphs of a triple store with the dumps (Graph Store protocol, then COUNT). */
export function registerLoadCommand(p: Command, io: Io, env: NodeJS.ProcessEnv = process.env): void {
  p.command('load')
    .description(
      'load the dumps into a triple store through the SPARQL Graph Store protocol (Virtuoso, Fuseki, Oxigraph …) and check them there with COUNT',
    )
    .requiredOption(
      '--store <url>',
      'Graph Store endpoint, e.g. http://127.0.0.1:8890/sparql-graph-crud-auth (Virtuoso), http://host:3030/ds/data (Fuseki), http://host:7878/store (Oxigraph)',
    )
    .option('--graph <iri>', 'named graph to replace (default: BASE-IRI + "dataset")')
    .option(
      '--wikidata-graph <iri>',
      `graph for build/${WIKIDATA_DUMP} when it exists and --dump is not given (default: BASE-IRI + "dataset/wikidata")`,
    )
    .option('--dump <file>', `dump to load (.nt, .ttl, .jsonld; default build/${DUMPS.ntriples})`)
    .option(
      '--sparql <url>',
      'SPARQL query endpoint for the COUNT (default: derived from --store for Virtuoso, Fuseki, Oxigraph)',
    )
    .option('--update <url>', 'SPARQL Update endpoint for the swap (default: derived likewise)')
    .option('--user <name>', 'user name (or STORE_USER)')
    .option('--password <password>', 'password (or STORE_PASSWORD; the environment keeps it out of the shell history)')
    .addOption(
      new Option('--auth <scheme>', 'authentication scheme (default: whatever the store asks for)').choices([
        'basic',
        'digest',
      ]),
    )
    .option('--chunk-mb <n>', 'largest POST body in MB', '4')
    .option('--timeout <seconds>', 'time limit on every request to the store (and on the isql switch)', '120')
    .option(
      '--isql <host:port>',
      "Virtuoso's SQL port: the switch to the new graph runs there as one transaction, so a crash leaves the old graph or the new one (Virtuoso's MOVE does not)",
    )
    .option('--isql-bin <path>', 'the isql client for --isql (default isql-vt, or ISQL_VT)')
    .option('--base-iri <iri>', 'base IRI of the dataset (for the default graph names)', DEFAULT_BASE_IRI)
    .option('-q, --quiet', 'print nothing on success')
    .option('--verbose', 'print stack traces of unexpected errors')
    .action(async (o: LoadOptions) => {
      const base = parseBaseIri(o.baseIri);
      const { checkGraphIri, loadDump } = await import('../store/graph-store.js');
      const chunkMb = Number(o.chunkMb);
      if (!(chunkMb > 0)) throw new UsageError(`--chunk-mb "${o.chunkMb}" must be a positive number`);
      const timeout = Number(o.timeout);
      if (!(timeout > 0) || !Number.isFinite(timeout))
        throw new UsageError(`--timeout "${o.timeout}" must be a positive number of seconds`);
      if (o.isql !== undefined && !/^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/.test(o.isql))
        throw new UsageError(`--isql "${o.isql}" must be HOST:PORT of Virtuoso's SQL server, e.g. 127.0.0.1:1111`);
      const user = o.user ?? env.STORE_USER;
      const password = o.password ?? env.STORE_PASSWORD;
      const store = {
        store: o.store,
        ...(o.sparql ? { sparql: o.sparql } : {}),
        ...(o.update ? { update: o.update } : {}),
        ...(user !== undefined ? { user } : {}),
        ...(password !== undefined ? { password } : {}),
        ...(o.auth ? { auth: o.auth } : {}),
        timeoutMs: timeout * 1000,
        ...(o.isql ? { isql: o.isql } : {}),
        ...(o.isqlBin ? { isqlBin: o.isqlBin } : {}),
      };
      const jobs: { file: string; graph: string }[] = [
        {
          file: resolve(io.cwd, o.dump ?? `build/${DUMPS.ntriples}`),
          graph: checkGraphIri(o.graph ?? defaultGraph(base)),
        },
      ];
      const view = resolve(io.cwd, `build/${WIKIDATA_DUMP}`);
      if (!o.dump && existsSync(view))
        jobs.push({ file: view, graph: checkGraphIri(o.wikidataGraph ?? `${base}dataset/wikidata`) });
      for (const job of jobs) {
        const report = await loadDump(store, {
          ...job,
          chunkBytes: Math.floor(chunkMb * 1e6),
          onProgress: o.quiet
            ? undefined
            : (pr) => {
                if (pr.chunks > 1)
                  io.err(
                    `  ${shown(io, job.file)}: chunk ${pr.chunk}/${pr.chunks}, ${mb(pr.bytesSent)} of ${mb(pr.bytes)}\n`,
                  );
              },
        });
        if (!o.quiet) io.out(summary(io, report));
      }
      // (after a success only: a failure stays one line)
      if (!o.isql && !o.quiet && /\/sparql-graph-crud(-auth)?\/?(\?|$)/.test(o.store))
        io.err(
          'note: Virtuoso runs the final MOVE in more than one transaction (a crash during it can leave the graph partial); give --isql HOST:PORT to switch in one\n',
        );
    });
}
