// Reading a local RDF file for either engine: its type by extension, its bytes, and JSON-LD turned into N-Quads
// with a document loader that never opens a connection unless the user allowed it (a data file must not make the
// tool reach out to a server by itself).

import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { UsageError } from '../core/errors.js';
import { DEFAULT_TIMEOUT_MS, remoteFetch } from './http.js';

export interface FileOptions {
  /** Fetch remote JSON-LD contexts (`--allow-remote-context`); refused otherwise. */
  allowRemoteContext?: boolean;
  timeoutMs?: number;
}

/** Extension → media type (Oxigraph's names) and N3.js format name; JSON-LD goes through the jsonld library. */
export const RDF_FILE_TYPES: Record<string, { media: string; n3?: string }> = {
  '.nt': { media: 'application/n-triples', n3: 'N-Triples' },
  '.ttl': { media: 'text/turtle', n3: 'Turtle' },
  '.nq': { media: 'application/n-quads', n3: 'N-Quads' },
  '.trig': { media: 'application/trig', n3: 'TriG' },
  '.n3': { media: 'text/n3', n3: 'N3' },
  '.rdf': { media: 'application/rdf+xml' },
  '.jsonld': { media: 'application/ld+json' },
  '.json': { media: 'application/ld+json' },
};

export function fileType(file: string): { ext: string; media: string; n3?: string } {
  const ext = extname(file).toLowerCase();
  const t = RDF_FILE_TYPES[ext];
  if (!t)
    throw new UsageError(`${file}: unknown RDF file type "${ext}"; use .nt, .ttl, .nq, .trig, .n3, .rdf or .jsonld`);
  return { ext, ...t };
}

export function readRdfFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new UsageError(
      `cannot read ${file}; run \`stalin-letters-lod build\` first, or pass --source FILE or --source URL`,
    );
  }
}

export const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.trim();

/** A JSON-LD file as N-Quads. Contexts in local files are read; remote ones only with allowRemoteContext. */
export async function jsonLdToNQuads(file: string, text: string, o: FileOptions = {}): Promise<string> {
  const jsonld = (await import('jsonld')).default;
  let refused: UsageError | undefined;
  let remoteFailure: string | undefined;
  const documentLoader = async (url: string): Promise<{ documentUrl: string; document: unknown }> => {
    if (url.startsWith('file:')) {
      return { documentUrl: url, document: JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as unknown };
    }
    if (!o.allowRemoteContext) {
      refused ??= new UsageError(
        `${file}: its @context is the remote document ${url}; not fetched (a data file does not make this tool open connections); pass --allow-remote-context to fetch it`,
      );
      throw refused;
    }
    const remote = remoteFetch(o.timeoutMs ?? DEFAULT_TIMEOUT_MS, (type) => type.includes('json'));
    try {
      const res = await remote.fetch(url, { headers: { accept: 'application/ld+json, application/json' } });
      return { documentUrl: url, document: await res.json() };
    } catch (e) {
      remoteFailure ??= remote.failure() ?? `${url}: ${firstLine(e)}`;
      throw e;
    }
  };
  let doc: object;
  try {
    doc = JSON.parse(text) as object;
  } catch (e) {
    throw new UsageError(`${file}: not valid JSON: ${firstLine(e)}`);
  }
  try {
    return (await jsonld.toRDF(doc, {
      format: 'application/n-quads',
      base: pathToFileURL(file).href,
      documentLoader,
    } as unknown as Parameters<typeof jsonld.toRDF>[1])) as unknown as string;
  } catch (e) {
    if (refused) throw refused;
    if (remoteFailure) throw new UsageError(`${file}: remote @context ${remoteFailure}`);
    const details = (e as { details?: { cause?: unknown } }).details?.cause;
    throw new UsageError(`${file}: not valid JSON-LD: ${firstLine(e)}${details ? ` (${firstLine(details)})` : ''}`);
  }
}
