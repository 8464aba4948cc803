// The IRI scheme in one place: the base IRI, checked once where it enters (BaseIri.parse), and the path of every kind
// of resource below it (iriPath), with the inverse the site and the reconciliation service need (parsePath).
// `https://w3id.org/stalin-letters/` + `person/piatakov` is the person; docs/data-model.md lists the scheme.

import { UsageError } from './errors.js';

/** The base IRI the dataset is published under, unless `--base-iri` names another. */
export const DEFAULT_BASE_IRI = 'https://w3id.org/stalin-letters/';

// characters an IRI may not hold (RFC 3987: no spaces, no <>"{}|\^`)
const FORBIDDEN = /[\s<>"{}|\\^`]/;

/** Why `value` cannot be a base IRI, or undefined when it can. `slashOnly`: the site and releases need a base ending
 * in `/` (their documents are files below it). */
export function baseIriProblem(value: string, o: { slashOnly?: boolean } = {}): string | undefined {
  if (!/^https?:\/\//i.test(value)) return 'must be an http(s) IRI';
  if (FORBIDDEN.test(value)) return 'holds a space or one of <>"{}|\\^`';
  if (/%(?![0-9A-Fa-f]{2})/.test(value)) return 'holds a "%" that is not followed by two hexadecimal digits (invalid percent-encoding)';
  if (value.includes('?')) return 'has a query string ("?"); a base IRI names a folder, not a request';
  const hash = value.indexOf('#');
  if (hash >= 0 && hash !== value.length - 1) return 'has a fragment ("#") before its end; only a final "#" is allowed';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a well-formed IRI';
  }
  // WHATWG URLs forgive `https:///x/` (host x): an IRI must name its host right after `//`
  if (!url.hostname || !/^https?:\/\/[^/?#]/i.test(value)) return 'has no host';
  if (o.slashOnly && !value.endsWith('/')) return 'must end in "/"';
  if (!value.endsWith('/') && !value.endsWith('#')) return 'must end in "/" or "#"';
  return undefined;
}

/** A checked base IRI. */
export class BaseIri {
  private constructor(readonly value: string) {}

  /** Checks `value`; a bad one is a one-line UsageError naming `option`. */
  static parse(value: string, o: { option?: string; slashOnly?: boolean } = {}): BaseIri {
    const problem = baseIriProblem(value, o);
    if (problem) throw new UsageError(`${o.option ?? '--base-iri'} "${value}" ${problem}`);
    return new BaseIri(value);
  }

  /** The IRI of a path below the base (`person/piatakov`). */
  iri(path: string): string {
    return this.value + path;
  }

  /** The path of an IRI below the base, or undefined for an IRI outside it. */
  pathOf(iri: string): string | undefined {
    return iri.startsWith(this.value) && iri.length > this.value.length ? iri.slice(this.value.length) : undefined;
  }

  toString(): string {
    return this.value;
  }
}

/** The kinds of resource with a top-level path of their own: `<kind>/<id>`. */
export const ENTITY_KINDS = ['person', 'organization', 'place', 'post'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
export const RECORD_KINDS = ['letter', 'edition', ...ENTITY_KINDS, 'change', 'resolution', 'proposal', 'office', 'correction', 'archive', 'work'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** The path of every kind of resource below the base IRI. */
export const iriPath = {
  dataset: (): string => 'dataset',
  edition: (id: string): string => `edition/${id}`,
  letter: (id: string): string => `letter/${id}`,
  note: (letter: string, n: number | string): string => `letter/${letter}/note/${n}`,
  block: (letter: string, position: number | string): string => `letter/${letter}/block/${position}`,
  citation: (letter: string, note: number | string, i: number | string): string => `letter/${letter}/note/${note}/citation/${i}`,
  person: (id: string): string => `person/${id}`,
  organization: (id: string): string => `organization/${id}`,
  place: (id: string): string => `place/${id}`,
  post: (id: string): string => `post/${id}`,
  change: (id: string): string => `change/${id}`,
  resolution: (id: string): string => `resolution/${id}`,
  proposal: (id: string): string => `proposal/${id}`,
  correction: (id: string): string => `correction/${id}`,
  archive: (id: string): string => `archive/${id}`,
  /** A printed work cited in the notes. */
  work: (id: string): string => `work/${id}`,
  /** A tenure: the n-th (or `stated-<change>`) holding of a post by a person. */
  office: (holder: string, post: string, n: number | string): string => `office/${holder}/${post}/${n}`,
  /** An entity of one of the four kinds. */
  entity: (kind: EntityKind, id: string): string => `${kind}/${id}`,
} as const;

/** What a path below the base names: its kind and id (the first two segments), and the rest. */
export function parsePath(path: string): { kind: RecordKind; id: string; rest: string[] } | undefined {
  const [kind, id, ...rest] = path.split('#')[0]!.split('/');
  if (!kind || !id || !(RECORD_KINDS as readonly string[]).includes(kind)) return undefined;
  return { kind: kind as RecordKind, id, rest };
}
