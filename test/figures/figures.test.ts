// Figures: golden SVGs and specs, byte-identical across runs and time zones; their inputs checked against the saved
// queries they come from (run by Comunica over the whole dump, not the engine and subset the figures use) and
// against the model; the layout rules (faded ends, no overlapping labels, text alternatives); the CLI; and a
// screenshot in headless Chromium of a person page with its timeline, looked at for non-blank rendering.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runComunica } from '../../src/query/comunica.js';
import type { Row } from '../../src/query/results.js';
import { escapeXml, renderAll, renderSvg } from '../../src/figures/render.js';
import { box, overlaps } from '../../src/figures/network.js';
import { resolutionsFigure, type BodyMonth } from '../../src/figures/overview.js';
import { footprint, unionFootprint } from '../../src/query/footprint.js';
import { loadSavedQuery } from '../../src/query/saved.js';
import { runBuild } from '../../src/pipeline/build.js';
import { main } from '../../src/cli/main.js';
import { BIN, CORPUS, ROOT, captureIo } from '../helpers.js';
import { BASE, boundQuery, queryData } from '../query-data.js';
import { GOLDEN_FIGURES, builtFigures, goldenFiles } from '../figures-data.js';

const ON_CI = process.env.CI === 'true';
const CHROMIUM = '/usr/bin/chromium';

async function rows(name: string, params: string[] = []): Promise<Row[]> {
  const { store } = await queryData();
  const r = await runComunica(boundQuery(name, params), { type: 'store', store });
  assert.equal(r.kind, 'select');
  return r.kind === 'select' ? r.rows : [];
}
const v = (r: Row, k: string): string | undefined => r[k]?.value;
/** Number of items (each with its own <title>) in the SVG mark group named `<mark>_marks`. */
const marksIn = (svg: string, mark: string): number => {
  const rest = svg.split(`role-mark ${mark}_marks"`)[1];
  assert.ok(rest !== undefined, `no mark group ${mark}_marks`);
  if (rest.slice(0, rest.indexOf('>') + 1).endsWith('/>')) return 0; // an empty group closes itself
  return rest.split('</g>')[0]!.split('<title>').length - 1;
};
/** As marksIn, summed over the panels of a figure (the mark groups `<mark>_marks`, `<mark>_2_marks` …). */
const marksAll = (svg: string, mark: string): number =>
  [...new Set([...svg.matchAll(new RegExp(`role-mark (${mark}(?:_\\d+)?)_marks"`, 'g'))].map((m) => m[1]!))].reduce(
    (n, group) => n + marksIn(svg, group),
    0,
  );
const spec = async (name: string) => (await builtFigures()).figures.find((f) => f.name === name)!;
const svgOf = async (name: string): Promise<string> => (await builtFigures()).files.get(`${name}.svg`)!;

test('golden figures: the SVGs and specs are byte for byte the files in test/golden/figures', async () => {
  const { files } = await builtFigures();
  for (const rel of goldenFiles()) {
    assert.ok(files.has(rel), `${rel} was not drawn`);
    assert.equal(
      files.get(rel),
      readFileSync(join(GOLDEN_FIGURES, rel), 'utf8'),
      `${rel} changed; if that is right, look at it and run npm run golden:figures`,
    );
  }
});

test("file names: the overviews, one timeline per person with a change of office (named by the IRI's last segment), each with its spec", async () => {
  const { files } = await builtFigures();
  for (const n of ['letters', 'proposals', 'resolutions-by-body-month', 'co-mentions']) {
    assert.ok(files.has(`${n}.svg`) && files.has(`${n}.vl.json`), n);
  }
  const persons = new Set((await rows('changes-of-office')).map((r) => v(r, 'person')!.split('/').pop()!));
  const timelines = [...files.keys()]
    .filter((f) => f.startsWith('timeline/') && f.endsWith('.svg'))
    .map((f) => f.slice(9, -4));
  assert.deepEqual(timelines.sort(), [...persons].sort());
  assert.ok(timelines.includes('piatakov') && timelines.includes('rozengolts'));
  assert.equal(files.size, 2 * (4 + persons.size));
});

