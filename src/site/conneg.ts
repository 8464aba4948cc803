// Content-negotiation rules shipped with the site, for hosts that are not `serve`: Apache (.htaccess), nginx (two
// files to include), and
// the w3id.org redirect that points https://w3id.org/stalin-letters/ at the host. The same rules as src/serve:
// a thing's IRI (a path without extension whose .html exists) answers 303 to its HTML, Turtle, JSON-LD or
// N-Triples document by Accept, `?format=` overrides, and every such answer says `Vary: Accept`. Apache and nginx
// match media types by substring (they do not weigh q-values, and a type they do not have gets HTML, not 406);
// `serve` negotiates fully. test/serve/webservers.test.ts runs these rules in a real Apache and nginx.

import { FORMATS, TEI_FORMAT } from './paths.js';
import { linkHeader, type Signpost } from './signposting.js';
import type { BaseIri } from '../core/iri.js';

/** A page's path in the site and its FAIR Signposting links (signposting.ts), sent as its Link header. */
export type PageLinks = readonly [path: string, links: readonly Signpost[]];

// stands for a page's file name (without .html) in a Link header shared by the pages of a folder
const NAME = '__SL_NAME__';
// a dot is allowed (a release's dataset page, dataset/1.0.0.html) and escaped in the rules' regular expressions
const SAFE_NAME = /^[A-Za-z0-9_.-]+$/;
const alternation = (names: readonly string[]): string => names.map((n) => n.replace(/\./g, '\\.')).join('|');

/**
 * The Link headers of the pages, grouped so that the rules stay small: pages of one folder whose links differ only
 * by the page's own name (its documents stem.ttl…, its IRI …/stem) share one header with the name left open, and
 * each group is one rule matching the alternation of its names. Every group is checked to give back each page's
 * own header exactly (the header `serve` sends from the page's <link> elements).
 */
export function linkGroups(pages: readonly PageLinks[]): { folder: string; names: string[]; header: string }[] {
  // the Apache and the nginx rules are written from the same pages: grouped once
  let done = grouped.get(pages);
  if (!done) grouped.set(pages, (done = groupLinks(pages)));
  return done;
}
const grouped = new WeakMap<readonly PageLinks[], { folder: string; names: string[]; header: string }[]>();

function groupLinks(pages: readonly PageLinks[]): { folder: string; names: string[]; header: string }[] {
  const groups = new Map<string, { folder: string; names: string[]; header: string }>();
  for (const [path, links] of pages) {
    const slash = path.lastIndexOf('/');
    const folder = path.slice(0, slash + 1);
    const name = path.slice(slash + 1).replace(/\.html$/, '');
    if (!path.endsWith('.html') || !SAFE_NAME.test(name) || name.includes(NAME))
      throw new Error(`${path}: a page name the web server rules cannot hold`);
    const open = (h: string): string =>
      h.endsWith(`/${name}`)
        ? `${h.slice(0, -name.length)}${NAME}`
        : h.startsWith(`${name}.`)
          ? `${NAME}${h.slice(name.length)}`
          : h;
    const header = linkHeader(links.map((l) => ({ ...l, href: open(l.href) })));
    const own = linkHeader(links);
    if (header.replaceAll(NAME, name) !== own) throw new Error(`${path}: its Link header cannot be shared`);
    const key = `${folder}\n${header}`;
    const g = groups.get(key) ?? groups.set(key, { folder, names: [], header }).get(key)!;
    g.names.push(name);
  }
  return [...groups.values()];
}

