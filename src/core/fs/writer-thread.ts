// Writes many small files from a thread of their own (file-writer-thread.ts).

import { Worker } from 'node:worker_threads';
import { distModule, workerExecArgv } from '../package.js';

const encoder = new TextEncoder();

/**
 * Writes many small files from a thread of their own (file-writer-thread.ts): the caller hands over each file's
 * content and goes on composing the next while the system calls (open, write, close: a third of `site`'s time when
 * done inline) run on another core. `previous`: the folder being replaced, whose unchanged files are linked rather
 * than written again (place-file.ts). close() resolves when every file is in place, with how many were linked, or
 * rejects with the first error.
 */
const BATCH_BYTES = 1 << 20;

export class FileWriterThread {
  private readonly worker: Worker;
  private readonly finished: Promise<{ linked: number }>;
  files = 0;
  constructor(
    readonly root: string,
    o: { previous?: string } = {},
  ) {
    this.worker = new Worker(distModule('core/fs/file-writer-thread.js'), {
      workerData: { root, previous: o.previous },
      execArgv: workerExecArgv(),
    });
    this.finished = new Promise((done, fail) => {
      this.worker.once('message', (m: { done?: true; linked?: number; error?: { message: string; code?: string } }) => {
        if (m.error) fail(Object.assign(new Error(m.error.message), { code: m.error.code }));
        else done({ linked: m.linked ?? 0 });
      });
      this.worker.once('error', fail);
      this.worker.once('exit', () => fail(new Error('the file writer thread stopped')));
    });
    // a failure noticed before close() is awaited must not count as unhandled
    this.finished.catch(() => undefined);
  }

  // files are encoded one after another into one buffer, handed over (not copied) when full: each message costs
  // tens of microseconds, and cloning strings into a message costs more than encoding them
  private buffer = new Uint8Array(BATCH_BYTES);
  private used = 0;
  private entries: [string, number, number][] = [];

  write(rel: string, content: string | Uint8Array): void {
    this.files++;
    if (typeof content === 'string') {
      // at most 3 bytes per UTF-16 code unit
      if (this.used + content.length * 3 > this.buffer.length) this.flush(content.length * 3);
      const { written } = encoder.encodeInto(content, this.buffer.subarray(this.used));
      this.entries.push([rel, this.used, this.used + written]);
      this.used += written;
    } else {
      if (this.used + content.length > this.buffer.length) this.flush(content.length);
      this.buffer.set(content, this.used);
      this.entries.push([rel, this.used, this.used + content.length]);
      this.used += content.length;
    }
  }

  /** Hands the filled buffer to the thread and starts another, of at least `need` bytes. */
  private flush(need = 0): void {
    if (this.entries.length) {
      this.worker.postMessage({ buffer: this.buffer.buffer, entries: this.entries }, [this.buffer.buffer]);
      this.buffer = new Uint8Array(Math.max(BATCH_BYTES, need));
    } else if (this.buffer.length < need) this.buffer = new Uint8Array(need);
    this.used = 0;
    this.entries = [];
  }

  close(): Promise<{ linked: number }> {
    this.flush();
    this.worker.postMessage('end');
    return this.finished;
  }

  /** Stops the thread without waiting for the files (after a failure elsewhere). */
  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}
