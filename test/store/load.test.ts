// `load` against a stand-in Graph Store (node:http on 127.0.0.1, Fuseki's layout /ds/data, /ds/sparql, /ds/update,
// hand-written answers in the protocol's formats): chunked upload with a Content-Length on every POST into a
// temporary graph, COUNT, MOVE; Digest and Basic authentication checked by the server on its own; and the faults —
// wrong credentials, a store that is down, one that dies half-way, a store that loses triples, a graph IRI that is
// not an IRI, a dump that is not RDF: one line, exit 1, the target graph as it was. Virtuoso itself: virtuoso.test.ts.

import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { chunkLines, endpointsOf } from '../../src/store/graph-store.js';
import { BUILD, captureIo } from '../helpers.js';
import { freePort } from '../virtuoso.js';

const GRAPH = 'https://w3id.org/stalin-letters/dataset';
const OLD = '<urn:old> <urn:old> "old" .\n';
const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

interface Seen {
  method: string;
  path: string;
  length?: string;
  chunked: boolean;
  authorized: boolean;
}

interface StandIn {
  url: string;
  graphs: Map<string, Set<string>>;
  seen: Seen[];
  close(): Promise<void>;
}

interface StandInOptions {
  auth?: 'digest' | 'basic';
  user?: string;
  password?: string;
  /** Destroys the connection and stops listening on this POST (1-based): the store dies half-way. */
  dieAtPost?: number;
  /** Stores nothing from this POST (1-based), and still answers 201 (Virtuoso does so with chunked bodies). */
  loseAtPost?: number;
}

function params(header: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const [, k, q, t] of header.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) m.set(k!, q ?? t!);
  return m;
}

/** A minimal SPARQL 1.1 Graph Store + query + update server holding graphs as sets of N-Triples lines. */
async function standIn(t: TestContext, o: StandInOptions = {}): Promise<StandIn> {
  const graphs = new Map<string, Set<string>>([[GRAPH, new Set([OLD])]]);
  const seen: Seen[] = [];
  const nonce = 'dcd98b7102dd2f0e8b11d0f600bfb0c093';
  let posts = 0;
  const authorized = (req: IncomingMessage): boolean => {
    const h = req.headers.authorization ?? '';
    if (!o.auth) return true;
    if (o.auth === 'basic') return h === `Basic ${Buffer.from(`${o.user}:${o.password}`).toString('base64')}`;
    if (!h.startsWith('Digest ')) return false;
    // checked here from RFC 7616's formulas, independently of src/publish/digest.ts
    const p = params(h);
    const ha1 = md5(`${p.get('username')}:r@stand-in:${o.password}`);
    const expected = md5(`${ha1}:${nonce}:${p.get('nc')}:${p.get('cnonce')}:auth:${md5(`${req.method}:${req.url}`)}`);
    return (
      p.get('username') === o.user &&
      p.get('nonce') === nonce &&
      p.get('uri') === req.url &&
      p.get('response') === expected
    );
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url!, 'http://x');
      const ok = authorized(req);
      seen.push({
        method: req.method!,
        path: u.pathname,
        ...(req.headers['content-length'] ? { length: req.headers['content-length'] } : {}),
        chunked: /chunked/i.test(String(req.headers['transfer-encoding'] ?? '')),
        authorized: ok,
      });
      if (!ok) {
        res.writeHead(401, {
          'www-authenticate':
            o.auth === 'basic'
              ? 'Basic realm="r@stand-in"'
              : `Digest realm="r@stand-in", nonce="${nonce}", qop="auth", algorithm=MD5`,
        });
        res.end('unauthorized');
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      if (u.pathname === '/ds/data') {
        const g = u.searchParams.get('graph')!;
        if (req.method === 'GET') {
          res.writeHead(graphs.has(g) ? 200 : 404, { 'content-type': 'application/n-triples' });
          res.end([...(graphs.get(g) ?? [])].join(''));
          return;
        }
        if (req.method === 'POST') {
          posts++;
          if (posts === o.dieAtPost) {
            req.socket.destroy();
            server.close();
            server.closeAllConnections();
            return;
          }
          const set = graphs.get(g) ?? new Set<string>();
          if (posts !== o.loseAtPost) for (const l of body.split('\n')) if (l.trim()) set.add(`${l}\n`);
          graphs.set(g, set);
          res.writeHead(201).end();
          return;
        }
      }
      if (u.pathname === '/ds/sparql') {
        const q = new URLSearchParams(body).get('query') ?? '';
        const g = /GRAPH <([^>]+)>/.exec(q)?.[1] ?? '';
        res.writeHead(200, { 'content-type': 'application/sparql-results+json' });
        res.end(
          JSON.stringify({
            head: { vars: ['n'] },
            results: {
              bindings: [
                {
                  n: {
                    type: 'literal',
                    value: String(graphs.get(g)?.size ?? 0),
                    datatype: 'http://www.w3.org/2001/XMLSchema#integer',
                  },
                },
              ],
            },
          }),
        );
        return;
      }
      if (u.pathname === '/ds/update') {
        const upd = new URLSearchParams(body).get('update') ?? '';
        const move = /^MOVE <([^>]+)> TO <([^>]+)>$/.exec(upd);
        const drop = /^DROP SILENT GRAPH <([^>]+)>$/.exec(upd);
        if (move) {
          graphs.set(move[2]!, graphs.get(move[1]!) ?? new Set());
          graphs.delete(move[1]!);
        } else if (drop) graphs.delete(drop[1]!);
        else {
          res.writeHead(400).end(`unsupported update ${upd}`);
          return;
        }
        res.writeHead(204).end();
        return;
      }
      res.writeHead(404).end();
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const close = (): Promise<void> =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
      if (!server.listening) r();
    });
  t.after(close);
  return { url: `http://127.0.0.1:${port}/ds/data`, graphs, seen, close };
}

