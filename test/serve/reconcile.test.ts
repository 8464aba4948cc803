// The reconciliation service of `serve` (/reconcile, W3C Entity Reconciliation CG report 0.2), on 127.0.0.1 over a
// site written from the committed build: the specification's own JSON Schemas and examples
// (test/fixtures/reconciliation/0.2, with their licence), OpenRefine's and TEI Publisher's request shapes, a name
// table of every office holder (test/fixtures/reconciliation-names.tsv), the namesakes of the shared reference, the
// errors a client can cause, and CORS as headless Chromium enforces it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import type { RunningServer } from '../../src/serve/server.js';
import { BATCH_SIZE, PREVIEW } from '../../src/serve/reconcile.js';
import { makeSite, serve, type SiteFixture } from '../site-fixture.js';
import { FIXTURES } from '../helpers.js';

const SPEC = join(FIXTURES, 'reconciliation/0.2');
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

// --- the specification's schemas --------------------------------------------------------------------------------

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
/** The 0.2 schemas, compiled by Ajv as the specification's own test.sh does (ajv test -s … -r '0.2/schemas/*.json').
 * Their "$schema" (http://json-schema.org/schema#, "the latest draft") is dropped: Ajv takes them as draft-07. The
 * manifest's authentication refers to Swagger 2.0's security definitions, which none of our answers use: a stand-in
 * that accepts any object takes its place. */
function loadSchemas(): Map<string, ValidateFunction> {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({
    $id: 'http://swagger.io/v2/schema.json',
    definitions: { securityDefinitions: { additionalProperties: { type: 'object' } } },
  });
  const files = readdirSync(join(SPEC, 'schemas')).filter((f) => f.endsWith('.json') && f !== 'openapi.json');
  for (const f of files) {
    const s = readJson(join(SPEC, 'schemas', f)) as Record<string, unknown>;
    delete s.$schema;
    ajv.addSchema(s, f);
  }
  return new Map(files.map((f) => [f.replace(/\.json$/, ''), ajv.getSchema(f)!]));
}
const schemas = loadSchemas();
function assertValid(schema: string, value: unknown, what: string): void {
  const v = schemas.get(schema)!;
  assert.ok(v(value), `${what} does not validate against ${schema}.json: ${JSON.stringify(v.errors?.slice(0, 3))}`);
}
const examples = (name: string, kind: 'valid' | 'invalid'): [string, unknown][] => {
  const dir = join(SPEC, 'examples', name, kind);
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => [f, readJson(join(dir, f))])
    : [];
};

test("the specification's own test suite: each 0.2 schema accepts its valid examples and rejects its invalid ones", () => {
  let n = 0;
  for (const [name, validate] of schemas) {
    for (const [f, ex] of examples(name, 'valid')) {
      assert.ok(validate(ex), `${name}/valid/${f}: ${JSON.stringify(validate.errors)}`);
      n++;
    }
    for (const [f, ex] of examples(name, 'invalid')) {
      assert.ok(!validate(ex), `${name}/invalid/${f} was accepted`);
      n++;
    }
  }
  assert.ok(n >= 40, `only ${n} examples checked`);
});

