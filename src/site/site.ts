// `site`: a static site from the built graph (build/stalin-letters.nt and void.ttl) — for every thing the dataset
// names an HTML page and its description as .ttl, .jsonld and .nt; index pages; the dataset's landing page; the
// ontology documentation; sitemap.xml; the content-negotiation rules for Apache, nginx and w3id. Written into a
// temporary folder and swapped in at the end, so a failure leaves the previous site as it was.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Eta } from 'eta';
import type N3 from 'n3';
import type { Term } from '@rdfjs/types';
import { OutputFolder } from '../core/fs/output-folder.js';
import { FileWriterThread } from '../core/fs/writer-thread.js';
import { distFile, distModule, workerExecArgv } from '../core/package.js';
import { TEI_DIR } from '../publish/tei.js';
import { searchDocs, searchIndex } from './search.js';
import { SEARCH_INDEX_FILE } from './search-terms.js';
import { UsageError } from '../core/errors.js';
import { NS, RDFS, SL } from '../rdf/vocab.js';
import { DUMPS } from '../core/layout.js';
import { describe, serialise } from './describe.js';
import { SiteGraph } from './graph.js';
import { ontologyPage } from './ontology.js';
import {
  changePage,
  partBlock,
  datePrinted,
  periodData,
  footnotePage,
  genericPage,
  letterPage,
  PageContext,
  personPage,
  proposalPage,
  resolutionPage,
  sortKeyDate,
  type Block,
  type Page,
  type Parts,
} from './pages.js';
import { CONTENT_TYPES, docPath, FORMATS, ownerOf, relLink } from './paths.js';
import { templates } from './templates.js';
import { htaccess, nginxHttp, nginxServer, w3id } from './conneg.js';
import { buildContext, toJsonLd } from '../rdf/serialise/jsonld.js';
import { sortQuads } from '../rdf/serialise/terms.js';
import { toTurtle } from '../rdf/serialise/turtle.js';
import { toNTriples } from '../rdf/serialise/ntriples.js';
import { rdf } from '../rdf/env.js';
import { datasetSchema } from './dataset-schema.js';
import { linkElements, linkset, LINKSET_FILE, signposts, type Signpost } from './signposting.js';
import type { BaseIri } from '../core/iri.js';

export interface SiteOptions {
  buildDir: string;
  outDir: string;
  ontologyDir: string;
  queriesDir: string;
  base: BaseIri;
  /** Where the site will be served (sitemap.xml, robots.txt, the w3id rules). Without it those are left out (never a
   * made-up host in published rules) and the result says so. */
  publicUrl?: string;
  onStage?: (stage: string, ms: number) => void;
  /** 1: everything in this thread; 2: a helper thread writes half the things; default: 2 when three cores are idle. */
  threads?: 1 | 2;
  /** How the previous site is removed after the new one is in place (see OutputFolder.commit); `now` by default. */
  removeOld?: 'now' | 'background';
}

export interface SiteResult {
  pages: number;
  files: number;
  /** Files that had the same bytes in the site replaced, kept by a link instead of written again (place-file.ts). */
  unchanged: number;
  things: number;
  /** What was left out, and why (one line each). */
  notes: string[];
}

/** A file that marks a folder as one this command wrote (and may replace). */
export const SITE_MARKER = '.stalin-letters-site';

const W3ID = 'https://w3id.org/';

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** `<` never appears raw inside the script element (JSON allows \u003c in strings, the only place `<` can be). */
function jsonForScript(json: string): string {
  return json.replace(/</g, '\\u003c');
}

/** What every thread that writes pages needs: the graph (with the ontology's labels), the page context, the things
 * and the renderer. Read by the main thread and by the helper thread alike (site-thread.ts). */
export interface PreparedSite {
  g: SiteGraph;
  ctx: PageContext;
  base: BaseIri;
  figures: string[];
  ontologyFiles: { name: string; text: string }[];
  ontology: ReturnType<typeof ontologyPage>;
  letters: string[];
  /** The things with a page of their own, sorted. */
  things: string[];
  /** Things described in another's documents (an annotation's target and selectors), by the owner. */
  partsOf: Map<string, string[]>;
  /** The page's HTML; `jsonld`: the script elements' JSON. */
  render: (page: Page, jsonld: string[], alternates?: boolean) => string;
  /** Letters (local ids) whose TEI the build wrote (build/tei/<id>.xml), and that folder. */
  tei: Set<string>;
  teiDir: string;
  /** The page's FAIR Signposting links (signposting.ts). */
  signpostsOf: (page: Page, alternates: boolean) => Signpost[];
  /** The Signposting links of every page rendered so far that cites a thing (cite-as), by page path: the Link
   * headers of the Apache and nginx rules (conneg.ts). */
  signposted: Map<string, Signpost[]>;
}

