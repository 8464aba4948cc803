// RO-Crate 1.1 (https://w3id.org/ro/crate/1.1) of a release: ro-crate-metadata.json describes the release folder as
// the root Dataset with every file as a hasPart File (type, size, sha256, licence), and ro-crate-preview.html renders
// it for people (with the JSON-LD in its head, as RO-Crate 1.1 §Structure requires). The two crate files are not
// hasPart of the crate (the descriptor describes the crate; the preview is its rendering), so that no file holds its
// own checksum. sha256 is schema.org's term, added to the context as RO-Crate 1.1 allows for terms its context lacks.

import { escapeXml } from '../figures/render.js';
import type { Dataset } from '../model/types.js';
import { CC_BY_4, editionsById, type Profile, rightsStatement } from '../publish/profile.js';
import type { BaseIri } from '../core/iri.js';

export const RO_CRATE_METADATA = 'ro-crate-metadata.json';
export const RO_CRATE_PREVIEW = 'ro-crate-preview.html';
export const RO_CRATE_SPEC = 'https://w3id.org/ro/crate/1.1';
export const RO_CRATE_CONTEXT = `${RO_CRATE_SPEC}/context`;
export const SCHEMA_SHA256 = 'http://schema.org/sha256';

export interface CrateFile {
  name: string;
  bytes: number;
  sha256: string;
  /** IANA media type (encodingFormat). */
  format: string;
  what: string;
  /** A licence other than the profile's (the Wikidata-shaped view is CC0). */
  licence?: { iri: string; name: string; description: string };
}

export interface CrateInput {
  d: Dataset;
  profile: Profile;
  title: string;
  description: string;
  version: string;
  /** The release date, YYYY-MM-DD. */
  date: string;
  /** The persistent IRI of this version of the dataset. */
  identifier: string;
  /** Where the release's files are downloaded from. */
  url: string;
  base: BaseIri;
  keywords: readonly string[];
  /** What the data cover in time (ISO 8601 interval), from the letters' dates. */
  temporalCoverage?: string;
  files: readonly CrateFile[];
}

type Node = Record<string, unknown>;
const ref = (id: string): { '@id': string } => ({ '@id': id });

/** The licence entity of a profile: CC BY 4.0 with its scope for the open one, an honest "not licensed" for the full. */
function profileLicence(i: CrateInput): Node {
  const description = rightsStatement(i.profile, i.d.editions);
  return i.profile === 'open'
    ? { '@id': CC_BY_4, '@type': 'CreativeWork', name: 'CC BY 4.0', description }
    : { '@id': '#terms-of-use', '@type': 'CreativeWork', name: 'Not openly licensed', description };
}

export function roCrate(i: CrateInput): Node {
  const licence = profileLicence(i);
  const others = new Map<string, Node>();
  const project = `${i.base}#project`;
  const files: Node[] = i.files.map((f) => {
    if (f.licence)
      others.set(f.licence.iri, {
        '@id': f.licence.iri,
        '@type': 'CreativeWork',
        name: f.licence.name,
        description: f.licence.description,
      });
    return {
      '@id': f.name,
      '@type': 'File',
      name: f.name,
      description: f.what,
      encodingFormat: f.format,
      contentSize: String(f.bytes),
      sha256: f.sha256,
      license: ref(f.licence?.iri ?? (licence['@id'] as string)),
    };
  });
  const books: Node[] = editionsById(i.d.editions).map((e) => ({
    '@id': `#edition-${e.id}`,
    '@type': 'Book',
    name: e.title ?? e.label,
    ...(e.editors?.length ? { editor: e.editors.join(', ') } : {}),
    ...(e.publisher ? { publisher: e.publisher } : {}),
    ...(e.year ? { datePublished: String(e.year) } : {}),
    ...(e.isbn13 ? { isbn: e.isbn13 } : {}),
    ...(e.rights ? { copyrightNotice: e.rights } : {}),
  }));
  const root: Node = {
    '@id': './',
    '@type': 'Dataset',
    name: `${i.title} — release ${i.version}`,
    description: i.description,
    datePublished: i.date,
    version: i.version,
    identifier: i.identifier,
    url: i.url,
    license: ref(licence['@id'] as string),
    author: ref(project),
    publisher: ref(project),
    keywords: i.keywords.join(', '),
    ...(i.temporalCoverage ? { temporalCoverage: i.temporalCoverage } : {}),
    isBasedOn: books.map((b) => ref(b['@id'] as string)),
    hasPart: files.map((f) => ref(f['@id'] as string)),
  };
  const graph: Node[] = [
    { '@id': RO_CRATE_METADATA, '@type': 'CreativeWork', conformsTo: ref(RO_CRATE_SPEC), about: ref('./') },
    root,
    ...files,
    licence,
    ...[...others.values()],
    { '@id': project, '@type': 'Organization', name: 'stalin-letters-lod project', url: i.base },
    ...books,
  ];
  return { '@context': [RO_CRATE_CONTEXT, { sha256: SCHEMA_SHA256 }], '@graph': graph };
}

