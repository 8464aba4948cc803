// `npm run bench:reconcile` (also part of `npm run bench`): the speed targets of issue #26, on 127.0.0.1.
//  - a batch of 100 match queries (printed names, variants, Cyrillic, romanisations, a few misspellings) POSTed to
//    `serve`'s /reconcile as OpenRefine sends them: median and p90 of 200 round trips after a warm-up;
//  - the yardstick, measured in the same run: the same 100 keys looked up in a plain JavaScript Map built from the
//    same names, plus the round trip of the same POST to a trivial handler (node:http in this process: it reads the
//    body and answers a fixed JSON); and the ratio (target ≤ 2, and ≤ 100 ms absolute);
//  - for reference, the same batch answered in this process without HTTP (Reconciler.matchText, 1000 times);
//  - suggest: 500 sequential GETs of /reconcile/suggest/entity with prefixes of 2–6 letters: p50 (target ≤ 5 ms), p99.
// Needs build/ (npm run build). Prints Markdown.

import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSite } from '../src/site/site.js';
import { startServer, DEFAULTS } from '../src/serve/server.js';
import { buildIndex } from '../src/serve/reconcile-index.js';
import { Reconciler } from '../src/serve/reconcile.js';
import { median } from './stats.js';
import { parseBaseIri } from '../src/core/iri.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const BASE = parseBaseIri('https://w3id.org/stalin-letters/');
const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sl-bench-reconcile-'));
  try {
    const site = join(dir, 'site');
    await writeSite({
      buildDir: join(ROOT, 'build'),
      outDir: site,
      ontologyDir: join(ROOT, 'ontology'),
      queriesDir: join(ROOT, 'queries'),
      base: BASE,
    });
    const srv = await startServer({ ...DEFAULTS, site, port: 0, workers: 1, savedQueries: [], log: () => undefined });
    try {
      // the names: every form of every entity, as the service indexes them; 100 of them spread over the list, a few
      // with a letter swapped (misspellings take the slow path)
      const index = buildIndex(readFileSync(join(site, 'stalin-letters.nt'), 'utf8'));
      const forms = index.entities.flatMap((e) => e.forms.map((f) => ({ id: e.id, form: f.form })));
      const picked = Array.from({ length: 100 }, (_, i) => forms[Math.floor((i * forms.length) / 100)]!);
      const queries = picked.map((p, i) =>
        i % 20 === 19 ? p.form.slice(0, -2) + p.form.slice(-1) + p.form.slice(-2, -1) : p.form,
      );
      const body = `queries=${encodeURIComponent(JSON.stringify(Object.fromEntries(queries.map((q, i) => [`q${i}`, { query: q }]))))}`;
      const post = async (url: string): Promise<number> => {
        const t0 = performance.now();
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body,
        });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
        return performance.now() - t0;
      };

      // the yardstick's Map: the same names, looked up by the same 100 strings
      const map = new Map(forms.map((f) => [f.form, f.id]));
      const mapTimes: number[] = [];
      for (let r = 0; r < 2200; r++) {
        const t0 = performance.now();
        let hits = 0;
        for (const q of queries) if (map.get(q) !== undefined) hits++;
        mapTimes.push(performance.now() - t0);
        if (hits < 90) throw new Error('the Map lost the names');
      }
      const trivial = createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
          res.end('{"ok":true}');
        });
      });
      await new Promise<void>((r) => trivial.listen(0, '127.0.0.1', () => r()));
      const trivialUrl = `http://127.0.0.1:${(trivial.address() as { port: number }).port}/`;

      const service: number[] = [];
      const yard: number[] = [];
      for (let r = 0; r < 20; r++) {
        await post(`${srv.url}/reconcile`);
        await post(trivialUrl);
      }
      // interleaved, so that the machine's other load falls on both alike
      for (let r = 0; r < 200; r++) {
        service.push(await post(`${srv.url}/reconcile`));
        yard.push(await post(trivialUrl));
      }
      await new Promise<void>((r) => trivial.close(() => r()));
      const mapMs = median(mapTimes.slice(200));
      const yardstick = median(yard) + mapMs;

      // the same batch answered in this process, without HTTP: what the service itself adds to the round trip
      const reconciler = new Reconciler(index);
      const batch = JSON.parse(new URLSearchParams(body).get('queries')!) as unknown;
      const inProcess: number[] = [];
      for (let r = 0; r < 1200; r++) {
        const t0 = performance.now();
        reconciler.matchText(batch);
        if (r >= 200) inProcess.push(performance.now() - t0);
      }

      const prefixes = forms
        .map((f, i) => [...f.form].slice(0, 2 + (i % 5)).join(''))
        .filter((p) => p.trim().length >= 2);
      const sugg: number[] = [];
      for (let i = 0; i < 550; i++) {
        const p = prefixes[(i * 7) % prefixes.length]!;
        const t0 = performance.now();
        const res = await fetch(`${srv.url}/reconcile/suggest/entity?prefix=${encodeURIComponent(p)}`);
        await res.arrayBuffer();
        if (i >= 50) sugg.push(performance.now() - t0);
      }

      console.log('## Reconciliation (issue #26)\n');
      console.log(
        `load average ${loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}; ${index.entities.length} entities, ${forms.length} name forms\n`,
      );
      console.log('| measurement | median ms | p90 ms | target |');
      console.log('|---|---:|---:|---|');
      console.log(
        `| batch of 100 queries, POST /reconcile | ${median(service).toFixed(2)} | ${pct(service, 0.9).toFixed(2)} | ≤ 100 ms |`,
      );
      console.log(
        `| yardstick: 100 Map lookups | ${mapMs.toFixed(4)} | ${pct(mapTimes.slice(200), 0.9).toFixed(4)} | |`,
      );
      console.log(
        `| yardstick: same POST to a trivial handler | ${median(yard).toFixed(2)} | ${pct(yard, 0.9).toFixed(2)} | |`,
      );
      console.log(
        `| **ratio** batch / (Map + trivial round trip) | ${(median(service) / yardstick).toFixed(2)} | | ≤ 2 |`,
      );
      console.log(
        `| (the batch answered in process, no HTTP: Reconciler.matchText) | ${median(inProcess).toFixed(2)} | ${pct(inProcess, 0.9).toFixed(2)} | |`,
      );
      console.log(
        `| suggest (GET /reconcile/suggest/entity), p50 / p99 | ${pct(sugg, 0.5).toFixed(2)} | ${pct(sugg, 0.99).toFixed(2)} (p99) | p50 ≤ 5 ms |`,
      );
      console.log('');
    } finally {
      await srv.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
