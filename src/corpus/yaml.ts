// Curated YAML records, checked by the JSON Schemas in corpus/schema (ld-workbench style). Every problem names
// the file, the line of the offending entry or field, and the entry id.

import type { ErrorObject } from 'ajv';
import { LineCounter, parseDocument, isSeq, isMap, visit, type Node, type Document, type YAMLError } from 'yaml';
import type { CorpusProblem } from './errors.js';
import type { SchemaSet } from './schemas.js';

export { SchemaSet } from './schemas.js';

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

function lineOfNode(node: Node | null | undefined, lc: LineCounter): number | undefined {
  const start = node?.range?.[0];
  return start === undefined ? undefined : lc.linePos(start).line;
}

function nodeAt(doc: Document, path: (string | number)[]): Node | undefined {
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
    visit(doc, {
      Scalar(_key, node) {
        if (node.type?.startsWith('QUOTE') && node.range && node.range[1] >= err.pos[0]) start = Math.min(start, node.range[0]);
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
export function loadRecords<T extends { id?: string }>(file: string, text: string, schemas: SchemaSet, schemaName: string): LoadedRecords<T> {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const problems: CorpusProblem[] = [];
  if (doc.errors.length) {
    for (const err of doc.errors) {
      problems.push({
        code: 'yaml-syntax', file, line: lc.linePos(errorStart(doc, err)).line,
        message: err.message.split('\n')[0]!, hint: 'fix the YAML syntax (indentation, quotes, colons)',
      });
    }
    return { file, records: [], problems };
  }
  const data: unknown = doc.toJS();
  // an empty file is a lost or unsaved file far more often than a deliberate one: `[]` says "no records yet"
  if (data === null || data === undefined) {
    problems.push({ code: 'empty-file', file, line: 1, message: 'the file has no records (it is empty or only comments)', hint: 'restore it from git, or write [] if it deliberately has no records yet' });
    return { file, records: [], problems };
  }
  const validate = schemas.validator(schemaName);
  const badItems = new Set<number>();
  if (!validate(data)) {
    for (const e of validate.errors ?? []) {
      const path = e.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? +p : p));
      const item = typeof path[0] === 'number' ? path[0] : undefined;
      if (item !== undefined) badItems.add(item);
      // oneOf/if failures repeat the real error: keep the most specific ones only
      if (e.keyword === 'oneOf' || e.keyword === 'if') continue;
      const entry = item !== undefined ? (Array.isArray(data) ? (data[item] as { id?: unknown })?.id : undefined) : undefined;
      problems.push({
        code: 'schema', file, line: lineOfNode(nodeAt(doc, path), lc) ?? 1,
        ...(typeof entry === 'string' ? { entry } : {}),
        message: describe(e), hint: `see corpus/schema/${schemaName}`,
      });
    }
    if (!Array.isArray(data)) return { file, records: [], problems };
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
  // Duplicate ids within a file.
  const seen = new Map<string, number>();
  for (const r of records) {
    const id = r.value.id;
    if (typeof id !== 'string') continue;
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push({ code: 'duplicate-id', file, line: r.line, entry: id, message: `id "${id}" is already used at line ${first}`, hint: 'ids must be unique within a file' });
    } else seen.set(id, r.line);
  }
  return { file, records, problems };
}
