// The site's search index (search-index.json, MiniSearch): the names of every person, organisation, place and post
// in every form the data has, the letters, and — where the site has them (the full profile) — the letters'
// paragraphs and the notes. A site of the open profile has no text in its graph, so none in its index.
// Why MiniSearch with a Snowball stemmer, and not Pagefind, lunr or Orama: docs/edition.md.

import MiniSearch from 'minisearch';
import { NS, SL } from '../rdf/vocab.js';
import type { SiteGraph } from './graph.js';
import { docPath } from './paths.js';
import { MINISEARCH_OPTIONS, type SearchDoc } from './search-terms.js';
import type { BaseIri } from '../core/iri.js';

/** A form of a name and where it comes from (its scheme). */
export interface NameForm {
  form: string;
  /** printed (the edition's form), variant (another form in the texts), full (full name), cyrillic (Russian). */
  scheme: string;
}

/**
 * Every form of an entity's name that the search indexes: THE ONE PLACE that gathers them, from the graph the site
 * is made of: the label, the variants found in the texts, the full name, the Russian name, and the romanisations the
 * name core (src/model/names.ts) generated from it, published as sl:GeneratedName nodes with their schemes (ALA-LC
 * with and without diacritics, BGN/PCGN, Wikipedia's, ISO 9, scholarly, German).
 */
export function searchNames(g: SiteGraph, iri: string): NameForm[] {
  const out: NameForm[] = [];
  const add = (form: string | undefined, scheme: string): void => {
    if (form && !out.some((f) => f.form === form)) out.push({ form, scheme });
  };
  add(g.label(iri), 'printed');
  add(g.value(iri, SL.preferredName), 'printed');
  for (const v of g.values(iri, SL.nameVariant)) add(v, 'variant');
  for (const v of g.values(iri, `${NS.skos}altLabel`)) add(v, 'variant');
  add(g.value(iri, SL.fullName), 'full');
  add(g.value(iri, SL.nameRu), 'cyrillic');
  for (const n of g.links(iri, SL.generatedName).sort())
    add(g.value(n, SL.nameForm), `generated: ${g.values(n, SL.nameScheme).join(', ')}`);
  return out;
}

const KINDS: [string, SearchDoc['kind']][] = [
  [SL.Person, 'person'],
  [SL.Organization, 'organization'],
  [SL.Place, 'place'],
  [SL.Post, 'post'],
];

const localName = (iri: string): string => iri.slice(iri.lastIndexOf('/') + 1);

/** The documents of the index, in a fixed order (things sorted; blocks and notes by position). */
export function searchDocs(
  g: SiteGraph,
  base: BaseIri,
  things: readonly string[],
  letters: readonly string[],
): SearchDoc[] {
  const docs: SearchDoc[] = [];
  const page = (iri: string, anchor = ''): string => `${docPath(iri, base)}.html${anchor}`;
  const letterOf = (s: string): string | undefined => (g.is(s, SL.Letter) ? s : g.links(s, SL.inLetter)[0]);
  for (const t of things) {
    const kind = KINDS.find(([cls]) => g.is(t, cls))?.[1];
    if (!kind) continue;
    const forms = searchNames(g, t);
    const mentionedIn = [
      ...new Set(
        g
          .subjects(SL.mentions, t)
          .map(letterOf)
          .filter((l): l is string => !!l)
          .map(localName),
      ),
    ].sort();
    docs.push({
      id: page(t),
      kind,
      title: g.label(t),
      names: forms.map((f) => f.form).join(' · '),
      forms: forms.map((f) => `${f.form} (${f.scheme})`).join(' · '),
      ...(mentionedIn.length ? { letters: mentionedIn.join(' ') } : {}),
    });
  }
  for (const l of letters) {
    const id = localName(l);
    const who = [...g.links(l, SL.author), ...g.links(l, SL.addressee)].map((p) => g.label(p)).join(' ');
    docs.push({
      id: page(l),
      kind: 'letter',
      title: `${g.label(l)} — ${g.value(l, SL.dateAsPrinted) ?? ''}`,
      names: who,
      letter: id,
    });
    const blocks = g
      .links(l, SL.hasParagraph)
      .sort((a, b) => (g.num(a, SL.position) ?? 0) - (g.num(b, SL.position) ?? 0));
    for (const b of blocks) {
      const text = g.value(b, SL.text);
      if (text === undefined) continue; // the open profile: no texts
      docs.push({ id: page(l, `#block-${g.num(b, SL.position)}`), kind: 'text', title: g.label(l), text, letter: id });
    }
    const notes = g
      .links(l, SL.hasFootnote)
      .sort((a, b) => (g.num(a, SL.footnoteNumber) ?? 0) - (g.num(b, SL.footnoteNumber) ?? 0));
    for (const n of notes) {
      const text = g.value(n, SL.text);
      if (text === undefined) continue;
      docs.push({
        id: page(l, `#note-${g.num(n, SL.footnoteNumber)}`),
        kind: 'note',
        title: `${g.label(l)}, note ${g.num(n, SL.footnoteNumber)}`,
        text,
        letter: id,
      });
    }
  }
  return docs;
}

/**
 * What the search page downloads: the documents, from which it builds its MiniSearch index on load (with the same
 * options: search-terms.ts). Shipping the documents rather than MiniSearch's serialised index is smaller (the index
 * repeats every term's postings) and keeps the site's build fast: serialising the index cost 0.2–0.4 s, more than the
 * rest of the search stage; building it in the browser takes about 0.1 s once (bench/search.ts).
 */
export function searchIndex(docs: readonly SearchDoc[]): string {
  return `${JSON.stringify({ engine: 'minisearch', docs })}\n`;
}

/** The index the page builds from searchIndex's file (also used by the tests and the benchmark, in Node). */
export function loadSearchIndex(json: string): MiniSearch<SearchDoc> {
  const ms = new MiniSearch<SearchDoc>(MINISEARCH_OPTIONS);
  ms.addAll((JSON.parse(json) as { docs: SearchDoc[] }).docs);
  return ms;
}
