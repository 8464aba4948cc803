// The IRI scheme in one place: the base IRI, checked once where it enters (BaseIri.parse), and the path of every kind
// of resource below it (iriPath), with the inverse the site and the reconciliation service need (parsePath).
// `https://w3id.org/stalin-letters/` + `person/piatakov` is the person; docs/data-model.md lists the scheme.

import { UsageError } from './errors.js';

declare const brand: unique symbol;

/** A base IRI that `parseBaseIri` has checked: the only way to make one, so a stage that takes a `BaseIri` never
 * checks it again. Still a string: `${base}${iriPath.person(id)}` is the person's IRI. */
export type BaseIri = string & { readonly [brand]: 'BaseIri' };

/** Why `value` cannot be a base IRI, or undefined when it can: an http(s) IRI with no characters IRIs forbid, only
 * well-formed %-escapes, no query and no fragment, ending in "/" (or a final "#" unless `slashOnly`: the site and
 * releases need a base ending in "/", their documents being files below it). */
export function baseIriProblem(value: string, o: { slashOnly?: boolean } = {}): string | undefined {
  const ends = o.slashOnly ? '"/"' : '"/" or "#"';
  // WHATWG URLs forgive `https:///x/` (host x): an IRI must name its host right after `//`
  if (!/^https?:\/\/[^/?#]/i.test(value)) return `must be an http(s) IRI ending in ${ends}`;
  if (/[\s<>"{}|\\^`\u0000-\u001f]/.test(value))
    return 'contains a character IRIs do not allow (space, <, >, ", {, }, |, \\, ^, `)';
  if (/%(?![0-9A-Fa-f]{2})/.test(value)) return 'has a "%" that does not start a %-escape of two hex digits';
  if (value.includes('?')) return 'has a query ("?…"); a base IRI may not';
  const hash = value.indexOf('#');
  if (hash >= 0 && (o.slashOnly || hash !== value.length - 1))
    return `has a fragment ("#…"); a base IRI may only end in ${ends}`;
  if (!/[/#]$/.test(value) || (o.slashOnly && !value.endsWith('/'))) return `must end in ${ends}`;
  try {
    if (!new URL(value).hostname) return 'has no host';
  } catch {
    return 'is not a valid IRI';
  }
  return undefined;
}

/** The one check of a base IRI, made where it enters (the CLI's --base-iri, a test): returns it as a `BaseIri`, or
 * throws a one-line UsageError naming `option` and saying what is wrong. `slashOnly`: only "/" may end it (site,
 * release). */
export function parseBaseIri(value: string, o: { option?: string; slashOnly?: boolean } = {}): BaseIri {
  const problem = baseIriProblem(value, o);
  if (problem) throw new UsageError(`${o.option ?? '--base-iri'} "${value}" ${problem}`);
  return value as BaseIri;
}

/** The base IRI the dataset is published under, unless `--base-iri` names another. */
export const DEFAULT_BASE_IRI: BaseIri = parseBaseIri('https://w3id.org/stalin-letters/');

/** The path of an IRI below the base, or undefined for an IRI outside it. */
export function pathBelow(base: BaseIri, iri: string): string | undefined {
  return iri.startsWith(base) && iri.length > base.length ? iri.slice(base.length) : undefined;
}

/** The kinds of resource with a top-level path of their own: `<kind>/<id>`. */
export const ENTITY_KINDS = ['person', 'organization', 'place', 'post'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
export const RECORD_KINDS = [
  'letter',
  'edition',
  ...ENTITY_KINDS,
  'change',
  'resolution',
  'proposal',
  'office',
  'holding',
  'correction',
  'archive',
  'work',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** The path of every kind of resource below the base IRI. */
export const iriPath = {
  dataset: (): string => 'dataset',
  edition: (id: string): string => `edition/${id}`,
  letter: (id: string): string => `letter/${id}`,
  note: (letter: string, n: number | string): string => `letter/${letter}/note/${n}`,
  block: (letter: string, position: number | string): string => `letter/${letter}/block/${position}`,
  citation: (letter: string, note: number | string, i: number | string): string =>
    `letter/${letter}/note/${note}/citation/${i}`,
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
  /** A person named in a post on a date (holdings.yaml). */
  holding: (id: string): string => `holding/${id}`,
  /** An entity of one of the four kinds. */
  entity: (kind: EntityKind, id: string): string => `${kind}/${id}`,
} as const;

/** What a path below the base names: its kind and id (the first two segments), and the rest. */
export function parsePath(path: string): { kind: RecordKind; id: string; rest: string[] } | undefined {
  const [kind, id, ...rest] = path.split('#')[0]!.split('/');
  if (!kind || !id || !(RECORD_KINDS as readonly string[]).includes(kind)) return undefined;
  return { kind: kind as RecordKind, id, rest };
}
