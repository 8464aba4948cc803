// The thread that writes FileWriterThread's files (write.ts): messages of one buffer and the [path, start, end] of
// each file in it, then 'end'. Each file is placed by placeFile (a link to the replaced folder's copy when the bytes
// are the same). The first error is kept and reported at the end (later files are skipped).

import { parentPort, workerData } from 'node:worker_threads';
import { FilePlacer } from './place-file.js';

const { root, previous } = workerData as { root: string; previous?: string };
const placer = new FilePlacer(root, previous);
let failed: { message: string; code?: string } | undefined;
parentPort!.on('message', (m: 'end' | { buffer: ArrayBuffer; entries: [string, number, number][] }) => {
  if (m === 'end') {
    parentPort!.postMessage(failed ? { error: failed } : { done: true, linked: placer.linked });
    parentPort!.close();
    return;
  }
  const all = new Uint8Array(m.buffer);
  for (const [rel, start, end] of m.entries) {
    if (failed) return;
    try {
      placer.place(rel, all.subarray(start, end));
    } catch (e) {
      failed = { message: (e as Error).message, code: (e as NodeJS.ErrnoException).code };
    }
  }
});
