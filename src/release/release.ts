// A release: the open profile of the dataset, in a versioned folder with checksums, VoID/DCAT, CMIF, a README for
// data users, CITATION.cff, the licence, CHANGES.md since the previous release, a quality report, an RFC 9264
// linkset, RO-Crate metadata with its preview, and a reproducible .tar.gz.
// Written aside and renamed into place: a failure leaves nothing behind.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import N3 from 'n3';
import { UsageError } from '../core/errors.js';
import { OutputFolder } from '../core/fs/output-folder.js';
import { AtomicWriter } from '../core/fs/atomic.js';
import type { CorpusProblem } from '../corpus/errors.js';
import { runBuild, SHAPES_FILE, type BuildOptions, type BuildResult } from '../pipeline/build.js';
import { packagePath } from '../core/package.js';
import { CC_BY_4 } from '../publish/profile.js';
import { linkset, LINKSET_TYPE, type Signpost } from '../site/signposting.js';
import { DUMPS } from '../core/layout.js';
import { toVoid, WIKIDATA_VIEW_LICENCE, type DumpInfo } from '../publish/metadata.js';
import { CMIF_FILE, toCmif } from '../publish/cmif.js';
import { TEI_CORPUS_FILE, TEI_MEDIA_TYPE, teiCorpus } from '../publish/tei.js';
import { gzipReproducible, tar } from './archive.js';
import { changesMarkdown } from './changes.js';
import {
  citationCff,
  KEYWORDS,
  licenceText,
  releaseReadme,
  TITLE,
  contentsSentence,
  type ReleaseFile,
} from './release-docs.js';
import { QUALITY_HTML, QUALITY_JSON, qualityHtml, qualityJson, qualityReport } from './quality.js';
import { RO_CRATE_METADATA, RO_CRATE_PREVIEW, roCrate, roCrateJson, roCratePreview } from './ro-crate.js';
import type { BaseIri } from '../core/iri.js';

/** The Wikidata-shaped view, when the build makes it. */
export const WIKIDATA_VIEW = DUMPS.wikidata;

// semver.org's regular expression
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export const releaseName = (version: string): string => `stalin-letters-lod-${version}`;
/** The release's figures, drawn from its own open-profile triples. */
const FIGURES_DIR = 'figures';
/** The release's RFC 9264 linkset (anchored on the release folder). */
export const RELEASE_LINKSET = 'linkset.json';

export function checkVersion(version: string): string {
  if (!SEMVER.test(version))
    throw new UsageError(`--version "${version}" is not a SemVer version (MAJOR.MINOR.PATCH, e.g. 1.0.0)`);
  return version;
}

export interface ReleaseOptions {
  corpusDir: string;
  /** Folder that receives stalin-letters-lod-<version>/ and its .tar.gz. */
  outDir: string;
  base: BaseIri;
  version: string;
  date: string;
  dateSource: string;
  /** A previous release folder, for CHANGES.md. */
  previous?: string;
  /** SHACL shapes the build checks the graph against (see BuildOptions.shapes). */
  shapes?: string;
  /** The build to release (default runBuild; tests pass one that adds files). */
  build?: (o: BuildOptions) => Promise<BuildResult>;
}