// --- HTTP helpers ------------------------------------------------------------------------------------------------

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(srv.url + path, { headers });
const form = (body: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${srv.url}/reconcile`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
async function match(
  batch: unknown,
): Promise<
  Record<string, { result: { id: string; name: string; score: number; match: boolean; type: { id: string }[] }[] }>
> {
  const res = await form(`queries=${encodeURIComponent(JSON.stringify(batch))}`);
  assert.equal(res.status, 200, await res.clone().text());
  const body = await res.json();
  assertValid('reconciliation-result-batch', body, 'a match answer');
  return body as never;
}
const one = async (q: Record<string, unknown>) => (await match({ q0: q })).q0!.result;
async function suggest(prefix: string, type?: string): Promise<{ id: string; name: string }[]> {
  const res = await get(`/reconcile/suggest/entity?prefix=${encodeURIComponent(prefix)}${type ? `&type=${type}` : ''}`);
  assert.equal(res.status, 200);
  const body = await res.json();
  assertValid('suggest-entities-response', body, `suggest ${prefix}`);
  return (body as { result: { id: string; name: string }[] }).result;
}
async function expectError(res: Response, status: number, reason: RegExp): Promise<void> {
  const text = await res.text();
  assert.equal(res.status, status, text);
  assert.equal(text.trimEnd().split('\n').length, 1, `not one line: ${text}`);
  assert.match(text, reason);
  assert.equal(res.headers.get('access-control-allow-origin'), '*', 'errors carry CORS too');
}

// --- manifest ----------------------------------------------------------------------------------------------------

test('the manifest: versions, spaces, our classes, view, preview, suggest, extend and batchSize, valid against the 0.2 schema', async () => {
  const res = await get('/reconcile');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type')!, /^application\/json/);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  // biome-ignore lint/suspicious/noExplicitAny: the manifest is checked field by field below, after its schema
  const m = (await res.json()) as Record<string, any>;
  assertValid('manifest', m, 'the manifest');
  assert.deepEqual(m.versions, ['0.2']);
  assert.equal(m.identifierSpace, 'https://w3id.org/stalin-letters/');
  assert.equal(m.schemaSpace, 'https://w3id.org/stalin-letters/ontology#');
  assert.deepEqual(
    m.defaultTypes.map((t: { id: string }) => t.id),
    ['Person', 'Organization', 'Place', 'Post'],
  );
  assert.equal(m.view.url, `${srv.url}/{{id}}`);
  assert.deepEqual([m.preview.width, m.preview.height], [PREVIEW.width, PREVIEW.height]);
  assert.equal(m.suggest.entity.service_url, `${srv.url}/reconcile`);
  assert.equal(m.batchSize, BATCH_SIZE);
  // the view template leads to the entity's page
  const page = await fetch(m.view.url.replace('{{id}}', 'person/piatakov'), { headers: { Accept: 'text/html' } });
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<h1[^>]*>Piatakov<\/h1>/);
  // the page shows the generated spellings (the dump's hidden labels) apart from the forms the texts print
  assert.match(
    html,
    /Other spellings \(generated from the Russian name\)[\s\S]*id="name-bgn-pcgn"[^>]*>Pyatakov<[\s\S]* — bgn-pcgn, wikipedia, from Пятаков/,
  );
  // the dataset page links the manifest
  assert.match(
    readFileSync(join(fx.site, 'dataset.html'), 'utf8'),
    /Reconciliation service, W3C Entity Reconciliation API 0\.2 [^\n]*<a href="reconcile">reconcile<\/a>/,
  );
  // JSONP for old OpenRefine (jQuery's callback parameter)
  const jsonp = await get('/reconcile?callback=jQuery123_456&_=789');
  assert.match(await jsonp.text(), /^\/\*\*\/jQuery123_456\(\{"versions":\["0\.2"\]/);
  await expectError(await get('/reconcile?callback=alert(1)'), 400, /callback must be a JavaScript identifier/);
});

// --- the specification's example batches -------------------------------------------------------------------------

// the examples are lobid-gnd's vocabulary; ours has other type and property ids (an unknown one is a 400)
const OURS: Record<string, string> = {
  DifferentiatedPerson: 'Person',
  professionOrOccupation: 'post',
  affiliation: 'organization',
  uid: 'id',
};
const toOurs = (x: unknown): unknown =>
  JSON.parse(JSON.stringify(x), (k, v) =>
    (k === 'type' || k === 'pid') && typeof v === 'string' && OURS[v] ? OURS[v] : v,
  );

test('every valid example query batch is answered (in our vocabulary), every invalid one gets a 400', async () => {
  const valid = examples('reconciliation-query-batch', 'valid');
  assert.ok(valid.length >= 4);
  for (const [f, batch] of valid) {
    const uses = JSON.stringify(batch).match(/"(DifferentiatedPerson|professionOrOccupation|affiliation|uid)"/);
    if (uses)
      await expectError(
        await form(`queries=${encodeURIComponent(JSON.stringify(batch))}`),
        400,
        new RegExp(`unknown (type|property) "${uses[1]}"`),
      );
    const answer = await match(toOurs(batch));
    assert.deepEqual(Object.keys(answer), Object.keys(batch as object), f);
  }
  const invalid = examples('reconciliation-query-batch', 'invalid');
  assert.equal(invalid.length, 3);
  for (const [f, batch] of invalid) {
    const res = await form(`queries=${encodeURIComponent(JSON.stringify(toOurs(batch)))}`);
    assert.equal(res.status, 400, `${f}: ${await res.text()}`);
  }
  // the properties-only example, with one of our ids, finds exactly that entity
  const byId = await match({
    q1: { properties: [{ pid: 'id', v: 'person/piatakov' }] },
    q2: { properties: [{ pid: 'qid', v: 'Q855' }] },
  });
  assert.deepEqual(
    byId.q1!.result.map((c) => [c.id, c.match]),
    [['person/piatakov', true]],
  );
  assert.deepEqual(
    byId.q2!.result.map((c) => [c.id, c.match]),
    [['person/stalin', true]],
  );
});

// --- the clients' request shapes ---------------------------------------------------------------------------------

test("OpenRefine's shapes: form POST of queries with type, type_strict, limit and reconciled-cell properties; GET; extend", async () => {
  // StandardReconConfig: a URL-encoded form field "queries", type_strict "should", property values as {id, name}
  const batch = {
    q0: {
      query: 'Kosior',
      type: 'Person',
      type_strict: 'should',
      limit: 6,
      properties: [
        { pid: 'post', v: { id: 'post/assistant-chairman-supreme-economic-council', name: 'assistant chairman' } },
      ],
    },
    q1: { query: 'Пятаков', type: ['Person', 'Post'], type_strict: 'any' },
    q2: { query: 'Gosbank', type: 'Organization' },
  };
  const r = await match(batch);
  assert.equal(r.q0!.result[0]!.id, 'person/kosior-iosif');
  assert.equal(r.q0!.result[0]!.match, true, 'the post tells the two Kosiors apart');
  assert.ok(r.q0!.result.filter((c) => c.match).length === 1);
  assert.equal(r.q1!.result[0]!.id, 'person/piatakov');
  assert.deepEqual(
    r.q2!.result.map((c) => c.type[0]!.id),
    r.q2!.result.map(() => 'Organization'),
  );
  // the same batch by GET
  const viaGet = await get(`/reconcile?queries=${encodeURIComponent(JSON.stringify(batch))}`);
  assert.deepEqual(await viaGet.json(), r);
  // data extension and property proposals
  const propose = await (await get('/reconcile/propose_properties?type=Person')).json();
  assertValid('data-extension-property-proposal', propose, 'propose_properties');
  const ext = {
    ids: ['person/piatakov', 'person/stalin', 'person/no-such', '__proto__'],
    properties: (propose as { properties: { id: string }[] }).properties.map((p) => ({ id: p.id })),
  };
  const res = await form(`extend=${encodeURIComponent(JSON.stringify(ext))}`);
  assert.equal(res.status, 200);
  const rows = (await res.json()) as { rows: Record<string, Record<string, Record<string, string>[]>> };
  assertValid('data-extension-response', rows, 'extend');
  const p = rows.rows['person/piatakov']!;
  assert.deepEqual(
    p.post!.map((v) => v.id),
    ['post/chairman-chemical-industry-association', 'post/chairman-gosbank'],
  );
  assert.deepEqual(p.postEnd, [{}, { str: '1930-10-15' }]);
  assert.ok(p.mentionedIn!.some((v) => v.id === 'letter/molotov-63/note/2' && v.name === 'Letter 63, note 2'));
  assert.deepEqual(rows.rows['person/stalin']!.qid, [{ str: 'Q855' }]);
  assert.deepEqual(rows.rows['person/no-such']!.qid, []);
  // every id asked for has its row, an id named like an object's prototype too
  assert.deepEqual(Object.keys(rows.rows), ext.ids);
  // the specification's extend examples, in our vocabulary
  for (const [f, q] of examples('data-extension-query', 'valid')) {
    const ours = {
      ids: ['person/molotov'],
      properties: (q as { properties: { id: string; settings?: object }[] }).properties.map((x, i) => ({
        ...x,
        id: ['alias', 'organization', 'post', 'qid'][i]!,
      })),
    };
    const a = await form(`extend=${encodeURIComponent(JSON.stringify(ours))}`);
    assert.equal(a.status, 200, f);
    assertValid('data-extension-response', await a.json(), f);
    await expectError(
      await form(`extend=${encodeURIComponent(JSON.stringify(q))}`),
      400,
      /unknown property "variantName"/,
    );
  }
});

test("TEI Publisher's shape: queries= and raw JSON in a form-typed POST (not URL-encoded), then the preview by its template", async () => {
  // eeditiones/tei-publisher-components src/authority/reconciliation.js: body 'queries='.concat(JSON.stringify(...))
  const res = await form(`queries=${JSON.stringify({ q1: { query: 'Rozengolts & co: 100% Розенгольц+' } })}`, {
    Accept: 'application/json',
  });
  assert.equal(res.status, 200);
  const json = (await res.json()) as {
    q1: { result: { id: string; name: string; description?: string; type: { name: string }[] }[] };
  };
  assert.equal(json.q1.result[0]!.id, 'person/rozengolts');
  const plain = await form(`queries=${JSON.stringify({ q1: { query: 'Rozengolts' } })}`);
  const top = ((await plain.json()) as typeof json).q1.result[0]!;
  assert.deepEqual(
    [top.id, top.name, typeof top.description, top.type[0]!.name],
    ['person/rozengolts', 'Rozengolts', 'string', 'Person'],
  );
  const manifest = (await (await get('/reconcile')).json()) as { preview: { url: string } };
  const card = await get(
    new URL(manifest.preview.url.replace('{{id}}', encodeURIComponent(top.id))).pathname +
      new URL(manifest.preview.url.replace('{{id}}', encodeURIComponent(top.id))).search,
  );
  assert.equal(card.status, 200);
  assert.match(card.headers.get('content-type')!, /^text\/html/);
  const html = await card.text();
  assert.match(html, /<b>Rozengolts<\/b>/);
  assert.match(html, new RegExp(`width:${PREVIEW.width}px;height:${PREVIEW.height}px`));
});

// --- names -------------------------------------------------------------------------------------------------------

const TABLE = readFileSync(join(FIXTURES, 'reconciliation-names.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .slice(1)
  .map((l) => {
    const [person, form, scheme, expect] = l.split('\t');
    return { person: `person/${person!}`, form: form!, scheme: scheme!, expect: expect as 'first' | 'shared' };
  });

test('the name table: every form of every office holder, in each scheme and in Cyrillic, finds its person by match and by suggest', async () => {
  assert.ok(TABLE.length > 100 && new Set(TABLE.map((r) => r.person)).size === 23);
  assert.ok(
    TABLE.some((r) => r.scheme === 'hand') &&
      TABLE.some((r) => r.scheme === 'ru') &&
      TABLE.some((r) => r.scheme === 'duden'),
  );
  for (let i = 0; i < TABLE.length; i += BATCH_SIZE) {
    const rows = TABLE.slice(i, i + BATCH_SIZE);
    const answer = await match(Object.fromEntries(rows.map((r, j) => [`q${j}`, { query: r.form, type: 'Person' }])));
    rows.forEach((r, j) => {
      const result = answer[`q${j}`]!.result;
      const what = `${r.form} (${r.scheme}) → ${result
        .slice(0, 3)
        .map((c) => `${c.id}${c.match ? '!' : ''}`)
        .join(', ')}`;
      if (r.expect === 'first') {
        assert.equal(result[0]?.id, r.person, what);
        // a spelling typed by hand that is none of the person's forms is a candidate, not a certain match
        if (r.scheme !== 'hand') assert.equal(result[0]?.match, true, what);
        assert.ok(
          result.slice(1).every((c) => !c.match),
          what,
        );
      } else {
        assert.ok(
          result.some((c) => c.id === r.person),
          what,
        );
        assert.ok(
          result.every((c) => !c.match),
          `a shared name is a match: ${what}`,
        );
      }
    });
  }
  // suggest completes the forms the service has (a spelling typed by hand is for match)
  for (const r of TABLE.filter((x) => x.scheme !== 'hand')) {
    const s = await suggest(r.form, 'Person');
    if (r.expect === 'first') assert.equal(s[0]?.id, r.person, `suggest ${r.form}: ${s.map((x) => x.id).join(', ')}`);
    else
      assert.ok(
        s.some((x) => x.id === r.person),
        `suggest ${r.form}`,
      );
    // a prefix (the first four letters) also brings the person
    const prefix = [...r.form].slice(0, 4).join('');
    assert.ok((await suggest(prefix)).length > 0, `suggest ${prefix}`);
  }
});

test('the namesakes of the shared reference are never confused', async () => {
  const pairs: [string, string, string, string, Record<string, unknown>][] = [
    // surname both share, full form of the first, its id, the other's id, a property that tells them apart
    ['Kosior', 'I. V. Kosior', 'person/kosior-iosif', 'person/kosior-stanislav', { pid: 'year', v: 1930 }],
    [
      'Kaganovich',
      'L. Kaganovich',
      'person/kaganovich-lazar',
      'person/kaganovich-mikhail',
      { pid: 'qid', v: 'http://www.wikidata.org/entity/Q215705' },
    ],
    [
      'Kaganovich',
      'M. M. Kaganovich',
      'person/kaganovich-mikhail',
      'person/kaganovich-lazar',
      { pid: 'id', v: 'https://w3id.org/stalin-letters/person/kaganovich-mikhail' },
    ],
    [
      'Kviring',
      'Er. Kviring',
      'person/kviring-er',
      'person/kviring-emmanuil',
      { pid: 'post', v: 'chairman of the Credit Guarantee Bank in Berlin' },
    ],
  ];
  for (const [surname, full, id, other, prop] of pairs) {
    const shared = await one({ query: surname });
    assert.ok(shared.some((c) => c.id === id) && shared.some((c) => c.id === other), surname);
    assert.ok(
      shared.every((c) => !c.match),
      `${surname} alone is never a match`,
    );
    const named = await one({ query: full });
    assert.deepEqual([named[0]!.id, named[0]!.match], [id, true], full);
    assert.ok(named.filter((c) => c.match).length === 1);
    const told = await one({ query: surname, properties: [prop] });
    assert.deepEqual([told[0]!.id, told[0]!.match], [id, true], `${surname} + ${JSON.stringify(prop)}`);
    assert.equal((await suggest(full))[0]!.id, id, `suggest ${full}`);
    // its own IRI and id come first
    assert.deepEqual((await one({ query: `https://w3id.org/stalin-letters/${id}` }))[0]!.id, id);
    assert.deepEqual((await one({ query: id }))[0]!.id, id);
  }
  // one of each: the economist Yurovskii, Mirzoian, Lominadze, P. A. Bogdanov, Bauman find themselves only
  for (const [q, id] of [
    ['Yurovsky', 'person/yurovskii'],
    ['Mirzoyan', 'person/mirzoian'],
    ['Lominadze', 'person/lominadze'],
    ['P. A. Bogdanov', 'person/bogdanov'],
    ['Bauman', 'person/bauman'],
  ] as const) {
    const r = await one({ query: q, type: 'Person' });
    assert.deepEqual([r[0]!.id, r[0]!.match], [id, true], q);
  }
});

