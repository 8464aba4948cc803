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

// chunks are gathered up to this many characters before a write system call
const FLUSH_AT = 1 << 20;

export function streamInto(path: string, write: (sink: Sink) => void): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
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
