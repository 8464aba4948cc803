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
export function readCorpus(
  corpusDir: string,
  displayRoot = relative(process.cwd(), corpusDir) || corpusDir,
): CorpusFiles {
  const texts = new Map<string, string>();
  const problems: CorpusProblem[] = [];
  if (!existsSync(corpusDir) || !statSync(corpusDir).isDirectory()) {
    problems.push({
      code: 'no-corpus',
      file: displayRoot,
      message: `corpus folder ${corpusDir} does not exist`,
      hint: 'run from the repository root or pass --corpus DIR',
    });
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
            code: 'lone-cr',
            file: `${displayRoot}/${rel}`,
            line: text.slice(0, cr).split('\n').length,
            message:
              'a carriage return (CR) not followed by a line feed: old Mac line endings, or a stray control character',
            hint: 'save the file with LF (or CRLF) line endings',
          });
        }
        const odd = oversized(text, /\.ya?ml$/.test(name));
        if (odd) {
          problems.push({
            code: 'oversized',
            file: `${displayRoot}/${rel}`,
            line: odd.line,
            message: odd.message,
            hint: 'no corpus text needs this: look for a paste gone wrong',
          });
          continue; // the rest of the pipeline never sees it: its records are missing (counted as following from this)
        }
        texts.set(rel, text);
      } catch {
        const at = firstInvalidUtf8(bytes);
        problems.push({
          code: 'not-utf8',
          file: `${displayRoot}/${rel}`,
          line: lineAtByte(bytes, at),
          message: `the file is not valid UTF-8 (first bad byte at offset ${at})`,
          hint: 'save the file as UTF-8',
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
      if (name.endsWith('.schema.json'))
        schemas[name] = JSON.parse(readFileSync(join(schemaDir, name), 'utf8')) as object;
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

/** The longest line, word and nesting a corpus file may have (issue 31: a 4 MB word crashed the build with no
 * file or line). The shipped corpus stays far below: lines of ≤ 1,770 characters, words of ≤ 177, nesting ≤ 6. */
export const LIMITS = { line: 20_000, word: 2_000, depth: 40 } as const;

/** The first line of `text` over a limit, and what is wrong there; undefined when none is. YAML files are also
 * checked for nesting (indentation and flow brackets), which the YAML reader and the checks walk recursively. */
export function oversized(text: string, yaml: boolean): { line: number; message: string } | undefined {
  let line = 1;
  let flow = 0;
  for (let start = 0; start <= text.length; line++) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const len = end - start;
    if (len > LIMITS.line)
      return {
        line,
        message: `a line of ${len.toLocaleString('en')} characters (at most ${LIMITS.line.toLocaleString('en')})`,
      };
    let word = 0;
    let quote = '';
    const indent = /^[ -]*/.exec(text.slice(start, Math.min(end, start + 4 * LIMITS.depth)))![0];
    if (yaml && indent.length > 2 * LIMITS.depth)
      return { line, message: `records nested more than ${LIMITS.depth} levels deep (indentation)` };
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9) word = 0;
      else if (++word > LIMITS.word)
        return { line, message: `a word of more than ${LIMITS.word.toLocaleString('en')} characters without a space` };
      if (!yaml) continue;
      const ch = text[i]!;
      if (quote) {
        if (ch === quote) quote = '';
        else if (ch === '\\' && quote === '"') i++;
      } else if (ch === '#' && (i === start || text[i - 1] === ' ')) break;
      else if ((ch === '"' || ch === "'") && (i === start || /[\s[{,:]/.test(text[i - 1]!))) quote = ch;
      else if (ch === '[' || ch === '{') {
        if (++flow > LIMITS.depth) return { line, message: `brackets nested more than ${LIMITS.depth} levels deep` };
      } else if (ch === ']' || ch === '}') flow = Math.max(0, flow - 1);
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  return undefined;
}
