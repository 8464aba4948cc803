// Content-negotiation rules shipped with the site, for hosts that are not `serve`: Apache (.htaccess), nginx, and
// the w3id.org redirect that points https://w3id.org/stalin-letters/ at the host. The same rules as src/serve:
// a thing's IRI (a path without extension whose .html exists) answers 303 to its HTML, Turtle, JSON-LD or
// N-Triples document by Accept, `?format=` overrides, and every such answer says `Vary: Accept`. Apache and nginx
// match media types by substring (they do not weigh q-values); `serve` negotiates fully.

import { FORMATS } from './paths.js';

// an annotation's target and selectors are described in the annotation's documents (paths.ts PART_OF_DOCUMENT)
const PART = String.raw`^(.+/mention/[^/]+)/(target|quote-selector|position-selector)$`;

const formatAlternation = (f: (typeof FORMATS)[number]): string => f.names.join('|');
const acceptRegex = (type: string): string => type.replace(/[+.]/g, (c) => `\\${c}`);

export function htaccess(): string {
  const lines = [
    '# Content negotiation for the static site (Apache 2.4, mod_rewrite, mod_headers, mod_mime).',
    '# A thing\'s IRI (no extension) answers 303 See Other to one of its documents; ?format= overrides Accept.',
    'Options -MultiViews -Indexes',
    'DirectoryIndex index.html',
    'AddType text/turtle .ttl',
    'AddType application/ld+json .jsonld',
    'AddType application/n-triples .nt',
    'AddType application/sparql-query .rq',
    'AddDefaultCharset utf-8',
    'RewriteEngine On',
    "# RewriteBase /    (uncomment and set to the site's URL path when it is not served at the root)",
    '',
    "# the parts of an annotation (its target and selectors) are described in the annotation's documents",
    `RewriteRule ${PART} $1 [R=303,L,QSA,E=vary:1]`,
    '',
    '# ?format=… wins over Accept',
  ];
  for (const f of FORMATS) {
    lines.push('RewriteCond %{REQUEST_FILENAME}.html -f', `RewriteCond %{QUERY_STRING} (^|&)format=(${formatAlternation(f)})(&|$)`, `RewriteRule ^(.+)$ $1.${f.ext}? [R=303,L,E=vary:1]`);
  }
  lines.push('', '# then Accept (the first match wins; HTML when nothing else matches, as for */*)');
  for (const f of FORMATS.slice(1)) {
    lines.push('RewriteCond %{REQUEST_FILENAME}.html -f', '# not when HTML is also accepted and listed first, as browsers do', 'RewriteCond %{HTTP_ACCEPT} !^\\s*text/html', `RewriteCond %{HTTP_ACCEPT} ${acceptRegex(f.type)}`, `RewriteRule ^(.+)$ $1.${f.ext} [R=303,L,E=vary:1]`);
  }
  lines.push('RewriteCond %{REQUEST_FILENAME}.html -f', 'RewriteRule ^(.+)$ $1.html [R=303,L,E=vary:1]', '', 'Header always set Vary Accept env=REDIRECT_vary', 'Header always set Vary Accept env=vary', 'Header set Access-Control-Allow-Origin "*"', '');
  return lines.join('\n');
}

export function nginx(): string {
  const fmt = FORMATS.map((f) => `    ~^(${formatAlternation(f)})$ ${f.ext};`).join('\n');
  const acc = FORMATS.slice(1).map((f) => `    ~${acceptRegex(f.type)} ${f.ext};`).join('\n');
  return `# Content negotiation for the static site (nginx). Put the two maps in the http {} block and the location in
# the server {} block whose root is the site folder.
map $http_accept $sl_accept_ext {
    default html;
    ~^\\s*text/html html;
${acc}
}
map $arg_format $sl_ext {
    default $sl_accept_ext;
${fmt}
}
types {
    text/html html;
    text/turtle ttl;
    application/ld+json jsonld;
    application/n-triples nt;
    application/sparql-query rq;
    image/svg+xml svg;
    text/css css;
    application/xml xml;
}

# the parts of an annotation (its target and selectors) are described in the annotation's documents
location ~ "${PART.replace('(.+', '(?<sl_owner>/.+')}" {
    add_header Vary Accept always;
    return 303 $sl_owner$is_args$args;
}

location / {
    add_header Access-Control-Allow-Origin "*";
    # a thing's IRI: 303 to its document, by ?format= or Accept
    if (-f $request_filename.html) {
        add_header Vary Accept always;
        return 303 $uri.$sl_ext;
    }
    try_files $uri $uri/index.html =404;
}
`;
}

/** The .htaccess for the w3id.org repository (folder stalin-letters/): negotiation straight to the host's documents. */
export function w3id(host: string): string {
  const h = host.endsWith('/') ? host : `${host}/`;
  const lines = [
    '# w3id.org/stalin-letters → the host of the site. Copy to https://github.com/perma-id/w3id.org as stalin-letters/.htaccess',
    `# Host: ${h}`,
    'Options +FollowSymLinks',
    'RewriteEngine on',
    '',
    '# the namespace: the home page; documents and files (with an extension): as they are',
    `RewriteRule ^$ ${h} [R=303,L]`,
    `RewriteRule ^(.+\\.[a-z]+)$ ${h}$1 [R=303,L]`,
    "# the parts of an annotation: to the annotation (negotiated by the next request)",
    `RewriteRule ${PART} https://w3id.org/stalin-letters/$1 [R=303,L,QSA]`,
    '# the ontology namespace and every thing: to its document by ?format=, then by Accept',
  ];
  for (const f of FORMATS) lines.push(`RewriteCond %{QUERY_STRING} (^|&)format=(${formatAlternation(f)})(&|$)`, `RewriteRule ^(.+)$ ${h}$1.${f.ext}? [R=303,L]`);
  for (const f of FORMATS.slice(1)) lines.push('RewriteCond %{HTTP_ACCEPT} !^\\s*text/html', `RewriteCond %{HTTP_ACCEPT} ${acceptRegex(f.type)}`, `RewriteRule ^(.+)$ ${h}$1.${f.ext} [R=303,L]`);
  lines.push(`RewriteRule ^(.+)$ ${h}$1.html [R=303,L]`, '');
  return lines.join('\n');
}
