// The query command's sources and engines: --engine oxigraph|comunica give the same answers, `SELECT *` columns come
// in the order of first appearance in every format, --source repeats and joins a file with a SPARQL endpoint, and
// bad sources (a server that never answers, an HTML page, garbage, a JSON-LD file whose @context is remote, an
// unknown engine, a source that is neither file nor URL) fail in one line naming the source. Every server here is
// started by the test on 127.0.0.1 (test/sparql-endpoint.ts); the endpoint serves the made-up fixture graph.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../helpers.js';
import { EXPECTED_QUERIES, queryData } from '../query-data.js';
import { startServer, startSparqlEndpoint, type TestServer } from '../sparql-endpoint.js';

let dir: string;
let dump: string;
let endpoint: TestServer;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sl-sources-'));
  dump = join(dir, 'data.nt');
  writeFileSync(dump, (await queryData()).ntriples);
  endpoint = await startSparqlEndpoint();
});
after(async () => {
  await endpoint.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(['query', ...args], io);
  return { code, out: io.stdout, err: io.stderr };
}

test('--engine oxigraph and --engine comunica print the same results (SELECT, CONSTRUCT, ASK, parameters)', async () => {
  const cases: string[][] = [
    ['export-persons', '--format', 'csv'],
    ['letters-in-period', '--param', 'from=1930-09-01', '--param', 'to=1930-10-31', '--format', 'json'],
    ['career', '--param', 'person=piatakov', '--format', 'tsv'],
    ['entity', '--param', 'entity=person/rozengolts', '--format', 'nt'],
    ['--query', 'ASK { ?p <https://w3id.org/stalin-letters/ontology#qid> "Q855" }', '--format', 'json'],
  ];
  for (const args of cases) {
    const ox = await cli(...args, '--source', dump, '--engine', 'oxigraph');
    const co = await cli(...args, '--source', dump, '--engine', 'comunica');
    assert.equal(ox.code, 0, ox.err);
    assert.equal(co.code, 0, co.err);
    assert.ok(ox.out.length > 40 || args.includes('ASK') || ox.out.includes('true'), `${args[0]} gives a result`);
    assert.equal(ox.out, co.out, `${args.join(' ')}: the engines differ`);
  }
  assert.equal(
    (await cli('--query', 'ASK { ?p <https://w3id.org/stalin-letters/ontology#qid> "Q855" }', '--source', dump)).out,
    'true\n',
  );
});

test('several local files are one dataset: split in two, the dump gives the same answers on both engines', async () => {
  const lines = (await queryData()).ntriples.split('\n');
  const [a, b] = [join(dir, 'half-a.nt'), join(dir, 'half-b.ttl')];
  writeFileSync(a, lines.filter((_, i) => i % 2 === 0).join('\n'));
  writeFileSync(b, lines.filter((_, i) => i % 2 === 1).join('\n'));
  const whole = await cli('export-persons', '--format', 'csv', '--source', dump);
  for (const engine of ['oxigraph', 'comunica']) {
    const split = await cli('export-persons', '--format', 'csv', '--source', a, '--source', b, '--engine', engine);
    assert.equal(split.code, 0, split.err);
    assert.equal(split.out, whole.out, engine);
  }
});

test('SELECT * lists the variables in the order they first appear in the query, in every format, on both engines', async () => {
  const q =
    'PREFIX sl: <https://w3id.org/stalin-letters/ontology#> SELECT * WHERE { ?s ?p ?o . ?s sl:qid ?qid . OPTIONAL { ?s sl:nameRu ?ru } BIND(STRLEN(?qid) AS ?len) } ORDER BY ?s ?p ?o LIMIT 3';
  const order = ['s', 'p', 'o', 'qid', 'ru', 'len'];
  // a small graph keeps this quick: the columns are the point, not the data
  const small = join(dir, 'small.nt');
  writeFileSync(
    small,
    `${(await queryData()).ntriples
      .split('\n')
      .filter((l) => l.startsWith('<https://w3id.org/stalin-letters/person/m'))
      .join('\n')}\n`,
  );
  for (const engine of ['oxigraph', 'comunica']) {
    const run = async (format: string): Promise<string> => {
      const r = await cli('--query', q, '--source', small, '--engine', engine, '--format', format);
      assert.equal(r.code, 0, r.err);
      return r.out;
    };
    assert.equal((await run('csv')).split('\r\n')[0], order.join(','), `${engine} csv`);
    assert.equal((await run('tsv')).split('\n')[0], order.map((v) => `?${v}`).join('\t'), `${engine} tsv`);
    assert.deepEqual(
      (JSON.parse(await run('json')) as { head: { vars: string[] } }).head.vars,
      order,
      `${engine} json`,
    );
    assert.match((await run('table')).split('\n')[0]!, /^s +p +o +qid +ru +len$/, `${engine} table`);
    assert.equal((await run('md')).split('\n')[0], `| ${order.join(' | ')} |`, `${engine} md`);
    // the plain case of the issue, and a query with no rows (the columns still come from the query)
    assert.equal(
      (
        await cli(
          '--query',
          'SELECT * WHERE { ?s ?p ?o } LIMIT 1',
          '--source',
          small,
          '--engine',
          engine,
          '--format',
          'csv',
        )
      ).out.split('\r\n')[0],
      's,p,o',
    );
    assert.equal(
      (
        await cli(
          '--query',
          'SELECT * WHERE { ?z ?a <urn:nothing> }',
          '--source',
          small,
          '--engine',
          engine,
          '--format',
          'csv',
        )
      ).out,
      'z,a\r\n',
    );
  }
});

test('--source repeats: the dump and a SPARQL endpoint joined in one query, every request naming the project', async () => {
  const before = endpoint.received.length;
  const r = await cli('wikidata-persons', '--source', dump, '--source', endpoint.url, '--format', 'tsv');
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, readFileSync(join(EXPECTED_QUERIES, 'wikidata-persons.tsv'), 'utf8'));
  const sent = endpoint.received.slice(before);
  assert.ok(sent.length > 0, 'the endpoint was asked');
  for (const s of sent)
    assert.match(s.userAgent ?? '', /^stalin-letters-lod\/\d+\.\d+\.\d+ \(\+https?:\/\/\S+\)$/, 'User-Agent');
  // the endpoint alone (--endpoint is --source URL): its own data only, the whole query sent to it
  const alone = await cli(
    '--query',
    'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }',
    '--endpoint',
    endpoint.url,
    '--format',
    'csv',
  );
  assert.equal(alone.code, 0, alone.err);
  assert.match(alone.out, /^n\r\n\d+\r\n$/);
});