/** Apache (mod_rewrite sets the page's name in a variable of its group, mod_headers writes the group's header). */
function apacheLinks(pages: readonly PageLinks[]): string[] {
  const lines = [
    '# FAIR Signposting: the Link header of every page that cites a thing (its <link> elements), one rule per folder',
    "# and set of links; the page's name stands in the variable sl_linkN",
  ];
  linkGroups(pages).forEach((g, i) => {
    const v = `sl_link${i}`;
    lines.push(
      `RewriteRule ^${g.folder.replace(/[.+]/g, '\\$&')}(${alternation(g.names)})\\.html$ - [E=${v}:$1]`,
      `Header set Link "${g.header.replace(/%/g, '%%').replace(/"/g, '\\"').replaceAll(NAME, `%{${v}}e`)}" env=${v}`,
    );
  });
  return lines;
}

/** nginx: a map from the page's URI to its Link header (empty: no header). */
function nginxLinks(pages: readonly PageLinks[]): string {
  const rows = linkGroups(pages).map((g, i) => {
    if (g.header.includes('$')) throw new Error(`${g.folder}${g.names[0]}.html: a Link header nginx cannot hold`);
    const v = `sl_n${i}`;
    return `    "~^/${g.folder.replace(/[.+]/g, '\\$&')}(?<${v}>${alternation(g.names)})\\.html$" "${g.header.replace(/"/g, '\\"').replaceAll(NAME, `$${v}`)}";`;
  });
  return `# FAIR Signposting: the Link header of every page that cites a thing (its <link> elements), by URI
map $uri $sl_link {
    default "";
${rows.join('\n')}
}
`;
}

// an annotation's target and selectors are described in the annotation's documents (paths.ts PART_OF_DOCUMENT)
const PART = '^(.+/mention/[^/]+)/(target|quote-selector|position-selector)$';

const formatAlternation = (f: (typeof FORMATS)[number]): string => f.names.join('|');
const escapeType = (type: string): string => type.replace(/[+.]/g, (c) => `\\${c}`);
/** The Accept pattern of a format: its media type, and for JSON-LD also plain JSON (as `serve` does). */
const acceptRegex = (f: (typeof FORMATS)[number]): string =>
  f.ext === 'jsonld' ? 'application/(ld\\+)?json' : escapeType(f.type);
const ALL_FORMAT_NAMES = FORMATS.flatMap((f) => f.names).join('|');

