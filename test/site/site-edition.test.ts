// The site as a reading edition (issue 28): search in any spelling (and Russian inflection), names linked in the
// reading text, corrections with a toggle, dates filtered by period, each letter's TEI beside its page with its own
// content negotiation. In Node on the written site, and in a real browser (headless Chromium) through `serve`.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { loadSearchIndex } from '../../src/site/search.js';
import {
  fold,
  MINISEARCH_OPTIONS,
  SEARCH_INDEX_FILE,
  SEARCH_OPTIONS,
  type SearchDoc,
} from '../../src/site/search-terms.js';
import { runBuild } from '../../src/pipeline/build.js';
import { writeSite } from '../../src/site/site.js';
import { DEFAULT_BASE_IRI } from '../../src/rdf/vocab.js';
import { makeSite, serve, type SiteFixture } from '../site-fixture.js';
import { sourceSentences } from '../source-scan.js';
import { SPELLINGS } from '../spellings.js';
import { BUILD, CORPUS, ROOT, tempDir } from '../helpers.js';
import type { RunningServer } from '../../src/serve/server.js';

const first = (ms: MiniSearch<SearchDoc>, q: string): string | undefined => ms.search(q, SEARCH_OPTIONS)[0]?.id;

describe("the search index (in Node, with the page's own options)", () => {
  test('each spelling finds its entity first; Russian cases are stemmed; nonsense finds nothing', () => {
    const ms = loadSearchIndex(readFileSync(join(fx!.site, SEARCH_INDEX_FILE), 'utf8'));
    for (const [q, page] of SPELLINGS) assert.equal(first(ms, q), page, q);
    assert.equal(ms.search('Zzyzxq', SEARCH_OPTIONS).length, 0);
    // without the stemmer the genitive would not find the nominative: the stemming is what makes it work
    const plain = new MiniSearch<SearchDoc>({ ...MINISEARCH_OPTIONS, processTerm: fold });
    plain.addAll((JSON.parse(readFileSync(join(fx!.site, SEARCH_INDEX_FILE), 'utf8')) as { docs: SearchDoc[] }).docs);
    assert.notEqual(
      plain.search('Пятакова', { ...SEARCH_OPTIONS, processTerm: fold, fuzzy: false, prefix: false })[0]?.id,
      'person/piatakov.html',
    );
  });

  test('the full site searches paragraphs and notes, linking to their anchors; a filter by letter keeps that letter', () => {
    const ms = loadSearchIndex(readFileSync(join(fx!.site, SEARCH_INDEX_FILE), 'utf8'));
    const hits = ms.search('chemical industry', { ...SEARCH_OPTIONS, filter: (r) => r.letter === 'molotov-63' });
    assert.ok(hits.length >= 1);
    for (const h of hits) assert.match(h.id, /^letter\/molotov-63\.html#(block|note)-\d+$/);
    for (const h of hits) assert.ok(existsSync(join(fx!.site, h.id.split('#')[0]!)), h.id);
    // the anchor is on the page
    const page = readFileSync(join(fx!.site, 'letter/molotov-63.html'), 'utf8');
    for (const h of hits) assert.ok(page.includes(`id="${h.id.split('#')[1]}"`), h.id);
  });
});

describe('an open-profile site', () => {
  test('its search index and its TEI hold no sentence of the letters or notes (scanned), but every name', async () => {
    const dir = tempDir('site-open-edition');
    const build = join(dir, 'build');
    const r = await runBuild({ corpusDir: CORPUS, outDir: build, base: DEFAULT_BASE_IRI, profile: 'open' });
    assert.deepEqual(r.problems, []);
    const site = join(dir, 'site');
    await writeSite({
      buildDir: build,
      outDir: site,
      ontologyDir: join(ROOT, 'ontology'),
      queriesDir: join(ROOT, 'queries'),
      base: DEFAULT_BASE_IRI,
    });
    const index = readFileSync(join(site, SEARCH_INDEX_FILE), 'utf8');
    const tei = readdirSync(join(site, 'letter'))
      .filter((f) => f.endsWith('.tei'))
      .map((f) => readFileSync(join(site, 'letter', f), 'utf8'));
    assert.equal(tei.length, r.dataset!.letters.length);
    const scanned =
      (JSON.parse(index) as { docs: SearchDoc[] }).docs
        .map((d) => Object.values(d).join(' '))
        .join('\n')
        .replace(/\s+/g, ' ') + tei.join('\n').replace(/\s+/g, ' ');
    const sentences = sourceSentences(r.dataset!);
    // a run of words that is an entity's own name (a body's long title) is data, not the running text
    const d = r.dataset!;
    const names = [...d.persons, ...d.organizations, ...d.places]
      .flatMap((e) => [e.name, ...e.variants.map((v) => v.form)])
      .concat(d.posts.flatMap((p) => [p.label, ...p.altLabels]))
      .join('\n');
    assert.deepEqual(
      sentences.filter((s) => scanned.includes(s) && !names.includes(s)),
      [],
    );
    const docs = (JSON.parse(index) as { docs: SearchDoc[] }).docs;
    assert.deepEqual(
      docs.filter((d) => d.kind === 'text' || d.kind === 'note' || d.text !== undefined),
      [],
    );
    const ms = loadSearchIndex(index);
    for (const [q, page] of SPELLINGS) assert.equal(first(ms, q), page, q);
    // the scan is not blind: the full site's index holds sentences
    const full = readFileSync(join(fx!.site, SEARCH_INDEX_FILE), 'utf8').replace(/\s+/g, ' ');
    assert.ok(sentences.some((s) => full.includes(s)));
    // the index download is small (the limit: 300 KB compressed)
    const { gzipSync } = await import('node:zlib');
    assert.ok(gzipSync(index).length < 300_000);
  });
});

describe("the letter's TEI in the site", () => {
  test("letter/<id>.tei is the build's TEI; serve negotiates application/tei+xml for letters only", async () => {
    assert.equal(
      readFileSync(join(fx!.site, 'letter/molotov-63.tei'), 'utf8'),
      readFileSync(join(BUILD, 'tei/molotov-63.xml'), 'utf8'),
    );
    const page = readFileSync(join(fx!.site, 'letter/molotov-63.html'), 'utf8');
    assert.match(page, /<link rel="alternate" type="application\/tei\+xml" href="molotov-63\.tei">/);
    const get = (p: string, h: Record<string, string> = {}): Promise<Response> =>
      fetch(srv!.url + p, { headers: h, redirect: 'manual' });
    let r = await get('/letter/molotov-63', { Accept: 'application/tei+xml' });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/letter/molotov-63.tei');
    assert.match(r.headers.get('vary') ?? '', /Accept/);
    r = await get('/letter/molotov-63?format=tei');
    assert.equal(r.headers.get('location'), '/letter/molotov-63.tei');
    r = await get('/letter/molotov-63', { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' });
    assert.equal(r.headers.get('location'), '/letter/molotov-63.html');
    r = await get('/letter/molotov-63.tei');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type')?.split(';')[0], 'application/tei+xml');
    assert.equal(await r.text(), readFileSync(join(BUILD, 'tei/molotov-63.xml'), 'utf8'));
    // a person has no TEI: 406, as for any type it does not have
    r = await get('/person/rykov', { Accept: 'application/tei+xml' });
    assert.equal(r.status, 406);
    r = await get('/person/rykov?format=tei');
    assert.equal(r.status, 406);
  });
});

let fx: SiteFixture | undefined;
let srv: RunningServer | undefined;
before(async () => {
  fx = await makeSite();
  srv = await serve(fx.site);
});
after(async () => {
  await srv?.close();
  fx?.remove();
});

describe('in a real browser (headless Chromium)', () => {
  const CHROMIUM = '/usr/bin/chromium';

  test('search box, linked names, the correction toggle, the period filter', async (t) => {
    if (!existsSync(CHROMIUM)) {
      if (process.env.CI === 'true') assert.fail(`${CHROMIUM} is missing (CI must have it: see .ci/run)`);
      t.skip(`${CHROMIUM} is missing: apt-get install -y chromium to run this test`);
      return;
    }
    const { default: puppeteer } = await import('puppeteer-core');
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    t.after(() => browser.close());
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    // the box on a letter page leads to the search page with the results; the entity comes first
    await page.goto(`${srv!.url}/letter/molotov-63.html`, { waitUntil: 'load' });
    await page.type('header .search-box input', 'Пятакова');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    assert.equal(new URL(page.url()).pathname, '/search.html');
    await page.waitForSelector('#search-app[data-ready]');
    assert.equal(await page.$eval('#search-results li a', (a) => a.getAttribute('href')), 'person/piatakov.html');
    // typing each spelling into the search page's box shows its entity first
    for (const [q, href] of SPELLINGS) {
      await page.$eval('#search-app input[name=q]', (e) => {
        (e as unknown as { value: string }).value = '';
      });
      await page.type('#search-app input[name=q]', q);
      assert.equal(await page.$eval('#search-results li a', (a) => a.getAttribute('href')), href, q);
    }
    // results show the matched words in context, and the kind filter keeps notes only
    await page.$eval('#search-app input[name=q]', (e) => {
      (e as unknown as { value: string }).value = '';
    });
    await page.type('#search-app input[name=q]', 'chemical');
    await page.select('#search-app select[name=kind]', 'note');
    const kinds = await page.$$eval('#search-results li', (l) => l.map((x) => x.getAttribute('data-kind')));
    assert.ok(kinds.length > 0 && kinds.every((k) => k === 'note'), kinds.join());
    assert.match(await page.$eval('#search-results li mark', (m) => m.textContent ?? ''), /chemical/i);

    // a mention in letter 63 links to the person's page, with the name as its tooltip
    await page.goto(`${srv!.url}/letter/molotov-63.html`, { waitUntil: 'load' });
    const link = await page.$('#text a.mention[href="../person/rykov.html"]');
    assert.ok(link, 'Rykov is linked in letter 63');
    assert.equal(await link!.evaluate((a) => a.getAttribute('title')), 'Rykov');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link!.click()]);
    assert.equal(new URL(page.url()).pathname, '/person/rykov.html');
    assert.equal(await page.$eval('h1', (e) => e.textContent), 'Rykov');

    // the toggle shows the printed reading instead of the corrected one; the page's stored text does not change
    await page.goto(`${srv!.url}/letter/molotov-59.html`, { waitUntil: 'load' });
    // innerText, not textContent: what the reader sees, with the hidden reading left out
    const shown = (): Promise<string> =>
      // biome-ignore lint/performance/useDomNodeTextContent: the shown text is the point
      page.$eval('#text .letter-text', (e) => (e as unknown as { innerText: string }).innerText);
    const stored = (): Promise<string> =>
      page.evaluate(() =>
        [
          document.querySelector('#text .letter-text')!.textContent,
          ...[...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => s.textContent),
        ].join('\n'),
      );
    const [before1, stored1] = [await shown(), await stored()];
    assert.match(before1, /30–32 percent/);
    assert.doesNotMatch(before1, /3032 percent/);
    await page.click('button.toggle-reading');
    const [before2, stored2] = [await shown(), await stored()];
    assert.match(before2, /3032 percent/);
    assert.doesNotMatch(before2, /30–32 percent/);
    assert.notEqual(before1, before2);
    assert.equal(stored1, stored2);
    await page.click('button.toggle-reading');
    assert.equal(await shown(), before1);

    // the letters list by period: inside shown, overlapping "possibly", outside hidden
    await page.goto(`${srv!.url}/letters.html`, { waitUntil: 'load' });
    await page.waitForSelector('form.period');
    await page.$eval('form.period input[name=from]', (e) => {
      (e as unknown as { value: string }).value = '1930-09-01';
    });
    await page.$eval('form.period input[name=to]', (e) => {
      (e as unknown as { value: string }).value = '1930-09-30';
      e.dispatchEvent(new Event('input'));
    });
    const rows = await page.$$eval('tr[data-earliest]', (l) =>
      l.map((r) => ({
        text: r.querySelector('a')?.textContent,
        hidden: r.classList.contains('period-hidden'),
        possibly: r.classList.contains('period-possibly'),
      })),
    );
    const row = (name: string) => rows.find((r) => r.text === name)!;
    assert.deepEqual(row('Letter 63'), { text: 'Letter 63', hidden: false, possibly: false });
    assert.deepEqual(
      row('Letter 67'),
      { text: 'Letter 67', hidden: false, possibly: true },
      'no later than 15 September: possibly',
    );
    assert.equal(row('Letter 60').hidden, true);
    assert.equal(rows.find((r) => r.text?.includes('1932'))?.hidden, true);
    // and a person's "mentioned in": October 1930 holds letter 57 possibly (no earlier than 6 August), not letter 63
    await page.goto(`${srv!.url}/person/rykov.html`, { waitUntil: 'load' });
    await page.$eval('#mentions form.period input[name=from]', (e) => {
      (e as unknown as { value: string }).value = '1930-10-01';
    });
    await page.$eval('#mentions form.period input[name=to]', (e) => {
      (e as unknown as { value: string }).value = '1930-10-31';
      e.dispatchEvent(new Event('input'));
    });
    const items = await page.$$eval('#mentions li', (l) =>
      l.map((x) => ({
        text: x.querySelector('a')?.textContent,
        hidden: x.classList.contains('period-hidden'),
        possibly: x.classList.contains('period-possibly'),
      })),
    );
    assert.deepEqual(
      items.find((i) => i.text === 'Letter 57'),
      { text: 'Letter 57', hidden: false, possibly: true },
    );
    assert.deepEqual(
      items.find((i) => i.text === 'Letter 63'),
      { text: 'Letter 63', hidden: true, possibly: false },
    );
    assert.deepEqual(errors, []);
  });

  test('every figure at the size its page shows it: never scaled down, its smallest text at least 9 px, the page not wider than the window', async (t) => {
    if (!existsSync(CHROMIUM)) {
      if (process.env.CI === 'true') assert.fail(`${CHROMIUM} is missing (CI must have it: see .ci/run)`);
      t.skip(`${CHROMIUM} is missing: apt-get install -y chromium to run this test`);
      return;
    }
    const { default: puppeteer } = await import('puppeteer-core');
    const browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    t.after(() => browser.close());
    // a site from the committed build/ with its real figures (the shared fixture has stand-ins)
    const site = join(tempDir('figures-site'), 'site');
    await writeSite({
      buildDir: BUILD,
      outDir: site,
      ontologyDir: join(ROOT, 'ontology'),
      queriesDir: join(ROOT, 'queries'),
      base: DEFAULT_BASE_IRI,
    });
    const server = await serve(site);
    t.after(() => server.close());
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 900 });
    // the pages that show a figure, and the smallest font size in each figure's SVG
    const pages: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(join(site, dir), { withFileTypes: true })) {
        const rel = dir ? `${dir}/${e.name}` : e.name;
        if (e.isDirectory()) walk(rel);
        else if (rel.endsWith('.html') && readFileSync(join(site, rel), 'utf8').includes('<figure>')) pages.push(rel);
      }
    };
    walk('');
    assert.ok(pages.length >= 30, `pages with a figure: ${pages.length}`);
    const smallest = (svgFile: string): number =>
      Math.min(
        ...[...readFileSync(svgFile, 'utf8').matchAll(/font-size(?:="|:\s*)([\d.]+)px/g)].map((m) => Number(m[1])),
      );
    for (const rel of pages) {
      await page.goto(`${server.url}/${rel}`, { waitUntil: 'load' });
      const shown = await page.$$eval('figure img', (imgs) =>
        imgs.map((i) => ({
          src: (i as HTMLImageElement).getAttribute('src')!,
          natural: (i as HTMLImageElement).naturalWidth,
          width: i.getBoundingClientRect().width,
        })),
      );
      assert.ok(shown.length > 0, rel);
      for (const f of shown) {
        assert.ok(f.natural > 0, `${rel}: ${f.src} did not load`);
        const scale = f.width / f.natural;
        assert.ok(scale > 0.99, `${rel}: ${f.src} is shown at ${(100 * scale).toFixed(0)} % of its size`);
        const svg = join(site, rel.split('/').slice(0, -1).join('/'), f.src);
        assert.ok(smallest(svg) * scale >= 9, `${rel}: ${f.src} has text of ${smallest(svg)} px`);
      }
      // a wide figure scrolls inside its frame; the page itself is never wider than the window
      assert.ok(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        `${rel} is wider than the window`,
      );
    }

    // a person's timeline under the period filter: the time outside the period is veiled, and the veils' edges fall
    // on the days the SVG's own axis ticks give (Amas: ticks at 1 July, 1 August and 1 September 1930)
    const svgText = readFileSync(join(site, 'figures/timeline/amas.svg'), 'utf8');
    const plotLeft = Number(/<g fill="none"[^>]*transform="translate\(([\d.]+),/.exec(svgText)![1]);
    const tick = (label: string): number =>
      plotLeft + Number(new RegExp(`translate\\(([\\d.]+),7\\)[^>]*>${label}<`).exec(svgText)![1]);
    await page.goto(`${server.url}/person/amas.html`, { waitUntil: 'load' });
    const setPeriod = async (from: string, to: string): Promise<void> => {
      await page.$eval(
        '.block-figure form.period input[name=from]',
        (e, v) => {
          (e as unknown as { value: string }).value = v;
        },
        from,
      );
      await page.$eval(
        '.block-figure form.period input[name=to]',
        (e, v) => {
          (e as unknown as { value: string }).value = v;
          e.dispatchEvent(new Event('input'));
        },
        to,
      );
    };
    // 1 August to 31 August: veiled before the August tick and from the September tick on
    await setPeriod('1930-08-01', '1930-08-31');
    const veils = await page.$eval('.block-figure .axis-frame', (f) => {
      const img = f.querySelector('img')!.getBoundingClientRect();
      const box = (c: string) => {
        const v = f.querySelector(`.outside-period.${c}`) as HTMLElement;
        const r = v.getBoundingClientRect();
        return { hidden: v.hidden, left: r.left - img.left, right: r.right - img.left };
      };
      return {
        before: box('before'),
        after: box('after'),
        text: f.closest('section')!.querySelector('output')!.textContent,
      };
    });
    assert.equal(veils.before.hidden, false);
    assert.ok(
      Math.abs(veils.before.right - tick('Aug 1930')) < 1.5,
      `before ends at ${veils.before.right}, not ${tick('Aug 1930')}`,
    );
    assert.ok(Math.abs(veils.before.left - plotLeft) < 1.5);
    assert.ok(
      Math.abs(veils.after.left - tick('Sep 1930')) < 1.5,
      `after starts at ${veils.after.left}, not ${tick('Sep 1930')}`,
    );
    assert.equal(veils.text, 'the time outside the period is shaded');
    // no period: no veil
    await setPeriod('', '');
    assert.deepEqual(
      await page.$$eval('.block-figure .outside-period', (vs) => vs.map((v) => (v as HTMLElement).hidden)),
      [true, true],
    );
  });
});

describe('dates at their precision on the pages (issue 32)', () => {
  test("an office's bounds as the sources give them: a year as a year, not its first day", () => {
    const row = (page: string, post: string): string =>
      new RegExp(`<tr [^>]*><td><a href="../post/${post}.html">[\\s\\S]*?</tr>`).exec(
        readFileSync(join(fx!.site, page), 'utf8'),
      )![0];
    // "In 1929, Tomskii was appointed chairman" (L63 n1), relieved on 6 September 1930
    assert.match(
      row('person/tomskii.html', 'chairman-chemical-industry-association'),
      /<td>1929<\/td><td>1930-09-06<\/td>/,
    );
    // "from 1930 to 1934" (L57 n5)
    assert.match(row('person/bogdanov.html', 'director-amtorg'), /<td>1930<\/td><td>1934<\/td>/);
    // the post's holders say it the same way
    assert.match(
      readFileSync(join(fx!.site, 'post/director-amtorg.html'), 'utf8'),
      /Bogdanov<\/a> — from 1930 until 1934 · /,
    );
  });
});
