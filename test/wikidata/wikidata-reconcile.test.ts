// Reconciliation against a local stand-in for a W3C Reconciliation API v0.2 service on 127.0.0.1: hand-written
// answers in the spec's format (candidates with scores, features and types; an empty candidate list), a 500 that
// recovers, a 429, a service that keeps failing, one that never answers, malformed JSON and a closed port. Every
// failure is one line, exit 1, and the previous candidate file is left as it was. No test reaches the public service.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { main } from '../../src/cli/main.js';
import { reconciliationQueries } from '../../src/wikidata/reconcile.js';
import { captureIo } from '../helpers.js';
import { shippedDataset } from '../wikidata-fixture.js';

interface Seen {
  path: string;
  method: string;
  headers: IncomingMessage['headers'];
  queries: Record<string, { query: string; type: string; limit: number; properties?: { pid: string; v: string }[] }>;
}

const PIATAKOV = {
  id: 'Q99000101',
  name: 'Georgy Pyatakov',
  description: 'Soviet politician',
  score: 87.5,
  match: false,
  type: [{ id: 'Q5', name: 'human' }],
  features: [
    { id: 'all_labels', value: 87.5 },
    { id: 'P27', value: 100 },
    { id: 'deprecated', value: false },
  ],
};
const NAMESAKE = { id: 'Q99000102', name: 'Yuri Pyatakov', score: 41, match: false, type: ['Q5'] };

