// The W3C SPARQL 1.1 Protocol test manifest (w3c/rdf-tests, committed under test/fixtures/sparql-protocol/ with its
// licence) run request by request against `serve`'s /sparql. Every test of the manifest is run:
// - query and bad_* tests as written (the manifest's /sparql/ path is replaced by /sparql, as its comment asks);
// - update_* tests must be refused with a 4xx (the endpoint is read-only; the manifest expects 2xx from a service
//   that updates);
// - the query_dataset_* tests need the test's own graphs (ut:graphData) loaded as named graphs into the service,
//   which a fixed-dataset service cannot do; they are run and must answer 2xx with a well-formed boolean (the
//   dataset parameters are accepted), but `false`, since the service holds no graph of those names.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import N3 from 'n3';
import { FIXTURES } from '../helpers.js';
import { makeSite, serve, type SiteFixture } from '../site-fixture.js';
import type { RunningServer } from '../../src/serve/server.js';

const DIR = join(FIXTURES, 'sparql-protocol');
const MF = 'http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#';
const HT = 'http://www.w3.org/2011/http#';
const CNT = 'http://www.w3.org/2011/content#';
const UT = 'http://www.w3.org/2009/sparql/tests/test-update#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const HTS = 'http://www.w3.org/2011/http-statusCodes#';

interface ProtocolRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: { chars: string; encoding: string };
  expectedStatus: string[];
  expectedFormat?: string;
  expectedBoolean?: boolean;
}
interface ProtocolTest {
  id: string;
  name: string;
  requests: ProtocolRequest[];
  graphData: boolean;
}

function loadManifest(): ProtocolTest[] {
  const base = 'http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest.ttl';
  const store = new N3.Store(new N3.Parser({ baseIRI: base }).parse(readFileSync(join(DIR, 'manifest.ttl'), 'utf8')));
  const one = (s: N3.Term, p: string): N3.Term | undefined => store.getObjects(s, p, null)[0];
  const list = (head: N3.Term | undefined): N3.Term[] => {
    const out: N3.Term[] = [];
    for (let n = head; n && n.value !== `${RDF}nil`; n = one(n, `${RDF}rest`)) out.push(one(n, `${RDF}first`)!);
    return out;
  };
  const manifest = store.getSubjects(`${RDF}type`, `${MF}Manifest`, null)[0]!;
  return list(one(manifest, `${MF}entries`)).map((t) => {
    const action = one(t, `${MF}action`)!;
    const requests = list(one(action, `${HT}requests`)).map((r): ProtocolRequest => {
      const headers: Record<string, string> = {};
      for (const h of list(one(r, `${HT}headers`)))
        headers[one(h, `${HT}fieldName`)!.value] = one(h, `${HT}fieldValue`)!.value;
      const body = one(r, `${HT}body`);
      const resp = one(r, `${HT}resp`)!;
      const bool = one(resp, `${MF}expectedBoolean`);
      return {
        method: one(r, `${HT}methodName`)!.value,
        path: one(r, `${HT}absolutePath`)!.value,
        headers,
        body: body
          ? { chars: one(body, `${CNT}chars`)!.value, encoding: one(body, `${CNT}characterEncoding`)?.value ?? 'UTF-8' }
          : undefined,
        expectedStatus: store.getObjects(resp, `${MF}expectedStatus`, null).map((s) => s.value.slice(HTS.length)),
        expectedFormat: one(resp, `${MF}expectedFormat`)?.value,
        expectedBoolean: bool ? bool.value === 'true' : undefined,
      };
    });
    return {
      id: t.value.split('#')[1]!,
      name: one(t, `${MF}name`)!.value,
      requests,
      graphData: store.getObjects(t, `${UT}graphData`, null).length > 0,
    };
  });
}

let fx: SiteFixture;
let srv: RunningServer;
before(async () => {
  fx = await makeSite(false);
  srv = await serve(fx.site);
});
after(async () => {
  await srv?.close();
  fx?.remove();
});

function send(r: ProtocolRequest): Promise<{ status: number; type: string; body: string }> {
  const u = new URL(srv.url);
  // the manifest's endpoint path is /sparql/; ours is /sparql
  const path = r.path.replace(/^\/sparql\/?/, '/sparql');
  const body = r.body
    ? Buffer.from(r.body.chars, r.body.encoding.toUpperCase() === 'UTF-16' ? 'utf16le' : 'utf8')
    : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path,
        method: r.method,
        headers: { ...r.headers, ...(body ? { 'content-length': body.length } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body: text }),
        );
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

const statusClass = (status: number): string => `StatusCode${Math.floor(status / 100)}xx`;