test("deterministic: a second rendering in the same process gives the same bytes, and each timeline's own spec draws what the shared template draws", async () => {
  const { files, figures } = await builtFigures();
  const again = await renderAll(figures);
  figures.forEach((f, i) => assert.equal(again[i], files.get(`${f.name}.svg`), f.name));
  for (const name of ['timeline/piatakov', 'timeline/amas', 'timeline/kosior-iosif']) {
    const f = await spec(name);
    assert.ok(f.template, `${name} has a template`);
    // the written .vl.json (data inline) rendered on its own
    assert.equal(
      await renderSvg({ ...f, spec: JSON.parse(files.get(`${name}.vl.json`)!) as Record<string, unknown> }),
      files.get(`${name}.svg`),
      name,
    );
  }
});

test('deterministic across processes and time zones: the figures command in New York and in Tokyo writes build/figures byte for byte', (t) => {
  const dirs = ['America/New_York', 'Asia/Tokyo'].map((tz) => {
    const out = mkdtempSync(join(tmpdir(), 'sl-fig-tz-'));
    t.after(() => rmSync(out, { recursive: true, force: true }));
    const r = spawnSync(process.execPath, [BIN, 'figures', '--quiet', '--out', out], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TZ: tz },
    });
    assert.equal(r.status, 0, r.stderr);
    return out;
  });
  const list = (d: string): string[] => readdirSync(d, { recursive: true, encoding: 'utf8' }).sort();
  const committed = join(ROOT, 'build/figures');
  for (const d of dirs) {
    assert.deepEqual(list(d), list(committed));
    for (const f of list(d).filter((x) => x.includes('.')))
      assert.ok(readFileSync(join(d, f)).equals(readFileSync(join(committed, f))), f);
  }
});

test('timeline inputs: bars are the offices held (offices-held query and the model), marks the changes of the career query', async () => {
  const built = await runBuild({ corpusDir: CORPUS, outDir: '/nonexistent', base: BASE, write: false });
  const model = built.dataset!;
  const { figures } = await builtFigures();
  const allOffices = await rows('offices-held');
  const allChanges = await rows('changes-of-office');
  for (const f of figures.filter((x) => x.name.startsWith('timeline/'))) {
    const person = f.name.slice(9);
    const offices = allOffices.filter((r) => v(r, 'person') === `${BASE}person/${person}`);
    const officeIds = new Set(offices.map((r) => v(r, 'office')));
    const data = f.template!.data;
    const pieces = [...data.solid!, ...data.fadeIn!, ...data.fadeOut!] as { title: string; row: string }[];
    const barRows = new Set(pieces.map((p) => p.row));
    assert.equal(barRows.size, officeIds.size, `${person}: one bar row per office held`);
    assert.equal(
      officeIds.size,
      model.offices.filter((o) => o.holder === person).length,
      `${person}: the query and the model agree`,
    );
    // the career query for the two persons of the issue (it takes one person at a time), the changes query for all
    const career = ['piatakov', 'rozengolts'].includes(person)
      ? await rows('career', [`person=${person}`])
      : allChanges.filter((r) => v(r, 'person') === `${BASE}person/${person}`).map((r) => ({ ...r, date: r.earliest }));
    const marks = [...data.intervals!, ...data.days!] as { change: string }[];
    const dated = new Set(career.filter((r) => v(r, 'date')).map((r) => v(r, 'change')));
    assert.deepEqual(new Set(marks.map((m) => m.change)), dated, `${person}: one mark per dated change of office`);
    // every mark's title (its tooltip) names the letter of its source; the SVG carries it as the mark's <title>
    const svg = await svgOf(f.name);
    for (const r of career)
      assert.match(
        f.description,
        new RegExp(`letter ${v(r, 'letter')}`),
        `${person}: description names letter ${v(r, 'letter')}`,
      );
    for (const m of marks as unknown as { title: string }[]) {
      assert.match(m.title, /source: letter [\w-]+(, note \d+| \(its text\))/);
      assert.ok(svg.includes(`<title>${escapeXml(m.title)}</title>`), `${person}: mark title in the SVG`);
    }
  }
  const piatakov = (await spec('timeline/piatakov')).template!.data;
  assert.equal(
    new Set([...piatakov.solid!, ...piatakov.fadeIn!, ...piatakov.fadeOut!].map((p) => (p as { row: string }).row))
      .size,
    2,
    'Piatakov held two offices',
  );
  // drawn: Gosbank until 15 October 1930 (faded start), the Chemical Industry Association from that day (faded end)
  const svg = await svgOf('timeline/piatakov');
  assert.equal(
    marksIn(svg, 'office_fadeIn') + marksIn(svg, 'office_fadeOut') + marksIn(svg, 'office_solid'),
    piatakov.solid!.length + piatakov.fadeIn!.length + piatakov.fadeOut!.length,
  );
  assert.equal(
    marksIn(svg, 'change_day'),
    new Set((await rows('career', ['person=piatakov'])).map((r) => v(r, 'change'))).size,
    'one mark per change, dated to the day',
  );
});