test('suggest: any script and scheme, ids, types and properties; the flyout', async () => {
  assert.equal((await suggest('Пят'))[0]!.id, 'person/piatakov');
  assert.equal((await suggest('pjatak'))[0]!.id, 'person/piatakov');
  assert.equal((await suggest('person/piat'))[0]!.id, 'person/piatakov');
  assert.equal((await suggest('chairman of Gos', 'Post'))[0]!.id, 'post/chairman-gosbank');
  assert.deepEqual(await suggest('zzzz'), []);
  const page1 = await suggest('K');
  const page2 = (await (await get('/reconcile/suggest/entity?prefix=K&cursor=5')).json()) as {
    result: { id: string }[];
  };
  assert.ok(page1.length === 5 && !page2.result.some((x) => page1.some((y) => y.id === x.id)), 'the cursor pages on');
  const types = await (await get('/reconcile/suggest/type?prefix=Pe')).json();
  assertValid('suggest-types-response', types, 'suggest types');
  assert.deepEqual(
    (types as { result: { id: string }[] }).result.map((t) => t.id),
    ['Person'],
  );
  const props = await (await get('/reconcile/suggest/property?prefix=po')).json();
  assertValid('suggest-properties-response', props, 'suggest properties');
  assert.ok((props as { result: { id: string }[] }).result.some((p) => p.id === 'post'));
  const fly = (await (await get('/reconcile/flyout/entity?id=person%2Fpiatakov')).json()) as {
    id: string;
    html: string;
  };
  assert.equal(fly.id, 'person/piatakov');
  assert.match(fly.html, /<b>Piatakov<\/b>/);
});

