import type { Command } from 'commander';
import { resolve } from 'node:path';
import { packagePath } from '../core/package.js';
import { DEFAULT_BASE_IRI, parseBaseIri } from '../core/iri.js';
import { UsageError, type Io } from './io.js';

interface SiteCliOptions {
  build: string;
  out: string;
  baseIri: string;
  publicUrl?: string;
  quiet?: boolean;
  verbose?: boolean;
  threads?: string;
}

/** The `site` command: a static site from the built graph. */
export function registerSiteCommand(p: Command, io: Io): void {
  p.command('site')
    .description(
      'write a static site (HTML pages and .ttl/.jsonld/.nt per thing, indexes, ontology docs, conneg rules) from build/',
    )
    .option('--build <dir>', 'the built dataset to publish', 'build')
    .option('--out <dir>', 'output folder (replaced as a whole)', 'site')
    .option('--base-iri <iri>', 'base IRI of the dataset', DEFAULT_BASE_IRI)
    .option(
      '--public-url <url>',
      'the URL the site will be served at, e.g. https://example.org/stalin-letters/ (for sitemap.xml, robots.txt and the w3id rules; without it they are left out)',
    )
    .option(
      '--threads <n>',
      'threads writing pages: 1 or 2 (default: 2 when three cores are idle, by the load average: with the file writer that makes three busy threads)',
    )
    .option('-q, --quiet', 'print nothing on success')
    .option('--verbose', 'print stack traces of unexpected errors')
    .action(async (o: SiteCliOptions) => {
      const t0 = performance.now();
      // the URL goes into sitemap.xml and the w3id rewrite rules: nothing there may break out of them
      if (o.publicUrl !== undefined && !/^https?:\/\/[^\s"'<>\\^`{|}$]+$/.test(o.publicUrl))
        throw new UsageError(`--public-url "${o.publicUrl}" must be an http(s) URL`);
      const base = parseBaseIri(o.baseIri);
      (await import('../core/fs/output-folder.js')).refuseFileAsFolder(resolve(io.cwd, o.out));
      if (o.threads !== undefined && o.threads !== '1' && o.threads !== '2')
        throw new UsageError(`--threads "${o.threads}" must be 1 or 2`);
      const { writeSite } = await import('../site/site.js');
      const r = await writeSite({
        buildDir: resolve(io.cwd, o.build),
        outDir: resolve(io.cwd, o.out),
        base,
        ...(o.publicUrl !== undefined ? { publicUrl: o.publicUrl } : {}),
        ontologyDir: packagePath('ontology'),
        queriesDir: packagePath('queries'),
        removeOld: 'background',
        ...(o.threads ? { threads: Number(o.threads) as 1 | 2 } : {}),
        ...(io.isTTY && !o.quiet
          ? {
              onStage: (stage: string, ms: number) => io.err(`  ${stage.padEnd(24)} ${ms.toFixed(0).padStart(6)} ms\n`),
            }
          : {}),
      });
      if (!o.quiet) for (const n of r.notes) io.err(`note: ${n}\n`);
      if (!o.quiet)
        io.out(
          `site: ${r.things} things, ${r.pages} pages, ${r.files} files${r.unchanged ? ` (${r.unchanged} unchanged, kept)` : ''} → ${o.out}/ (${(performance.now() - t0).toFixed(0)} ms)\n`,
        );
    });
}