export const roCrateJson = (crate: Node): string => `${JSON.stringify(crate, null, 2)}\n`;

/** The crate as a page: the root's metadata and the files as static HTML, the JSON-LD in the head. */
export function roCratePreview(crate: Node): string {
  const graph = crate['@graph'] as Node[];
  const byId = new Map(graph.map((n) => [n['@id'] as string, n]));
  const root = byId.get('./')!;
  const e = (v: unknown): string => escapeXml(String(v ?? ''));
  const idOf = (v: unknown): string => (v as { '@id': string })['@id'];
  const licence = byId.get(idOf(root.license))!;
  const parts = (root.hasPart as { '@id': string }[]).map((p) => byId.get(p['@id'])!);
  const books = (root.isBasedOn as { '@id': string }[]).map((p) => byId.get(p['@id'])!);
  // "</" cannot end the script element early: JSON keeps its meaning with the slash escaped
  const json = JSON.stringify(crate, null, 1).replace(/<\//g, '<\\/');
  const row = (k: string, v: string): string => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${e(root.name)}</title>
<script type="application/ld+json">
${json}
</script>
</head>
<body>
<h1>${e(root.name)}</h1>
<p>${e(root.description)}</p>
<table>
${row('Published', e(root.datePublished))}
${row('Version', e(root.version))}
${row('Identifier', `<a href="${e(root.identifier)}">${e(root.identifier)}</a>`)}
${row('Download', `<a href="${e(root.url)}">${e(root.url)}</a>`)}
${root.temporalCoverage ? row('Temporal coverage', e(root.temporalCoverage)) : ''}
${row('Keywords', e(root.keywords))}
${row('Licence', `${licence['@id']?.toString().startsWith('#') ? e(licence.name) : `<a href="${e(licence['@id'])}">${e(licence.name)}</a>`}: ${e(licence.description)}`)}
</table>
<h2>Cite as</h2>
<p>stalin-letters-lod project (${e(String(root.datePublished).slice(0, 4))}). <cite>${e(root.name)}</cite>. ${e(root.identifier)}.</p>
<h2>Based on</h2>
<ul>
${books.map((b) => `<li><cite>${e(b.name)}</cite>${b.publisher ? `, ${e(b.publisher)}` : ''}${b.datePublished ? `, ${e(b.datePublished)}` : ''}${b.copyrightNotice ? `. ${e(b.copyrightNotice)}` : ''}</li>`).join('\n')}
</ul>
<h2>Files</h2>
<table>
<thead><tr><th scope="col">file</th><th scope="col">what</th><th scope="col">type</th><th scope="col">bytes</th><th scope="col">sha256</th><th scope="col">licence</th></tr></thead>
<tbody>
${parts.map((f) => `<tr><td><a href="${e(f['@id'])}">${e(f.name)}</a></td><td>${e(f.description)}</td><td>${e(f.encodingFormat)}</td><td>${e(f.contentSize)}</td><td><code>${e(f.sha256)}</code></td><td>${e(byId.get(idOf(f.license))?.name)}</td></tr>`).join('\n')}
</tbody>
</table>
<p>Machine-readable: <a href="${RO_CRATE_METADATA}">${RO_CRATE_METADATA}</a> (RO-Crate 1.1).</p>
</body>
</html>
`;
}