test('timeline: a change decided by two bodies names both (Bauman released by the joint plenum, letter 55, note 2)', async () => {
  const joint = (await rows('changes-of-office')).filter(
    (r) => v(r, 'change') === `${BASE}change/bauman-released-secretary-moscow-regional-committee-1930-04-22`,
  );
  assert.deepEqual(
    joint.map((r) => v(r, 'body')).sort(),
    ['Moscow Committee', 'Moscow Regional Party Committee'],
    'the query gives one row per body',
  );
  const marks = (await spec('timeline/bauman')).template!.data;
  const titles = ([...marks.intervals!, ...marks.days!] as { change: string; title: string }[])
    .filter((m) => m.change.endsWith('1930-04-22'))
    .map((m) => m.title);
  assert.deepEqual(titles, [
    'released: secretary of the Moscow Regional organization; “22 April 1930”, 22 April 1930 (to the day); by Moscow Committee and Moscow Regional Party Committee; source: letter 55, note 2',
  ]);
});

test('timeline: a bound the sources do not give is faded out to the edge of the axis, never drawn as an edge', async () => {
  const { figures } = await builtFigures();
  let open = 0;
  const all = await rows('offices-held');
  for (const f of figures.filter((x) => x.name.startsWith('timeline/'))) {
    const p = f.template!.params as { xmin: number; xmax: number };
    const offices = all.filter((r) => v(r, 'person') === `${BASE}person/${f.name.slice(9)}`);
    const data = f.template!.data;
    type Piece = { row: string; start: number; end: number; title: string };
    for (const o of offices) {
      const label = v(o, 'postLabel')!;
      const mine = (k: string): Piece[] => (data[k] as Piece[]).filter((x) => x.title.startsWith(label));
      if (!v(o, 'until')) {
        open++;
        assert.ok(
          mine('fadeOut').some((x) => x.end === p.xmax),
          `${f.name}: ${label} has no end, so it fades out to the axis end`,
        );
        assert.ok(
          mine('solid').every((x) => x.end < p.xmax),
          `${f.name}: no solid bar runs to the axis end`,
        );
      }
      if (!v(o, 'from'))
        assert.ok(
          mine('fadeIn').some((x) => x.start === p.xmin),
          `${f.name}: ${label} has no start, so it fades in from the axis start`,
        );
    }
  }
  assert.ok(open > 5, 'several offices without an end');
  const svg = await svgOf('timeline/piatakov');
  assert.match(
    svg,
    /<linearGradient id="timeline-piatakov-\d+"/,
    'the faded ends are gradients with ids of this figure',
  );
});

