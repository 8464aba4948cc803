// Curated YAML records, checked by the JSON Schemas in corpus/schema (ld-workbench style). Every problem names
// the file, the line of the offending entry or field, and the entry id.
//
// Two readers, one result. A valid file (the usual case) is read with js-yaml's event parser, which is several
// times faster than building a `yaml` Document (bench/results.md), and the
// lines of records and fields come from the events' offsets. Anything else (a syntax error, a schema error, an
// empty file, anchors or tags on records) is read again with `yaml`, whose Document locates every node for the
// messages. test/corpus/yaml.test.ts checks that both readers give the same records and lines.

import { createRequire } from 'node:module';
import { posix } from 'node:path';
import type { ErrorObject } from 'ajv';
import {
  CORE_SCHEMA,
  EVENT_ID,
  SCALAR_STYLE,
  constructFromEvents,
  getScalarValue,
  parseEvents,
  type Event,
} from 'js-yaml';
import type { Node, Document, YAMLError } from 'yaml';
import { LineIndex, type CorpusProblem } from './errors.js';
import type { SchemaSet } from './schemas.js';

export { SchemaSet } from './schemas.js';

const require = createRequire(import.meta.url);
/** The `yaml` library, loaded only when a file needs its exact reader. */
const yamlLib = (): typeof import('yaml') => require('yaml') as typeof import('yaml');

export interface Located<T> {
  value: T;
  /** 1-based line of the entry in its file. */
  line: number;
  /** Lines of the entry's fields. */
  fieldLines: Record<string, number>;
}

export interface LoadedRecords<T> {
  file: string;
  records: Located<T>[];
  problems: CorpusProblem[];
}

function lineOfNode(node: Node | null | undefined, lc: import('yaml').LineCounter): number | undefined {
  const start = node?.range?.[0];
  return start === undefined ? undefined : lc.linePos(start).line;
}

function nodeAt(doc: Document, path: (string | number)[]): Node | undefined {
  const { isSeq, isMap } = yamlLib();
  let node: unknown = doc.contents;
  let last: Node | undefined = doc.contents ?? undefined;
  for (const key of path) {
    if (isSeq(node) && typeof key === 'number') node = node.items[key];
    else if (isMap(node)) node = node.get(String(key), true);
    else break;
    if (node) last = node as Node;
  }
  return last;
}

/** Where a syntax error starts: an unclosed quote is only noticed at the end of the file, so point at its opening. */
function errorStart(doc: Document, err: YAMLError): number {
  let start = err.pos[0];
  if (err.code === 'MISSING_CHAR') {
    yamlLib().visit(doc, {
      Scalar(_key, node) {
        if (node.type?.startsWith('QUOTE') && node.range && node.range[1] >= err.pos[0])
          start = Math.min(start, node.range[0]);
      },
    });
  }
  return start;
}

function describe(e: ErrorObject): string {
  const field = e.instancePath.split('/').slice(2).join('.') || 'entry';
  switch (e.keyword) {
    case 'additionalProperties':
      return `unknown field "${(e.params as { additionalProperty: string }).additionalProperty}" in ${field}`;
    case 'required':
      return `missing required field "${(e.params as { missingProperty: string }).missingProperty}" in ${field}`;
    case 'enum':
      return `${field} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}`;
    default:
      return `${field} ${e.message ?? 'is invalid'}`;
  }
}

/**
 * Parses `text` (the contents of `file`) as a YAML sequence of records and checks it against `schemaName`.
 * Records with schema errors are left out of `records`; their problems are returned.
 */
export function loadRecords<T extends { id?: string }>(
  file: string,
  text: string,
  schemas: SchemaSet,
  schemaName: string,
): LoadedRecords<T> {
  const fast = readValidRecords<T>(text, schemas, schemaName);
  const { records, problems } = fast
    ? { records: fast, problems: [] }
    : readRecordsExactly<T>(file, text, schemas, schemaName);
  return { file, records, problems: [...problems, ...duplicateIds(file, records)] };
}

function duplicateIds(file: string, records: Located<{ id?: string }>[]): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  const seen = new Map<string, number>();
  for (const r of records) {
    const id = r.value.id;
    if (typeof id !== 'string') continue;
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push({
        code: 'duplicate-id',
        file,
        line: r.line,
        entry: id,
        message: `id "${id}" is already used at line ${first}`,
        hint: 'ids must be unique within a file',
      });
    } else seen.set(id, r.line);
  }
  return problems;
}