export interface ReleaseResult {
  problems: CorpusProblem[];
  dir?: string;
  tarball?: string;
  tarballSha256?: string;
  files?: ReleaseFile[];
  triples?: number;
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const SPDX = 'http://spdx.org/rdf/terms#';
const DCAT = 'http://www.w3.org/ns/dcat#';

/** Reads a previous release: its void.ttl must list each file with a sha256 that matches; returns its version and N-Triples. */
export function readPrevious(dir: string): { version: string; nt: string } {
  const where = `--previous ${dir}`;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${where}: not a folder`);
  const voidFile = join(dir, 'void.ttl');
  if (!existsSync(voidFile)) throw new UsageError(`${where} is not a release: it has no void.ttl`);
  let quads: N3.Quad[];
  try {
    quads = new N3.Parser().parse(readFileSync(voidFile, 'utf8'));
  } catch (e) {
    throw new UsageError(`${where}: void.ttl is not valid Turtle (${(e as Error).message})`);
  }
  const store = new N3.Store(quads);
  const version = store.getQuads(null, `${DCAT}version`, null, null)[0]?.object.value;
  if (!version) throw new UsageError(`${where}: void.ttl names no dcat:version (not a release)`);
  let checked = 0;
  for (const q of store.getQuads(null, `${DCAT}downloadURL`, null, null)) {
    const name = basename(new URL(q.object.value).pathname);
    const sum = store.getQuads(q.subject, `${SPDX}checksum`, null, null)[0];
    const value = sum && store.getQuads(sum.object, `${SPDX}checksumValue`, null, null)[0]?.object.value;
    if (!value) throw new UsageError(`${where}: void.ttl gives no sha256 for ${name}`);
    const file = join(dir, name);
    if (!existsSync(file)) throw new UsageError(`${where}: ${name} is listed in void.ttl but missing`);
    if (sha256(readFileSync(file)) !== value)
      throw new UsageError(`${where}: ${name} does not match its sha256 in void.ttl`);
    checked++;
  }
  if (!checked) throw new UsageError(`${where}: void.ttl lists no files (not a release)`);
  const nt = join(dir, DUMPS.ntriples);
  if (!existsSync(nt)) throw new UsageError(`${where}: it has no ${DUMPS.ntriples}`);
  return { version, nt: readFileSync(nt, 'utf8') };
}

interface Made {
  name: string;
  data: Buffer;
  /** IANA media type of the file as it is (RO-Crate encodingFormat; a .gz is application/gzip). */
  format: string;
  info?: Omit<DumpInfo, 'file' | 'byteSize' | 'sha256'>;
  what: string;
}

export async function runRelease(o: ReleaseOptions): Promise<ReleaseResult> {
  checkVersion(o.version);
  const name = releaseName(o.version);
  const dir = join(o.outDir, name);
  const tarball = `${dir}.tar.gz`;
  for (const target of [dir, tarball])
    if (existsSync(target))
      throw new UsageError(`${target} already exists; choose another --version or --out, or remove it`);
  const previous = o.previous !== undefined ? readPrevious(o.previous) : undefined;

  const built = await (o.build ?? runBuild)({
    corpusDir: o.corpusDir,
    outDir: '/nonexistent',
    base: o.base,
    write: false,
    profile: 'open',
    issued: o.date,
    keepGraph: true,
    ...(o.shapes !== undefined ? { shapes: o.shapes } : {}),
  });
  if (built.problems.length) return { problems: built.problems };
  const d = built.dataset!;
  const files = built.files!;
  const downloadBase = `${o.base}release/${o.version}/`;
  const text = (rel: string): Buffer => Buffer.from(files.get(rel)!, 'utf8');

  const made: Made[] = [];
  const add = (m: Made): void => {
    made.push(m);
  };
  const nt = text(DUMPS.ntriples);
  const ttl = text(DUMPS.turtle);
  add({ name: DUMPS.turtle, data: ttl, format: 'text/turtle', info: { mediaType: 'text/turtle' }, what: 'Turtle' });
  add({
    name: `${DUMPS.turtle}.gz`,
    data: gzipReproducible(ttl),
    format: 'application/gzip',
    info: { mediaType: 'text/turtle', compressFormat: 'application/gzip' },
    what: 'Turtle, gzip',
  });
  add({
    name: DUMPS.ntriples,
    data: nt,
    format: 'application/n-triples',
    info: { mediaType: 'application/n-triples' },
    what: 'N-Triples (sorted lines; for bulk loaders)',
  });
  add({
    name: `${DUMPS.ntriples}.gz`,
    data: gzipReproducible(nt),
    format: 'application/gzip',
    info: { mediaType: 'application/n-triples', compressFormat: 'application/gzip' },
    what: 'N-Triples, gzip',
  });
  add({
    name: DUMPS.jsonld,
    data: text(DUMPS.jsonld),
    format: 'application/ld+json',
    info: { mediaType: 'application/ld+json' },
    what: 'JSON-LD (context inline)',
  });
  add({
    name: DUMPS.context,
    data: text(DUMPS.context),
    format: 'application/ld+json',
    info: { mediaType: 'application/ld+json', title: 'JSON-LD context', dump: false },
    what: 'the JSON-LD context, for reuse',
  });
  if (files.has(WIKIDATA_VIEW)) {
    add({
      name: WIKIDATA_VIEW,
      data: text(WIKIDATA_VIEW),
      format: 'application/n-triples',
      info: {
        mediaType: 'application/n-triples',
        title: 'Wikidata-shaped view',
        dump: false,
        licence: WIKIDATA_VIEW_LICENCE,
      },
      what: 'Wikidata-shaped view',
    });
  }
  add({
    name: CMIF_FILE,
    data: Buffer.from(toCmif(d, { base: o.base, date: o.date, url: `${downloadBase}${CMIF_FILE}` })),
    format: 'application/tei+xml',
    info: { mediaType: 'application/tei+xml', title: 'CMIF letter metadata for correspSearch', dump: false },
    what: 'CMIF (TEI) letter metadata for correspSearch',
  });
  add({
    name: TEI_CORPUS_FILE,
    data: Buffer.from(teiCorpus(d, { base: o.base, profile: 'open', date: o.date, version: o.version })),
    format: TEI_MEDIA_TYPE,
    info: {
      mediaType: TEI_MEDIA_TYPE,
      title:
        'The letters in TEI P5 (one teiCorpus): structure, correspondence, notes at their markers and entities, without the texts',
      dump: false,
    },
    what: 'TEI P5 of every letter in one teiCorpus (open profile: no running text)',
  });

  // the figures, drawn from the open profile's own triples (nothing in them the open dump does not hold): the site of
  // a release shows them as the site of build/ does (issue 32)
  const { makeFigures } = await import('../figures/index.js');
  const drawn = await makeFigures(nt.toString('utf8'), { base: o.base });
  for (const [rel, body] of [...drawn.files].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
    add({
      name: `${FIGURES_DIR}/${rel}`,
      data: Buffer.from(body, 'utf8'),
      format: rel.endsWith('.svg') ? 'image/svg+xml' : 'application/json',
      what: rel.endsWith('.svg')
        ? 'a figure (SVG with its text alternative)'
        : "a figure's Vega-Lite spec (data inline)",
    });

  const dists: DumpInfo[] = made
    .filter((m) => m.info)
    .map((m) => ({ file: m.name, ...m.info!, byteSize: m.data.length, sha256: sha256(m.data) }));
  const triples = built.triples!;
  add({
    name: DUMPS.void,
    format: 'text/turtle',
    data: Buffer.from(
      toVoid(d, {
        base: o.base,
        triples,
        files: dists,
        version: o.version,
        profile: 'open',
        downloadBase,
        issued: o.date,
        versionIri: `${o.base}dataset/${o.version}`,
        ...(built.counts ? { counts: built.counts } : {}),
      }),
    ),
    what: 'VoID/DCAT description: sizes, checksums, licence',
  });
  const docsFor = (listed: Made[]): ReleaseFile[] =>
    listed.map((m) => ({ name: m.name, bytes: m.data.length, sha256: sha256(m.data), what: m.what }));
  // the README's table: the figures as one row (each file's sha256 is in SHA256SUMS and the RO-Crate metadata)
  const readmeRows = (listed: Made[]): ReleaseFile[] => {
    const figures = listed.filter((m) => m.name.startsWith(`${FIGURES_DIR}/`));
    const rows = docsFor(listed.filter((m) => !figures.includes(m)));
    if (!figures.length) return rows;
    const sums = figures.map((m) => `${sha256(m.data)}  ${m.name}\n`).join('');
    return [
      ...rows,
      {
        name: `${FIGURES_DIR}/`,
        bytes: figures.reduce((n, m) => n + m.data.length, 0),
        sha256: sha256(Buffer.from(sums)),
        what: `${figures.length / 2} figures, each as SVG and as its Vega-Lite spec (the checksum is that of their lines of SHA256SUMS)`,
      },
    ];
  };
  const input = {
    d,
    version: o.version,
    date: o.date,
    dateSource: o.dateSource,
    base: o.base,
    downloadBase,
    triples,
    ...(previous ? { previous: previous.version } : {}),
  };
  add({
    name: 'CHANGES.md',
    data: Buffer.from(changesMarkdown(o.version, previous, nt.toString('utf8'), o.base)),
    format: 'text/markdown',
    what: 'what changed since the previous release, per entity',
  });
  add({
    name: 'CITATION.cff',
    data: Buffer.from(citationCff({ ...input, files: [] })),
    format: 'application/yaml',
    what: 'how to cite (Citation File Format)',
  });
  add({
    name: 'LICENSE.txt',
    data: Buffer.from(licenceText(d)),
    format: 'text/plain',
    what: 'the licence (CC BY 4.0) and its scope',
  });

  // the quality report: SHACL over the whole graph the build validated, focus nodes per shape, facts by basis
  const { ShaclValidator } = await import('../validate/index.js');
  const shapesFile = o.shapes ?? SHAPES_FILE;
  const graph = built.graph!;
  const report = qualityReport({
    version: o.version,
    date: o.date,
    shapesFile,
    shapesName: o.shapes === undefined || o.shapes === SHAPES_FILE ? 'ontology/shapes.ttl' : basename(shapesFile),
    ontologyFile: packagePath('ontology/stalin-letters.ttl'),
    graph,
    published: new N3.Parser({ format: 'N-Triples' }).parse(nt.toString('utf8')),
    results: await ShaclValidator.fromFile(shapesFile).validate(graph),
  });
  add({
    name: QUALITY_JSON,
    data: Buffer.from(qualityJson(report)),
    format: 'application/json',
    what: 'quality report: the SHACL report, focus nodes and results per shape, facts by basis',
  });
  add({
    name: QUALITY_HTML,
    data: Buffer.from(qualityHtml(report)),
    format: 'text/html',
    what: 'the quality report as a page',
  });

  // FAIR Signposting for the release (RFC 9264), anchored on the release folder
  const items = made.filter((m) => m.info?.dump !== false && m.info);
  const links: Signpost[] = [
    { rel: 'cite-as', href: `${o.base}dataset/${o.version}` },
    ...items.map((m) => ({ rel: 'item' as const, href: m.name, type: m.format })),
    { rel: 'describedby', href: RO_CRATE_METADATA, type: 'application/ld+json' },
    { rel: 'describedby', href: DUMPS.void, type: 'text/turtle' },
    { rel: 'license', href: CC_BY_4 },
    { rel: 'type', href: 'https://schema.org/Dataset' },
  ];
  add({
    name: RELEASE_LINKSET,
    data: Buffer.from(linkset(downloadBase, downloadBase, links)),
    format: LINKSET_TYPE,
    what: 'FAIR Signposting linkset of the release (RFC 9264): cite-as, items, describedby, licence',
  });

  // the README lists every other file with its size and checksum
  add({
    name: 'README.md',
    data: Buffer.from(releaseReadme({ ...input, files: readmeRows(made) })),
    format: 'text/markdown',
    what: 'this file',
  });
  made.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  add({
    name: 'SHA256SUMS',
    data: Buffer.from(made.map((m) => `${sha256(m.data)}  ${m.name}\n`).join('')),
    format: 'text/plain',
    what: 'sha256 of every file but the RO-Crate metadata and its preview (which give the sha256 of every other file)',
  });
  made.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  // RO-Crate last: it describes every file above (RO-Crate's own two files are not parts of the crate)
  const crate = roCrate({
    d,
    profile: 'open',
    title: TITLE,
    description: contentsSentence(d),
    version: o.version,
    date: o.date,
    identifier: `${o.base}dataset/${o.version}`,
    url: downloadBase,
    base: o.base,
    keywords: KEYWORDS,
    ...temporalCoverage(d),
    files: made.map((m) => ({
      name: m.name,
      bytes: m.data.length,
      sha256: sha256(m.data),
      format: m.format,
      what: m.what,
      ...(m.info?.licence
        ? {
            licence: {
              iri: m.info.licence.iri,
              name: m.info.licence.iri === WIKIDATA_VIEW_LICENCE.iri ? 'CC0 1.0' : m.info.licence.iri,
              description: m.info.licence.rights,
            },
          }
        : {}),
    })),
  });
  add({
    name: RO_CRATE_METADATA,
    data: Buffer.from(roCrateJson(crate)),
    format: 'application/ld+json',
    what: 'RO-Crate 1.1 metadata: every other file with its type, size, sha256 and licence',
  });
  add({
    name: RO_CRATE_PREVIEW,
    data: Buffer.from(roCratePreview(crate)),
    format: 'text/html',
    what: 'the RO-Crate metadata as a page',
  });
  made.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  // the folder and the archive through the one output mechanism (core/fs): written aside, renamed into place
  const folder = new OutputFolder(dir, { marker: DUMPS.void });
  const archiveWriter = new AtomicWriter(o.outDir);
  try {
    for (const m of made) folder.bytes(m.name, m.data);
    const mtime = Math.floor(Date.parse(`${o.date}T00:00:00Z`) / 1000);
    const archive = gzipReproducible(
      tar(
        [
          { name: `${name}/` },
          // a folder's entry before its files, as tar itself writes them
          ...[
            ...new Set(
              made.flatMap((m) =>
                m.name
                  .split('/')
                  .slice(0, -1)
                  .map((_, i, p) => `${p.slice(0, i + 1).join('/')}/`),
              ),
            ),
          ]
            .sort()
            .map((d) => ({ name: `${name}/${d}` })),
          ...made.map((m) => ({ name: `${name}/${m.name}`, data: m.data })),
        ].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0)),
        mtime,
      ),
    );
    archiveWriter.bytes(basename(tarball), archive);
    folder.commit();
    try {
      archiveWriter.commit();
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
    return { problems: [], dir, tarball, tarballSha256: sha256(archive), files: docsFor(made), triples };
  } catch (e) {
    folder.abort();
    archiveWriter.abort();
    throw e;
  }
}

/** What the letters cover in time, in years: a convention bound (1 January, 31 December) is a day nobody knows, but
 * it lies in the year the source gives, so the years are known where the days are not. */
function temporalCoverage(d: BuildResult['dataset'] & object): { temporalCoverage?: string } {
  if (!d.letters.length) return {};
  const years = d.letters.flatMap((l) => [l.date.earliest.slice(0, 4), l.date.latest.slice(0, 4)]).sort();
  return { temporalCoverage: `${years[0]}/${years.at(-1)}` };
}
