// `serve`: the static site with content negotiation (a thing's IRI answers 303 to its HTML, Turtle, JSON-LD or
// N-Triples document by Accept or ?format=, with Vary: Accept; 406 for a type we do not have; 404 for an IRI we do
// not know) and a SPARQL 1.1 Protocol endpoint at /sparql (Oxigraph in worker threads), with YASGUI for browsers.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve, sep } from 'node:path';
import Negotiator from 'negotiator';
import sendStatic from 'send';
import { UsageError } from '../core/errors.js';
import { ACCEPTED_TYPES, CONTENT_TYPES, FORMATS, ownerOf, TEI_FORMAT, type DocExt } from '../site/paths.js';
import { DUMPS } from '../core/layout.js';
import { linkHeader, LINKSET_FILE, LINKSET_TYPE, signpostsInHtml } from '../site/signposting.js';
import { HttpError, readBody } from './http.js';
import { QueryPool } from './pool.js';
import { MAX_NESTING, nestingDepth } from './bounds.js';
import { ASK_TYPES, canonicalType, GRAPH_TYPES, looksLikeUpdate, queryForm, SELECT_TYPES } from './results.js';
import { sparqlPage, type SavedQueryForUi } from './yasgui.js';
import { loadReconciler, requestOrigin } from './reconcile.js';
import {
  parseFormBody,
  protocolDataset,
  ProtocolError,
  requireUtf8,
  singleQuery,
  withProtocolDataset,
  withServiceBase,
} from './protocol.js';

export interface ServeOptions {
  site: string;
  port: number;
  host: string;
  /** Per-query time limit. */
  timeoutMs: number;
  /** Rows (or triples) a query may return; more are cut off and the answer says so. */
  rowLimit: number;
  /** Longest query accepted (in bytes). */
  maxQueryBytes: number;
  workers: number;
  /** How long a client may take to send a request's headers (slow senders are cut off with 408). */
  headersTimeoutMs?: number;
  /** How long a connection may stay silent (no bytes either way) before it is closed; at least the query limit + 5 s. */
  idleTimeoutMs?: number;
  /** Saved queries for the editor (name, title, text). */
  savedQueries: SavedQueryForUi[];
  log: (line: string) => void;
}

export const DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  timeoutMs: 10_000,
  rowLimit: 10_000,
  maxQueryBytes: 100_000,
  workers: 2,
  headersTimeoutMs: 10_000,
  idleTimeoutMs: 30_000,
};

const MAX_URL = 4096;

export interface RunningServer {
  url: string;
  server: Server;
  close: () => Promise<void>;
}

/** The files of YASGUI's browser build, served from the installed package (no CDN). */
function yasguiDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@zazuko/yasgui/package.json')), 'build');
}