// Apache's rules run per directory (.htaccess), where a relative substitution in a redirect would be prefixed with
// the folder's path on disk: every target is built from %{REQUEST_URI} (the URL path as asked, so the site may sit
// below the host's root) by the condition written last, whose groups %1… the rule uses.
export function htaccess(pages: readonly PageLinks[] = []): string {
  const uri = 'RewriteCond %{REQUEST_URI} ^(.+)$';
  const lines = [
    '# Content negotiation for the static site (Apache 2.4, mod_rewrite, mod_headers, mod_mime, mod_dir).',
    "# A thing's IRI (no extension) answers 303 See Other to one of its documents; ?format= overrides Accept.",
    "# Needs AllowOverride All (or FileInfo Indexes Options) for the site's folder. Works at any URL path.",
    'Options -MultiViews -Indexes',
    'DirectoryIndex index.html',
    'AddType text/turtle .ttl',
    'AddType application/ld+json .jsonld',
    'AddType application/n-triples .nt',
    'AddType application/sparql-query .rq',
    'AddType application/tei+xml .tei',
    'AddDefaultCharset utf-8',
    'AddCharset utf-8 .ttl .nt .jsonld .rq .tei',
    'RewriteEngine On',
    '',
    ...apacheLinks(pages),
    '',
    "# the parts of an annotation (its target and selectors) are described in the annotation's documents",
    `RewriteCond %{REQUEST_URI} ${PART}`,
    'RewriteRule ^ %1 [R=303,L,QSA,E=vary:1]',
    '',
    '# ?format=… wins over Accept; a format we do not have is 406',
  ];
  for (const f of FORMATS) {
    lines.push(
      'RewriteCond %{REQUEST_FILENAME}.html -f',
      `RewriteCond %{QUERY_STRING} (^|&)format=(${formatAlternation(f)})(&|$)`,
      uri,
      `RewriteRule ^ %1.${f.ext}? [R=303,L,E=vary:1]`,
    );
  }
  // a letter's TEI: only where the letter has its .tei file
  lines.push(
    'RewriteCond %{REQUEST_FILENAME}.tei -f',
    `RewriteCond %{QUERY_STRING} (^|&)format=(${TEI_FORMAT.names.join('|')})(&|$)`,
    uri,
    'RewriteRule ^ %1.tei? [R=303,L,E=vary:1]',
  );
  lines.push(
    'RewriteCond %{REQUEST_FILENAME}.html -f',
    `RewriteCond %{QUERY_STRING} (^|&)format=`,
    'RewriteRule ^ - [R=406,L,E=vary:1]',
  );
  lines.push('', '# then Accept (the first match wins; HTML when nothing else matches, as for */*)');
  lines.push(
    'RewriteCond %{REQUEST_FILENAME}.tei -f',
    'RewriteCond %{HTTP_ACCEPT} !^\\s*text/html',
    `RewriteCond %{HTTP_ACCEPT} ${escapeType(TEI_FORMAT.type)}`,
    uri,
    'RewriteRule ^ %1.tei [R=303,L,E=vary:1]',
  );
  for (const f of FORMATS.slice(1)) {
    lines.push(
      'RewriteCond %{REQUEST_FILENAME}.html -f',
      '# not when HTML is also accepted and listed first, as browsers do',
      'RewriteCond %{HTTP_ACCEPT} !^\\s*text/html',
      `RewriteCond %{HTTP_ACCEPT} ${acceptRegex(f)}`,
      uri,
      `RewriteRule ^ %1.${f.ext} [R=303,L,E=vary:1]`,
    );
  }
  lines.push(
    'RewriteCond %{REQUEST_FILENAME}.html -f',
    uri,
    'RewriteRule ^ %1.html [R=303,L,E=vary:1]',
    '',
    'Header always set Vary Accept env=REDIRECT_vary',
    'Header always set Vary Accept env=vary',
    'Header always set Access-Control-Allow-Origin "*"',
    '',
  );
  return lines.join('\n');
}

/** nginx, for the http {} block: the maps from ?format= and Accept to a document, and the media types. */
export function nginxHttp(pages: readonly PageLinks[] = []): string {
  const fmt = FORMATS.map((f) => `    ~^(${formatAlternation(f)})$ ${f.ext};`).join('\n');
  const acc = FORMATS.slice(1)
    .map((f) => `    ~${acceptRegex(f)} ${f.ext};`)
    .join('\n');
  return `# Content negotiation for the static site (nginx), part 1 of 2: include this file in the http {} block, and
# nginx-server.conf in the server {} block whose root is the site folder.
map $http_accept $sl_accept_ext {
    default html;
    ~^\\s*text/html html;
    ~${escapeType(TEI_FORMAT.type)} tei;
${acc}
}
# "" when ?format= is not given, "406" for a format we do not have
map $arg_format $sl_ext {
    "" $sl_accept_ext;
${fmt}
    ~^(${TEI_FORMAT.names.join('|')})$ tei;
    default 406;
}
types {
    text/html html;
    text/turtle ttl;
    application/ld+json jsonld;
    application/n-triples nt;
    application/sparql-query rq;
    application/tei+xml tei;
    application/json json;
    image/svg+xml svg;
    image/png png;
    text/css css;
    text/javascript js;
    text/plain txt;
    text/csv csv;
    application/xml xml;
}
charset utf-8;
# (text/html is in charset_types already)
charset_types text/css text/plain text/csv text/turtle application/n-triples application/ld+json application/json application/sparql-query application/xml application/tei+xml;
${nginxLinks(pages)}`;
}

