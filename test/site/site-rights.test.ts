// Rights on every page: the footer of every page of a site says what its dataset page says (dcterms:license and
// dcterms:rights of the dataset, one source: profile.ts's rightsStatement), for the full profile (build/, with the
// copyrighted texts: not openly licensed) and for the open profile (CC BY 4.0).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runBuild } from '../../src/pipeline/build.js';
import { writeSite } from '../../src/site/site.js';
import { rightsStatement } from '../../src/publish/profile.js';
import { signpostsInHtml } from '../../src/site/signposting.js';
import { DEFAULT_BASE_IRI } from '../../src/rdf/vocab.js';
import { CORPUS, ROOT, tempDir } from '../helpers.js';
import { makeSite, type SiteFixture } from '../site-fixture.js';

const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';
const decode = (s: string): string =>
  s
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}
/** The footer's rights paragraph: the licence link (if any) and the statement. */
function footer(html: string): { licence?: string; text: string } {
  const m = /<footer>[\s\S]*?<p class="rights">([\s\S]*?)<\/p>[\s\S]*?<\/footer>/.exec(html);
  assert.ok(m, 'no rights paragraph in the footer');
  return { licence: /rel="license" href="([^"]+)"/.exec(m[1]!)?.[1], text: decode(m[1]!.replace(/<[^>]+>/g, '')) };
}
/** The dataset page's Licence and Rights rows. */
function datasetRights(html: string): { licence?: string; rights: string } {
  const row = (label: string): string | undefined =>
    new RegExp(`<dt>${label}</dt><dd>([\\s\\S]*?)</dd>`).exec(html)?.[1];
  const lic = row('Licence');
  return {
    licence: lic ? /href="([^"]+)"/.exec(lic)?.[1] : undefined,
    rights: decode((row('Rights') ?? '').replace(/<[^>]+>/g, '')),
  };
}

let full: SiteFixture;
let openSite: string;
let editions: Parameters<typeof rightsStatement>[1];
before(async () => {
  full = await makeSite(false);
  const dir = tempDir('site-rights');
  const r = await runBuild({ corpusDir: CORPUS, outDir: join(dir, 'build'), base: DEFAULT_BASE_IRI, profile: 'open' });
  assert.deepEqual(r.problems, []);
  editions = r.dataset!.editions;
  openSite = join(dir, 'site');
  await writeSite({
    buildDir: join(dir, 'build'),
    outDir: openSite,
    ontologyDir: join(ROOT, 'ontology'),
    queriesDir: join(ROOT, 'queries'),
    base: DEFAULT_BASE_IRI,
    publicUrl: DEFAULT_BASE_IRI,
  });
});
after(() => full?.remove());

for (const profile of ['full', 'open'] as const) {
  test(`${profile} profile: every page's footer states the dataset page's licence and rights`, () => {
    const site = profile === 'full' ? full.site : openSite;
    const ds = datasetRights(readFileSync(join(site, 'dataset.html'), 'utf8'));
    assert.equal(ds.rights, rightsStatement(profile, editions));
    assert.equal(ds.licence, profile === 'open' ? CC_BY : undefined);
    const pages = htmlFiles(site);
    const unfooted: string[] = [];
    assert.ok(pages.length > 300, `${pages.length} pages`);
    for (const p of pages) {
      const html = readFileSync(join(site, p), 'utf8');
      if (!html.includes('<footer>')) {
        unfooted.push(p);
        continue;
      }
      const f = footer(html);
      assert.equal(f.licence, ds.licence, `${p}: footer licence`);
      assert.ok(f.text.includes(ds.rights), `${p}: footer does not state the dataset's rights`);
      // and the FAIR Signposting license link of the page's head
      assert.equal(
        signpostsInHtml(html).find((l) => l.rel === 'license')?.href,
        ds.licence,
        `${p}: <link rel="license">`,
      );
    }
    // only pages not made from the layout (the SPARQL editor is served by `serve`, not written)
    assert.deepEqual(unfooted, []);
  });
}

for (const profile of ['full', 'open'] as const) {
  test(`${profile} profile: the landing page's schema.org Dataset states the profile's licence, on each download too`, () => {
    const site = profile === 'full' ? full.site : openSite;
    const html = readFileSync(join(site, 'dataset.html'), 'utf8');
    const node = [...html.matchAll(/<script type="application\/ld\+json">\n([\s\S]*?)\n<\/script>/g)]
      .map((m) => JSON.parse(m[1]!) as Record<string, unknown>)
      .find((b) => b['@type'] === 'Dataset')!;
    const ds = datasetRights(html);
    assert.equal(node.license, ds.licence);
    const licences = Object.fromEntries(
      (node.distribution as { contentUrl: string; license?: string }[]).map((d) => [
        d.contentUrl.slice(DEFAULT_BASE_IRI.length),
        d.license,
      ]),
    );
    // the dumps carry the profile's licence; the Wikidata view is CC0 and CMIF CC BY in both (void.ttl)
    for (const f of ['stalin-letters.ttl', 'stalin-letters.jsonld', 'stalin-letters.nt'])
      assert.equal(licences[f], ds.licence, f);
    assert.equal(licences['stalin-letters-wikidata.nt'], 'http://creativecommons.org/publicdomain/zero/1.0/');
    assert.equal(licences['cmif.xml'], CC_BY);
  });
}