async function startService(t: {
  after: (f: () => void) => void;
}): Promise<{ url: (path: string) => string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const counts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      const path = req.url ?? '/';
      const queries = JSON.parse(new URLSearchParams(body).get('queries') ?? '{}') as Seen['queries'];
      seen.push({ path, method: req.method ?? '', headers: req.headers, queries });
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      const answer = (): void => {
        const out: Record<string, { result: unknown[] }> = {};
        for (const [k, q] of Object.entries(queries))
          out[k] = { result: /Piatakov/.test(q.query) ? [NAMESAKE, PIATAKOV] : [] };
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(out));
      };
      if (path === '/ok') answer();
      else if (path === '/flaky') n <= 2 ? res.writeHead(500).end('busy') : answer();
      else if (path === '/ratelimit') n === 1 ? res.writeHead(429, { 'Retry-After': '1' }).end() : answer();
      else if (path === '/down') res.writeHead(503).end();
      else if (path === '/always429') res.writeHead(429).end();
      else if (path === '/always500') res.writeHead(500).end('internal error');
      else if (path === '/malformed')
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"q0": {"result": [');
      else if (path === '/notfound') res.writeHead(404).end();
      else if (path === '/hang') {
        /* never answers */
      } else res.writeHead(500).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  const port = (server.address() as AddressInfo).port;
  return { url: (p) => `http://127.0.0.1:${port}${p}`, seen };
}

function outDir(t: { after: (f: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'sl-recon-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const reconcile = async (
  service: string,
  out: string,
  ...more: string[]
): Promise<{ code: number; stdout: string; stderr: string }> => {
  const io = captureIo();
  const code = await main(
    [
      'wikidata',
      'reconcile',
      ...(more.includes('--kind') ? [] : ['--kind', 'person']),
      '--service',
      service,
      '--out',
      out,
      '--backoff',
      '1',
      ...more,
    ],
    io,
  );
  return { code, stdout: io.stdout, stderr: io.stderr };
};

interface CandidateFile {
  kind: string;
  service: string;
  entities: {
    entity: string;
    name: string;
    sent: { query: string }[];
    candidates: {
      qid: string;
      name: string;
      score: number;
      match: boolean;
      types: string[];
      features?: Record<string, unknown>;
      foundBy: string;
      url: string;
      data: string;
    }[];
  }[];
}

test('queries carry the type, every name form and what the sources say (Soviet official, Russian name)', () => {
  const q = reconciliationQueries(shippedDataset(), 'person');
  assert.ok(
    q.every((e) => !shippedDataset().persons.find((p) => `person/${p.id}` === e.entity)!.wikidata),
    'only entities without a QID',
  );
  const piatakov = q.find((e) => e.entity === 'person/piatakov')!;
  assert.ok(piatakov.queries.length >= 1);
  // the name core's romanisations in the spellings Wikidata uses go with the edition's own (#26)
  assert.deepEqual(
    piatakov.queries.map((x) => x.query),
    ['Piatakov', 'Pyatakov'],
  );
  assert.deepEqual(
    q.find((e) => e.entity === 'person/yurovskii')!.queries.map((x) => x.query),
    ['Yurovskii', 'Yurovskiy', 'Yurovsky'],
  );
  for (const x of piatakov.queries) {
    assert.equal(x.type, 'Q5');
    assert.deepEqual(x.properties, [
      { pid: 'P27', v: 'Q15180' },
      { pid: '(Lru|Aru)', v: 'Пятаков' },
    ]);
  }
  assert.deepEqual(
    reconciliationQueries(shippedDataset(), 'place')
      .map((e) => e.queries[0]!.type)
      .filter((t, i, a) => a.indexOf(t) === i),
    ['Q2221906'],
  );
  assert.deepEqual(
    reconciliationQueries(shippedDataset(), 'organization')
      .map((e) => e.queries[0]!.type)
      .filter((t, i, a) => a.indexOf(t) === i),
    ['Q43229'],
  );
});

test('posts: type position, with the organisation a head directs (P2389) and the jurisdiction (P1001) where they have QIDs', () => {
  const d = shippedDataset();
  const q = reconciliationQueries(d, 'post');
  assert.equal(q.length, d.posts.filter((p) => !p.wikidata).length);
  assert.ok(q.every((e) => e.entity.startsWith('post/') && e.queries.every((x) => x.type === 'Q4164871')));
  // a post abroad: the country's QID as jurisdiction; its other label is a second query
  const germany = q.find((e) => e.entity === 'post/ambassador-germany')!;
  assert.deepEqual(
    germany.queries.map((x) => [x.query, x.properties]),
    [
      ['ambassador to Germany', [{ pid: 'P1001', v: 'Q183' }]],
      ['ambassador to Berlin', [{ pid: 'P1001', v: 'Q183' }]],
    ],
  );
  // once the organisation has a QID, its chairman's post names it (a head directs the body; a deputy does not)
  const withVSNKh = {
    ...d,
    organizations: d.organizations.map((o) =>
      o.id === 'supreme-economic-council' ? { ...o, wikidata: { qid: 'Q99000020', strength: 'strong' as const } } : o,
    ),
  };
  const posts = reconciliationQueries(withVSNKh, 'post');
  const p2389 = (id: string) =>
    posts.find((e) => e.entity === `post/${id}`)!.queries[0]!.properties?.find((p) => p.pid === 'P2389');
  assert.deepEqual(p2389('chairman-supreme-economic-council'), { pid: 'P2389', v: 'Q99000020' });
  assert.equal(p2389('deputy-chairman-supreme-economic-council'), undefined);
  assert.equal(p2389('assistant-chairman-supreme-economic-council'), undefined);
  assert.equal(
    reconciliationQueries(d, 'post')
      .find((e) => e.entity === 'post/chairman-supreme-economic-council')!
      .queries[0]!.properties?.find((p) => p.pid === 'P2389'),
    undefined,
  );
});

test('editions: type edition (Q3331189), by title, with the hyphenated ISBN-13, the publisher and the year', () => {
  const q = reconciliationQueries(shippedDataset(), 'edition');
  assert.deepEqual(
    q.map((e) => [e.entity, e.queries.map((x) => [x.query, x.type, x.properties])]),
    [
      [
        'edition/kaganovich-2003',
        [
          [
            'The Stalin-Kaganovich Correspondence 1931-1936',
            'Q3331189',
            [
              { pid: 'P212', v: '978-0-300-09367-4' },
              { pid: 'P123', v: 'Yale University Press' },
              { pid: 'P577', v: '2003' },
            ],
          ],
        ],
      ],
      [
        'edition/molotov-1930',
        [
          [
            "Stalin's Letters to Molotov, 1925-1936",
            'Q3331189',
            [
              { pid: 'P212', v: '978-0-300-06211-3' },
              { pid: 'P123', v: 'Yale University Press' },
              { pid: 'P577', v: '1995' },
            ],
          ],
        ],
      ],
    ],
  );
});

test('--kind post and --kind edition write post.yaml and edition.yaml for the curator', async (t) => {
  const svc = await startService(t);
  const out = outDir(t);
  for (const kind of ['post', 'edition']) {
    const r = await reconcile(svc.url('/ok'), out, '--kind', kind);
    assert.equal(r.code, 0, r.stderr);
    const doc = load(readFileSync(join(out, `${kind}.yaml`), 'utf8')) as CandidateFile;
    assert.equal(doc.kind, kind);
    assert.equal(doc.entities.length, reconciliationQueries(shippedDataset(), kind as 'post' | 'edition').length);
    assert.ok(doc.entities.every((e) => e.entity.startsWith(`${kind}/`)));
  }
  assert.ok(svc.seen.some((s) => Object.values(s.queries).some((q) => q.type === 'Q4164871')));
  assert.ok(
    svc.seen.some((s) =>
      Object.values(s.queries).some((q) => q.type === 'Q3331189' && q.properties?.some((p) => p.pid === 'P212')),
    ),
  );
});

test('candidates, scores and features are written for the curator; batches, POST form, User-Agent; empty lists kept', async (t) => {
  const svc = await startService(t);
  const out = outDir(t);
  const r = await reconcile(svc.url('/ok'), out, '--batch', '25');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /nothing was accepted/);
  const total = reconciliationQueries(shippedDataset(), 'person').reduce((n, e) => n + e.queries.length, 0);
  assert.equal(svc.seen.length, Math.ceil(total / 25));
  assert.ok(
    svc.seen.every((s) => s.method === 'POST' && s.headers['content-type'] === 'application/x-www-form-urlencoded'),
  );
  assert.match(String(svc.seen[0]!.headers['user-agent']), /^stalin-letters-lod\/\d+\.\d+\.\d+ \(/);
  assert.ok(svc.seen.every((s) => Object.keys(s.queries).length <= 25 && Object.keys(s.queries)[0] === 'q0'));
  const text = readFileSync(join(out, 'person.yaml'), 'utf8');
  const doc = load(text) as CandidateFile;
  assert.equal(doc.service, svc.url('/ok'));
  const p = doc.entities.find((e) => e.entity === 'person/piatakov')!;
  assert.deepEqual(
    p.candidates.map((c) => [c.qid, c.score, c.match]),
    [
      ['Q99000101', 87.5, false],
      ['Q99000102', 41, false],
    ],
  );
  assert.deepEqual(p.candidates[0]!.features, { all_labels: 87.5, P27: 100, deprecated: false });
  assert.deepEqual(p.candidates[0]!.types, ['Q5']);
  assert.equal(p.candidates[0]!.url, 'https://www.wikidata.org/wiki/Q99000101');
  assert.match(p.candidates[0]!.data, /^https:\/\/www\.wikidata\.org\/w\/api\.php\?action=wbgetentities&ids=Q99000101/);
  const empty = doc.entities.find((e) => e.entity === 'person/rozengolts')!;
  assert.deepEqual(empty.candidates, []);
  // the same answers give the same file
  const again = outDir(t);
  assert.equal((await reconcile(svc.url('/ok'), again, '--batch', '25')).code, 0);
  assert.equal(readFileSync(join(again, 'person.yaml'), 'utf8'), text);
});

test('HTTP 500 and 429 are retried with back-off; then the answers are used', async (t) => {
  const svc = await startService(t);
  for (const path of ['/flaky', '/ratelimit']) {
    const out = outDir(t);
    const r = await reconcile(svc.url(path), out, '--batch', '500', '--retries', '3');
    assert.equal(r.code, 0, `${path}: ${r.stderr}`);
    assert.ok((load(readFileSync(join(out, 'person.yaml'), 'utf8')) as CandidateFile).entities.length > 50);
  }
  assert.equal(svc.seen.filter((s) => s.path === '/flaky').length, 3);
  assert.equal(svc.seen.filter((s) => s.path === '/ratelimit').length, 2);
});

test('a service that keeps failing, never answers, answers malformed JSON or is not there: one line, exit 1, file untouched', async (t) => {
  const svc = await startService(t);
  const out = outDir(t);
  mkdirSync(out, { recursive: true });
  const before = '# the previous candidates\nkind: person\n';
  writeFileSync(join(out, 'person.yaml'), before);
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const deadPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const cases: [string, string[], RegExp][] = [
    [
      svc.url('/down'),
      ['--retries', '2'],
      /^error: .*answered HTTP 503, after 3 attempt\(s\); try again later or pass --service\n$/,
    ],
    [
      svc.url('/always500'),
      ['--retries', '1'],
      /^error: .*answered HTTP 500, after 2 attempt\(s\); try again later or pass --service\n$/,
    ],
    [
      svc.url('/always429'),
      ['--retries', '1'],
      /^error: .*answered HTTP 429, after 2 attempt\(s\); try again later or pass --service\n$/,
    ],
    [
      svc.url('/hang'),
      ['--retries', '1', '--timeout', '150'],
      /^error: no answer from .* within 150 ms, after 2 attempt\(s\)/,
    ],
    [svc.url('/malformed'), [], /^error: .* did not answer JSON/],
    [svc.url('/notfound'), [], /^error: .* answered HTTP 404/],
    [
      `http://127.0.0.1:${deadPort}/api`,
      [],
      /^error: cannot reach the reconciliation service http:\/\/127\.0\.0\.1:\d+\/api: /,
    ],
    ['ftp://example.org/', [], /^error: --service "ftp:\/\/example.org\/" must be an http\(s\) URL\n$/],
  ];
  for (const [service, more, expected] of cases) {
    const r = await reconcile(service, out, ...more);
    assert.equal(r.code, 1, service);
    assert.match(r.stderr, expected);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.equal(readFileSync(join(out, 'person.yaml'), 'utf8'), before, `${service} changed the file`);
  }
  assert.equal(svc.seen.filter((s) => s.path === '/down').length, 3);
});