// a dump smaller than this (bytes of N-Triples) is written by one thread: the second one's start costs more than
// it saves
const THREAD_ABOVE_BYTES = 1_000_000;

export function prepareSite(o: Pick<SiteOptions, 'buildDir' | 'ontologyDir' | 'base'>): PreparedSite {
  const g = new SiteGraph(o.base);
  g.load(readFileSync(join(o.buildDir, DUMPS.ntriples), 'utf8'), 'N-Triples');
  const voidFile = join(o.buildDir, DUMPS.void);
  const voidText = existsSync(voidFile) ? readFileSync(voidFile, 'utf8') : '';
  if (voidText) g.load(voidText, 'Turtle', `${o.base}dataset`);
  const ontologyFiles = existsSync(o.ontologyDir)
    ? readdirSync(o.ontologyDir)
        .filter((f) => f.endsWith('.ttl'))
        .sort()
        .map((name) => ({ name, text: readFileSync(join(o.ontologyDir, name), 'utf8') }))
    : [];
  // the OWL files are documented; the others (the SHACL shapes) are published beside them
  const owlFiles = ontologyFiles.filter((f) => /\ba\s+owl:Ontology\b/.test(f.text));
  const figures = listFiles(join(o.buildDir, 'figures')).map((f) => `figures/${f}`);
  const ctx = new PageContext(g, o.base, figures, (rel) => {
    try {
      return readFileSync(join(o.buildDir, rel), 'utf8');
    } catch {
      return undefined;
    }
  });
  const ontology = ontologyPage(owlFiles, 'ontology.html', (iri) => {
    const p = docPath(iri, o.base);
    return p === undefined ? undefined : relLink('ontology.html', `${p}.html`);
  });
  // the ontology's labels name properties and controlled values on every page
  for (const q of ontology.quads) if (q.predicate.value === RDFS.label && q.subject.value.startsWith(NS.sl)) g.add(q);

  const eta = new Eta({ autoEscape: true, autoTrim: false, cache: true, useWith: false });
  const { LAYOUT, BLOCK, INLINE } = templates();
  eta.loadTemplate('@layout', LAYOUT);
  eta.loadTemplate('@block', BLOCK);
  eta.loadTemplate('@inline', INLINE);
  const rights = siteRights(g, o.base);
  const items = datasetItems(o.buildDir);
  const signpostsOf = (page: Page, alternates: boolean): Signpost[] =>
    signposts({
      path: page.path,
      iri: page.iri,
      schemaType: page.schemaType,
      licence: rights.licence,
      dataset: `${o.base}dataset`,
      described: alternates && !!page.iri,
      items: page.path === DATASET_PAGE ? items : undefined,
    });
  const signposted = new Map<string, Signpost[]>();
  const render = (page: Page, jsonld: string[], alternates = true): string => {
    const links = signpostsOf(page, alternates);
    if (links.some((l) => l.rel === 'cite-as')) signposted.set(page.path, links);
    const stem = page.path.replace(/\.html$/, '');
    const root = relLink(page.path, 'index.html').replace(/index\.html$/, '');
    const alts = alternates
      ? FORMATS.slice(1).map((f) => ({ type: f.type, href: relLink(page.path, `${stem}.${f.ext}`), label: f.ext }))
      : [];
    return eta.render('@layout', {
      ...page,
      root,
      alternates: alts,
      rights,
      signposting: linkElements(links),
      jsonld: jsonld.map(jsonForScript).join('\n</script>\n<script type="application/ld+json">\n'),
    });
  };

  // the things: one page and three descriptions each (hash IRIs live in their document: the dataset's)
  const letters = g
    .localSubjects()
    .filter((s) => g.is(s, SL.Letter))
    .sort(
      (a, b) =>
        sortKeyDate(g, a).localeCompare(sortKeyDate(g, b)) ||
        (g.num(a, SL.number) ?? 999) - (g.num(b, SL.number) ?? 999) ||
        a.localeCompare(b),
    );
  const partsOf = new Map<string, string[]>();
  const things: string[] = [];
  for (const s of g.localSubjects()) {
    if (s.includes('#')) continue;
    const rest = s.slice(o.base.length);
    const owner = ownerOf(rest);
    if (owner) (partsOf.get(o.base + owner) ?? partsOf.set(o.base + owner, []).get(o.base + owner)!).push(s);
    else if (rest !== 'ontology' && rest !== 'dataset') things.push(s);
  }
  const teiDir = join(o.buildDir, TEI_DIR);
  const tei = new Set(
    listFiles(teiDir)
      .filter((f) => f.endsWith('.xml'))
      .map((f) => f.slice(0, -4)),
  );
  return {
    g,
    ctx,
    base: o.base,
    figures,
    ontologyFiles,
    ontology,
    letters,
    things,
    partsOf,
    render,
    tei,
    teiDir,
    signpostsOf,
    signposted,
  };
}

