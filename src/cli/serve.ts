import { InvalidArgumentError, type Command } from 'commander';
import { join, resolve } from 'node:path';
import { existsSync, readdirSync } from 'node:fs';
import { DEFAULT_BASE_IRI, parseBaseIri } from '../core/iri.js';
import type { Io } from './io.js';

interface ServeCliOptions {
  port: number;
  host: string;
  site: string;
  timeout: number;
  rowLimit: number;
  maxQueryBytes: number;
  workers: number;
  baseIri: string;
  quiet?: boolean;
}

const int =
  (min: number, max: number) =>
  (v: string): number => {
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max)
      throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    return n;
  };

/** The `serve` command: the site with content negotiation and a SPARQL endpoint, until SIGINT or SIGTERM. */
export function registerServeCommand(p: Command, io: Io): void {
  p.command('serve')
    .description(
      'serve the site with content negotiation, a SPARQL 1.1 endpoint at /sparql and a reconciliation service at /reconcile (stop with Ctrl-C)',
    )
    .option('--port <n>', 'port (0: any free port)', int(0, 65535), 8080)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--site <dir>', 'the site written by `site`', 'site')
    .option('--timeout <seconds>', 'time limit per SPARQL query', int(1, 3600), 10)
    .option('--row-limit <n>', 'most rows (or triples) a query returns', int(1, 10_000_000), 10_000)
    .option('--max-query-bytes <n>', 'longest query accepted', int(100, 100_000_000), 100_000)
    .option('--workers <n>', 'queries run at the same time (worker threads)', int(1, 64), 2)
    .option('--base-iri <iri>', "base IRI (to bind the saved queries' parameters)", DEFAULT_BASE_IRI)
    .option('-q, --quiet', 'no request log')
    .action(async (o: ServeCliOptions) => {
      const base = parseBaseIri(o.baseIri);
      const [{ startServer }, { prepareQuery }] = await Promise.all([
        import('../serve/server.js'),
        import('../query/run.js'),
      ]);
      const site = resolve(io.cwd, o.site);
      const qdir = join(site, 'queries');
      const savedQueries = existsSync(qdir)
        ? readdirSync(qdir)
            .filter((f) => f.endsWith('.rq'))
            .sort()
            .flatMap((f) => {
              try {
                const pq = prepareQuery({
                  name: f.slice(0, -3),
                  params: [],
                  base,
                  cwd: io.cwd,
                  queriesDir: qdir,
                });
                return [{ name: pq.query.name, title: pq.query.title, text: pq.sparql }];
              } catch {
                return [];
              }
            })
        : [];
      const server = await startServer({
        site,
        port: o.port,
        host: o.host,
        timeoutMs: o.timeout * 1000,
        rowLimit: o.rowLimit,
        maxQueryBytes: o.maxQueryBytes,
        workers: o.workers,
        savedQueries,
        log: o.quiet ? () => undefined : (line) => io.err(`${line}\n`),
      });
      io.out(
        `serving ${o.site}/ at ${server.url}/ (SPARQL: ${server.url}/sparql; reconciliation: ${server.url}/reconcile); Ctrl-C stops\n`,
      );
      await new Promise<void>((done) => {
        const stop = (signal: string): void => {
          process.off('SIGINT', onInt);
          process.off('SIGTERM', onTerm);
          void server.close().then(() => {
            io.out(`stopped (${signal})\n`);
            done();
          });
        };
        const onInt = (): void => stop('SIGINT');
        const onTerm = (): void => stop('SIGTERM');
        process.on('SIGINT', onInt);
        process.on('SIGTERM', onTerm);
      });
    });
}
