// The content-negotiation rules the site ships for other hosts, run for real: Debian's nginx and Apache 2.4, each
// started on a free loopback port with a configuration and a prefix folder of its own (in a temp folder), serving
// the fixture site, asked the same negotiation matrix as `serve` (test/serve.test.ts) — as far as the shipped rules
// promise it: Apache and nginx match media types by substring and do not weigh q-values, so the q-value and 406-by-
// Accept cases are asserted as what they do instead (HTML), the behaviour the README documents. Skipped with a
// message where a server is not installed, failing on CI (.ci/run installs both).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeSite, serve, type SiteFixture } from '../site-fixture.js';
import { linkHeader, signpostsInHtml } from '../../src/site/signposting.js';
import { tempDir } from '../helpers.js';
import { freePort } from '../virtuoso.js';

const NGINX = '/usr/sbin/nginx';
const APACHE = '/usr/sbin/apache2';
const APACHE_MODULES = '/usr/lib/apache2/modules';
const PUBLIC_URL = 'https://example.org/sl/';
const asRoot = process.getuid?.() === 0;

interface Running {
  url: string;
  stop: () => Promise<void>;
}

/** Starts `cmd args` and waits until `url` answers (or the process dies: its error log is in the message). */
async function startServer(cmd: string, args: string[], url: string, errorLog: string): Promise<Running> {
  // a process group of its own: Apache signals its whole group when it stops, which would take the test runner too
  const child: ChildProcess = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) break;
    try {
      await fetch(url, { redirect: 'manual' });
      return { url, stop };
    } catch {
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await stop();
  const log = existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '';
  throw new Error(`${cmd} did not start: ${stderr}${log}`);
}

/** A site folder the servers' unprivileged workers can read (when the tests run as root, they run as nobody). */
function readable(fx: SiteFixture): void {
  if (!asRoot) return;
  for (const d of [fx.dir, fx.site]) chmodSync(d, 0o755);
  // the folders above (the temp folder a CI run makes with mktemp -d is 0700) must let them through too
  for (let d = dirname(fx.dir); d !== dirname(d); d = dirname(d)) {
    if (!(statSync(d).mode & 0o001))
      assert.fail(
        `the web servers' workers run as nobody and cannot pass ${d}: make it traversable (chmod o+x), as .ci/run does for its temp folder`,
      );
  }
}

async function startNginx(fx: SiteFixture): Promise<Running> {
  const prefix = tempDir('nginx');
  if (asRoot) chmodSync(prefix, 0o755);
  const port = await freePort();
  for (const d of ['logs', 'tmp']) mkdirSync(join(prefix, d));
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    `${asRoot ? 'user nobody nogroup;\n' : ''}worker_processes 1;
error_log ${prefix}/logs/error.log;
pid ${prefix}/logs/nginx.pid;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path ${prefix}/tmp/body;
    proxy_temp_path ${prefix}/tmp/proxy;
    fastcgi_temp_path ${prefix}/tmp/fastcgi;
    uwsgi_temp_path ${prefix}/tmp/uwsgi;
    scgi_temp_path ${prefix}/tmp/scgi;
    include ${fx.site}/nginx-http.conf;
    server {
        listen 127.0.0.1:${port};
        root ${fx.site};
        include ${fx.site}/nginx-server.conf;
    }
}
`,
  );
  return startServer(
    NGINX,
    ['-p', prefix, '-c', conf, '-g', 'daemon off;'],
    `http://127.0.0.1:${port}`,
    join(prefix, 'logs/error.log'),
  );
}

async function startApache(fx: SiteFixture): Promise<Running> {
  const root = tempDir('apache');
  if (asRoot) chmodSync(root, 0o755);
  const port = await freePort();
  // the w3id rules, as w3id.org would hold them in its folder stalin-letters/
  mkdirSync(join(root, 'w3id/stalin-letters'), { recursive: true });
  cpSync(join(fx.site, 'w3id.htaccess'), join(root, 'w3id/stalin-letters/.htaccess'));
  const mods = ['mpm_prefork', 'authz_core', 'rewrite', 'headers', 'mime', 'dir', 'alias'];
  const conf = join(root, 'httpd.conf');
  writeFileSync(
    conf,
    `ServerRoot ${root}
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile ${root}/httpd.pid
ErrorLog ${root}/error.log
DefaultRuntimeDir ${root}
LogLevel warn
${asRoot ? 'User nobody\nGroup nogroup\n' : ''}${mods.map((m) => `LoadModule ${m}_module ${APACHE_MODULES}/mod_${m}.so`).join('\n')}
StartServers 1
MinSpareServers 1
MaxSpareServers 2
TypesConfig ${existsSync('/etc/mime.types') ? '/etc/mime.types' : '/dev/null'}
DocumentRoot ${fx.site}
# the same site below a URL path: the rules must not depend on being at the root
Alias /sub ${fx.site}
Alias /w3id ${root}/w3id
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory ${fx.site}>
    AllowOverride All
    Require all granted
</Directory>
<Directory ${root}/w3id>
    AllowOverride All
    Require all granted
</Directory>
`,
  );
  return startServer(APACHE, ['-f', conf, '-DFOREGROUND'], `http://127.0.0.1:${port}`, join(root, 'error.log'));
}

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