/**
 * The rights every page's footer states: the dataset's own dcterms:license and dcterms:rights (void.ttl, written by
 * metadata.ts from profile.ts's rightsStatement), the same values the dataset page shows, so a page cannot say
 * another licence than its profile has. Without void.ttl the footer points to the dataset page only.
 */
const DATASET_PAGE = 'dataset.html';

/** The dataset's downloads, as the landing page's Signposting items, with the media type the site serves them as. */
function datasetItems(buildDir: string): { path: string; type: string }[] {
  return [DUMPS.turtle, DUMPS.jsonld, DUMPS.ntriples, DUMPS.wikidata, 'cmif.xml']
    .filter((f) => existsSync(join(buildDir, f)))
    .map((f) => ({ path: f, type: CONTENT_TYPES[f.slice(f.lastIndexOf('.') + 1)]!.split(';')[0]! }));
}

export function siteRights(g: SiteGraph, base: BaseIri): { licence?: string; text?: string } {
  const dataset = `${base}dataset`;
  return { licence: g.values(dataset, `${NS.dcterms}license`)[0], text: g.values(dataset, `${NS.dcterms}rights`)[0] };
}

function schemaNode(g: SiteGraph, page: Page, iri: string): string {
  const node: Record<string, unknown> = {
    '@context': { '@vocab': 'https://schema.org/' },
    '@id': iri,
    '@type': page.schemaType ?? 'Thing',
    name: page.title,
  };
  const wd = g.links(iri, SL.wikidata)[0];
  if (wd) node.sameAs = wd;
  const desc = g.value(iri, SL.description) ?? g.value(iri, SL.summary);
  if (desc) node.description = desc;
  if (page.schemaType === 'Message') {
    const a = g.links(iri, SL.author)[0];
    const r = g.links(iri, SL.addressee)[0];
    if (a) node.sender = { '@id': a, name: g.label(a) };
    if (r) node.recipient = { '@id': r, name: g.label(r) };
    const d = g.value(iri, SL.earliest);
    if (d && d === g.value(iri, SL.latest)) node.dateCreated = d;
  }
  return JSON.stringify(node);
}

/** Writes a thing's page and its .ttl, .nt and .jsonld; returns the page's path. */
export function writeThing(s: PreparedSite, iri: string, write: (rel: string, content: string) => void): string {
  const { g, ctx } = s;
  const stem = docPath(iri, s.base)!;
  const path = `${stem}.html`;
  const types = g.types(iri);
  const page = types.includes(SL.Letter)
    ? letterPage(ctx, iri, path, s.letters)
    : types.includes(SL.Footnote)
      ? footnotePage(ctx, iri, path)
      : types.includes(SL.Person)
        ? personPage(ctx, iri, path)
        : types.includes(SL.Resolution)
          ? resolutionPage(ctx, iri, path)
          : types.includes(SL.Proposal)
            ? proposalPage(ctx, iri, path)
            : types.includes(SL.ChangeOfOffice)
              ? changePage(ctx, iri, path)
              : genericPage(ctx, iri, path);
  // a letter's TEI beside its page, as letter/<id>.tei (negotiated as application/tei+xml: conneg.ts, serve)
  const letterId = stem.startsWith('letter/') ? stem.slice('letter/'.length) : undefined;
  if (letterId !== undefined && s.tei.has(letterId)) {
    write(`${stem}.tei`, readFileSync(join(s.teiDir, `${letterId}.xml`), 'utf8'));
    page.tei = relLink(path, `${stem}.tei`);
  }
  const parts = s.partsOf.get(iri) ?? [];
  if (parts.length) page.blocks.splice(page.blocks.length - 1, 0, ...parts.map((p) => partBlock(ctx, path, p)));
  const d = serialise(describe(g, iri, parts), s.base);
  write(`${stem}.ttl`, d.ttl);
  write(`${stem}.nt`, d.nt);
  write(`${stem}.jsonld`, d.jsonld);
  write(path, s.render(page, [d.jsonld, schemaNode(g, page, iri)]));
  return path;
}