/** A dump of 2,000 triples of the shipped N-Triples dump (small enough to parse fast, several chunks at 0.1 MB). */
function smallDump(t: TestContext, text?: string, name = 'small.nt'): { file: string; lines: Set<string> } {
  const dir = mkdtempSync(join(tmpdir(), 'load-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const content =
    text ?? `${readFileSync(join(BUILD, 'stalin-letters.nt'), 'utf8').split('\n').slice(0, 2000).join('\n')}\n`;
  const file = join(dir, name);
  writeFileSync(file, content);
  return {
    file,
    lines: new Set(
      content
        .split('\n')
        .filter(Boolean)
        .map((l) => `${l}\n`),
    ),
  };
}

async function load(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(['load', ...args], io);
  return { code, out: io.stdout, err: io.stderr };
}

/** One line on stderr, `error: …` (after any progress lines), exit 1. */
function oneLineError(r: { code: number; err: string }, pattern: RegExp): void {
  assert.equal(r.code, 1, r.err);
  const lines = r.err.split('\n').filter((l) => l && !/^ {2}\S.*: chunk \d+\/\d+, /.test(l));
  assert.equal(lines.length, 1, r.err);
  assert.match(lines[0]!, /^error: /);
  assert.match(lines[0]!, pattern);
}

test('endpoints beside a Graph Store: Virtuoso, Oxigraph server, Fuseki; chunks split at lines', () => {
  assert.deepEqual(endpointsOf('http://h:8890/sparql-graph-crud-auth'), {
    sparql: 'http://h:8890/sparql',
    update: 'http://h:8890/sparql-auth',
  });
  assert.deepEqual(endpointsOf('http://h:7878/store'), {
    sparql: 'http://h:7878/query',
    update: 'http://h:7878/update',
  });
  assert.deepEqual(endpointsOf('http://h:3030/ds/data'), {
    sparql: 'http://h:3030/ds/sparql',
    update: 'http://h:3030/ds/update',
  });
  assert.deepEqual(endpointsOf('http://h/other'), {});
  const chunks = chunkLines(['aaaa\n', 'bb\n', 'cccccccc\n', 'd\n'], 8);
  assert.deepEqual(chunks.map(String), ['aaaa\nbb\n', 'cccccccc\n', 'd\n']);
});

test('load: POSTs with a Content-Length (never chunked) into a temporary graph, COUNT, MOVE; the graph holds exactly the dump', async (t) => {
  const s = await standIn(t);
  const d = smallDump(t);
  const r = await load(['--store', s.url, '--dump', d.file, '--chunk-mb', '0.1']);
  assert.equal(r.code, 0, r.err);
  assert.match(
    r.out,
    /^loaded .*small\.nt → <https:\/\/w3id\.org\/stalin-letters\/dataset>: 2,000 triples \(0\.\d MB in [3-9] POSTs\), COUNT verified; /,
  );
  const posts = s.seen.filter((x) => x.method === 'POST' && x.path === '/ds/data');
  assert.ok(posts.length >= 3, `${posts.length} POSTs`);
  for (const p of posts) {
    assert.ok(Number(p.length) > 0 && Number(p.length) <= 100_000, `Content-Length ${p.length}`);
    assert.equal(p.chunked, false);
  }
  assert.match(r.err, /chunk 1\/\d+, 0\.1 MB of 0\.\d MB/);
  assert.deepEqual(s.graphs.get(GRAPH), d.lines, 'the old content is replaced by exactly the dump');
  assert.deepEqual([...s.graphs.keys()], [GRAPH], 'no temporary graph is left');
});

test('Digest authentication (RFC 7616, checked by the stand-in); credentials from the environment; wrong password: one line, old graph', async (t) => {
  const s = await standIn(t, { auth: 'digest', user: 'publisher', password: 's3cret-pw' });
  const d = smallDump(t);
  const saved = { u: process.env.STORE_USER, p: process.env.STORE_PASSWORD };
  t.after(() => {
    if (saved.u === undefined) delete process.env.STORE_USER;
    else process.env.STORE_USER = saved.u;
    if (saved.p === undefined) delete process.env.STORE_PASSWORD;
    else process.env.STORE_PASSWORD = saved.p;
  });
  process.env.STORE_USER = 'publisher';
  process.env.STORE_PASSWORD = 'wrong-pw';
  const bad = await load(['--store', s.url, '--dump', d.file]);
  oneLineError(bad, /the store refused the credentials of user "publisher" \(401 Unauthorized/);
  assert.doesNotMatch(bad.err, /wrong-pw/);
  assert.deepEqual(s.graphs.get(GRAPH), new Set([OLD]), 'nothing was touched');
  assert.equal(s.seen.filter((x) => x.method === 'POST').length, 0, 'no body was sent with wrong credentials');
  process.env.STORE_PASSWORD = 's3cret-pw';
  const good = await load(['--store', s.url, '--dump', d.file, '--chunk-mb', '0.1']);
  assert.equal(good.code, 0, good.err);
  assert.doesNotMatch(good.out + good.err, /s3cret-pw/);
  assert.deepEqual(s.graphs.get(GRAPH), d.lines);
  // one challenge, then every request answered up front: each body was sent once
  const posts = s.seen.filter((x) => x.method === 'POST' && x.path === '/ds/data');
  assert.ok(
    posts.every((p) => p.authorized),
    'no POST body was refused and sent again',
  );
});

test('Basic authentication with --auth basic; without credentials a 401 says what to pass', async (t) => {
  const s = await standIn(t, { auth: 'basic', user: 'u', password: 'p-basic' });
  const d = smallDump(t);
  const none = await load(['--store', s.url, '--dump', d.file]);
  oneLineError(
    none,
    /refused .* without credentials \(401\): pass --user and --password, or set STORE_USER and STORE_PASSWORD/,
  );
  const ok = await load([
    '--store',
    s.url,
    '--dump',
    d.file,
    '--auth',
    'basic',
    '--user',
    'u',
    '--password',
    'p-basic',
  ]);
  assert.equal(ok.code, 0, ok.err);
  assert.deepEqual(s.graphs.get(GRAPH), d.lines);
});

test('a store that is down: one line, exit 1', async (t) => {
  const d = smallDump(t);
  const port = await freePort(); // nothing listens there
  const r = await load(['--store', `http://127.0.0.1:${port}/ds/data`, '--dump', d.file]);
  oneLineError(
    r,
    /the store stopped answering \(GET http:\/\/127\.0\.0\.1:\d+\/ds\/data: ECONNREFUSED\); is it running at http:\/\/127\.0\.0\.1:\d+\? nothing was loaded/,
  );
});

test('a store that dies half-way through the chunked load: one line, the named graph keeps its old content', async (t) => {
  const s = await standIn(t, { dieAtPost: 2 });
  const d = smallDump(t);
  const r = await load(['--store', s.url, '--dump', d.file, '--chunk-mb', '0.1']);
  oneLineError(
    r,
    /the store stopped answering \(POST .*\/ds\/data: .*\); <https:\/\/w3id\.org\/stalin-letters\/dataset> was not replaced \(a partial temporary graph <urn:x-stalin-letters-lod:load:[0-9a-f-]+> may remain: DROP it\)/,
  );
  assert.deepEqual(s.graphs.get(GRAPH), new Set([OLD]));
});

test('a store that loses a chunk and still answers 201: the COUNT catches it, the graph is not replaced, the temporary graph dropped', async (t) => {
  const s = await standIn(t, { loseAtPost: 2 });
  const d = smallDump(t);
  const r = await load(['--store', s.url, '--dump', d.file, '--chunk-mb', '0.1']);
  oneLineError(
    r,
    /the store holds \d+ of the dump's 2000 triples after the upload; <https:\/\/w3id\.org\/stalin-letters\/dataset> was not replaced/,
  );
  assert.deepEqual(s.graphs.get(GRAPH), new Set([OLD]));
  assert.deepEqual([...s.graphs.keys()], [GRAPH]);
});

test('a graph IRI that is not an IRI, a dump that is not RDF, a dump that is missing: one line, nothing sent', async (t) => {
  const s = await standIn(t);
  const d = smallDump(t);
  oneLineError(
    await load(['--store', s.url, '--dump', d.file, '--graph', 'not an iri']),
    /--graph "not an iri" is not an absolute IRI/,
  );
  oneLineError(
    await load(['--store', s.url, '--dump', d.file, '--graph', 'dataset/relative']),
    /is not an absolute IRI/,
  );
  const junk = smallDump(t, 'this is not N-Triples\n', 'junk.nt');
  oneLineError(await load(['--store', s.url, '--dump', junk.file]), /junk\.nt is not valid RDF: /);
  const ttl = smallDump(t, '@prefix ex: <http://ex.org/> .\nex:a ex:b .\n', 'bad.ttl'); // no object
  oneLineError(await load(['--store', s.url, '--dump', ttl.file]), /bad\.ttl is not valid RDF: /);
  oneLineError(
    await load(['--store', s.url, '--dump', join(d.file, '..', 'missing.nt')]),
    /cannot read the dump .*missing\.nt/,
  );
  oneLineError(
    await load(['--store', 'ftp://h/x', '--dump', d.file]),
    /--store "ftp:\/\/h\/x" must be an http\(s\) URL/,
  );
  oneLineError(
    await load(['--store', 'http://h/elsewhere', '--dump', d.file]),
    /not a Virtuoso, Fuseki or Oxigraph Graph Store path; give its query endpoint with --sparql/,
  );
  assert.equal(s.seen.length, 0, 'no request reached the store');
  assert.deepEqual(s.graphs.get(GRAPH), new Set([OLD]));
});
