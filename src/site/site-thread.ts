// The helper thread of `site` (site.ts writeSite): reads the same graph, writes the page and the descriptions of every
// thing with an odd index straight into the staging folder (unchanged files linked from the site replaced, as the
// main thread's writer does: place-file.ts), and answers with the number of files it wrote and linked.

import { parentPort, workerData } from 'node:worker_threads';
import { FilePlacer } from '../core/fs/place-file.js';
import { prepareSite, writeThing } from './site.js';
import type { BaseIri } from '../core/iri.js';

const data = workerData as { buildDir: string; ontologyDir: string; base: BaseIri; staging: string; previous?: string };
const encoder = new TextEncoder();
try {
  const s = prepareSite(data);
  const placer = new FilePlacer(data.staging, data.previous);
  const write = (rel: string, content: string): void => placer.place(rel, encoder.encode(content));
  for (let i = 1; i < s.things.length; i += 2) writeThing(s, s.things[i]!, write);
  parentPort!.postMessage({ files: placer.files, linked: placer.linked, signposted: [...s.signposted] });
} catch (e) {
  parentPort!.postMessage({
    error: e instanceof Error ? e.message : String(e),
    stack: e instanceof Error ? e.stack : undefined,
  });
}