test("letters: every letter on its year's axis, a dot where it is dated to the day, a line over its interval otherwise", async () => {
  const letters = await rows('export-letters');
  const f = await spec('letters');
  const data = (f.spec.data as { values: { day: boolean; start: number; end: number }[] }).values;
  assert.equal(data.length, letters.length);
  assert.equal(
    data.filter((d) => d.day).length,
    letters.filter((r) => v(r, 'earliest') && v(r, 'earliest') === v(r, 'latest')).length,
  );
  const svg = await svgOf('letters');
  assert.equal(
    marksAll(svg, 'letter_day') + marksAll(svg, 'letter_interval') + marksAll(svg, 'letter_open'),
    letters.length,
    'one drawn mark per letter',
  );
  assert.equal(
    marksAll(svg, 'letter_open'),
    letters.filter((r) => !v(r, 'earliest') || !v(r, 'latest')).length,
    'a letter with one bound is drawn open',
  );
  assert.equal(marksAll(svg, 'letter_day'), data.filter((d) => d.day).length);
  // one panel per year (issue 32): a letter open at one end runs to the edge of its own year's axis, not to 1932
  const panels = (f.spec as { vconcat: { title: { text: string } }[] }).vconcat;
  assert.deepEqual(
    panels.map((p) => p.title.text),
    ['Letters of 1930', 'The letter of 1932'],
  );
  for (const d of (f.spec.data as { values: { panel: string; start: number; end: number }[] }).values)
    for (const t of [d.start, d.end])
      assert.equal(new Date(t).getUTCFullYear(), Number(d.panel.slice(-4)), `${JSON.stringify(d)} leaves its year`);
});

test("proposals: one row per proposal, coloured by outcome, the decision at the letter's latest day plus the lag", async () => {
  const q = await rows('proposals');
  const f = await spec('proposals');
  const data = (
    f.spec.data as { values: { outcome: string; lag: string; decided: number | null; letterEnd: number }[] }
  ).values;
  assert.equal(data.length, new Set(q.map((r) => v(r, 'proposal'))).size);
  assert.equal(
    data.filter((d) => d.decided !== null).length,
    new Set(q.filter((r) => v(r, 'lagDays') || v(r, 'lagDaysMax')).map((r) => v(r, 'proposal'))).size,
  );
  for (const d of data.filter(
    (x) => x.decided !== null && !x.lag.includes('–') && !x.lag.startsWith('at most') && !x.lag.startsWith('at least'),
  )) {
    const days = Math.round((d.decided! - d.letterEnd) / 86_400_000);
    assert.equal(d.lag, `${days} ${days === 1 ? 'day' : 'days'}`);
  }
  assert.deepEqual(
    [...new Set(data.map((d) => d.outcome))].sort(),
    [...new Set(q.map((r) => v(r, 'outcome')!))].sort(),
  );
  const svg = await svgOf('proposals');
  assert.match(svg, />35–55 days</, 'a lag over an uncertain letter date shows both ends');
  assert.match(svg, />at most 15 days</, 'a letter with no latest day: the lag is only bounded above');
  assert.match(svg, />52 days</, "Piatakov's removal from Gosbank: 52 days after letter 60");
  assert.match(svg, />at least 76 days</, 'letter 67 has no earliest day: only a minimum lag is known (Bogolepov)');
  // rows in the order of the letters: numbers ascending, the unnumbered 1932 letter last
  const labels = (f.spec.data as { values: { label: string }[] }).values.map(
    (d) => /^\d+\. (L(\d+)|\d{4}-\d{2}-\d{2}):/.exec(d.label)!,
  );
  const numbers = labels.map((m) => (m[2] ? Number(m[2]) : Infinity));
  assert.deepEqual(
    numbers,
    [...numbers].sort((a, b) => a - b),
  );
  assert.equal(numbers.at(-1), Infinity);
  // one panel per year of letters, each on a time axis of its own (issue 28: 1930 and 1932 on one axis left the
  // 1932 rows at the far edge)
  const panels = (
    f.spec as {
      vconcat: {
        title: { text: string };
        layer: { encoding: { x: { scale?: { domainMin: number; domainMax: number } } } }[];
      }[];
    }
  ).vconcat;
  assert.deepEqual(
    panels.map((p) => p.title.text),
    ['Letters of 1930 to Molotov', 'The letter of 1932 to Kaganovich'],
  );
  for (const p of panels) {
    const { domainMin, domainMax } = p.layer[0]!.encoding.x.scale!;
    const year = p.title.text.match(/\d{4}/)![0];
    assert.equal(new Date(domainMin + 20 * 86_400_000).toISOString().slice(0, 4), year, p.title.text);
    assert.ok(domainMax - domainMin < 366 * 86_400_000, `${p.title.text}: the axis spans less than a year`);
  }
  // labels are whole in the SVG: any "…" is shorten()'s at a word boundary, never Vega's label limit mid-word
  for (const l of (f.spec.data as { values: { label: string }[] }).values.map((d) => d.label))
    assert.ok(svg.includes(`>${l.replace(/&/g, '&amp;')}<`), `label cut: ${l}`);
});