// [Accept, document]: the cases of serve's matrix whose answer needs no q-values
const MATRIX: [string | undefined, string][] = [
  [undefined, 'html'],
  ['text/html', 'html'],
  ['application/xhtml+xml', 'html'],
  ['*/*', 'html'],
  ['text/*', 'html'],
  ['text/turtle', 'ttl'],
  ['application/ld+json', 'jsonld'],
  ['application/json', 'jsonld'],
  ['application/n-triples', 'nt'],
  ['image/png, */*;q=0.2', 'html'],
  [BROWSER, 'html'],
];
// where substring matching differs from serve (documented in the README): HTML instead
const LIMITS: [string, string, string][] = [
  ['text/html;q=0.1, text/turtle', 'html', 'ttl'],
  ['image/png', 'html', '406'],
  ['application/n-triples;q=1, text/turtle;q=0.99, */*;q=0.1', 'ttl', 'nt'],
];

/** The site's pages that cite a thing (FAIR Signposting), with the Link header their <link> elements give. */
function signpostedPages(site: string): [string, string][] {
  const out: [string, string][] = [];
  for (const f of readdirSync(site, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!f.endsWith('.html')) continue;
    const links = signpostsInHtml(readFileSync(join(site, f), 'utf8'));
    if (links.some((l) => l.rel === 'cite-as')) out.push([f, linkHeader(links)]);
  }
  return out;
}

/** A sample of them: the landing page, the ontology, named pages of several kinds, and every 37th page. */
function sample(pages: [string, string][]): [string, string][] {
  const named = ['dataset.html', 'ontology.html', 'person/rozengolts.html', 'letter/molotov-60.html'];
  const out = pages.filter(([p], i) => named.includes(p) || i % 37 === 0);
  assert.equal(out.filter(([p]) => named.includes(p)).length, named.length, 'a named page is missing');
  return out;
}

