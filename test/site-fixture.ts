// A site written from the committed build/ into a temporary folder (with two stand-in figures, as the figures
// helper writes them into <build>/figures/), and a server on a free loopback port. Removed by the caller's after().

import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSite } from '../src/site/site.js';
import { startServer, DEFAULTS, type RunningServer, type ServeOptions } from '../src/serve/server.js';
import { prepareQuery } from '../src/query/run.js';
import { DEFAULT_BASE_IRI } from '../src/rdf/vocab.js';
import { BUILD, ROOT } from './helpers.js';

export const BASE = DEFAULT_BASE_IRI;

export interface SiteFixture {
  dir: string;
  build: string;
  site: string;
  remove: () => void;
}

export const FIGURE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n';

export async function makeSite(figures = true): Promise<SiteFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'sl-site-'));
  const build = join(dir, 'build');
  mkdirSync(build);
  // the build's own figures are left out: the tests lay down stand-ins they know
  for (const f of readdirSync(BUILD).filter((x) => x !== 'figures'))
    cpSync(join(BUILD, f), join(build, f), { recursive: true });
  if (figures) {
    mkdirSync(join(build, 'figures/timeline'), { recursive: true });
    writeFileSync(join(build, 'figures/letters.svg'), FIGURE_SVG);
    writeFileSync(join(build, 'figures/timeline/rozengolts.svg'), FIGURE_SVG);
  }
  const site = join(dir, 'site');
  await writeSite({
    buildDir: build,
    outDir: site,
    ontologyDir: join(ROOT, 'ontology'),
    queriesDir: join(ROOT, 'queries'),
    base: BASE,
    publicUrl: 'https://example.org/sl/',
  });
  return { dir, build, site, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function savedQueriesForUi(): ServeOptions['savedQueries'] {
  const dir = join(ROOT, 'queries');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.rq'))
    .sort()
    .map((f) => {
      const pq = prepareQuery({ name: f.slice(0, -3), params: [], base: BASE, cwd: ROOT, queriesDir: dir });
      return { name: pq.query.name, title: pq.query.title, text: pq.sparql };
    });
}

export function serve(site: string, extra: Partial<ServeOptions> = {}): Promise<RunningServer> {
  return startServer({
    ...DEFAULTS,
    site,
    port: 0,
    workers: 1,
    savedQueries: savedQueriesForUi(),
    log: () => undefined,
    ...extra,
  });
}
