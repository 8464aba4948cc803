// FAIR Signposting (https://signposting.org/FAIR/): typed links from a page to what harvesters look for — the
// persistent IRI to cite (cite-as), the RDF descriptions (describedby, with type), the downloads of the dataset
// (item, with type), the licence of the profile (license), the schema.org type (type), the dataset an entity
// belongs to (collection) and the landing page's linkset (linkset). One list per page, written into the page's
// <head> as <link> elements (for static hosts) and sent by `serve` as the Link header (RFC 8288) read back from
// them; the landing page's links also as an RFC 9264 linkset (application/linkset+json).
// describedby and item targets are relative to the page (they resolve on any host); cite-as is the persistent IRI.

import { FORMATS, relLink } from './paths.js';

export interface Signpost {
  rel: 'cite-as' | 'describedby' | 'item' | 'license' | 'type' | 'collection' | 'linkset';
  href: string;
  type?: string;
}

export const LINKSET_FILE = 'dataset.linkset.json';
export const LINKSET_TYPE = 'application/linkset+json';
const SCHEMA = 'https://schema.org/';
const RELS = new Set<string>(['cite-as', 'describedby', 'item', 'license', 'type', 'collection', 'linkset']);

export interface SignpostInput {
  /** The page's site path (e.g. person/rozengolts.html). */
  path: string;
  /** The thing's persistent IRI, when the page is a thing's (or the dataset's). */
  iri?: string;
  /** schema.org type of the page's thing. */
  schemaType?: string;
  /** The profile's licence IRI (none for the full profile, which is not openly licensed). */
  licence?: string;
  /** The dataset's IRI (collection of every entity). */
  dataset: string;
  /** The downloads (site paths and media types): only the dataset's landing page lists them as items. */
  items?: { path: string; type: string }[];
  /** Whether the page has the three RDF descriptions beside it (stem.ttl, stem.jsonld, stem.nt). */
  described: boolean;
}

export function signposts(i: SignpostInput): Signpost[] {
  const rel = (to: string): string => relLink(i.path, to);
  const stem = i.path.replace(/\.html$/, '');
  const out: Signpost[] = [];
  if (i.iri) out.push({ rel: 'cite-as', href: i.iri });
  if (i.described)
    for (const f of FORMATS.slice(1)) out.push({ rel: 'describedby', href: rel(`${stem}.${f.ext}`), type: f.type });
  for (const it of i.items ?? []) out.push({ rel: 'item', href: rel(it.path), type: it.type });
  if (i.licence) out.push({ rel: 'license', href: i.licence });
  if (i.schemaType) out.push({ rel: 'type', href: `${SCHEMA}${i.schemaType}` });
  if (i.items)
    out.push(
      { rel: 'type', href: `${SCHEMA}AboutPage` },
      { rel: 'linkset', href: rel(LINKSET_FILE), type: LINKSET_TYPE },
    );
  else if (i.iri && i.iri !== i.dataset) out.push({ rel: 'collection', href: i.dataset });
  return out;
}

const attr = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The <link> elements of the page's head. */
export function linkElements(links: readonly Signpost[]): string {
  return links
    .map((l) => `<link rel="${l.rel}" href="${attr(l.href)}"${l.type ? ` type="${attr(l.type)}"` : ''}>\n`)
    .join('');
}

/** The signposting <link> elements of an HTML page's head, read back (for the Link header of `serve`). */
export function signpostsInHtml(html: string): Signpost[] {
  // the links come first in the head: a page's beginning without </head> (serve reads 16 KB; the landing page's
  // JSON-LD makes its head longer) holds them all
  const end = html.indexOf('</head>');
  const head = end < 0 ? html : html.slice(0, end);
  const out: Signpost[] = [];
  for (const m of head.matchAll(/<link rel="([^"]+)" href="([^"]*)"(?: type="([^"]*)")?>/g)) {
    if (!RELS.has(m[1]!)) continue;
    const un = (s: string): string =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
    out.push({ rel: m[1] as Signpost['rel'], href: un(m[2]!), ...(m[3] ? { type: un(m[3]) } : {}) });
  }
  return out;
}

/** RFC 8288 Link header value. */
export function linkHeader(links: readonly Signpost[]): string {
  return links
    .map((l) => `<${encodeURI(decodeURI(l.href))}>; rel="${l.rel}"${l.type ? `; type="${l.type}"` : ''}`)
    .join(', ');
}

/** RFC 9264 linkset (JSON) of one anchor; relative targets are made absolute against `pageUrl`. */
export function linkset(anchor: string, pageUrl: string, links: readonly Signpost[]): string {
  const byRel = new Map<string, { href: string; type?: string }[]>();
  for (const l of links) {
    if (l.rel === 'linkset') continue;
    (byRel.get(l.rel) ?? byRel.set(l.rel, []).get(l.rel)!).push({
      href: new URL(l.href, pageUrl).href,
      ...(l.type ? { type: l.type } : {}),
    });
  }
  return `${JSON.stringify({ linkset: [{ anchor, ...Object.fromEntries(byRel) }] }, null, 2)}\n`;
}