/** An RFC 8288 Link header's targets with rel and type (the subset Signposting uses). */
function parseLink(header: string): { href: string; rel: string; type?: string }[] {
  return [...header.matchAll(/<([^>]*)>((?:\s*;\s*[a-z-]+="[^"]*")*)/g)].map((m) => {
    const params = Object.fromEntries([...m[2]!.matchAll(/([a-z-]+)="([^"]*)"/g)].map((p) => [p[1]!, p[2]!]));
    return { href: m[1]!, rel: params.rel!, ...(params.type ? { type: params.type } : {}) };
  });
}

function conneg(
  name: string,
  binary: string,
  start: (fx: SiteFixture) => Promise<Running>,
  extra?: (get: (p: string, h?: Record<string, string>) => Promise<Response>) => void,
): void {
  describe(`content negotiation in ${name} (the shipped rules)`, () => {
    let fx: SiteFixture | undefined;
    let srv: Running | undefined;
    const missing = !existsSync(binary);
    before(async () => {
      if (missing) return;
      fx = await makeSite(false);
      readable(fx);
      srv = await start(fx);
    });
    after(async () => {
      await srv?.stop();
      fx?.remove();
    });
    const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
      fetch(srv!.url + path, { headers, redirect: 'manual' });
    const where = (r: Response): string =>
      new URL(r.headers.get('location') ?? '', srv!.url).pathname +
      new URL(r.headers.get('location') ?? '', srv!.url).search;
    const skip = (t: { skip: (m: string) => void }): boolean => {
      if (!missing) return false;
      if (process.env.CI === 'true') assert.fail(`${binary} is not installed (CI must install it: .ci/run)`);
      t.skip(`${binary} not installed (apt-get install ${name === 'nginx' ? 'nginx' : 'apache2'})`);
      return true;
    };

    test('the Accept matrix: 303 to the right document with Vary: Accept, also for a thing with a folder of parts', async (t) => {
      if (skip(t)) return;
      for (const thing of ['/person/rozengolts', '/letter/molotov-60']) {
        for (const [accept, ext] of MATRIX) {
          const r = await get(thing, accept ? { Accept: accept } : {});
          assert.equal(r.status, 303, `${thing} ${accept}`);
          assert.equal(where(r), `${thing}.${ext}`, `${thing} Accept ${accept}`);
          assert.match(r.headers.get('vary') ?? '', /Accept/, `${thing} ${accept}: Vary`);
          assert.equal(r.headers.get('access-control-allow-origin'), '*');
        }
      }
    });

    test('q-values are not weighed and an unknown type gets HTML (what the README says of Apache and nginx)', async (t) => {
      if (skip(t)) return;
      for (const [accept, ext] of LIMITS) {
        const r = await get('/person/rozengolts', { Accept: accept });
        assert.equal(r.status, 303);
        assert.equal(where(r), `/person/rozengolts.${ext}`, accept);
      }
    });

    test('?format= overrides Accept; an unknown format is 406; an unknown IRI is 404', async (t) => {
      if (skip(t)) return;
      let r = await get('/person/rozengolts?format=ttl', { Accept: 'text/html' });
      assert.equal(r.status, 303);
      assert.equal(where(r), '/person/rozengolts.ttl');
      assert.match(r.headers.get('vary') ?? '', /Accept/);
      for (const [f, ext] of [
        ['jsonld', 'jsonld'],
        ['json', 'jsonld'],
        ['nt', 'nt'],
        ['turtle', 'ttl'],
        ['html', 'html'],
      ]) {
        r = await get(`/person/rozengolts?format=${f}`, { Accept: 'text/turtle' });
        assert.equal(where(r), `/person/rozengolts.${ext}`, f);
      }
      r = await get('/person/rozengolts?format=pdf');
      assert.equal(r.status, 406);
      assert.match(r.headers.get('vary') ?? '', /Accept/);
      for (const path of ['/person/nobody', '/letter/molotov-99', '/nothing/here', '/person/nobody.ttl']) {
        r = await get(path, { Accept: 'text/turtle' });
        assert.equal(r.status, 404, path);
      }
    });

    test('documents with their media types; the ontology and the dataset at their IRIs; parts of an annotation; files', async (t) => {
      if (skip(t)) return;
      const types: Record<string, string> = {
        html: 'text/html',
        ttl: 'text/turtle',
        jsonld: 'application/ld+json',
        nt: 'application/n-triples',
      };
      for (const [ext, type] of Object.entries(types)) {
        const r = await get(`/person/rozengolts.${ext}`);
        assert.equal(r.status, 200, ext);
        assert.equal(r.headers.get('content-type')?.split(';')[0], type, ext);
        assert.equal(await r.text(), readFileSync(join(fx!.site, `person/rozengolts.${ext}`), 'utf8'));
      }
      assert.match((await get('/person/rozengolts.ttl')).headers.get('content-type') ?? '', /charset=utf-8/i);
      let r = await get('/ontology', { Accept: 'text/turtle' });
      assert.equal(where(r), '/ontology.ttl');
      r = await get('/ontology');
      assert.equal(where(r), '/ontology.html');
      r = await get('/dataset', { Accept: 'application/ld+json' });
      assert.equal(where(r), '/dataset.jsonld');
      const nt = readFileSync(join(fx!.site, 'stalin-letters.nt'), 'utf8');
      const target = /<https:\/\/w3id\.org\/stalin-letters\/(letter\/[^>]+\/mention\/[^>/]+)\/target>/.exec(nt)![1]!;
      r = await get(`/${target}/target`, { Accept: 'text/turtle' });
      assert.equal(r.status, 303);
      assert.equal(where(r), `/${target}`);
      assert.match(r.headers.get('vary') ?? '', /Accept/);
      r = await get(`/${target}`, { Accept: 'text/turtle' });
      assert.equal(where(r), `/${target}.ttl`);
      r = await get('/');
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type')?.split(';')[0], 'text/html');
      r = await get('/stalin-letters.ttl');
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type')?.split(';')[0], 'text/turtle');
      r = await get('/assets/site.css');
      assert.equal(r.headers.get('content-type')?.split(';')[0], 'text/css');
    });

    test('FAIR Signposting: the Link header of the landing page and of entity pages is their <link> elements, as serve sends it; describedby and item targets resolve with their type', async (t) => {
      if (skip(t)) return;
      const pages = sample(signpostedPages(fx!.site));
      assert.ok(pages.length > 50, `${pages.length} pages sampled`);
      const local = await serve(fx!.site);
      try {
        let targets = 0;
        for (const [path, expected] of pages) {
          const r = await get(`/${path}`);
          assert.equal(r.status, 200, path);
          assert.equal(r.headers.get('link'), expected, path);
          const s = await fetch(`${local.url}/${path}`);
          assert.equal(s.headers.get('link'), expected, `serve: ${path}`);
          await s.arrayBuffer();
          await r.arrayBuffer();
          for (const l of parseLink(expected).filter((x) => x.rel === 'describedby' || x.rel === 'item')) {
            const target = new URL(l.href, `${srv!.url}/${path}`).href;
            const res = await fetch(target, { method: 'HEAD' });
            assert.equal(res.status, 200, target);
            assert.equal(res.headers.get('content-type')?.split(';')[0], l.type, target);
            targets++;
          }
        }
        // the landing page's dumps and the three documents of every sampled page
        assert.equal(targets, 3 * pages.length + 5);
      } finally {
        await local.close();
      }
      // a page that cites nothing has no Link header
      const r = await get('/index.html');
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('link'), null);
    });

    test("a letter's TEI: 303 by Accept application/tei+xml or ?format=tei, served as application/tei+xml; not for other things", async (t) => {
      if (skip(t)) return;
      let r = await get('/letter/molotov-63', { Accept: 'application/tei+xml' });
      assert.equal(r.status, 303);
      assert.equal(where(r), '/letter/molotov-63.tei');
      assert.match(r.headers.get('vary') ?? '', /Accept/);
      r = await get('/letter/molotov-63?format=tei', { Accept: 'text/turtle' });
      assert.equal(where(r), '/letter/molotov-63.tei');
      r = await get('/letter/molotov-63', { Accept: 'text/turtle' });
      assert.equal(where(r), '/letter/molotov-63.ttl');
      r = await get('/letter/molotov-63.tei');
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type')?.split(';')[0], 'application/tei+xml');
      assert.equal(await r.text(), readFileSync(join(fx!.site, 'letter/molotov-63.tei'), 'utf8'));
      // a person has no TEI: the HTML, as for a type the rules do not have
      r = await get('/person/rozengolts', { Accept: 'application/tei+xml' });
      assert.equal(where(r), '/person/rozengolts.html');
    });

    extra?.(get);
  });
}

conneg('nginx', NGINX, startNginx);
conneg('Apache', APACHE, startApache, (get) => {
  const where = (r: Response, base: string): string => new URL(r.headers.get('location') ?? '', base).href;
  test('Apache: the same rules below a URL path; the w3id rules send the IRIs to the host', async (t) => {
    if (!existsSync(APACHE)) {
      if (process.env.CI === 'true') assert.fail(`${APACHE} is not installed`);
      t.skip(`${APACHE} not installed`);
      return;
    }
    let r = await get('/sub/person/rozengolts', { Accept: 'text/turtle' });
    assert.equal(r.status, 303);
    assert.equal(new URL(r.headers.get('location')!, 'http://x').pathname, '/sub/person/rozengolts.ttl');
    r = await get('/sub/letter/molotov-60?format=nt');
    assert.equal(new URL(r.headers.get('location')!, 'http://x').pathname, '/sub/letter/molotov-60.nt');
    // the Link headers too (their targets are relative to the page, or absolute)
    r = await get('/sub/person/rozengolts.html');
    assert.match(
      r.headers.get('link') ?? '',
      /^<https:\/\/w3id\.org\/stalin-letters\/person\/rozengolts>; rel="cite-as", <rozengolts\.ttl>; rel="describedby"; type="text\/turtle"/,
    );
    // w3id.org/stalin-letters/… → the host given with --public-url
    const cases: [string, Record<string, string>, string][] = [
      ['/w3id/stalin-letters/person/rozengolts', { Accept: 'text/turtle' }, `${PUBLIC_URL}person/rozengolts.ttl`],
      ['/w3id/stalin-letters/person/rozengolts', { Accept: BROWSER }, `${PUBLIC_URL}person/rozengolts.html`],
      ['/w3id/stalin-letters/person/rozengolts?format=jsonld', {}, `${PUBLIC_URL}person/rozengolts.jsonld`],
      ['/w3id/stalin-letters/ontology', { Accept: 'application/json' }, `${PUBLIC_URL}ontology.jsonld`],
      ['/w3id/stalin-letters/stalin-letters.ttl', {}, `${PUBLIC_URL}stalin-letters.ttl`],
      ['/w3id/stalin-letters/', {}, PUBLIC_URL],
    ];
    for (const [path, headers, to] of cases) {
      r = await get(path, headers);
      assert.equal(r.status, 303, path);
      assert.equal(where(r, 'http://x'), to, `${path} ${JSON.stringify(headers)}`);
    }
  });
});
