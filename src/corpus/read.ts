// I/O edge: reads the corpus folder into memory. Everything after this is pure.

import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CorpusProblem } from './errors.js';

export interface CorpusFiles {
  /** Folder the paths are relative to (for messages), e.g. `corpus`. */
  root: string;
  /** Text of every file, keyed by path relative to `root` (`sources/molotov-1930.txt`, `persons.yaml`). */
  texts: Map<string, string>;
  /** JSON Schemas by file name. */
  schemas: Record<string, object>;
  problems: CorpusProblem[];
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads `corpusDir`; `displayRoot` is how its files are named in messages (relative to the working folder). */
export function readCorpus(corpusDir: string, displayRoot = relative(process.cwd(), corpusDir) || corpusDir): CorpusFiles {
  const texts = new Map<string, string>();
  const problems: CorpusProblem[] = [];
  if (!existsSync(corpusDir) || !statSync(corpusDir).isDirectory()) {
    problems.push({ code: 'no-corpus', file: displayRoot, message: `corpus folder ${corpusDir} does not exist`, hint: 'run from the repository root or pass --corpus DIR' });
    return { root: displayRoot, texts, schemas: {}, problems };
  }
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const rel = relative(corpusDir, full).split('\\').join('/');
      if (statSync(full).isDirectory()) {
        if (name !== 'schema') walk(full);
        continue;
      }
      if (!/\.(txt|ya?ml|tsv)$/.test(name)) continue;
      const bytes = readFileSync(full);
      try {
        // normalised on read (docs/robustness.md): a leading BOM is dropped (the decoder does so) and CRLF becomes
        // LF, so a file saved on Windows builds byte for byte what its LF copy builds (offsets, quotes, literals); a
        // lone CR (no LF after it) is refused at its line, as it would silently join or split lines
        const text = decoder.decode(bytes).replace(/\r\n/g, '\n');
        const cr = text.indexOf('\r');
        if (cr >= 0) {
          problems.push({
            code: 'lone-cr', file: `${displayRoot}/${rel}`, line: text.slice(0, cr).split('\n').length,
            message: 'a carriage return (CR) not followed by a line feed: old Mac line endings, or a stray control character', hint: 'save the file with LF (or CRLF) line endings',
          });
        }
        texts.set(rel, text);
      } catch {
        const at = firstInvalidUtf8(bytes);
        problems.push({
          code: 'not-utf8', file: `${displayRoot}/${rel}`, line: lineAtByte(bytes, at),
          message: `the file is not valid UTF-8 (first bad byte at offset ${at})`, hint: 'save the file as UTF-8',
        });
      }
    }
  };
  walk(corpusDir);
  return { root: displayRoot, texts, schemas: readSchemas(join(corpusDir, 'schema')), problems };
}

/** The JSON Schemas of a corpus (`schema/*.schema.json`) by file name, in name order. */
export function readSchemas(schemaDir: string): Record<string, object> {
  const schemas: Record<string, object> = {};
  if (existsSync(schemaDir)) {
    for (const name of readdirSync(schemaDir).sort()) {
      if (name.endsWith('.schema.json')) schemas[name] = JSON.parse(readFileSync(join(schemaDir, name), 'utf8')) as object;
    }
  }
  return schemas;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // binary search on the longest valid prefix
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

function lineAtByte(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < bytes.length; i++) if (bytes[i] === 10) line++;
  return line;
}