/** Core-schema scalars that a plain key resolves to a non-string (the exact reader leaves such keys out). */
const NON_STRING_PLAIN =
  /^(?:|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/**
 * The fast reader: the records of a file that parses as one YAML document and passes its schema, with their lines;
 * undefined whenever the exact reader has to decide (errors to locate, or a layout the events do not settle).
 */
export function readValidRecords<T>(text: string, schemas: SchemaSet, schemaName: string): Located<T>[] | undefined {
  let events: Event[];
  let docs: unknown[];
  try {
    events = parseEvents(text, {});
    docs = constructFromEvents(events, { source: text, schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
  const data = docs[0];
  if (docs.length !== 1 || !Array.isArray(data) || !schemas.validator(schemaName)(data)) return undefined;
  const lines = new LineIndex(text);
  const lineOf = (offset: number): number => lines.lineOf(offset);
  // DOCUMENT, SEQUENCE, then one node per record, each collection closed by a POP
  let i = 0;
  if (events[i]?.type !== EVENT_ID.DOCUMENT || events[++i]?.type !== EVENT_ID.SEQUENCE) return undefined;
  i++;
  const skip = (j: number): number => {
    let depth = 0;
    do {
      const t = events[j++]!.type;
      if (t === EVENT_ID.SEQUENCE || t === EVENT_ID.MAPPING) depth++;
      else if (t === EVENT_ID.POP) depth--;
    } while (depth > 0);
    return j;
  };
  const records: Located<T>[] = [];
  for (const value of data as T[]) {
    const ev = events[i];
    if (ev?.type !== EVENT_ID.MAPPING || ev.anchorStart !== -1 || ev.tagStart !== -1) return undefined;
    const fieldLines: Record<string, number> = {};
    for (i++; events[i]!.type !== EVENT_ID.POP; i = skip(skip(i))) {
      const key = events[i]!;
      if (key.type !== EVENT_ID.SCALAR || key.anchorStart !== -1 || key.tagStart !== -1) return undefined;
      const name = getScalarValue(text, key);
      if (key.style === SCALAR_STYLE.PLAIN && NON_STRING_PLAIN.test(name)) continue;
      fieldLines[name] ??= lineOf(key.valueStart);
    }
    i++;
    records.push({ value, line: lineOf(ev.start), fieldLines });
  }
  return events[i]?.type === EVENT_ID.POP ? records : undefined;
}

/** The exact reader (`yaml` Document): every syntax and schema error at its line. */
export function readRecordsExactly<T>(
  file: string,
  text: string,
  schemas: SchemaSet,
  schemaName: string,
): { records: Located<T>[]; problems: CorpusProblem[] } {
  const { LineCounter, parseDocument, isSeq, isMap } = yamlLib();
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const problems: CorpusProblem[] = [];
  if (doc.errors.length) {
    for (const err of doc.errors) {
      problems.push({
        code: 'yaml-syntax',
        file,
        line: lc.linePos(errorStart(doc, err)).line,
        message: err.message.split('\n')[0]!,
        hint: 'fix the YAML syntax (indentation, quotes, colons)',
      });
    }
    return { records: [], problems };
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (e) {
    // yaml refuses aliases that expand beyond its limit ("billion laughs"); say where, in our words
    const alias = /(?:^|[\s[,{:-])\*[^\s,\]}]+/m.exec(text);
    problems.push({
      code: 'yaml-aliases',
      file,
      line: alias ? lc.linePos(alias.index + alias[0].indexOf('*')).line : 1,
      message: `the file's YAML aliases (*name) expand to more than the reader allows (${(e as Error).message})`,
      hint: 'write the records out in full; corpus files need no anchors or aliases',
    });
    return { records: [], problems };
  }
  // an empty file is a lost or unsaved file far more often than a deliberate one: `[]` says "no records yet"
  if (data === null || data === undefined) {
    problems.push({
      code: 'empty-file',
      file,
      line: 1,
      message: 'the file has no records (it is empty or only comments)',
      hint: 'restore it from git, or write [] if it deliberately has no records yet',
    });
    return { records: [], problems };
  }
  const validate = schemas.validator(schemaName);
  const badItems = new Set<number>();
  if (!validate(data)) {
    for (const e of validate.errors ?? []) {
      const path = e.instancePath
        .split('/')
        .slice(1)
        .map((p) => (/^\d+$/.test(p) ? +p : p));
      const item = typeof path[0] === 'number' ? path[0] : undefined;
      if (item !== undefined) badItems.add(item);
      // oneOf/if failures repeat the real error: keep the most specific ones only
      if (e.keyword === 'oneOf' || e.keyword === 'if') continue;
      const entry =
        item !== undefined ? (Array.isArray(data) ? (data[item] as { id?: unknown })?.id : undefined) : undefined;
      problems.push({
        code: 'schema',
        file,
        line: lineOfNode(nodeAt(doc, path), lc) ?? 1,
        ...(typeof entry === 'string' ? { entry } : {}),
        message: describe(e),
        hint: `see ${posix.join(posix.dirname(file), 'schema', schemaName)}`,
      });
    }
    if (!Array.isArray(data)) return { records: [], problems };
  }
  const records: Located<T>[] = [];
  const seq = doc.contents;
  (data as T[]).forEach((value, i) => {
    if (badItems.has(i)) return;
    const node = isSeq(seq) ? (seq.items[i] as Node) : undefined;
    const fieldLines: Record<string, number> = {};
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = (pair.key as { value?: unknown })?.value;
        const line = lineOfNode(pair.key as Node, lc);
        if (typeof key === 'string' && line !== undefined) fieldLines[key] = line;
      }
    }
    records.push({ value, line: lineOfNode(node, lc) ?? 1, fieldLines });
  });
  return { records, problems };
}