/** nginx, for the server {} block whose root is the site folder (see nginxHttp). */
export function nginxServer(): string {
  return `# Content negotiation for the static site (nginx), part 2 of 2: include this file in the server {} block whose
# root is the site folder, and nginx-http.conf in the http {} block.

# the parts of an annotation (its target and selectors) are described in the annotation's documents
location ~ "${PART.replace('(.+', '(?<sl_owner>/.+')}" {
    add_header Vary Accept always;
    add_header Access-Control-Allow-Origin "*" always;
    return 303 $sl_owner$is_args$args;
}

location / {
    add_header Access-Control-Allow-Origin "*" always;
    # FAIR Signposting (the map in nginx-http.conf; no header where it is empty)
    add_header Link $sl_link;
    # a thing's IRI: 303 to its document, by ?format= or Accept (406 for an unknown ?format=)
    set $sl_thing 0;
    if (-f $request_filename.html) {
        set $sl_thing 1;
    }
    if ($sl_ext = 406) {
        set $sl_thing "\${sl_thing}406";
    }
    if ($sl_thing = 1406) {
        add_header Vary Accept always;
        add_header Access-Control-Allow-Origin "*" always;
        return 406 'unknown format "$arg_format"; available: ${ALL_FORMAT_NAMES}\\n';
    }
    # a letter's TEI (only letters have a .tei file; for anything else TEI gets the HTML, as an unknown type does)
    set $sl_tei "";
    if (-f $request_filename.tei) {
        set $sl_tei f;
    }
    set $sl_case "$sl_thing$sl_ext$sl_tei";
    if ($sl_case = 1teif) {
        add_header Vary Accept always;
        add_header Access-Control-Allow-Origin "*" always;
        return 303 $uri.tei;
    }
    if ($sl_case = 1tei) {
        add_header Vary Accept always;
        add_header Access-Control-Allow-Origin "*" always;
        return 303 $uri.html;
    }
    if ($sl_thing = 1) {
        add_header Vary Accept always;
        add_header Access-Control-Allow-Origin "*" always;
        return 303 $uri.$sl_ext;
    }
    try_files $uri $uri/index.html =404;
}
`;
}

/** The .htaccess for the w3id.org repository (the base IRI's folder, e.g. stalin-letters/): negotiation straight to
 * the host's documents. `base`: the base IRI, under https://w3id.org/. */
export function w3id(host: string, base: BaseIri): string {
  const h = host.endsWith('/') ? host : `${host}/`;
  const folder = base.slice('https://w3id.org/'.length);
  const lines = [
    `# ${base} → the host of the site. Copy to https://github.com/perma-id/w3id.org as ${folder}.htaccess`,
    `# Host: ${h}`,
    'Options +FollowSymLinks',
    'RewriteEngine on',
    '',
    '# the namespace: the home page; documents and files (with an extension): as they are',
    `RewriteRule ^$ ${h} [R=303,L]`,
    `RewriteRule ^(.+\\.[a-z]+)$ ${h}$1 [R=303,L]`,
    '# the parts of an annotation: to the annotation (negotiated by the next request)',
    `RewriteRule ${PART} ${base}$1 [R=303,L,QSA]`,
    '# the ontology namespace and every thing: to its document by ?format=, then by Accept',
  ];
  for (const f of FORMATS)
    lines.push(
      `RewriteCond %{QUERY_STRING} (^|&)format=(${formatAlternation(f)})(&|$)`,
      `RewriteRule ^(.+)$ ${h}$1.${f.ext}? [R=303,L]`,
    );
  for (const f of FORMATS.slice(1))
    lines.push(
      'RewriteCond %{HTTP_ACCEPT} !^\\s*text/html',
      `RewriteCond %{HTTP_ACCEPT} ${acceptRegex(f)}`,
      `RewriteRule ^(.+)$ ${h}$1.${f.ext} [R=303,L]`,
    );
  lines.push(`RewriteRule ^(.+)$ ${h}$1.html [R=303,L]`, '');
  return lines.join('\n');
}
