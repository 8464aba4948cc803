// The helper thread of `site` (site.ts writeSite): reads the same graph, writes the page and the descriptions of every
// thing with an odd index straight into the staging folder, and answers with the number of files it wrote.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { prepareSite, writeThing } from './site.js';

const data = workerData as { buildDir: string; ontologyDir: string; base: string; staging: string };
try {
  const s = prepareSite(data);
  const dirs = new Set<string>();
  let files = 0;
  const write = (rel: string, content: string): void => {
    const target = join(data.staging, rel);
    const dir = dirname(target);
    if (!dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    writeFileSync(target, content);
    files++;
  };
  for (let i = 1; i < s.things.length; i += 2) writeThing(s, s.things[i]!, write);
  parentPort!.postMessage({ files });
} catch (e) {
  parentPort!.postMessage({ error: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined });
}