export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const site = resolve(o.site);
  if (!existsSync(site) || !statSync(site).isDirectory())
    throw new UsageError(`site folder ${o.site} not found: run \`site\` first (or give --site DIR)`);
  const nt = join(site, DUMPS.ntriples);
  if (!existsSync(join(site, 'index.html')) || !existsSync(nt))
    throw new UsageError(`${o.site} is not a site written by \`site\` (no index.html or ${DUMPS.ntriples})`);
  try {
    readFileSync(join(site, 'index.html'));
  } catch (e) {
    throw new UsageError(`cannot read ${o.site}: ${(e as Error).message}`);
  }
  const yasgui = yasguiDir();
  const pool = new QueryPool(nt, o.workers, o.timeoutMs);
  await pool.ready();
  const editor = sparqlPage(o.savedQueries);
  // the W3C reconciliation service at /reconcile, over the same dump (src/serve/reconcile.ts)
  const reconciler = await loadReconciler(nt);
  let selfOrigin = `http://${o.host}:${o.port}`;

  const headersTimeout = o.headersTimeoutMs ?? DEFAULTS.headersTimeoutMs;
  // node checks the header and request timeouts every connectionsCheckingInterval (30 s by default)
  const server = createServer(
    { connectionsCheckingInterval: Math.max(100, Math.min(1000, headersTimeout / 4)) },
    (req, res) => {
      const t0 = performance.now();
      res.on('finish', () =>
        o.log(
          `${new Date().toISOString()} ${req.method} ${(req.url ?? '').slice(0, 200)} ${res.statusCode} ${(performance.now() - t0).toFixed(1)}ms`,
        ),
      );
      res.setHeader('Access-Control-Allow-Origin', '*');
      handle(req, res).catch((e: unknown) => {
        const status = e instanceof HttpError || e instanceof ProtocolError ? e.status : 500;
        const message = e instanceof Error ? e.message : String(e);
        if (res.headersSent) {
          res.destroy();
          return;
        }
        send(res, status, `${message}\n`, 'text/plain; charset=utf-8');
      });
    },
  );
  server.headersTimeout = headersTimeout;
  server.requestTimeout = Math.max(headersTimeout, o.timeoutMs + 10_000);
  // a connection silent for this long is closed (a client that opens one and sends nothing, or stops half-way)
  server.timeout = Math.max(o.idleTimeoutMs ?? DEFAULTS.idleTimeoutMs, o.timeoutMs + 5000);
  server.keepAliveTimeout = Math.min(5000, server.timeout);

  /** The routes, in order: the first whose path matches answers. Only /sparql and /reconcile take POST. */
  const routes: readonly Route[] = [
    { name: 'sparql', matches: (p) => p === '/sparql', handle: (req, res, _p, params) => sparql(req, res, params) },
    {
      name: 'reconcile',
      matches: (p) => p === '/reconcile' || p.startsWith('/reconcile/'),
      handle: (req, res, p, params) =>
        reconciler.handle(req, res, p.slice('/reconcile'.length), params, requestOrigin(req, selfOrigin)),
    },
    { name: 'yasgui', readOnly: true, matches: (p) => p.startsWith('/_yasgui/'), handle: yasguiAsset },
    { name: 'site', readOnly: true, matches: () => true, handle: siteResource },
  ];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = parseRequest(req, res);
    if (!request) return;
    const { path, params } = request;
    const route = routes.find((r) => r.matches(path))!;
    if (route.readOnly && req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD, OPTIONS');
      throw new HttpError(405, `${req.method} is not allowed here (only /sparql and /reconcile take POST)`);
    }
    return route.handle(req, res, path, params);
  }

  /** YASGUI's own files, from the installed package. */
  async function yasguiAsset(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const name = path.slice('/_yasgui/'.length);
    if (!/^yasgui\.min\.(js|css)(\.map)?$/.test(name)) throw new HttpError(404, `not found: ${path}`);
    return sendFile(req, res, yasgui, name);
  }

  /** A file of the site, or a thing's IRI (303 to one of its documents by content negotiation). */
  async function siteResource(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    params: URLSearchParams,
  ): Promise<void> {
    const rel = path === '/' ? 'index.html' : path.endsWith('/') ? `${path.slice(1)}index.html` : path.slice(1);
    const file = resolve(site, rel);
    if (file !== site && !file.startsWith(site + sep)) throw new HttpError(400, 'the request path leaves the site');
    if (rel.split('/').some((s) => s.startsWith('.'))) throw new HttpError(404, `not found: ${path}`);
    const st = await stat(file).catch(() => undefined);
    if (st?.isFile()) return sendFile(req, res, site, rel);
    if (!extname(rel)) {
      // a thing's IRI, or a part described in its owner's documents (an annotation's target and selectors)
      const owner = ownerOf(rel);
      const doc = owner ? `/${owner}` : path;
      if ((await stat(join(site, `${doc.slice(1)}.html`)).catch(() => undefined))?.isFile()) {
        // a letter also has its TEI
        const tei =
          (await stat(join(site, `${doc.slice(1)}.${TEI_FORMAT.ext}`)).catch(() => undefined))?.isFile() ?? false;
        return negotiate(req, res, doc, params, tei);
      }
    }
    throw new HttpError(404, `not found: ${path} (no such thing or document in this dataset)`);
  }

  function negotiate(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    params: URLSearchParams,
    tei = false,
  ): void {
    res.setHeader('Vary', 'Accept');
    const format = params.get('format');
    const formats: readonly { ext: DocExt; type: string; names: readonly string[] }[] = tei
      ? [...FORMATS, TEI_FORMAT]
      : FORMATS;
    const accepted: readonly (readonly [string, DocExt])[] = tei
      ? [...ACCEPTED_TYPES, [TEI_FORMAT.type, TEI_FORMAT.ext]]
      : ACCEPTED_TYPES;
    let ext: DocExt | undefined;
    if (format !== null) {
      ext = formats.find((f) => f.names.includes(format.toLowerCase()))?.ext;
      if (!ext)
        throw new HttpError(
          406,
          `unknown format "${format.slice(0, 50)}"; available: ${formats.flatMap((f) => f.names).join(', ')}`,
        );
    } else {
      const accept = req.headers.accept;
      if (!accept?.trim()) ext = 'html';
      else {
        const chosen = new Negotiator(req).mediaType(accepted.map(([t]) => t));
        ext = accepted.find(([t]) => t === chosen)?.[1];
        if (!ext)
          throw new HttpError(
            406,
            `none of the accepted types is available; available: ${formats.map((f) => f.type).join(', ')}`,
          );
      }
    }
    const location = `${path.split('/').map(encodeURIComponent).join('/')}.${ext}`;
    res.writeHead(303, { Location: location, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : `See ${location}\n`);
  }

  /** A file below `root`, through `send` (streaming, ETag and Last-Modified with 304, Range with 206), with our media
   * types and, for a page, its FAIR Signposting links as the Link header. */
  async function sendFile(req: IncomingMessage, res: ServerResponse, root: string, rel: string): Promise<void> {
    const file = join(root, rel);
    const link = file.endsWith('.html') ? await signpostingHeader(file) : undefined;
    const type = file.endsWith(`/${LINKSET_FILE}`)
      ? LINKSET_TYPE
      : (CONTENT_TYPES[extname(file).slice(1)] ?? 'application/octet-stream');
    await new Promise<void>((done, fail) => {
      const stream = sendStatic(req, `/${rel.split('/').map(encodeURIComponent).join('/')}`, {
        root,
        dotfiles: 'deny',
        index: false,
        cacheControl: false,
      });
      stream.on('headers', (r: ServerResponse) => {
        r.setHeader('Content-Type', type);
        r.setHeader('X-Content-Type-Options', 'nosniff');
        if (link) r.setHeader('Link', link);
      });
      stream.on('error', (e: Error & { status?: number }) =>
        fail(new HttpError(e.status ?? 500, e.status === 404 ? 'not found' : e.message)),
      );
      res.once('finish', done);
      res.once('close', done);
      stream.pipe(res);
    });
  }

  /** The request's path and parameters, checked; undefined when it was answered already (OPTIONS). */
  function parseRequest(
    req: IncomingMessage,
    res: ServerResponse,
  ): { path: string; params: URLSearchParams } | undefined {
    // node's parser takes a request line without a version ("GET /x") as HTTP/0.9; this server speaks HTTP/1.x only
    if (req.httpVersionMajor !== 1) {
      res.setHeader('Connection', 'close');
      throw new HttpError(400, 'malformed request line: expected "METHOD /path HTTP/1.1"');
    }
    const raw = req.url ?? '/';
    if (raw.length > MAX_URL) throw new HttpError(414, `request IRI longer than ${MAX_URL} characters`);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, HEAD, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type, Accept',
        'Access-Control-Max-Age': '86400',
      });
      res.end();
      return undefined;
    }
    const q = raw.indexOf('?');
    const rawPath = q < 0 ? raw : raw.slice(0, q);
    const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      throw new HttpError(400, 'malformed percent-encoding in the request path');
    }
    if (path.includes('\0')) throw new HttpError(400, 'NUL in the request path');
    if (!path.startsWith('/') || path.split('/').some((s) => s === '..' || s === '.') || path.includes('\\'))
      throw new HttpError(400, 'the request path may not contain "." or ".." segments or backslashes');
    return { path, params };
  }

  async function sparql(req: IncomingMessage, res: ServerResponse, params: URLSearchParams): Promise<void> {
    let query: string | null = null;
    let form: URLSearchParams | undefined;
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (params.has('update')) throw new HttpError(403, 'this endpoint is read-only: SPARQL Update is refused');
      query = singleQuery(params, 'request IRI');
      if (query === null) {
        const wantsHtml =
          new Negotiator(req).mediaType(['application/sparql-results+json', 'text/html']) === 'text/html' &&
          /text\/html/.test(req.headers.accept ?? '');
        if (wantsHtml) {
          res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', Vary: 'Accept' });
          res.end(req.method === 'HEAD' ? undefined : editor);
          return;
        }
        throw new HttpError(400, 'missing the "query" parameter (SPARQL 1.1 Protocol: /sparql?query=…)');
      }
    } else if (req.method === 'POST') {
      const ctype = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (ctype === 'application/sparql-update')
        throw new HttpError(403, 'this endpoint is read-only: SPARQL Update is refused');
      requireUtf8(req.headers['content-type']);
      const body = await readBody(req, o.maxQueryBytes);
      if (ctype === 'application/x-www-form-urlencoded') {
        form = parseFormBody(body);
        if (form.has('update')) throw new HttpError(403, 'this endpoint is read-only: SPARQL Update is refused');
        if (params.has('query'))
          throw new HttpError(400, 'a form POST carries its query in the body, not in the request IRI');
        query = singleQuery(form, 'form body');
        if (query === null) throw new HttpError(400, 'missing the "query" field in the form body');
      } else if (ctype === 'application/sparql-query') {
        query = body;
      } else {
        throw new HttpError(
          415,
          `POST a query as application/x-www-form-urlencoded or application/sparql-query, not "${ctype.slice(0, 80)}"`,
        );
      }
    } else {
      res.setHeader('Allow', 'GET, HEAD, POST, OPTIONS');
      throw new HttpError(405, `${req.method} is not allowed on /sparql`);
    }
    if (Buffer.byteLength(query) > o.maxQueryBytes)
      throw new HttpError(413, `the query is longer than ${o.maxQueryBytes} bytes`);
    const depth = nestingDepth(query);
    if (depth > MAX_NESTING)
      throw new HttpError(
        400,
        `query error: brackets nested ${depth} deep; at most ${MAX_NESTING} levels are accepted`,
      );
    if (!queryForm(query) && looksLikeUpdate(query))
      throw new HttpError(403, 'this endpoint is read-only: SPARQL Update is refused');
    query = withServiceBase(query, req.headers.host);
    const dataset = protocolDataset(params, ...(form ? [form] : []));
    if (dataset) query = withProtocolDataset(query, dataset);
    const qform = queryForm(query);
    const available: readonly string[] =
      qform === 'CONSTRUCT' || qform === 'DESCRIBE' ? GRAPH_TYPES : qform === 'ASK' ? ASK_TYPES : SELECT_TYPES;
    res.setHeader('Vary', 'Accept');
    const accept = req.headers.accept;
    const chosen = !accept?.trim() ? available[0] : new Negotiator(req).mediaType([...available]);
    if (!chosen) throw new HttpError(406, `no result format matches Accept; for this query: ${available.join(', ')}`);
    const type = canonicalType(chosen);
    const outcome = await pool.run(query, type, o.rowLimit);
    if (!outcome.ok) {
      if ('timeout' in outcome)
        throw new HttpError(503, `the query ran over the time limit of ${o.timeoutMs / 1000} s and was stopped`);
      if (outcome.busy) {
        res.setHeader('Retry-After', '5');
        throw new HttpError(503, outcome.error);
      }
      if (outcome.update) throw new HttpError(403, outcome.error);
      // the engine itself failed on this query; its worker has been replaced and the next query is served as usual
      if (outcome.fatal)
        throw new HttpError(
          500,
          `the query engine failed on this query (${outcome.error}) and was restarted; simplify the query`,
        );
      throw new HttpError(400, `query error: ${outcome.error}`);
    }
    const headers: Record<string, string | number> = {
      'Content-Type': /^text\/|\+xml$|turtle|n-triples/.test(type) ? `${type}; charset=utf-8` : type,
      'Content-Length': Buffer.byteLength(outcome.body),
    };
    if (outcome.truncated) headers['X-Row-Limit'] = `${o.rowLimit} (the result was cut off)`;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : outcome.body);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      void pool.close();
      if (e.code === 'EADDRINUSE')
        reject(new UsageError(`port ${o.port} on ${o.host} is already in use; choose another with --port`));
      else if (e.code === 'EACCES')
        reject(new UsageError(`not allowed to listen on ${o.host}:${o.port}; choose a port above 1023 with --port`));
      else reject(new UsageError(`cannot listen on ${o.host}:${o.port}: ${e.message}`));
    });
    server.listen(o.port, o.host, () => resolveListen());
  });
  server.on('clientError', (e: NodeJS.ErrnoException, socket) => {
    const status =
      e.code === 'HPE_HEADER_OVERFLOW'
        ? '431 Request Header Fields Too Large'
        : e.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? '408 Request Timeout'
          : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : o.port;
  selfOrigin = `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`;
  return {
    url: `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await pool.close();
    },
  };
}

/** FAIR Signposting: an HTML page's typed links (its <link> elements in the head, signposting.ts) as the Link header. */
async function signpostingHeader(file: string): Promise<string | undefined> {
  const fh = await open(file, 'r').catch(() => undefined);
  if (!fh) return undefined;
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(16_384), 0, 16_384, 0);
    const links = signpostsInHtml(buffer.subarray(0, bytesRead).toString('utf8'));
    return links.length ? linkHeader(links) : undefined;
  } finally {
    await fh.close();
  }
}

interface Route {
  name: string;
  /** GET and HEAD only. */
  readOnly?: boolean;
  matches: (path: string) => boolean;
  handle: (req: IncomingMessage, res: ServerResponse, path: string, params: URLSearchParams) => Promise<void>;
}

function send(res: ServerResponse, status: number, body: string, type: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