// --- errors ------------------------------------------------------------------------------------------------------

test('errors: a one-line 4xx for malformed JSON, unknown types and properties, too big a batch or body; the server lives on', async () => {
  await expectError(await form('queries=%7Bnot json'), 400, /"queries" is not JSON/);
  await expectError(
    await form('queries=%7B%22q0%22%3A%7B%22query%22%3A%22x%22%2C%22type%22%3A%22Cat%22%7D%7D'),
    400,
    /^unknown type "Cat"; known: Person, Organization, Place, Post\n$/,
  );
  await expectError(
    await form(
      `queries=${encodeURIComponent(JSON.stringify({ q0: { query: 'x', properties: [{ pid: 'P39', v: 'x' }] } }))}`,
    ),
    400,
    /^unknown property "P39"/,
  );
  await expectError(await form('queries=%ZZ'), 400, /malformed form body|not JSON/);
  await expectError(await form('nothing=1'), 400, /"queries" \(match\) or "extend"/);
  await expectError(
    await get('/reconcile/preview?id=person%2Fnobody'),
    404,
    /no person, organisation, place or post with id "person\/nobody"/,
  );
  await expectError(await get('/reconcile/propose_properties?type=Cat'), 400, /unknown type "Cat"/);
  await expectError(await get('/reconcile/suggest/entity?prefix=a&type=Cat'), 400, /unknown type/);
  await expectError(await fetch(`${srv.url}/reconcile`, { method: 'PUT', body: 'x' }), 405, /PUT is not allowed/);
  await expectError(
    await fetch(`${srv.url}/reconcile`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    }),
    415,
    /application\/x-www-form-urlencoded/,
  );
  const tooMany = Object.fromEntries(Array.from({ length: BATCH_SIZE + 1 }, (_, i) => [`q${i}`, { query: 'Stalin' }]));
  await expectError(
    await form(`queries=${encodeURIComponent(JSON.stringify(tooMany))}`),
    413,
    new RegExp(`at most ${BATCH_SIZE}`),
  );
  // a 1 MB body, declared and then streamed without a length: refused, and the server answers the next request
  const big = `queries=${'a'.repeat(1024 * 1024)}`;
  await expectError(await form(big), 413, /at most|longer than/);
  const streamed = await new Promise<number>((done, fail) => {
    const req = request(
      `${srv.url}/reconcile`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' },
      },
      (res) => {
        res.resume();
        done(res.statusCode!);
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'EPIPE' || e.code === 'ECONNRESET' ? done(413) : fail(e),
    );
    for (let i = 0; i < 16; i++) req.write('b'.repeat(64 * 1024));
    req.end();
  });
  assert.equal(streamed, 413);
  assert.equal((await get('/reconcile')).status, 200);
  assert.equal((await one({ query: 'Stalin' }))[0]!.id, 'person/stalin');
});

