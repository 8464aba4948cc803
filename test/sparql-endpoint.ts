// Local stand-ins for remote servers, on 127.0.0.1 with a free port, for the tests (no network beyond loopback):
// a SPARQL endpoint (the SPARQL 1.1 protocol: GET ?query=, POST form or application/sparql-query; JSON results
// for SELECT/ASK, N-Triples for CONSTRUCT/DESCRIBE) answered by Oxigraph over fixture data, and a bare server
// whose handler a test writes (one that never answers, one that answers HTML, …). Each records what it was sent.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sparqljs from 'sparqljs';
import { oxigraphStore } from '../src/query/oxigraph.js';
import { FIXTURES } from './helpers.js';

/** The made-up Wikidata-shaped graph (see the comment at its top): never Wikidata's data. */
export const WIKIDATA_FIXTURE = join(FIXTURES, 'wikidata/statements.ttl');

export interface Received {
  method: string;
  url: string;
  userAgent: string | undefined;
  query: string | undefined;
}

export interface TestServer {
  /** http://127.0.0.1:PORT/sparql */
  url: string;
  received: Received[];
  /** Connections accepted so far. */
  connections: () => number;
  close: () => Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, query: string | undefined) => void;

/** A server on a free loopback port; `close` also ends connections a hanging handler left open. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
    });
    req.on('end', () => {
      const query = queryOf(req, body);
      received.push({ method: req.method ?? '', url: req.url ?? '', userAgent: req.headers['user-agent'], query });
      handler(req, res, query);
    });
  });
  server.on('connection', (s) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sparql`,
    received,
    connections: () => connections,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

function queryOf(req: IncomingMessage, body: string): string | undefined {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET') return url.searchParams.get('query') ?? undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (type === 'application/sparql-query') return body;
  if (type === 'application/x-www-form-urlencoded') return new URLSearchParams(body).get('query') ?? undefined;
  return undefined;
}

/** A SPARQL endpoint over the given Turtle files (default: the made-up Wikidata fixture). */
export async function startSparqlEndpoint(files: string[] = [WIKIDATA_FIXTURE]): Promise<TestServer> {
  const store = await oxigraphStore(...files.map((f) => ({ text: readFileSync(f, 'utf8'), format: 'text/turtle' })));
  const parser = new sparqljs.Parser();
  return startServer((_req, res, text) => {
    if (!text) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('no query given');
      return;
    }
    let graph: boolean;
    try {
      const parsed = parser.parse(text);
      graph = parsed.type === 'query' && (parsed.queryType === 'CONSTRUCT' || parsed.queryType === 'DESCRIBE');
    } catch (e) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(`syntax error: ${(e as Error).message}`);
      return;
    }
    const format = graph ? 'application/n-triples' : 'application/sparql-results+json';
    try {
      const out = store.query(text, { results_format: format }) as string;
      res.writeHead(200, { 'content-type': format }).end(out);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end((e as Error).message);
    }
  });
}
