// `npm run bench:search` (and the end of `npm run bench`): the site's search (issue 28) for the shipped corpus —
// the download of the index (bytes, gzip) for the full and the open profile against the 300 KB yardstick; the time
// `site` spends on it (documents and file); building the index from the download and answering each spelling of the
// test table, in Node and in headless Chromium (when /usr/bin/chromium exists), against the 50 ms yardstick for the
// first results. Prints a Markdown table; no assertion (the tests check what is found, not how fast).

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createServer } from 'node:http';
import { runBuild } from '../src/pipeline/build.js';
import { prepareSite, writeSite } from '../src/site/site.js';
import { loadSearchIndex, searchDocs, searchIndex } from '../src/site/search.js';
import { SEARCH_INDEX_FILE, SEARCH_OPTIONS } from '../src/site/search-terms.js';
import { SPELLINGS } from '../test/spellings.js';
import { median, warmMedian } from './stats.js';
import { parseBaseIri } from '../src/core/iri.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const BASE = parseBaseIri('https://w3id.org/stalin-letters/');
const CHROMIUM = '/usr/bin/chromium';
const LIMIT_MS = 50;
const LIMIT_BYTES = 300_000;

const rows: string[][] = [];
const row = (what: string, value: string, yardstick = '', ratio = ''): void => {
  rows.push([what, value, yardstick, ratio]);
};
const kb = (n: number): string => `${(n / 1000).toFixed(1)} KB`;

const dir = mkdtempSync(join(tmpdir(), 'sl-bench-search-'));
try {
  const sites: Record<string, string> = {};
  for (const profile of ['full', 'open'] as const) {
    const build = profile === 'full' ? join(ROOT, 'build') : join(dir, 'build-open');
    if (profile === 'open') await runBuild({ corpusDir: join(ROOT, 'corpus'), outDir: build, base: BASE, profile });
    const site = join(dir, `site-${profile}`);
    await writeSite({
      buildDir: build,
      outDir: site,
      ontologyDir: join(ROOT, 'ontology'),
      queriesDir: join(ROOT, 'queries'),
      base: BASE,
    });
    sites[profile] = site;
    const json = readFileSync(join(site, SEARCH_INDEX_FILE));
    const gz = gzipSync(json, { level: 9 }).length;
    row(
      `index download, ${profile} profile`,
      `${kb(json.length)} (${kb(gz)} gzip)`,
      `${kb(LIMIT_BYTES)} gzip`,
      (gz / LIMIT_BYTES).toFixed(2),
    );
    const s = prepareSite({ buildDir: build, ontologyDir: join(ROOT, 'ontology'), base: BASE });
    const ms = await warmMedian(() => searchIndex(searchDocs(s.g, s.base, s.things, s.letters)), 5);
    row(`\`site\`: documents and index file, ${profile}`, `${ms.toFixed(0)} ms`);
    const text = json.toString('utf8');
    row(
      `index built from the download (Node), ${profile}`,
      `${(await warmMedian(() => loadSearchIndex(text), 5)).toFixed(1)} ms`,
    );
    const idx = loadSearchIndex(text);
    const times = SPELLINGS.map(([q]) => {
      const t0 = performance.now();
      for (let i = 0; i < 20; i++) idx.search(q, SEARCH_OPTIONS);
      return (performance.now() - t0) / 20;
    });
    row(
      `one search, ${SPELLINGS.length} spellings (Node), ${profile}: median / max`,
      `${median(times).toFixed(2)} / ${Math.max(...times).toFixed(2)} ms`,
      `${LIMIT_MS} ms`,
      (Math.max(...times) / LIMIT_MS).toFixed(3),
    );
  }

  if (existsSync(CHROMIUM)) {
    // the full site from a plain static server on 127.0.0.1, as a browser would load it
    const site = sites.full!;
    const server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
      const file = join(site, path);
      if (!file.startsWith(site) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, {
        'Content-Type': path.endsWith('.html')
          ? 'text/html; charset=utf-8'
          : path.endsWith('.js')
            ? 'text/javascript'
            : path.endsWith('.json')
              ? 'application/json'
              : 'application/octet-stream',
      });
      res.end(readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const { default: puppeteer } = await import('puppeteer-core');
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    try {
      const page = await browser.newPage();
      const loads: number[] = [];
      for (let i = 0; i < 3; i++) {
        await page.goto(`${url}/search.html`, { waitUntil: 'load' });
        await page.waitForSelector('#search-app[data-ready]');
        loads.push(await page.evaluate(() => (globalThis as unknown as { searchLoadMs: number }).searchLoadMs));
      }
      row('index built from the download (Chromium), full', `${median(loads).toFixed(1)} ms`);
      const times: number[] = [];
      for (const [q] of SPELLINGS) {
        await page.$eval('#search-app input[name=q]', (e) => {
          (e as unknown as { value: string }).value = '';
        });
        await page.type('#search-app input[name=q]', q);
        times.push(await page.evaluate(() => (globalThis as unknown as { lastSearchMs: number }).lastSearchMs));
      }
      row(
        'first results after typing (Chromium, search and list), full: median / max',
        `${median(times).toFixed(2)} / ${Math.max(...times).toFixed(2)} ms`,
        `${LIMIT_MS} ms`,
        (Math.max(...times) / LIMIT_MS).toFixed(3),
      );
    } finally {
      await browser.close();
      server.close();
    }
  } else row('Chromium', `not installed (${CHROMIUM}): browser timings skipped`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log('\n## Search (shipped corpus)\n');
console.log('| what | measured | yardstick | ratio |');
console.log('|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
