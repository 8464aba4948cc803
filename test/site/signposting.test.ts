// FAIR Signposting (signposting.org/FAIR): the landing page (dataset.html) and every entity page answer `serve`
// with a Link header (RFC 8288) holding cite-as, describedby (each RDF document, typed), item (the downloads,
// typed), type, collection, license (per profile) and the landing page's linkset (RFC 9264,
// application/linkset+json); the same links are <link> elements in the page's head for static hosts. Every
// describedby and item target is fetched: 200 with the media type its link announces.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningServer } from '../../src/serve/server.js';
import { linkHeader, signpostsInHtml, type Signpost } from '../../src/site/signposting.js';
import { htaccess, linkGroups, nginxHttp, type PageLinks } from '../../src/site/conneg.js';
import { BASE, makeSite, serve, type SiteFixture } from '../site-fixture.js';
import { ROOT } from '../helpers.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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

/** An RFC 8288 Link header (the subset Signposting uses: target, rel, type). */
function parseLink(header: string): Signpost[] {
  const out: Signpost[] = [];
  for (const m of header.matchAll(/<([^>]*)>((?:\s*;\s*[a-z-]+="[^"]*")*)/g)) {
    const params = Object.fromEntries([...m[2]!.matchAll(/([a-z-]+)="([^"]*)"/g)].map((p) => [p[1]!, p[2]!]));
    out.push({ href: m[1]!, rel: params.rel as Signpost['rel'], ...(params.type ? { type: params.type } : {}) });
  }
  return out;
}
const of = (links: Signpost[], rel: string): Signpost[] => links.filter((l) => l.rel === rel);

async function page(path: string): Promise<{ url: string; links: Signpost[]; html: string }> {
  const res = await fetch(srv.url + path);
  assert.equal(res.status, 200, path);
  const header = res.headers.get('link');
  assert.ok(header, `${path}: no Link header`);
  return { url: srv.url + path, links: parseLink(header), html: await res.text() };
}

/** Every describedby and item target resolves 200 with the announced type. */
async function resolveTargets(url: string, links: Signpost[]): Promise<number> {
  let n = 0;
  for (const l of links.filter((x) => x.rel === 'describedby' || x.rel === 'item')) {
    assert.ok(l.type, `${l.href}: no type`);
    const target = new URL(l.href, url).href;
    const res = await fetch(target, { method: 'HEAD' });
    assert.equal(res.status, 200, target);
    assert.equal(res.headers.get('content-type')!.split(';')[0]!.trim(), l.type, target);
    n++;
  }
  return n;
}

test('the landing page: cite-as, typed describedby and item links that resolve, type, linkset; no licence in the full profile', async () => {
  const p = await page('/dataset.html');
  assert.deepEqual(
    of(p.links, 'cite-as').map((l) => l.href),
    [`${BASE}dataset`],
  );
  assert.deepEqual(
    of(p.links, 'describedby').map((l) => l.type),
    ['text/turtle', 'application/ld+json', 'application/n-triples'],
  );
  assert.deepEqual(
    of(p.links, 'item').map((l) => l.href),
    ['stalin-letters.ttl', 'stalin-letters.jsonld', 'stalin-letters.nt', 'stalin-letters-wikidata.nt', 'cmif.xml'],
  );
  assert.deepEqual(
    of(p.links, 'type').map((l) => l.href),
    ['https://schema.org/Dataset', 'https://schema.org/AboutPage'],
  );
  // build/ is the full profile: not openly licensed, so no license link (site-rights.test.ts: the open one has it)
  assert.deepEqual(of(p.links, 'license'), []);
  assert.equal(await resolveTargets(p.url, p.links), 8);
  // the same links in the page's head, for static hosts
  assert.deepEqual(signpostsInHtml(p.html), p.links);
});

test('the linkset of the landing page (RFC 9264 JSON) holds the same links, absolute', async () => {
  const [ls] = of((await page('/dataset.html')).links, 'linkset');
  assert.equal(ls?.type, 'application/linkset+json');
  const res = await fetch(new URL(ls.href, `${srv.url}/dataset.html`));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/linkset+json');
  const json = (await res.json()) as { linkset: Record<string, unknown>[] };
  assert.equal(json.linkset.length, 1);
  const set = json.linkset[0] as Record<string, { href: string; type?: string }[]> & { anchor: string };
  assert.equal(set.anchor, `${BASE}dataset`);
  assert.deepEqual(set['cite-as'], [{ href: `${BASE}dataset` }]);
  assert.equal(set.item!.length, 5);
  assert.equal(set.item![0]!.href, 'https://example.org/sl/stalin-letters.ttl');
  assert.ok(set.describedby!.every((d) => d.type && /^https:\/\/example\.org\/sl\/dataset\./.test(d.href)));
});

test('entity pages: cite-as their IRI, describedby their three documents, type, collection the dataset', async () => {
  for (const [path, type] of [
    ['/person/rozengolts.html', 'Person'],
    ['/letter/molotov-60.html', 'Message'],
  ] as const) {
    const p = await page(path);
    assert.deepEqual(
      of(p.links, 'cite-as').map((l) => l.href),
      [BASE + path.slice(1, -'.html'.length)],
      path,
    );
    assert.deepEqual(
      of(p.links, 'type').map((l) => l.href),
      [`https://schema.org/${type}`],
    );
    assert.deepEqual(
      of(p.links, 'collection').map((l) => l.href),
      [`${BASE}dataset`],
    );
    assert.equal(await resolveTargets(p.url, p.links), 3, path);
    assert.deepEqual(signpostsInHtml(p.html), p.links);
  }
});

test('a page without signposting links sends no Link header; the parser catches a missing type', async () => {
  assert.equal((await fetch(`${srv.url}/assets/site.css`)).headers.get('link'), null);
  assert.deepEqual(parseLink('<a.ttl>; rel="describedby"'), [{ href: 'a.ttl', rel: 'describedby' }]);
  await assert.rejects(
    resolveTargets(`${srv.url}/x.html`, [{ rel: 'describedby', href: 'nowhere.ttl', type: 'text/turtle' }]),
  );
});

test("the web servers' rules: one Link header per folder and set of links, each page's own header given back", () => {
  const links = (iri: string, stem: string): Signpost[] => [
    { rel: 'cite-as', href: iri },
    { rel: 'describedby', href: `${stem}.ttl`, type: 'text/turtle' },
    { rel: 'type', href: 'https://schema.org/Person' },
  ];
  const groups = linkGroups([
    ['person/a.html', links(`${BASE}person/a`, 'a')],
    ['person/b-c.html', links(`${BASE}person/b-c`, 'b-c')],
    ['place/a.html', links(`${BASE}place/a`, 'a')],
    ['person/d.html', links(`${BASE}person/other`, 'd')],
  ]);
  assert.deepEqual(
    groups.map((g) => [g.folder, g.names]),
    [
      ['person/', ['a', 'b-c']],
      ['place/', ['a']],
      ['person/', ['d']],
    ],
  );
  assert.equal(
    groups[0]!.header,
    `<${BASE}person/__SL_NAME__>; rel="cite-as", <__SL_NAME__.ttl>; rel="describedby"; type="text/turtle", <https://schema.org/Person>; rel="type"`,
  );
  assert.equal(groups[2]!.header.replaceAll('__SL_NAME__', 'd'), linkHeader(links(`${BASE}person/other`, 'd')));
  // a name the rules cannot hold as a regular expression's alternative is refused, not written; a dot is held (a
  // release's dataset/1.0.0.html), escaped in the rules
  assert.throws(() => linkGroups([['person/a+b.html', links('x', 'a+b')]]), /person\/a\+b\.html/);
  assert.equal(linkGroups([['dataset/1.0.0.html', links(`${BASE}dataset/1.0.0`, '1.0.0')]]).length, 1);
  assert.match(
    htaccess([['dataset/1.0.0.html', links(`${BASE}dataset/1.0.0`, '1.0.0')]]),
    /RewriteRule \^dataset\/\(1\\\.0\\\.0\)\\\.html\$/,
  );
  // and in the rules: one RewriteRule + Header line per group, one map row per group
  const pages: PageLinks[] = [['person/a.html', links(`${BASE}person/a`, 'a')]];
  assert.match(
    htaccess(pages),
    /RewriteRule \^person\/\(a\)\\\.html\$ - \[E=sl_link0:\$1\]\nHeader set Link "<https:\/\/w3id\.org\/stalin-letters\/person\/%\{sl_link0\}e>; rel=\\"cite-as\\"/,
  );
  assert.match(
    nginxHttp(pages),
    /"~\^\/person\/\(\?<sl_n0>a\)\\\.html\$" "<https:\/\/w3id\.org\/stalin-letters\/person\/\$sl_n0>; rel=\\"cite-as\\"/,
  );
});

// The A2A FAIR Signposting benchmark (a2a-fair-metrics/a2a-fair-metrics, CC0; test/fixtures/a2a-fair-metrics): the
// shapes a harvester is tested on. Its Link headers (written as Apache `Header add Link` lines) and its JSON linkset
// are read with the same parser as ours, and our landing page gives every relation the benchmark gives, typed where
// it is typed, and a linkset of the same structure.
const A2A = join(ROOT, 'test/fixtures/a2a-fair-metrics');
function a2aHeader(benchCase: string): Signpost[] {
  const lines = readFileSync(join(A2A, benchCase, 'htaccess'), 'utf8').match(/^\s*Header add Link (.+)$/gm) ?? [];
  return parseLink(lines.map((l) => l.replace(/^\s*Header add Link /, '')).join(', '));
}

/** The benchmark's relations our links lack, or give without a type where the benchmark gives one. */
function uncovered(theirs: Signpost[], ours: Signpost[]): string[] {
  return theirs
    .filter((l) => {
      const same = of(ours, l.rel);
      return same.length === 0 || (l.type !== undefined && !same.every((x) => x.type));
    })
    .map((l) => l.rel);
}

test('the A2A benchmark shapes: our landing page has each relation its cases use, typed where they are typed', async () => {
  const ours = (await page('/dataset.html')).links;
  for (const benchCase of ['06-http-citeas-describedby-item', '07-http-describedby-citeas-linkset-json']) {
    const theirs = a2aHeader(benchCase);
    assert.ok(theirs.length >= 3, `${benchCase}: its Link header was not read`);
    assert.deepEqual(uncovered(theirs, ours), [], benchCase);
    // and the check can fail: our links without types, or without items
    assert.ok(
      uncovered(
        theirs,
        ours.map(({ type: _, ...l }) => l),
      ).length > 0,
    );
    if (benchCase.startsWith('06'))
      assert.deepEqual(
        uncovered(
          theirs,
          ours.filter((l) => l.rel !== 'item'),
        ),
        ['item'],
      );
    // cite-as: one, an absolute persistent IRI, as theirs
    assert.equal(of(theirs, 'cite-as').length, 1);
    assert.equal(of(ours, 'cite-as').length, 1);
    assert.match(of(ours, 'cite-as')[0]!.href, /^https:\/\/w3id\.org\//);
  }
  assert.equal(
    of(a2aHeader('07-http-describedby-citeas-linkset-json'), 'linkset')[0]!.type,
    of(ours, 'linkset')[0]!.type,
  );
});

test('the A2A benchmark shapes: our JSON linkset has the structure of theirs (anchor, relations as arrays of href and type)', async () => {
  const shape = (json: { linkset: Record<string, unknown>[] }): string[] => {
    assert.equal(json.linkset.length, 1);
    const [set] = json.linkset;
    assert.equal(typeof set!.anchor, 'string');
    const out: string[] = [];
    for (const [rel, targets] of Object.entries(set!)) {
      if (rel === 'anchor') continue;
      assert.ok(Array.isArray(targets), rel);
      for (const t of targets as Record<string, unknown>[]) {
        assert.ok(/^https?:\/\//.test(t.href as string), `${rel}: ${t.href} is not absolute`);
        assert.deepEqual(
          Object.keys(t).filter((k) => k !== 'href' && k !== 'type'),
          [],
          rel,
        );
      }
      out.push(`${rel}${(targets as { type?: string }[]).every((t) => t.type) ? ' typed' : ''}`);
    }
    return out.sort();
  };
  const theirs = shape(
    JSON.parse(readFileSync(join(A2A, '07-http-describedby-citeas-linkset-json/linkset.json'), 'utf8')),
  );
  const res = await fetch(`${srv.url}/dataset.linkset.json`);
  const ours = shape((await res.json()) as { linkset: Record<string, unknown>[] });
  for (const r of theirs) assert.ok(ours.includes(r), `our linkset lacks ${r}`);
});
