// The registry of record kinds: which corpus file holds each kind, the JSON Schema that checks it, whether it may be
// absent, the kind name problems refer to, and whether its text fields are checked for long verbatim runs.
// `assemble` loads, checks and (for added kinds) builds by looping over this list; nothing else names the files.
//
// A new kind is added, not edited in (docs/architecture.md, "Add a record kind"): its schema and data, a module that
// calls `registerKind` with its builder (listed in model/added-kinds.ts; or a line in CORE_KINDS for a kind the other
// builders cross-reference), a mapper (`registerMapper`, listed in rdf/added-kinds.ts), its class and shape in
// ontology/, and a site page if wanted.

import type { CorpusProblem } from '../corpus/errors.js';
import type { Located } from '../corpus/yaml.js';
import type { Letter } from './types.js';

export interface KindSpec {
  /** The key its records are loaded under (and kept under in `Dataset.extensions` for an added kind). */
  key: string;
  /** Its file, relative to the corpus folder. */
  file: string;
  /** The JSON Schema in corpus/schema/ that checks the file. */
  schema: string;
  /** May the file be absent? */
  optional: boolean;
  /** What a reference to one of its records is (`refersTo`): an unreadable file makes those references consequences. */
  kind: string;
  /** Are its text fields checked for long verbatim runs of the sources (copyright)? False only for files that copy
   * printed words on purpose (annotations: the printed form of a correction). */
  verbatim: boolean;
}

/** What an added kind's builder may read: the letters, the ids of the core kinds, and where to report. */
export interface KindContext {
  /** The kind's file as problems name it. */
  file: string;
  letters: ReadonlyMap<string, Letter>;
  ids: {
    persons: ReadonlySet<string>;
    organizations: ReadonlySet<string>;
    places: ReadonlySet<string>;
    posts: ReadonlySet<string>;
  };
  /** The year the last edition was printed: no date of a record may be later. */
  editionYear?: number;
  problems: CorpusProblem[];
}

/** A kind built apart from the others: its records become `Dataset.extensions[key]`. */
export interface AddedKind<R = unknown, M = unknown> extends KindSpec {
  build: (records: readonly Located<R>[], ctx: KindContext) => M[];
}

/** The kinds the model's own builders read, in load order. */
export const CORE_KINDS: readonly KindSpec[] = [
  {
    key: 'editions',
    file: 'editions.yaml',
    schema: 'editions.schema.json',
    optional: false,
    kind: 'letter',
    verbatim: true,
  },
  { key: 'works', file: 'works.yaml', schema: 'works.schema.json', optional: true, kind: 'work', verbatim: true },
  {
    key: 'archives',
    file: 'archives.yaml',
    schema: 'archives.schema.json',
    optional: false,
    kind: 'archive',
    verbatim: true,
  },
  {
    key: 'annotations',
    file: 'annotations.yaml',
    schema: 'annotations.schema.json',
    optional: true,
    kind: 'correction',
    verbatim: false,
  },
  {
    key: 'persons',
    file: 'persons.yaml',
    schema: 'persons.schema.json',
    optional: true,
    kind: 'person',
    verbatim: true,
  },
  {
    key: 'organizations',
    file: 'organizations.yaml',
    schema: 'organizations.schema.json',
    optional: true,
    kind: 'organization',
    verbatim: true,
  },
  { key: 'places', file: 'places.yaml', schema: 'places.schema.json', optional: true, kind: 'place', verbatim: true },
  { key: 'posts', file: 'posts.yaml', schema: 'posts.schema.json', optional: true, kind: 'post', verbatim: true },
  {
    key: 'changes',
    file: 'changes.yaml',
    schema: 'changes.schema.json',
    optional: true,
    kind: 'change',
    verbatim: true,
  },
  {
    key: 'resolutions',
    file: 'resolutions.yaml',
    schema: 'resolutions.schema.json',
    optional: true,
    kind: 'resolution',
    verbatim: true,
  },
  {
    key: 'proposals',
    file: 'proposals.yaml',
    schema: 'proposals.schema.json',
    optional: true,
    kind: 'proposal',
    verbatim: true,
  },
];

const added: AddedKind[] = [];

/** Adds a kind (once per key; a second registration of a key replaces the first, so a test can re-register). */
export function registerKind<R, M>(k: AddedKind<R, M>): void {
  if (CORE_KINDS.some((c) => c.key === k.key || c.file === k.file))
    throw new Error(`record kind ${k.key} (${k.file}) is a core kind`);
  const i = added.findIndex((a) => a.key === k.key);
  if (i >= 0) added.splice(i, 1);
  added.push(k as AddedKind);
}

/** Removes an added kind (tests). */
export function unregisterKind(key: string): void {
  const i = added.findIndex((a) => a.key === key);
  if (i >= 0) added.splice(i, 1);
}

/** The added kinds, in registration order. */
export const addedKinds = (): readonly AddedKind[] => added;

/** Every kind: the core ones, then the added ones. */
export const recordKinds = (): readonly KindSpec[] => [...CORE_KINDS, ...added];

/** The kind of record a corpus file defines (letters come from the sources and from the editions that list them). */
export function kindOfFile(rel: string): string | undefined {
  if (rel.startsWith('sources/')) return 'letter';
  return recordKinds().find((k) => k.file === rel)?.kind;
}