test("resolutions per body and month: the counts are the query's counts", async () => {
  const q = await rows('resolutions-by-body-month');
  const cells = (await spec('resolutions-by-body-month')).spec.data as {
    values: { body: string; month: string; count: number }[];
  };
  const expected = new Map(q.map((r) => [`${v(r, 'body')} ${v(r, 'month')}`, Number(v(r, 'resolutions'))]));
  assert.deepEqual(new Map(cells.values.map((c) => [`${c.body} ${c.month}`, c.count])), expected);
  assert.ok((await builtFigures()).figures.length > 4);
});

test('resolutions per body and month: beyond ten bodies, the nine with most resolutions by name and the rest as one series, drawn without a warning', async () => {
  // 40 bodies: more than Vega's symbol legend shows (30) and than tableau10 tells apart; body k has 40 - k
  // resolutions in 1930-01 and, for every third body, one in 1930-02
  const cells: BodyMonth[] = [];
  const name = (k: number): string => `Body ${String(k).padStart(2, '0')}`;
  for (let k = 0; k < 40; k++) {
    cells.push({ body: name(k), month: '1930-01', count: 40 - k, queryCount: 40 - k, resolutions: [] });
    if (k % 3 === 0) cells.push({ body: name(k), month: '1930-02', count: 1, queryCount: 1, resolutions: [] });
  }
  cells.sort((a, b) => a.month.localeCompare(b.month) || a.body.localeCompare(b.body));
  const f = resolutionsFigure(cells);
  const svg = await renderSvg(f); // throws on any Vega warning (render.ts)
  const legend = [...svg.matchAll(/role-legend-label"[^>]*><text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  const named = Array.from({ length: 9 }, (_, k) => name(k));
  assert.deepEqual(legend, [...named, 'other bodies (31)']);
  const fills = [...svg.matchAll(/role-legend-symbol"[^>]*><path [^>]*fill="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(fills).size, 10, 'ten colours told apart');
  const values = (f.spec.data as { values: { body: string; month: string; count: number; title: string }[] }).values;
  const others = values.filter((v) => v.body === 'other bodies (31)');
  assert.deepEqual(
    others.map((v) => [v.month, v.count]),
    [
      ['1930-01', Array.from({ length: 31 }, (_, i) => 31 - i).reduce((a, b) => a + b)],
      ['1930-02', 11], // bodies 9, 12, …, 39
    ],
  );
  assert.equal(
    others[1]!.title,
    `other bodies (31), 1930-02: 11 resolutions (${[9, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39].map((k) => `${name(k)} 1`).join(', ')})`,
  );
  // every bar's tooltip is drawn as its <title>; the totals per month are kept
  assert.ok(svg.includes(`<title>${escapeXml(others[0]!.title)}</title>`));
  for (const month of ['1930-01', '1930-02'])
    assert.equal(
      values.filter((v) => v.month === month).reduce((n, v) => n + v.count, 0),
      cells.filter((c) => c.month === month).reduce((n, c) => n + c.count, 0),
    );
  // the text alternative still names every body with its counts
  for (let k = 0; k < 40; k++)
    assert.ok(f.description.includes(`${name(k)} ${40 - k + (k % 3 === 0 ? 1 : 0)} (1930-01: ${40 - k}`), name(k));
  // ten bodies or fewer: each by name, no "other" series
  const ten = resolutionsFigure(cells.filter((c) => Number(c.body.slice(5)) < 10));
  assert.deepEqual(
    (ten.spec.encoding as { color: { sort: string[] } }).color.sort,
    Array.from({ length: 10 }, (_, k) => name(k)),
  );
});

test('co-mentions: nodes sized by mentions, edges weighted by the co-mentions query, labels and circles never overlap', async () => {
  const pairs = await rows('co-mentions');
  const net = (await builtFigures()).inputs.network;
  const expected = new Map(pairs.map((r) => [`${v(r, 'person1')} ${v(r, 'person2')}`, Number(v(r, 'texts'))]));
  assert.deepEqual(new Map(net.edges.map((e) => [`${e.a} ${e.b}`, e.texts])), expected);
  const mentions = new Map<string, number>();
  for (const r of await rows('persons-per-letter'))
    mentions.set(v(r, 'person')!, (mentions.get(v(r, 'person')!) ?? 0) + Number(v(r, 'mentions')));
  for (const n of net.nodes) assert.equal(n.mentions, mentions.get(n.id), n.label);
  for (let i = 0; i < net.nodes.length; i++) {
    for (let j = i + 1; j < net.nodes.length; j++)
      assert.ok(!overlaps(net.nodes[i]!, net.nodes[j]!), `${net.nodes[i]!.label} and ${net.nodes[j]!.label} overlap`);
    const b = box(net.nodes[i]!);
    assert.ok(b.x0 >= 0 && b.x1 <= 760 && b.y0 >= 0 && b.y1 <= 560, `${net.nodes[i]!.label} inside the drawing`);
  }
  const big = [...net.nodes].sort((a, b) => b.mentions - a.mentions);
  assert.ok(big[0]!.r > big[big.length - 1]!.r, 'circles differ in size with mentions');
});

test('every figure has a title, a text alternative and, where it has axes, axis titles with units', async () => {
  const { files, figures } = await builtFigures();
  for (const f of figures) {
    const svg = files.get(`${f.name}.svg`)!;
    const m = /^<svg role="img" [^>]*><title>([^<]+)<\/title><desc>([^<]{40,})<\/desc>/.exec(svg);
    assert.ok(m, `${f.name}: <title> and <desc> open the SVG`);
    assert.equal(m[1], escapeXml(f.title));
    assert.ok(svg.includes(`>${escapeXml(f.title)}</text>`), `${f.name}: the title is drawn`);
    if (f.name !== 'co-mentions')
      assert.match(
        svg,
        /role-axis-title[^>]*>(<[^>]+>)*[^<]*\((month ticks, UTC calendar|count|year-month)\)/,
        `${f.name}: an axis title with its unit`,
      );
  }
  assert.match(await svgOf('co-mentions'), />Mentions \(count\)</);
});

test("inputs: the figures load what the union of their queries' footprints can match (the footprint `query` uses)", async () => {
  const preds = footprint(loadSavedQuery('offices-held').parsed)!.predicates;
  assert.ok(
    preds.has('https://w3id.org/stalin-letters/ontology#startEvent') &&
      preds.has('https://w3id.org/stalin-letters/ontology#footnoteNumber'),
    'paths and alternatives are read',
  );
  const T = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
  const a = { predicates: new Set(['p', T]), classes: new Set(['C']) };
  const b = { predicates: new Set(['q']), classes: new Set<string>() };
  assert.deepEqual(unionFootprint([a, b]), { predicates: new Set(['p', T, 'q']), classes: new Set(['C']) });
  assert.deepEqual(
    unionFootprint([a, { predicates: new Set([T]), classes: new Set<string>() }]).classes,
    new Set(),
    'a query reading any class widens the union to every class',
  );
});

test('CLI: figures writes into --out and replaces it as a whole; a missing dump is one line and exit 1', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-fig-cli-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'figs');
  writeFileSync(join(dir, 'stale.txt'), '');
  const io = captureIo();
  assert.equal(await main(['figures', '--out', out], io), 0, io.stderr);
  assert.match(io.stdout, /^figures: \d+ \(\d+ career timelines\) → /);
  assert.ok(existsSync(join(out, 'timeline/piatakov.svg')) && existsSync(join(out, 'timeline/piatakov.vl.json')));
  writeFileSync(join(out, 'timeline/left-over.svg'), '');
  assert.equal(await main(['figures', '--quiet', '--out', out], captureIo()), 0);
  assert.ok(!existsSync(join(out, 'timeline/left-over.svg')), 'a figure no longer drawn leaves no file');
  const bad = captureIo();
  assert.equal(await main(['figures', '--source', join(dir, 'none.nt'), '--out', out], bad), 1);
  assert.match(bad.stderr, /^error: cannot read .*none\.nt; run `stalin-letters-lod build` first/);
  assert.equal(bad.stderr.split('\n').length, 2);
  assert.ok(existsSync(join(out, 'timeline/piatakov.svg')), 'a failed run leaves the figures as they were');
});

test('screenshot: a person page embedding the timeline renders it, not blank, in headless Chromium', async (t) => {
  if (!existsSync(CHROMIUM)) {
    if (ON_CI) assert.fail(`${CHROMIUM} is missing (CI must have it: see .ci/run)`);
    t.skip(`${CHROMIUM} is missing: apt-get install -y chromium to run this test`);
    return;
  }
  const puppeteer = (await import('puppeteer-core')).default;
  const profile = mkdtempSync(join(tmpdir(), 'sl-fig-chromium-'));
  t.after(() => rmSync(profile, { recursive: true, force: true }));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 600 });
    const svg = await svgOf('timeline/piatakov');
    await page.setContent(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Piatakov</title></head><body><h1>Piatakov</h1><figure id="career">${svg}<figcaption>Career</figcaption></figure></body></html>`,
    );
    const figure = await page.$('#career svg');
    assert.ok(figure, 'the timeline is on the page');
    const png = await figure.screenshot({ encoding: 'base64' });
    // the screenshot's pixels, read back through a canvas on a blank page: their spread says something was drawn
    const blank = await browser.newPage();
    const stats = await blank.evaluate(async (data: string) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      let sum = 0;
      let sq = 0;
      let dark = 0;
      let blue = 0;
      const n = px.length / 4;
      for (let i = 0; i < px.length; i += 4) {
        const l = 0.299 * px[i]! + 0.587 * px[i + 1]! + 0.114 * px[i + 2]!;
        sum += l;
        sq += l * l;
        if (l < 100) dark++;
        if (px[i + 2]! > px[i]! + 40) blue++;
      }
      return { width: c.width, height: c.height, variance: sq / n - (sum / n) ** 2, dark: dark / n, blue: blue / n };
    }, png as string);
    assert.ok(stats.width > 500 && stats.height > 100, `figure area ${stats.width}×${stats.height}`);
    assert.ok(stats.variance > 200, `pixel variance ${stats.variance.toFixed(1)}: the figure looks blank`);
    assert.ok(stats.dark > 0.005, 'text and axes are drawn');
    assert.ok(stats.blue > 0.01, 'the office bars are drawn');
  } finally {
    await browser.close();
  }
});
