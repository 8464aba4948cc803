// Every YAML read and write of the project, on one library (js-yaml): the curated records, checked by the JSON
// Schemas in corpus/schema (ld-workbench style), and the other YAML files the tools read or write.
//
// Records come from js-yaml's event parser: the events carry source offsets, so the lines of records and fields,
// and of any node a schema error names, come from the same parse that gives the values (bench/results.md: four
// times faster than building a `yaml` Document). Every problem names the file, the line of the offending entry or
// field, and the entry id.

import { posix } from 'node:path';
import type { ErrorObject } from 'ajv';
import {
  CORE_SCHEMA,
  EVENT_ID,
  SCALAR_STYLE,
  constructFromEvents,
  dump,
  getScalarValue,
  loadAll,
  parseEvents,
  YAMLException,
  type DumpOptions,
  type Event,
} from 'js-yaml';
import { LineIndex, type CorpusProblem } from './errors.js';
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

/**
 * One YAML document as plain values; null for an empty text (or only comments). YAML 1.2's core schema: a date, a
 * version or an ISBN stays the string it is written as (js-yaml 4's default schema made dates Date objects). Throws
 * js-yaml's YAMLException (reason, mark.line) on a syntax error or a second document.
 */
export function parseYamlDocument(text: string): unknown {
  const docs = loadAll(text, { schema: CORE_SCHEMA });
  if (docs.length > 1) throw new YAMLException('expected a single document in the stream, but found more');
  return docs[0] ?? null;
}

/** js-yaml's layout options (lineWidth -1: never fold), and which strings need quotes. */
export interface StringifyOptions extends Pick<DumpOptions, 'lineWidth' | 'indent' | 'quoteStyle' | 'forceQuotes'> {
  /** Also quote the strings a YAML 1.1 reader would take for something else (`yes`, `2026-12-02`): for files other
   * tools read back. Without it the YAML 1.2 core schema decides what needs quotes. */
  yaml11Safe?: boolean;
}