test('CORS: a preflight from another origin is allowed for POST with a form or JSON content type', async () => {
  const res = await fetch(`${srv.url}/reconcile`, {
    method: 'OPTIONS',
    headers: {
      Origin: 'http://example.org',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type',
    },
  });
  assert.equal(res.status, 204);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.match(res.headers.get('access-control-allow-methods')!, /POST/);
  assert.match(res.headers.get('access-control-allow-headers')!, /content-type/i);
});

// --- the browser -------------------------------------------------------------------------------------------------

describe('in a real browser (headless Chromium)', () => {
  const CHROMIUM = '/usr/bin/chromium';

  test('a page on another origin reads the manifest, a match and a preview card; a service without CORS is refused', async (t) => {
    if (!existsSync(CHROMIUM)) {
      if (process.env.CI === 'true') assert.fail(`${CHROMIUM} is missing (CI must have it: see .ci/run)`);
      t.skip(`${CHROMIUM} is missing: apt-get install -y chromium to run this test`);
      return;
    }
    // the other origin: a page server, and a copy of the manifest served without CORS headers
    const other: Server = createServer((req, res) => {
      if (req.url === '/no-cors') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"versions":["0.2"]}');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>client</title></head><body><div id="card"></div></body></html>',
      );
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    const otherUrl = `http://127.0.0.1:${(other.address() as { port: number }).port}`;
    // "localhost" and "127.0.0.1" are different origins of the same machine
    const service = srv.url.replace('127.0.0.1', 'localhost');
    const { default: puppeteer } = await import('puppeteer-core');
    const profile = mkdtempSync(join(tmpdir(), 'sl-reconcile-chromium-'));
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      userDataDir: profile,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    t.after(async () => {
      await browser.close();
      await new Promise<void>((r) => other.close(() => r()));
      rmSync(profile, { recursive: true, force: true });
    });
    const page = await browser.newPage();
    await page.goto(`${otherUrl}/`, { waitUntil: 'load' });
    const out = await page.evaluate(
      async (svc: string, self: string) => {
        const manifest = await (await fetch(`${svc}/reconcile`)).json();
        // a JSON POST needs a preflight; the form POST is what the clients send
        const m = await (
          await fetch(`${svc}/reconcile`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: `queries=${encodeURIComponent(JSON.stringify({ q0: { query: 'Pjatakow' } }))}`,
          })
        ).json();
        const card = await (
          await fetch(manifest.preview.url.replace('{{id}}', encodeURIComponent(m.q0.result[0].id)))
        ).text();
        document.getElementById('card')!.innerHTML = card;
        let refused = '';
        try {
          await fetch(`${self}/no-cors`.replace('127.0.0.1', 'localhost'));
        } catch (e) {
          refused = String(e);
        }
        return {
          versions: manifest.versions,
          id: m.q0.result[0].id,
          match: m.q0.result[0].match,
          cardName: document.querySelector('#card b')?.textContent,
          refused,
        };
      },
      service,
      otherUrl,
    );
    assert.deepEqual(out.versions, ['0.2']);
    assert.deepEqual([out.id, out.match, out.cardName], ['person/piatakov', true, 'Piatakov']);
    assert.match(
      out.refused,
      /TypeError|Failed to fetch/,
      'the browser enforces CORS: without the header the same fetch fails',
    );
  });
});
