// Where a thing's documents live in the site: the IRI below the base, without its fragment, plus an extension.
// `https://w3id.org/stalin-letters/person/rozengolts` → `person/rozengolts.html` (and .ttl, .jsonld, .nt);
// `…/ontology#Letter` → `ontology.html#Letter`. The thing's IRI itself is answered with a 303 to one of them.

import { posix } from 'node:path';
import type { BaseIri } from '../core/iri.js';

/** The document formats of every thing, in the server's order of preference (the first wins for `*\/*`). */
export const FORMATS = [
  { ext: 'html', type: 'text/html', names: ['html', 'htm'] },
  { ext: 'ttl', type: 'text/turtle', names: ['ttl', 'turtle'] },
  { ext: 'jsonld', type: 'application/ld+json', names: ['jsonld', 'json-ld', 'json'] },
  { ext: 'nt', type: 'application/n-triples', names: ['nt', 'ntriples', 'n-triples'] },
] as const;

export type DocExt = (typeof FORMATS)[number]['ext'] | 'tei';

/** A letter's TEI P5 (from build/tei/), beside its page as letter/<id>.tei: only letters have it, so it is
 * negotiated only where that file exists (a `.tei` extension of its own keeps the web servers' rules simple). */
export const TEI_FORMAT = { ext: 'tei', type: 'application/tei+xml', names: ['tei', 'tei-xml'] } as const;

/** Media types a client may ask for, each mapped to the document it gets (aliases included). */
export const ACCEPTED_TYPES: readonly [string, DocExt][] = [
  ...FORMATS.map((f) => [f.type, f.ext] as [string, DocExt]),
  ['application/xhtml+xml', 'html'],
  ['application/json', 'jsonld'],
];

/** Content types of the files the site holds, by extension. */
export const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  ttl: 'text/turtle; charset=utf-8',
  jsonld: 'application/ld+json',
  nt: 'application/n-triples',
  json: 'application/json',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  xml: 'application/xml',
  txt: 'text/plain; charset=utf-8',
  rq: 'application/sparql-query',
  map: 'application/json',
  csv: 'text/csv; charset=utf-8',
  tei: 'application/tei+xml; charset=utf-8',
  woff: 'font/woff',
  woff2: 'font/woff2',
};

/** The site path (no extension, no leading slash) of the document describing `iri`; undefined outside the base. */
export function docPath(iri: string, base: BaseIri): string | undefined {
  if (!iri.startsWith(base)) return undefined;
  const rest = iri.slice(base.length).split('#')[0]!;
  if (rest === '') return 'index';
  return ownerOf(rest) ?? rest;
}

/** Link from the page at `fromPath` (a site path with extension) to the site path `to`. */
export function relLink(fromPath: string, to: string): string {
  // pages link the same few thousand documents from a few hundred folders: the links from each folder are kept, and
  // a page's calls (many in a row) find its folder's without working out the folder again
  if (fromPath !== lastFrom) {
    const dir = posix.dirname(fromPath);
    lastLinks = relCache.get(dir) ?? relCache.set(dir, new Map()).get(dir)!;
    lastFrom = fromPath;
  }
  let rel = lastLinks.get(to);
  if (rel !== undefined) return rel;
  // a document in the page's own folder (its .ttl, .jsonld and .nt): its name, not kept (each page has its own)
  const slash = fromPath.lastIndexOf('/');
  if (
    slash < fromPath.length - 1 &&
    to.length > slash + 1 &&
    to.lastIndexOf('/') === slash &&
    to.startsWith(fromPath.slice(0, slash + 1)) &&
    !DOT_SEGMENT.test(fromPath) &&
    !DOT_SEGMENT.test(to)
  )
    return to.slice(slash + 1);
  rel = posix.relative(posix.dirname(fromPath), to);
  if (rel === '') rel = posix.basename(to);
  if (++cached > 200_000) {
    // bounded in long-lived processes
    for (const links of relCache.values()) links.clear();
    cached = 0;
  }
  lastLinks.set(to, rel);
  return rel;
}
const relCache = new Map<string, Map<string, string>>();
let lastFrom: string | undefined;
let lastLinks = new Map<string, string>();
let cached = 0;
// paths that path.relative normalises (`.`, `..`, `//`): never a site path, but left to it
const DOT_SEGMENT = /(?:^|\/)\.\.?(?:\/|$)|\/\//;

/** Parts of a Web Annotation (its target and selectors) are described in the annotation's own documents: their IRIs
 * answer 303 to the annotation's IRI. This keeps some 10,000 small files out of the site. */
export const PART_OF_DOCUMENT = /^(.+\/mention\/[^/]+)\/(target|quote-selector|position-selector)$/;

/** The document path that describes a part (see PART_OF_DOCUMENT), or undefined for a thing with its own. */
export function ownerOf(path: string): string | undefined {
  // the test first: the expression's `.+` tries every position of a path that cannot match
  return path.includes('/mention/') ? PART_OF_DOCUMENT.exec(path)?.[1] : undefined;
}
