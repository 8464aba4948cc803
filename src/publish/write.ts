// Writes a set of files all-or-nothing: each goes to a temporary file first, and only when every one has been
// written are they renamed into place. A failure leaves the previous build untouched. Large dumps are streamed
// into their temporary file chunk by chunk, so no dump has to exist as one string in memory.

import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Receives a serialisation piece by piece. */
export type Sink = (chunk: string) => void;

/** Runs a streaming writer into memory (tests, `validate`, query results): the chunks joined. */
export function collect(write: (sink: Sink) => void): string {
  const chunks: string[] = [];
  write((c) => { chunks.push(c); });
  return chunks.join('');
}

// chunks are gathered up to this many characters before a write system call
const FLUSH_AT = 1 << 20;

export class AtomicWriter {
  private readonly temps: [string, string][] = [];
  constructor(private readonly outDir: string) {}

  /** Streams one file into its temporary twin. */
  stream(rel: string, write: (sink: Sink) => void): void {
    const target = join(this.outDir, rel);
    mkdirSync(dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    this.temps.push([tmp, target]);
    const fd = openSync(tmp, 'w');
    try {
      let buffer: string[] = [];
      let size = 0;
      const flush = (): void => {
        if (size) writeSync(fd, buffer.join(''));
        buffer = [];
        size = 0;
      };
      write((chunk) => {
        buffer.push(chunk);
        size += chunk.length;
        if (size >= FLUSH_AT) flush();
      });
      flush();
    } finally {
      closeSync(fd);
    }
  }

  text(rel: string, content: string): void {
    this.stream(rel, (sink) => sink(content));
  }

  /** Renames every temporary file into place. */
  commit(): void {
    for (const [tmp, target] of this.temps) renameSync(tmp, target);
    this.temps.length = 0;
  }

  /** Removes the temporary files (after a failure). */
  abort(): void {
    for (const [tmp] of this.temps) rmSync(tmp, { force: true });
    this.temps.length = 0;
  }
}

export function writeAtomically(outDir: string, files: Map<string, string>): void {
  const out = new AtomicWriter(outDir);
  try {
    for (const [rel, content] of [...files.entries()].sort(([a], [b]) => a.localeCompare(b))) out.text(rel, content);
  } catch (e) {
    out.abort();
    throw e;
  }
  out.commit();
}