/** Starts the thread that writes the things with an odd index (site-thread.ts); `done`: how many files it wrote. */
function startThingsThread(
  o: SiteOptions,
  staging: string,
  previous: string | undefined,
): {
  done: Promise<{ files: number; linked: number; signposted: [string, Signpost[]][] }>;
  stop: () => Promise<number>;
} {
  const worker = new Worker(distModule('site/site-thread.js'), {
    workerData: { buildDir: o.buildDir, ontologyDir: o.ontologyDir, base: o.base, staging, previous },
    execArgv: workerExecArgv(),
  });
  const done = new Promise<{ files: number; linked: number; signposted: [string, Signpost[]][] }>((resolve, reject) => {
    worker.once(
      'message',
      (m: { files?: number; linked?: number; signposted?: [string, Signpost[]][]; error?: string; stack?: string }) => {
        if (m.error !== undefined) reject(Object.assign(new Error(m.error), { stack: m.stack }));
        else resolve({ files: m.files!, linked: m.linked!, signposted: m.signposted! });
      },
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the site's helper thread stopped (exit code ${code})`)));
  });
  done.catch(() => undefined);
  return { done, stop: () => worker.terminate() };
}

export async function writeSite(o: SiteOptions): Promise<SiteResult> {
  let t = performance.now();
  const stage = (name: string): void => {
    const now = performance.now();
    o.onStage?.(name, now - t);
    t = now;
  };
  const ntFile = join(o.buildDir, DUMPS.ntriples);
  if (!existsSync(ntFile)) throw new UsageError(`${ntFile} not found: run \`build\` first (or give --build DIR)`);
  if (
    existsSync(o.outDir) &&
    (!statSync(o.outDir).isDirectory() ||
      (readdirSync(o.outDir).length > 0 && !existsSync(join(o.outDir, SITE_MARKER))))
  ) {
    throw new UsageError(
      `${o.outDir} exists and is not a site this command wrote (no ${SITE_MARKER}); choose another --out or remove it`,
    );
  }
  // a second thread writes every other thing's page and descriptions (it reads the graph itself, at the same time as
  // this one). With the file writer thread that makes three busy threads: on 2 cores the second one was slower in
  // every run measured (bench/results.md), so by default it runs only where three cores are idle, and not for small
  // sites (its start costs more CPU than it saves there).
  // The files are the same either way.
  const cores = availableParallelism();
  const share =
    o.threads === 2 ||
    (o.threads === undefined && cores - loadavg()[0]! >= 3 && statSync(ntFile).size > THREAD_ABOVE_BYTES);
  // written aside and swapped in as a whole, like a build (src/publish/write.ts: recovery of a killed run included)
  const out = new OutputFolder(o.outDir, { marker: SITE_MARKER });
  // the site being replaced (if any): its unchanged files are kept by a link (place-file.ts)
  const previous = existsSync(join(o.outDir, SITE_MARKER)) ? resolve(o.outDir) : undefined;
  const w = new FileWriterThread(out.staging, { previous });
  const helper = share ? startThingsThread(o, out.staging, previous) : undefined;
  try {
    const s = prepareSite(o);
    const { g, ontologyFiles, ontology, letters, things, render } = s;
    stage('read graph');
    const sitemap: string[] = [];
    let fromHelper = { files: 0, linked: 0, signposted: [] as [string, Signpost[]][] };
    for (let i = 0; i < things.length; i++) {
      if (helper && i % 2 === 1) {
        sitemap.push(`${docPath(things[i]!, o.base)!}.html`);
        continue;
      }
      sitemap.push(writeThing(s, things[i]!, w.write.bind(w)));
    }
    if (helper) fromHelper = await helper.done;
    for (const [path, links] of fromHelper.signposted) s.signposted.set(path, links);
    stage(`${things.length} things`);
    const renderPage = (page: Page, jsonld: string[], alternates = true): void => {
      w.write(page.path, render(page, jsonld, alternates));
      sitemap.push(page.path);
    };

    // the dataset (VoID/DCAT) and its files
    const downloads: Parts[] = [];
    for (const f of [
      DUMPS.turtle,
      DUMPS.jsonld,
      DUMPS.ntriples,
      DUMPS.context,
      DUMPS.void,
      DUMPS.wikidata,
      'cmif.xml',
    ]) {
      const src = join(o.buildDir, f);
      if (!existsSync(src)) continue;
      const bytes = readFileSync(src);
      w.write(f, bytes);
      downloads.push([
        { text: f, href: f },
        ` — ${bytes.length.toLocaleString('en')} bytes, SHA-256 `,
        { text: createHash('sha256').update(bytes).digest('hex'), code: true },
      ]);
    }
    for (const r of listFiles(join(o.buildDir, 'reports')))
      w.write(`reports/${r}`, readFileSync(join(o.buildDir, 'reports', r)));
    const savedQueries = existsSync(o.queriesDir)
      ? readdirSync(o.queriesDir)
          .filter((f) => f.endsWith('.rq'))
          .sort()
      : [];
    for (const q of savedQueries) w.write(`queries/${q}`, readFileSync(join(o.queriesDir, q)));
    for (const f of s.figures) w.write(f, readFileSync(join(o.buildDir, f)));
    for (const f of ontologyFiles) w.write(`ontology/${f.name}`, f.text);
    const dataset = `${o.base}dataset`;
    const dv = (p: string): string[] => g.values(dataset, p);
    const titleOf = (q: string): string =>
      /^# @title (.*)$/m.exec(readFileSync(join(o.queriesDir, q), 'utf8'))?.[1] ?? q;
    const datasetPage: Page = {
      path: 'dataset.html',
      title: dv(`${NS.dcterms}title`)[0] ?? 'Dataset',
      kind: 'Dataset (VoID, DCAT)',
      iri: dataset,
      schemaType: 'Dataset',
      blocks: [
        {
          kind: 'facts',
          rows: [
            ...dv(`${NS.dcterms}description`).map((v) => ({ label: 'About', values: [[v]] })),
            ...dv(`${NS.dcterms}extent`).map((v) => ({ label: 'Extent', values: [[v]] })),
            ...dv(`${NS.void}triples`).map((v) => ({ label: 'Triples', values: [[v]] })),
            ...dv(`${NS.void}entities`).map((v) => ({ label: 'Entities', values: [[v]] })),
            ...dv(`${NS.dcterms}hasVersion`).map((v) => ({ label: 'Version', values: [[v]] })),
            ...dv(`${NS.dcterms}license`).map((v) => ({ label: 'Licence', values: [[{ text: v, href: v }]] })),
            ...dv(`${NS.dcterms}rights`).map((v) => ({ label: 'Rights', values: [[v]] })),
            {
              label: 'IRIs',
              values: [[{ text: o.base, code: true }, ' (each answers with its page or its data, by Accept)']],
            },
          ],
        },
        { kind: 'list', title: 'Downloads', id: 'downloads', items: downloads },
        {
          kind: 'list',
          title: 'How to query',
          id: 'query',
          items: [
            [
              'SPARQL 1.1 endpoint (when the site is run with ',
              { text: 'serve', code: true },
              '): ',
              { text: 'sparql', href: 'sparql' },
              ' — a query editor in the browser, the SPARQL protocol for programs.',
            ],
            [
              'Reconciliation service, W3C Entity Reconciliation API 0.2 (when the site is run with ',
              { text: 'serve', code: true },
              '): its manifest ',
              { text: 'reconcile', href: 'reconcile' },
              ' — add this URL to OpenRefine or TEI Publisher to match names against the persons, organisations, places and posts.',
            ],
            ['From the command line: ', { text: 'npx stalin-letters-lod query --list', code: true }],
            [
              "Any thing's data: its IRI with Accept: text/turtle, application/ld+json or application/n-triples, or ?format=ttl|jsonld|nt.",
            ],
          ],
        },
        {
          kind: 'list',
          title: 'Saved queries',
          id: 'saved-queries',
          items: savedQueries.map((q) => [{ text: q, href: `queries/${q}` }, ` — ${titleOf(q)}`]),
        },
        { kind: 'list', title: 'Ontology', items: [[{ text: 'Stalin letters ontology', href: 'ontology.html' }]] },
      ],
    };
    const dd = serialise(
      sortQuads([
        ...g.quads(dataset),
        ...g
          .localSubjects()
          .filter((s) => s.startsWith(`${o.base}stalin-letters.`))
          .flatMap((s) => g.quads(s)),
      ]),
      o.base,
    );
    w.write('dataset.ttl', dd.ttl);
    w.write('dataset.nt', dd.nt);
    w.write('dataset.jsonld', dd.jsonld);
    const dsNode = datasetSchema({
      g,
      base: o.base,
      letters,
      items: datasetItems(o.buildDir),
      pageUrl: o.publicUrl
        ? `${o.publicUrl.endsWith('/') ? o.publicUrl : `${o.publicUrl}/`}${DATASET_PAGE}`
        : undefined,
    });
    renderPage(datasetPage, [dd.jsonld, JSON.stringify(dsNode)]);
    // the landing page's links as an RFC 9264 linkset (relative targets resolved where the site is served)
    w.write(
      LINKSET_FILE,
      linkset(
        dataset,
        `${o.publicUrl ? (o.publicUrl.endsWith('/') ? o.publicUrl : `${o.publicUrl}/`) : o.base}${DATASET_PAGE}`,
        s.signpostsOf(datasetPage, true),
      ),
    );

    // the ontology at its namespace IRI
    // blank nodes (owl:unionOf domains) written as `_:` identifiers, which JSON-LD reads as blank nodes
    const ontSorted = sortQuads(ontology.quads);
    const skolem = (t: Term): Term => (t.termType === 'BlankNode' ? rdf.namedNode(`_:${t.value}`) : t);
    const ontNamed = ontSorted.map((q) =>
      rdf.quad(
        skolem(q.subject) as N3.Quad_Subject,
        q.predicate as N3.Quad_Predicate,
        skolem(q.object) as N3.Quad_Object,
      ),
    );
    w.write('ontology.ttl', toTurtle(ontSorted, o.base));
    w.write('ontology.nt', toNTriples(ontSorted));
    const ontJson = toJsonLd(ontNamed, buildContext(ontNamed, o.base), o.base);
    w.write('ontology.jsonld', ontJson);
    renderPage(ontology.page, [
      JSON.stringify({
        '@context': { '@vocab': 'https://schema.org/' },
        '@type': 'DefinedTermSet',
        '@id': `${NS.sl.slice(0, -1)}`,
        name: ontology.page.title,
      }),
    ]);
    stage('dataset, ontology');

    // index pages
    const indexOf = (cls: string): string[] => things.filter((s) => g.is(s, cls));
    const byLabel = (a: string, b: string): number => g.label(a).localeCompare(g.label(b), 'en') || a.localeCompare(b);
    const link = (path: string, iri: string, text?: string): Parts[number] => s.ctx.link(path, iri, text);
    const figure = (path: string, name: string, alt: string): Block[] =>
      s.ctx.hasFigure(`figures/${name}`) ? [{ kind: 'figure', src: relLink(path, `figures/${name}`), alt }] : [];
    const az = (path: string, items: string[], extra: (i: string) => Parts = () => []): Block[] => {
      const groups = new Map<string, string[]>();
      for (const i of items.sort(byLabel)) {
        const k = g.label(i).normalize('NFD').charAt(0).toUpperCase();
        (groups.get(k) ?? groups.set(k, []).get(k)!).push(i);
      }
      return [
        {
          kind: 'list',
          items: [[...[...groups.keys()].flatMap((k, n) => [n ? ' · ' : '', { text: k, href: `#az-${k}` }])]],
        },
        ...[...groups].map(
          ([k, list]): Block => ({
            kind: 'list',
            title: k,
            id: `az-${k}`,
            items: list.map((i) => [link(path, i), ...extra(i)]),
          }),
        ),
      ];
    };
    const idx = (path: string, title: string, blocks: Block[]): void =>
      renderPage(
        { path, title, blocks, schemaType: 'CollectionPage' },
        [JSON.stringify({ '@context': { '@vocab': 'https://schema.org/' }, '@type': 'CollectionPage', name: title })],
        false,
      );
    idx('letters.html', 'Letters', [
      ...figure('letters.html', 'letters.svg', 'The letters on a time line, each with the interval of its date'),
      {
        kind: 'table',
        intro: [
          'By date (the earliest possible day; the date as printed beside its interval). A period filter shows a letter whose interval only overlaps the period as possibly in it.',
        ],
        head: ['letter', 'date as printed', 'interval', 'to', 'notes'],
        period: true,
        rowData: letters.map((l) => periodData(g, l)),
        rows: letters.map((l) => [
          [link('letters.html', l)],
          [g.value(l, SL.dateAsPrinted) ?? ''],
          [
            datePrinted(g, l)
              .replace(g.value(l, SL.dateAsPrinted) ?? '\u0000', '')
              .replace(/^ \(|\)$/g, ''),
          ],
          g.links(l, SL.addressee).map((a) => link('letters.html', a)),
          [String(g.links(l, SL.hasFootnote).length)],
        ]),
      },
    ]);
    const persons = indexOf(SL.Person);
    idx('persons.html', 'Persons', [
      ...figure(
        'persons.html',
        'co-mentions.svg',
        'Persons named together in the same text: who is mentioned with whom, and how often',
      ),
      ...az('persons.html', persons, (p) =>
        g.links(p, SL.wikidata).length ? [' · ', { text: 'Wikidata', href: g.links(p, SL.wikidata)[0]! }] : [],
      ),
    ]);
    idx('organizations.html', 'Organisations', az('organizations.html', indexOf(SL.Organization)));
    idx('places.html', 'Places', az('places.html', indexOf(SL.Place)));
    idx(
      'posts.html',
      'Posts',
      az('posts.html', indexOf(SL.Post), (p) =>
        g.links(p, SL.postIn).flatMap((org) => [' — ', link('posts.html', org)]),
      ),
    );
    const resolutions = indexOf(SL.Resolution).sort(
      (a, b) => sortKeyDate(g, a).localeCompare(sortKeyDate(g, b)) || a.localeCompare(b),
    );
    idx('resolutions.html', 'Resolutions', [
      ...figure('resolutions.html', 'resolutions-by-body-month.svg', 'Resolutions per deciding body and month'),
      {
        kind: 'table',
        intro: ['By date.'],
        head: ['date', 'body', 'resolution', 'prompted by'],
        rows: resolutions.map((r) => [
          [datePrinted(g, r)],
          g.links(r, SL.decidedBy).flatMap((b, i) => [i ? ', ' : '', link('resolutions.html', b)]),
          [link('resolutions.html', r, g.value(r, SL.title) ?? g.label(r))],
          g.links(r, SL.promptedBy).flatMap((l, i) => [i ? ', ' : '', link('resolutions.html', l)]),
        ]),
      },
    ]);
    const proposals = indexOf(SL.Proposal).sort(
      (a, b) =>
        sortKeyDate(g, g.links(a, SL.proposedIn)[0] ?? a).localeCompare(
          sortKeyDate(g, g.links(b, SL.proposedIn)[0] ?? b),
        ) || a.localeCompare(b),
    );
    idx('proposals.html', "Stalin's proposals", [
      ...figure(
        'proposals.html',
        'proposals.svg',
        "Stalin's proposals by letter, with their outcome and the lag to the decision",
      ),
      {
        kind: 'table',
        head: ['letter', 'proposal', 'outcome', 'answered by', 'lag (days)'],
        rows: proposals.map((p) => [
          g.links(p, SL.proposedIn).map((l) => link('proposals.html', l)),
          [link('proposals.html', p)],
          g.links(p, SL.outcome).map((x) => x.slice(x.lastIndexOf('#') + 1)),
          [...g.links(p, SL.answeredBy), ...g.links(p, SL.enactedBy), ...g.links(p, SL.rejectedBy)]
            .filter((v, i, a) => a.indexOf(v) === i)
            .flatMap((r, i) => [i ? ', ' : '', link('proposals.html', r, datePrinted(g, r) || g.label(r))]),
          [g.value(p, SL.lagDays) ?? ''],
        ]),
      },
    ]);
    const changes = indexOf(SL.ChangeOfOffice).sort(
      (a, b) => sortKeyDate(g, a).localeCompare(sortKeyDate(g, b)) || a.localeCompare(b),
    );
    idx('changes.html', 'Changes of office', [
      {
        kind: 'table',
        head: ['date', 'person', 'change', 'post'],
        rows: changes.map((c) => [
          [datePrinted(g, c)],
          g.links(c, SL.person).map((p) => link('changes.html', p)),
          [link('changes.html', c, (g.links(c, SL.changeType)[0] ?? '').split('#')[1] ?? 'change')],
          g.links(c, SL.post).map((p) => link('changes.html', p)),
        ]),
      },
    ]);
    const home: Block[] = [
      {
        kind: 'list',
        intro: [dv(`${NS.dcterms}description`)[0] ?? ''],
        items: [
          [
            { text: 'Search', href: 'search.html' },
            ': any name in any spelling (or in Cyrillic), words of the letters and notes',
          ],
          [
            { text: 'Letters', href: 'letters.html' },
            ` (${letters.length}), by date, with their text, notes and citations, each also as TEI P5`,
          ],
          [{ text: 'Persons', href: 'persons.html' }, ` (${persons.length}), A–Z`],
          [
            { text: 'Organisations', href: 'organizations.html' },
            ' · ',
            { text: 'Places', href: 'places.html' },
            ' · ',
            { text: 'Posts', href: 'posts.html' },
          ],
          [{ text: 'Changes of office', href: 'changes.html' }, ` (${changes.length})`],
          [{ text: 'Resolutions', href: 'resolutions.html' }, ` (${resolutions.length}), by date`],
          [{ text: "Stalin's proposals", href: 'proposals.html' }, ` (${proposals.length}), with outcome and lag`],
          [{ text: 'The dataset', href: 'dataset.html' }, ': downloads, licence, how to query'],
          [{ text: 'The ontology', href: 'ontology.html' }],
        ],
      },
    ];
    idx('index.html', "Stalin's letters to Molotov (1930) and Kaganovich (1932)", home);
    stage('index pages');

    // the search: its index (names in every form; the texts where this site has them) and its page
    const docs = searchDocs(g, o.base, things, letters);
    w.write(SEARCH_INDEX_FILE, searchIndex(docs));
    const hasText = docs.some((d) => d.kind === 'text' || d.kind === 'note');
    idx('search.html', 'Search', [
      {
        kind: 'search',
        index: SEARCH_INDEX_FILE,
        intro: [
          hasText
            ? 'Names of persons, organisations, places and posts in every form the data has (as printed, variants, full names, Russian), the letters, their paragraphs and the notes.'
            : 'Names of persons, organisations, places and posts in every form the data has (as printed, variants, full names, Russian) and the letters. This site has no texts of the letters or notes (they are in copyright), so they are not searched.',
        ],
        kinds: [
          ['', 'everything'],
          ['entity', 'persons, organisations, places, posts'],
          ['person', 'persons'],
          ['organization', 'organisations'],
          ['place', 'places'],
          ['post', 'posts'],
          ['letter', 'letters'],
          ...(hasText
            ? ([
                ['text', 'letter texts'],
                ['note', 'notes'],
              ] as [string, string][])
            : []),
        ],
        letters: letters.map((l) => [
          l.slice(l.lastIndexOf('/') + 1),
          `${g.label(l)} (${g.value(l, SL.dateAsPrinted) ?? ''})`,
        ]),
      },
    ]);
    stage('search');

    w.write('assets/site.css', templates().CSS);
    const script = distFile('bundle/site/site.js');
    if (!existsSync(script))
      throw new UsageError(`${script.pathname} is missing: run \`npm run compile\` (it bundles the site's script)`);
    w.write('assets/site.js', readFileSync(script));
    // the pages' Signposting links as Link headers, in one order whichever thread wrote the page
    const headers = [...s.signposted].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    w.write('.htaccess', htaccess(headers));
    w.write('nginx-http.conf', nginxHttp(headers));
    w.write('nginx-server.conf', nginxServer());
    const notes: string[] = [];
    const pub = o.publicUrl === undefined ? undefined : o.publicUrl.endsWith('/') ? o.publicUrl : `${o.publicUrl}/`;
    if (pub === undefined) {
      notes.push(
        'no --public-url: sitemap.xml and w3id.htaccess are not written (they need the URL the site will be served at)',
      );
    } else {
      // the w3id rules send the w3id IRIs to the host: only for a base under w3id.org, and not to the IRIs themselves
      if (!o.base.startsWith(W3ID))
        notes.push(`w3id.htaccess is not written: the base IRI ${o.base} is not under ${W3ID}`);
      else if (pub.startsWith(o.base))
        notes.push(
          `w3id.htaccess is not written: --public-url ${pub} is under the base IRI (the rules would send the IRIs to themselves)`,
        );
      else w.write('w3id.htaccess', w3id(pub, o.base));
      w.write(
        'sitemap.xml',
        `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${sitemap
          .sort()
          .map((p) => `<url><loc>${xmlEscape(pub + p)}</loc></url>`)
          .join('\n')}\n</urlset>\n`,
      );
    }
    w.write(
      'robots.txt',
      `User-agent: *\nDisallow: /sparql\n${pub === undefined ? '' : `Sitemap: ${pub}sitemap.xml\n`}`,
    );
    w.write(SITE_MARKER, 'Written by `stalin-letters-lod site`; the whole folder is replaced by the next run.\n');
    const { linked } = await w.close();
    stage('write rest');
    out.commit({ removeOld: o.removeOld ?? 'now' });
    stage('swap');
    return {
      pages: sitemap.length,
      files: w.files + fromHelper.files,
      unchanged: linked + fromHelper.linked,
      things: things.length,
      notes,
    };
  } catch (e) {
    await helper?.stop();
    await w.terminate();
    out.abort();
    throw e;
  }
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