/** The boolean of a SPARQL results document (JSON or XML); throws when the body is not one. */
function booleanOf(type: string, body: string): boolean {
  if (/json/.test(type)) {
    const v = (JSON.parse(body) as { boolean?: unknown }).boolean;
    assert.equal(typeof v, 'boolean', `no boolean in ${body.slice(0, 200)}`);
    return v as boolean;
  }
  const m = /<boolean>(true|false)<\/boolean>/.exec(body);
  assert.ok(/sparql-results\+xml/.test(type) && m, `not a boolean result: ${type} ${body.slice(0, 200)}`);
  return m[1] === 'true';
}

function checkFormat(format: string, type: string, body: string): void {
  const media = type.split(';')[0]!.trim();
  if (format === 'boolean') booleanOf(media, body);
  else if (format === 'tabular') {
    assert.ok(
      [
        'application/sparql-results+json',
        'application/sparql-results+xml',
        'text/csv',
        'text/tab-separated-values',
      ].includes(media),
      `tabular result as ${media}`,
    );
    if (media.endsWith('json'))
      assert.ok(Array.isArray((JSON.parse(body) as { results: { bindings: unknown } }).results.bindings));
  } else if (format === 'RDF') {
    assert.ok(
      ['text/turtle', 'application/n-triples', 'application/rdf+xml', 'application/ld+json'].includes(media),
      `RDF result as ${media}`,
    );
    if (media === 'text/turtle' || media === 'application/n-triples') new N3.Parser({ format: media }).parse(body);
  } else assert.fail(`unknown expected format ${format}`);
}

const TESTS = loadManifest();

test('the committed manifest is the whole protocol suite (34 tests)', () => {
  assert.equal(TESTS.length, 34);
  assert.deepEqual(TESTS.filter((t) => t.id.startsWith('update_')).length, 7);
});

describe('SPARQL 1.1 Protocol manifest against /sparql', () => {
  for (const t of TESTS) {
    test(`${t.id}: ${t.name}`, async () => {
      if (t.id.startsWith('update_')) {
        // read-only: the first request (the update) is refused, so the later checks do not apply
        const res = await send(t.requests[0]!);
        assert.equal(statusClass(res.status), 'StatusCode4xx', `update accepted (${res.status}): ${res.body}`);
        return;
      }
      for (const r of t.requests) {
        const res = await send(r);
        assert.ok(
          r.expectedStatus.includes(statusClass(res.status)),
          `${r.method} ${r.path}: ${res.status} (${res.body.slice(0, 200)}), expected ${r.expectedStatus.join(' or ')}`,
        );
        if (r.expectedFormat) checkFormat(r.expectedFormat, res.type, res.body);
        if (r.expectedBoolean !== undefined) {
          // a test whose graphs the service does not hold: the dataset is honoured, the graphs are empty
          assert.equal(booleanOf(res.type.split(';')[0]!, res.body), t.graphData ? false : r.expectedBoolean);
        }
      }
    });
  }
});

describe('dataset parameters as FROM / FROM NAMED', () => {
  const count = async (path: string, init: RequestInit = {}): Promise<number> => {
    const res = await fetch(srv.url + path, {
      ...init,
      headers: { Accept: 'application/sparql-results+json', ...(init.headers ?? {}) },
    });
    assert.equal(res.status, 200, await res.clone().text());
    const json = (await res.json()) as { results: { bindings: { n: { value: string } }[] } };
    return Number(json.results.bindings[0]!.n.value);
  };
  const q = encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }');

  test('without them the query runs on the dataset; with them, on the named graphs (here empty)', async () => {
    assert.ok((await count(`/sparql?query=${q}`)) > 1000);
    assert.equal(await count(`/sparql?query=${q}&default-graph-uri=${encodeURIComponent('http://example.org/g')}`), 0);
  });

  test("the protocol dataset replaces the query's FROM (Protocol §2.1.4)", async () => {
    const fromQ = encodeURIComponent('SELECT (COUNT(*) AS ?n) FROM <http://example.org/a> WHERE { ?s ?p ?o }');
    assert.equal(await count(`/sparql?query=${fromQ}`), 0);
    // form POST: the parameters may be in the body
    assert.equal(
      await count('/sparql', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `query=${q}&named-graph-uri=${encodeURIComponent('http://example.org/g')}`,
      }),
      0,
    );
  });

  test('a dataset parameter that is not an absolute IRI, two queries, or a non-UTF-8 body is a 4xx', async () => {
    assert.equal((await fetch(`${srv.url}/sparql?query=${q}&default-graph-uri=not-an-iri`)).status, 400);
    assert.equal(
      (
        await fetch(`${srv.url}/sparql`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: `query=${q}&query=${q}`,
        })
      ).status,
      400,
    );
    assert.equal(
      (
        await fetch(`${srv.url}/sparql`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/sparql-query; charset=ISO-8859-1' },
          body: 'ASK {}',
        })
      ).status,
      415,
    );
    assert.equal(
      (
        await fetch(`${srv.url}/sparql`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/sparql-query; charset=utf-8' },
          body: 'ASK {}',
        })
      ).status,
      200,
    );
  });
});
