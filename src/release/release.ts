// A release: the open profile of the dataset, in a versioned folder with checksums, VoID/DCAT, CMIF, a README for
// data users, CITATION.cff, the licence, CHANGES.md since the previous release, and a reproducible .tar.gz.
// Written aside and renamed into place: a failure leaves nothing behind.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import N3 from 'n3';
import { UsageError } from '../core/errors.js';
import { OutputFolder } from '../core/fs/output-folder.js';
import { AtomicWriter } from '../core/fs/atomic.js';
import type { CorpusProblem } from '../corpus/errors.js';
import { runBuild, type BuildOptions, type BuildResult } from '../pipeline/build.js';
import { DUMPS } from '../core/layout.js';
import { toVoid, WIKIDATA_VIEW_LICENCE, type DumpInfo } from '../publish/metadata.js';
import { CMIF_FILE, toCmif } from '../publish/cmif.js';
import { TEI_CORPUS_FILE, TEI_MEDIA_TYPE, teiCorpus } from '../publish/tei.js';
import { gzipReproducible, tar } from './archive.js';
import { changesMarkdown } from './changes.js';
import { citationCff, licenceText, releaseReadme, type ReleaseFile } from './release-docs.js';

/** The Wikidata-shaped view, when the build makes it. */
export const WIKIDATA_VIEW = DUMPS.wikidata;

// semver.org's regular expression
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export const releaseName = (version: string): string => `stalin-letters-lod-${version}`;

export function checkVersion(version: string): string {
  if (!SEMVER.test(version))
    throw new UsageError(`--version "${version}" is not a SemVer version (MAJOR.MINOR.PATCH, e.g. 1.0.0)`);
  return version;
}

export interface ReleaseOptions {
  corpusDir: string;
  /** Folder that receives stalin-letters-lod-<version>/ and its .tar.gz. */
  outDir: string;
  base: string;
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
  add({ name: DUMPS.turtle, data: ttl, info: { mediaType: 'text/turtle' }, what: 'Turtle' });
  add({
    name: `${DUMPS.turtle}.gz`,
    data: gzipReproducible(ttl),
    info: { mediaType: 'text/turtle', compressFormat: 'application/gzip' },
    what: 'Turtle, gzip',
  });
  add({
    name: DUMPS.ntriples,
    data: nt,
    info: { mediaType: 'application/n-triples' },
    what: 'N-Triples (sorted lines; for bulk loaders)',
  });
  add({
    name: `${DUMPS.ntriples}.gz`,
    data: gzipReproducible(nt),
    info: { mediaType: 'application/n-triples', compressFormat: 'application/gzip' },
    what: 'N-Triples, gzip',
  });
  add({
    name: DUMPS.jsonld,
    data: text(DUMPS.jsonld),
    info: { mediaType: 'application/ld+json' },
    what: 'JSON-LD (context inline)',
  });
  add({
    name: DUMPS.context,
    data: text(DUMPS.context),
    info: { mediaType: 'application/ld+json', title: 'JSON-LD context', dump: false },
    what: 'the JSON-LD context, for reuse',
  });
  if (files.has(WIKIDATA_VIEW)) {
    add({
      name: WIKIDATA_VIEW,
      data: text(WIKIDATA_VIEW),
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
    info: { mediaType: 'application/tei+xml', title: 'CMIF letter metadata for correspSearch', dump: false },
    what: 'CMIF (TEI) letter metadata for correspSearch',
  });
  add({
    name: TEI_CORPUS_FILE,
    data: Buffer.from(teiCorpus(d, { base: o.base, profile: 'open', date: o.date, version: o.version })),
    info: {
      mediaType: TEI_MEDIA_TYPE,
      title:
        'The letters in TEI P5 (one teiCorpus): structure, correspondence, notes at their markers and entities, without the texts',
      dump: false,
    },
    what: 'TEI P5 of every letter in one teiCorpus (open profile: no running text)',
  });

  const dists: DumpInfo[] = made
    .filter((m) => m.info)
    .map((m) => ({ file: m.name, ...m.info!, byteSize: m.data.length, sha256: sha256(m.data) }));
  const triples = built.triples!;
  add({
    name: DUMPS.void,
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
    what: 'what changed since the previous release, per entity',
  });
  add({
    name: 'CITATION.cff',
    data: Buffer.from(citationCff({ ...input, files: [] })),
    what: 'how to cite (Citation File Format)',
  });
  add({ name: 'LICENSE.txt', data: Buffer.from(licenceText(d)), what: 'the licence (CC BY 4.0) and its scope' });
  // the README lists every other file with its size and checksum
  add({ name: 'README.md', data: Buffer.from(releaseReadme({ ...input, files: docsFor(made) })), what: 'this file' });
  made.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  add({
    name: 'SHA256SUMS',
    data: Buffer.from(made.map((m) => `${sha256(m.data)}  ${m.name}\n`).join('')),
    what: 'sha256 of every file',
  });
  made.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  // the folder and the archive through the one output mechanism (core/fs): written aside, renamed into place
  const folder = new OutputFolder(dir, { marker: DUMPS.void });
  const archiveWriter = new AtomicWriter(o.outDir);
  try {
    for (const m of made) folder.bytes(m.name, m.data);
    const mtime = Math.floor(Date.parse(`${o.date}T00:00:00Z`) / 1000);
    const archive = gzipReproducible(
      tar([{ name: `${name}/` }, ...made.map((m) => ({ name: `${name}/${m.name}`, data: m.data }))], mtime),
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
