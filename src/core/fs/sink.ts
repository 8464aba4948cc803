// A serialisation written piece by piece: into memory (collect) or into a file in chunks of about 1 MB (streamInto),
// so that no dump has to exist as one string in memory.

import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Receives a serialisation piece by piece. */
export type Sink = (chunk: string) => void;

/** Runs a streaming writer into memory (tests, `validate`, query results): the chunks joined. */
export function collect(write: (sink: Sink) => void): string {
  const chunks: string[] = [];
  write((c) => {
    chunks.push(c);
  });
  return chunks.join('');
}

// chunks are encoded into one buffer of this many bytes, written with one system call when full
const BUFFER_BYTES = 1 << 20;

export function streamInto(path: string, write: (sink: Sink) => void): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  try {
    // each chunk is encoded straight into the buffer: no joined string to build, copy and collect
    const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
    let used = 0;
    const flush = (): void => {
      let at = 0;
      while (at < used) at += writeSync(fd, buffer, at, used - at);
      used = 0;
    };
    write((chunk) => {
      // a UTF-8 character takes at most 3 bytes per UTF-16 code unit
      if (used + chunk.length * 3 > BUFFER_BYTES) {
        flush();
        if (chunk.length * 3 > BUFFER_BYTES) {
          const bytes = Buffer.from(chunk, 'utf8');
          let at = 0;
          while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
          return;
        }
      }
      used += buffer.write(chunk, used, 'utf8');
    });
    flush();
  } finally {
    closeSync(fd);
  }
}
