// A dump streamed into a file (src/core/fs/sink.ts) holds exactly the UTF-8 of its chunks joined, whatever their
// sizes against the write buffer: small ones across its edge, Cyrillic and astral characters split by no chunk
// boundary, and one chunk larger than the buffer.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { collect, streamInto } from '../../src/core/fs/sink.js';
import { tempDir } from '../helpers.js';

test('streamInto writes the UTF-8 of the chunks joined, across buffer edges and for oversized chunks', () => {
  const dir = tempDir('sink');
  try {
    const chunks: string[] = [];
    for (let i = 0; i < 60_000; i++)
      chunks.push(
        i % 7 === 0 ? `<https://w3id.org/stalin-letters/person/${i}> "Пятаков 𝔸 ${i}"@ru .\n` : `line ${i}\n`,
      );
    chunks.splice(30_000, 0, 'Ж'.repeat(700_000), 'x'.repeat(2_000_000));
    // into an empty buffer: fewer characters than it has bytes, more bytes than it holds
    chunks.unshift('Ж'.repeat(600_000));
    const write = (sink: (c: string) => void): void => {
      for (const c of chunks) sink(c);
    };
    const file = join(dir, 'out', 'dump.nt');
    streamInto(file, write);
    const expected = Buffer.from(collect(write), 'utf8');
    assert.ok(expected.length > 4 << 20, 'larger than several buffers');
    assert.ok(readFileSync(file).equals(expected));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