test('a JSON-LD source with a remote @context opens no connection unless --allow-remote-context is given', async () => {
  const context = await startServer((_req, res) => {
    res
      .writeHead(200, { 'content-type': 'application/ld+json' })
      .end(JSON.stringify({ '@context': { name: 'http://schema.org/name' } }));
  });
  try {
    const url = context.url.replace(/sparql$/, 'context.jsonld');
    const file = join(dir, 'remote-context.jsonld');
    writeFileSync(file, JSON.stringify({ '@context': url, '@id': 'http://example.org/a', name: 'A' }));
    const refused = await cli(
      '--query',
      'SELECT ?n WHERE { ?s <http://schema.org/name> ?n }',
      '--source',
      file,
      '--format',
      'csv',
    );
    assert.equal(refused.code, 1);
    assert.equal(
      refused.err,
      `error: ${file}: its @context is the remote document ${url}; not fetched (a data file does not make this tool open connections); pass --allow-remote-context to fetch it\n`,
    );
    assert.equal(context.connections(), 0, 'no connection was opened');
    for (const engine of ['oxigraph', 'comunica']) {
      const allowed = await cli(
        '--query',
        'SELECT ?n WHERE { ?s <http://schema.org/name> ?n }',
        '--source',
        file,
        '--format',
        'csv',
        '--allow-remote-context',
        '--engine',
        engine,
      );
      assert.equal(allowed.code, 0, allowed.err);
      assert.equal(allowed.out, 'n\r\nA\r\n');
    }
    assert.match(context.received[0]?.userAgent ?? '', /^stalin-letters-lod\//);
  } finally {
    await context.close();
  }
});

test('bad sources and options: one line on stderr naming the source, exit 1, no stack trace', {
  timeout: 120_000,
}, async () => {
  const silent = await startServer(() => {
    /* accepts the connection, never answers */
  });
  const html = await startServer((_req, res) => {
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end('<!doctype html><html><body>Welcome</body></html>');
  });
  const garbage = await startServer((_req, res) => {
    res
      .writeHead(200, { 'content-type': 'application/sparql-results+json' })
      .end('{"head": {"vars": ["s"]}, "results": {"bindings": [ oops');
  });
  const failing = await startServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain' }).end('overloaded, try later');
  });
  // a port nobody listens on: one a server had a moment ago
  const closed = await startServer(() => undefined);
  await closed.close();
  const folder = join(dir, 'a-folder');
  mkdirSync(folder, { recursive: true });
  try {
    const cases: [string[], RegExp][] = [
      [
        ['who-held', '--endpoint', silent.url, '--timeout', '0.5'],
        new RegExp(`^error: endpoint ${silent.url}: no answer within 0\\.5 s \\(see --timeout\\)\\n$`),
      ],
      [
        ['wikidata-persons', '--source', dump, '--source', silent.url, '--timeout', '0.5'],
        new RegExp(`^error: endpoint ${silent.url}: no answer within 0\\.5 s`),
      ],
      [
        ['who-held', '--endpoint', html.url],
        new RegExp(
          `^error: endpoint ${html.url}: answered text/html, not SPARQL results or RDF; is this a SPARQL endpoint\\?\\n$`,
        ),
      ],
      [['who-held', '--endpoint', garbage.url], new RegExp(`^error: endpoint ${garbage.url}: `)],
      [
        ['who-held', '--endpoint', failing.url],
        new RegExp(`^error: endpoint ${failing.url}: HTTP 503 Service Unavailable: overloaded, try later\\n$`),
      ],
      [
        ['who-held', '--endpoint', closed.url],
        new RegExp(`^error: endpoint ${closed.url}: cannot connect \\(ECONNREFUSED\\)\\n$`),
      ],
      [
        ['who-held', '--source', dump, '--engine', 'fast'],
        /^error: --engine "fast" is not an engine; use oxigraph or comunica\n$/,
      ],
      [
        ['who-held', '--source', endpoint.url, '--engine', 'oxigraph'],
        /^error: --engine oxigraph queries local files only, and http:\/\/127\.0\.0\.1:\d+\/sparql is a SPARQL endpoint/,
      ],
      [
        ['who-held', '--source', 'ftp://example.org/data.nt'],
        /^error: --source ftp:\/\/example\.org\/data\.nt: neither a readable file nor an http\(s\) URL/,
      ],
      [['who-held', '--source', folder], /^error: --source .*a-folder: neither a readable file nor an http\(s\) URL/],
      [
        ['who-held', '--source', join(dir, 'missing.ttl')],
        /^error: --source .*missing\.ttl: neither a readable file nor an http\(s\) URL/,
      ],
      [
        ['who-held', '--source', dump, '--timeout', 'soon'],
        /^error: --timeout "soon" must be a number of seconds greater than 0\n$/,
      ],
    ];
    for (const [args, expected] of cases) {
      const { code, out, err } = await cli(...args);
      assert.equal(code, 1, `${args.join(' ')} should fail`);
      assert.equal(out, '', args.join(' '));
      assert.match(err, expected, args.join(' '));
      assert.equal(err.trimEnd().split('\n').length, 1, `one line for ${args.join(' ')}: ${err}`);
      assert.doesNotMatch(err, /\n\s+at /);
    }
    assert.ok(silent.connections() > 0, 'the silent server was reached');
  } finally {
    await Promise.all([silent.close(), html.close(), garbage.close(), failing.close()]);
  }
});