/** `value` as a YAML document: block style, keys in their order, shared objects written out in full. */
export function stringifyYaml(value: unknown, options: StringifyOptions = {}): string {
  const { yaml11Safe, ...rest } = options;
  return dump(value, { ...rest, noRefs: true, ...(yaml11Safe ? {} : { schema: CORE_SCHEMA }) });
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
  const { records, problems } = readRecords<T>(file, text, schemas, schemaName);
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

/** Core-schema scalars that a plain key resolves to a non-string: such keys name no field. */
const NON_STRING_PLAIN =
  /^(?:|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** The index of the event after the node that starts at event `j` (a collection ends with its POP). */
function skip(events: Event[], j: number): number {
  let depth = 0;
  do {
    const t = events[j++]!.type;
    if (t === EVENT_ID.SEQUENCE || t === EVENT_ID.MAPPING) depth++;
    else if (t === EVENT_ID.POP) depth--;
  } while (depth > 0);
  return j;
}

/** Where the node of event `i` starts in the text; an empty scalar (`key:` and nothing) is placed at its key. */
function offsetOf(events: Event[], i: number): number {
  for (let j = i; j >= 0; j--) {
    const ev = events[j]!;
    if (ev.type === EVENT_ID.SEQUENCE || ev.type === EVENT_ID.MAPPING) return ev.start;
    if (ev.type === EVENT_ID.SCALAR && ev.valueStart >= 0) return ev.valueStart;
    if (ev.type === EVENT_ID.ALIAS) return ev.anchorStart - 1;
  }
  return 0;
}

/** The event of the node at `path` (a schema error's instance path) below the root node at `root`, or of the
 * deepest node on the way there (an alias ends the way: its target is written elsewhere). */
function eventAt(events: Event[], text: string, root: number, path: (string | number)[]): number {
  let i = root;
  for (const key of path) {
    const ev = events[i]!;
    let j = i + 1;
    if (ev.type === EVENT_ID.SEQUENCE && typeof key === 'number') {
      for (let k = 0; k < key && events[j]!.type !== EVENT_ID.POP; k++) j = skip(events, j);
    } else if (ev.type === EVENT_ID.MAPPING) {
      while (events[j]!.type !== EVENT_ID.POP) {
        const k = events[j]!;
        if (k.type === EVENT_ID.SCALAR && getScalarValue(text, k) === String(key)) {
          j = skip(events, j);
          break;
        }
        j = skip(events, skip(events, j));
      }
    } else break;
    if (events[j]!.type === EVENT_ID.POP) break;
    i = j;
  }
  return i;
}

/** Aliases may point at an anchored node many times over ("billion laughs"): more nodes than this, counted as if
 * written out, and the file is refused before anything walks it. Corpus files need no aliases at all. */
const expansionLimit = (events: number): number => 10_000 + 10 * events;

/** How many nodes the document would have with its aliases written out, the first alias, and the first alias inside
 * the node it names (a circular structure, which nothing downstream could walk); undefined without an alias. */
function expansion(
  events: Event[],
  text: string,
): { nodes: number; firstAlias: number; circular: number | undefined } | undefined {
  const first = events.findIndex((e) => e.type === EVENT_ID.ALIAS);
  if (first < 0) return undefined;
  const anchored = new Map<string, number>();
  let circular: number | undefined;
  // one frame per open document or collection: its node count so far, and its anchor; the stream's at the bottom
  const stack: { nodes: number; anchor: string | undefined }[] = [{ nodes: 0, anchor: undefined }];
  for (const ev of events) {
    if (ev.type === EVENT_ID.DOCUMENT) {
      stack.push({ nodes: 0, anchor: undefined });
      continue;
    }
    if (ev.type === EVENT_ID.SEQUENCE || ev.type === EVENT_ID.MAPPING) {
      const anchor = ev.anchorStart >= 0 ? text.slice(ev.anchorStart, ev.anchorEnd) : undefined;
      stack.push({ nodes: 1, anchor });
      continue;
    }
    let nodes = 1;
    if (ev.type === EVENT_ID.POP) {
      const done = stack.pop()!;
      nodes = done.nodes;
      if (done.anchor !== undefined) anchored.set(done.anchor, nodes);
    } else if (ev.type === EVENT_ID.ALIAS) {
      const name = text.slice(ev.anchorStart, ev.anchorEnd);
      if (circular === undefined && stack.some((f) => f.anchor === name)) circular = ev.anchorStart - 1;
      nodes = anchored.get(name) ?? 1;
    } else if (ev.anchorStart >= 0) anchored.set(text.slice(ev.anchorStart, ev.anchorEnd), 1);
    stack[stack.length - 1]!.nodes += nodes;
  }
  const alias = events[first] as Extract<Event, { type: typeof EVENT_ID.ALIAS }>;
  return { nodes: stack[0]!.nodes, firstAlias: alias.anchorStart - 1, circular };
}

/** A quote that opens a scalar: at the start of a line or after `: `, `- `, `? `, `[`, `{` or `,`. */
const OPENS_SCALAR = /(?:^[ \t]*|[:?-][ \t]+|[[{,][ \t]*)$/;

/** An unclosed quote is only noticed where its scalar can no longer go on (often the next record): the offset of the
 * quote that opened it, or undefined when the error is not inside a quoted scalar. */
function openingQuote(text: string, at: number, reason: string): number | undefined {
  if (!/quoted scalar|deficient indentation/.test(reason)) return undefined;
  const quotes = /single quoted/.test(reason) ? ["'"] : /double quoted/.test(reason) ? ['"'] : ['"', "'"];
  let best: number | undefined;
  for (const q of quotes) {
    for (let i = text.lastIndexOf(q, at - 1); i >= 0; i = text.lastIndexOf(q, i - 1)) {
      const lineStart = text.lastIndexOf('\n', i - 1) + 1;
      if (OPENS_SCALAR.test(text.slice(lineStart, i))) {
        if (best === undefined || i > best) best = i;
        break;
      }
    }
  }
  return best;
}

/** The records of a YAML file, each with its line and the lines of its fields, and every problem at its line. */
export function readRecords<T>(
  file: string,
  text: string,
  schemas: SchemaSet,
  schemaName: string,
): { records: Located<T>[]; problems: CorpusProblem[] } {
  const lines = new LineIndex(text);
  const refused = (problem: Omit<CorpusProblem, 'file'>): { records: Located<T>[]; problems: CorpusProblem[] } => ({
    records: [],
    problems: [{ file, ...problem }],
  });
  const syntax = (e: unknown): ReturnType<typeof refused> => {
    const { reason, mark, message } = e as Partial<YAMLException>;
    const at = mark ? (openingQuote(text, mark.position, reason ?? '') ?? mark.position) : 0;
    return refused({
      code: 'yaml-syntax',
      line: lines.lineOf(at),
      message: reason ?? String(message),
      hint: 'fix the YAML syntax (indentation, quotes, colons)',
    });
  };
  let events: Event[];
  let docs: unknown[];
  try {
    events = parseEvents(text, {});
  } catch (e) {
    return syntax(e);
  }
  const expanded = expansion(events, text);
  if (expanded?.circular !== undefined) {
    return refused({
      code: 'yaml-aliases',
      line: lines.lineOf(expanded.circular),
      message: 'a YAML alias (*name) stands inside the node it names, which makes the records circular',
      hint: 'write the records out in full; corpus files need no anchors or aliases',
    });
  }
  if (expanded && expanded.nodes > expansionLimit(events.length)) {
    return refused({
      code: 'yaml-aliases',
      line: lines.lineOf(expanded.firstAlias),
      message: `the file's YAML aliases (*name) expand to more than the reader allows (${expanded.nodes.toLocaleString('en')} nodes, at most ${expansionLimit(events.length).toLocaleString('en')})`,
      hint: 'write the records out in full; corpus files need no anchors or aliases',
    });
  }
  try {
    docs = constructFromEvents(events, { source: text, schema: CORE_SCHEMA });
  } catch (e) {
    return syntax(e);
  }
  if (docs.length > 1) {
    // the `---` that starts the second document (the first one's, if it has one, comes before)
    const markers = [...text.matchAll(/^---(?=\s|$)/gm)];
    const marker = markers[(events[0] as { explicitStart?: boolean }).explicitStart ? 1 : 0];
    return refused({
      code: 'yaml-syntax',
      line: lines.lineOf(marker?.index ?? text.length),
      message: 'the file holds more than one YAML document',
      hint: 'fix the YAML syntax: a record file is one list, without a second --- document',
    });
  }
  const data = docs[0];
  // an empty file is a lost or unsaved file far more often than a deliberate one: `[]` says "no records yet"
  if (data === null || data === undefined) {
    return refused({
      code: 'empty-file',
      line: 1,
      message: 'the file has no records (it is empty or only comments)',
      hint: 'restore it from git, or write [] if it deliberately has no records yet',
    });
  }
  // DOCUMENT, then the root node
  const root = 1;
  const problems: CorpusProblem[] = [];
  const validate = schemas.validator(schemaName);
  const badItems = new Set<number>();
  if (!validate(data)) {
    for (const e of validate.errors ?? []) {
      const path = e.instancePath
        .split('/')
        .slice(1)
        .map((p) => (/^\d+$/.test(p) ? +p : p.replace(/~1/g, '/').replace(/~0/g, '~')));
      const item = typeof path[0] === 'number' ? path[0] : undefined;
      if (item !== undefined) badItems.add(item);
      // oneOf/if failures repeat the real error: keep the most specific ones only
      if (e.keyword === 'oneOf' || e.keyword === 'if') continue;
      const entry =
        item !== undefined ? (Array.isArray(data) ? (data[item] as { id?: unknown })?.id : undefined) : undefined;
      problems.push({
        code: 'schema',
        file,
        line: lines.lineOf(offsetOf(events, eventAt(events, text, root, path))),
        ...(typeof entry === 'string' ? { entry } : {}),
        message: describe(e),
        hint: `see ${posix.join(posix.dirname(file), 'schema', schemaName)}`,
      });
    }
    if (!Array.isArray(data)) return { records: [], problems };
  }
  if (!Array.isArray(data) || events[root]!.type !== EVENT_ID.SEQUENCE) return { records: [], problems };
  // one node per record, each collection closed by a POP
  const records: Located<T>[] = [];
  let i = root + 1;
  for (const [n, value] of (data as T[]).entries()) {
    const ev = events[i]!;
    const next = skip(events, i);
    if (badItems.has(n)) {
      i = next;
      continue;
    }
    const fieldLines: Record<string, number> = {};
    if (ev.type === EVENT_ID.MAPPING) {
      for (let k = i + 1; events[k]!.type !== EVENT_ID.POP; k = skip(events, skip(events, k))) {
        const key = events[k]!;
        if (key.type !== EVENT_ID.SCALAR) continue;
        const name = getScalarValue(text, key);
        if (key.style === SCALAR_STYLE.PLAIN && key.tagStart < 0 && NON_STRING_PLAIN.test(name)) continue;
        fieldLines[name] ??= lines.lineOf(offsetOf(events, k));
      }
    }
    records.push({ value, line: lines.lineOf(offsetOf(events, i)), fieldLines });
    i = next;
  }
  return { records, problems };
}
