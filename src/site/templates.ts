// The page templates, in src/site/templates/ (Eta: `<%= %>` escapes, and is used for everything that comes from the
// corpus; `<%~ %>` is raw and used only for other templates' output and for the JSON-LD, which jsonForScript makes
// safe inside <script>; `<%_`/`_%>` drop the white space before/after a tag, so a template can be laid out on lines
// without adding spaces to the page). A page is a list of blocks of a few kinds (facts, lists, text with footnote
// markers, notes, tables, figures), so that each kind of page is composed in pages.ts and rendered by the same few
// templates: layout.eta (the page), block.eta (a block), inline.eta (the parts of a text), and site.css.
//
// The files are read from the package (the compiled modules and the bundle find them alike). As in Jinja, the
// last newline of a template file is not part of the template: editors add one.

import { readFileSync } from 'node:fs';
import { packagePath } from '../core/package.js';

const read = (name: string): string => readFileSync(packagePath(`src/site/templates/${name}`), 'utf8');
const template = (name: string): string => read(name).replace(/\r?\n$/, '');

let loaded: { INLINE: string; BLOCK: string; LAYOUT: string; CSS: string } | undefined;

/** The templates and the style sheet, read once. */
export function templates(): { INLINE: string; BLOCK: string; LAYOUT: string; CSS: string } {
  loaded ??= {
    INLINE: template('inline.eta'),
    BLOCK: template('block.eta'),
    LAYOUT: template('layout.eta'),
    CSS: read('site.css'),
  };
  return loaded;
}
