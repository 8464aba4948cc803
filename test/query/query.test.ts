// Saved queries: they load, give the expected results for the shipped corpus on the default engine, give the same
// multiset of rows on the other engine, and answer what the letters' notes say. The federated ones (wikidata-*)
// run against the made-up fixture endpoint (test/sparql-endpoint.ts) on 127.0.0.1, never against Wikidata.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QueryResult, Row } from '../../src/query/results.js';
import { runComunica } from '../../src/query/comunica.js';
import { runLocal } from '../../src/query/local.js';
import { canonicalRows, oxigraphStore, projectedVariables } from '../../src/query/oxigraph.js';
import { loadAllSavedQueries } from '../../src/query/saved.js';
import { main } from '../../src/cli/main.js';
import { captureIo, tempDir } from '../helpers.js';
import { assertEveryChangeIsCaught, mismatches } from '../expected.js';
import { BASE, EXPECTED_QUERIES, defaultRun, expectedFile, prepared, queryData } from '../query-data.js';
import { WIKIDATA_FIXTURE, startSparqlEndpoint, type TestServer } from '../sparql-endpoint.js';

const saved = loadAllSavedQueries();

let endpoint: TestServer;
before(async () => {
  endpoint = await startSparqlEndpoint();
});
after(() => endpoint.close());

/** On the default engine (Oxigraph for the local queries). */
const run = async (name: string, params: string[] = []): Promise<QueryResult> => defaultRun(name, endpoint.url, params);

/** On Comunica, over the dataset (and the fixture endpoint for a federated query). */
async function runOnComunica(name: string): Promise<QueryResult> {
  const p = prepared(name);
  const { store } = await queryData();
  const variables = projectedVariables(p.query.parsed);
  return runComunica(
    p.sparql,
    [{ type: 'store', store }, ...(p.query.sources.length ? [{ type: 'endpoint' as const, url: endpoint.url }] : [])],
    variables.length ? { variables } : {},
  );
}

/** On Oxigraph; for a federated query over one store holding the dataset and the fixture graph together. */
let union: ReturnType<typeof oxigraphStore> | undefined;
async function runOnOxigraph(name: string): Promise<QueryResult> {
  const p = prepared(name);
  const d = await queryData();
  if (!p.query.sources.length) return runLocal(d.oxigraph, p);
  union ??= oxigraphStore(d.ntriples, { text: readFileSync(WIKIDATA_FIXTURE, 'utf8'), format: 'text/turtle' });
  return runLocal(await union, p);
}

async function rows(name: string, params: string[] = []): Promise<Row[]> {
  const r = await run(name, params);
  assert.equal(r.kind, 'select');
  return r.kind === 'select' ? r.rows : [];
}

const v = (r: Row, k: string): string | undefined => r[k]?.value;

test('every saved query has a title, and a SELECT returns exactly its declared columns', () => {
  assert.ok(saved.length >= 16, `only ${saved.length} saved queries`);
  for (const q of saved) {
    // a shipped query names itself (a file of one's own may leave the header out: then its title is its name)
    assert.match(q.text, /^# @title \S/m, `${q.name} has no "# @title" line`);
    if (q.parsed.type === 'query' && q.parsed.queryType === 'SELECT') {
      assert.deepEqual(projectedVariables(q.parsed), q.columns, `${q.name}: @columns differ from the SELECT clause`);
    }
  }
});

/** Results of every saved query, as the expected-results files write them (filled by the tests below, in order). */
const results = new Map<string, string>();
const QUERIES_UPDATE = 'npm run golden:queries';

for (const q of saved) {
  const federated = q.sources.length > 0;
  test(`${q.name}: expected results${federated ? ' (against the fixture endpoint)' : ''}, and Oxigraph and Comunica give the same rows`, async () => {
    const result = await run(q.name);
    const { file, text } = expectedFile(q.name, result);
    results.set(file, text);
    assert.deepEqual(mismatches(EXPECTED_QUERIES, new Map([[file, text]]), QUERIES_UPDATE), []);
    const other = federated ? await runOnOxigraph(q.name) : await runOnComunica(q.name);
    assert.deepEqual(canonicalRows(other), canonicalRows(result), `Comunica and Oxigraph disagree on ${q.name}`);
    if (result.kind === 'select') assert.ok(result.rows.length > 0, `${q.name} gives no rows on the shipped corpus`);
  });
}

test('every saved SELECT with ORDER BY orders its rows completely: no two different rows tie (engines may order ties differently)', async () => {
  const ties: string[] = [];
  const key = (r: Row, vars: string[]): string =>
    JSON.stringify(
      vars.map((x) =>
        r[x]
          ? [
              r[x]!.termType,
              r[x]!.value,
              (r[x] as { datatype?: { value: string } }).datatype?.value,
              (r[x] as { language?: string }).language,
            ]
          : null,
      ),
    );
  for (const q of saved) {
    const parsed = q.parsed as { queryType?: string; order?: { expression: { termType?: string; value?: string } }[] };
    if (parsed.queryType !== 'SELECT' || !parsed.order) continue;
    const vars = parsed.order.map((o) => (o.expression.termType === 'Variable' ? o.expression.value! : undefined));
    assert.ok(
      vars.every((x) => x !== undefined),
      `${q.name}: ORDER BY by a variable only (this check compares their values)`,
    );
    const result = await run(q.name);
    if (result.kind !== 'select') continue;
    const all = q.columns;
    for (let i = 1; i < result.rows.length; i++) {
      const [a, b] = [result.rows[i - 1]!, result.rows[i]!];
      if (key(a, vars as string[]) === key(b, vars as string[]) && key(a, all) !== key(b, all)) {
        ties.push(
          `${q.name}: rows ${i} and ${i + 1} tie on ORDER BY ${(vars as string[]).map((x) => `?${x}`).join(' ')}`,
        );
        break;
      }
    }
  }
  assert.deepEqual(ties, []);
});

test('every expected-results file belongs to a saved query', () => {
  assert.deepEqual(
    readdirSync(EXPECTED_QUERIES).filter((f) => !results.has(f)),
    [],
  );
});

test('the query comparison fails on an expected-results file changed by one row, names it, and leaves it as it is', () => {
  assert.equal(results.size, saved.length, 'the expected-results tests above must run first');
  // the last row (a header-only file has its header changed)
  assertEveryChangeIsCaught(EXPECTED_QUERIES, results, QUERIES_UPDATE, (lines) => Math.max(0, lines.length - 2));
});

test("federated queries: the fixture's statements line up with our persons, deprecated and non-best-ranked ones left out", async () => {
  const positions = await rows('wikidata-positions');
  const kaganovich = positions
    .filter((r) => v(r, 'person') === 'kaganovich-lazar')
    .map((r) => [v(r, 'side'), v(r, 'positionLabel'), v(r, 'start'), v(r, 'startPrecision'), v(r, 'end')]);
  assert.deepEqual(kaganovich, [
    ['ours', 'Central Committee secretary', undefined, undefined, undefined],
    ['wikidata', 'made-up position one', '1811-04-05', '11', '1812-06-07'],
    ['wikidata', 'made-up position two', '1820-01-01', '9', undefined],
  ]);
  assert.ok(
    positions.some((r) => v(r, 'person') === 'tomskii' && v(r, 'side') === 'ours'),
    'our offices show for persons Wikidata gives no positions',
  );
  const persons = new Map((await rows('wikidata-persons')).map((r) => [v(r, 'person'), r]));
  assert.equal(
    v(persons.get('mikoian')!, 'birth'),
    '1802-03-04',
    'the best-ranked birth date, not the normal-rank one',
  );
  assert.equal(v(persons.get('mikoian')!, 'deathPrecision'), '10');
  assert.equal(v(persons.get('molotov')!, 'labelRu'), 'вымышленная метка три');
  assert.equal(v(persons.get('molotov')!, 'nameRu'), 'Молотов');
  assert.equal(persons.get('stalin')!.labelRu, undefined);
});

test("who-held: on 1930-11-01 Gosbank's chairman is Kalmanovich (letter 63, note 2); on 1930-09-01 it is Piatakov", async () => {
  const chair = async (date: string): Promise<Row[]> =>
    (await rows('who-held', [`date=${date}`])).filter((r) => v(r, 'post') === `${BASE}post/chairman-gosbank`);
  const nov = await chair('1930-11-01');
  assert.deepEqual(
    nov.map((r) => [v(r, 'personLabel'), v(r, 'from'), v(r, 'letter'), v(r, 'note')]),
    [['Kalmanovich', '1930-10-15', '63', '2']],
  );
  assert.deepEqual(
    (await chair('1930-09-01')).map((r) => v(r, 'personLabel')),
    ['Piatakov'],
  );
});

test('who-held: a tenure with one bound the sources do not give is only possibly held on the day (certainty)', async () => {
  const held = new Map(
    (await rows('who-held', ['date=1930-11-01'])).map((r) => [v(r, 'personLabel'), v(r, 'certainty')]),
  );
  assert.equal(
    held.get('Rozengolts'),
    'certainly',
    'deputy commissar of trade 1930-09-10 to 1930-11-15 (inferred end)',
  );
  assert.equal(held.get('Tumanov'), 'possibly: start not given', 'only his removal on 1930-11-25 is dated');
  assert.equal(held.get('Kalmanovich'), 'possibly: end not given');
  assert.equal(held.has('Surits'), false, 'his appointment to Berlin was reversed');
});

test('career: Rozengolts is deputy commissar of trade from 1930-09-10, then commissar of foreign trade from 1930-11-15', async () => {
  const career = (await rows('career', ['person=rozengolts'])).map((r) => [
    v(r, 'date'),
    v(r, 'type'),
    v(r, 'postLabel'),
    v(r, 'letter'),
    v(r, 'note'),
  ]);
  assert.deepEqual(
    career.filter((c) => c[1] === 'appointed'),
    [
      ['1930-09-10', 'appointed', 'deputy commissar of trade', '60', '7'],
      ['1930-11-15', 'appointed', 'commissar of foreign trade', '60', '7'],
    ],
  );
});

test('organization-changes: Piatakov leaves Gosbank on 1930-10-15, by the Central Committee (letter 63, note 2)', async () => {
  const gosbank = await rows('organization-changes', ['organization=gosbank']);
  const leaves = gosbank.filter((r) => v(r, 'personLabel') === 'Piatakov' && v(r, 'type') === 'relieved');
  assert.deepEqual(
    leaves.map((r) => [v(r, 'date'), v(r, 'body'), v(r, 'letter'), v(r, 'note')]),
    [['1930-10-15', 'Central Committee', '63', '2']],
  );
});

test('letters-in-period: a letter "[No earlier than 6 August 1930]" is only possibly in September; "[2 September 1930]" certainly', async () => {
  const sept = new Map(
    (await rows('letters-in-period', ['from=1930-09-01', 'to=1930-09-30'])).map((r) => [
      v(r, 'letter'),
      v(r, 'certainty'),
    ]),
  );
  assert.equal(sept.get('molotov-57'), 'possibly');
  assert.equal(sept.get('molotov-63'), 'certainly');
  assert.equal(sept.has('molotov-56'), false, 'letter 56 of 2 August 1930 cannot be in September');
});

test('resolutions-citing: the Gosbank resolution of 15 October 1930 cites RTsKhIDNI f. 17, op. 3, d. 800', async () => {
  const cited = await rows('resolutions-citing', ['delo=800']);
  assert.ok(
    cited.some(
      (r) =>
        v(r, 'resolution') === `${BASE}resolution/central-committee-1930-10-15-gosbank-finance` && v(r, 'note') === '2',
    ),
  );
  assert.ok(cited.every((r) => v(r, 'delo') === '800'));
});

test("entity: Rozengolts' description includes each change with its quoted evidence", async () => {
  const r = await run('entity', ['entity=person/rozengolts']);
  assert.equal(r.kind, 'graph');
  const lines = canonicalRows(r).join('\n');
  assert.match(
    lines,
    /rozengolts-appointed-commissar-foreign-trade-1930-11-15\/evidence> <https:\/\/w3id.org\/stalin-letters\/ontology#quote> "/,
  );
  assert.match(lines, /ontology#inFootnote> <https:\/\/w3id.org\/stalin-letters\/letter\/molotov-60\/note\/7>/);
});

// --- the command line ---

const EXPORT_COLUMNS: Record<string, string> = {
  'export-letters': 'letter,number,dateAsPrinted,earliest,latest,author,recipient,footnotes',
  'export-persons': 'person,label,wikidata',
  'export-appointments': 'event,person,personLabel,type,post,postLabel,date,body,letter,note',
  'export-resolutions': 'resolution,body,date,archive,fond,opis,delo,folios,letter,note',
  'export-proposals': 'proposal,letter,person,personLabel,post,outcome,decisionDate,lagDays',
};

let dumpFile: string | undefined;
async function dump(): Promise<string> {
  if (!dumpFile) {
    dumpFile = join(tempDir('query'), 'data.nt');
    writeFileSync(dumpFile, (await queryData()).ntriples);
  }
  return dumpFile;
}

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(['query', ...args], io);
  return { code, out: io.stdout, err: io.stderr };
}

test('export queries give exactly the contract columns in CSV, one row per item, sorted, with YYYY-MM-DD dates', async () => {
  const source = await dump();
  for (const [name, header] of Object.entries(EXPORT_COLUMNS)) {
    const { code, out, err } = await cli(name, '--format', 'csv', '--source', source);
    assert.equal(code, 0, err);
    const lines = out.split('\r\n');
    assert.equal(lines[0], header, `${name} columns`);
    assert.equal(lines.pop(), '', `${name}: CSV lines end in CRLF`);
    const firsts = lines.slice(1).map((l) => l.split(',')[0]!);
    assert.deepEqual(firsts, [...new Set(firsts)].sort(), `${name}: first column unique and sorted`);
    const json = JSON.parse((await cli(name, '--format', 'json', '--source', source)).out) as {
      results: { bindings: Record<string, { value: string }>[] };
    };
    assert.equal(json.results.bindings.length, firsts.length, `${name}: CSV and JSON give the same rows`);
    for (const b of json.results.bindings) {
      for (const col of ['date', 'earliest', 'latest', 'decisionDate'])
        if (b[col]) assert.match(b[col].value, /^\d{4}-\d\d-\d\d$/, `${name}.${col}`);
    }
  }
  const letters = (await cli('export-letters', '--format', 'csv', '--source', source)).out;
  assert.match(letters, /\r\nkaganovich-1932-08-11,,/, 'the 1932 letter has no edition number');
  // the 31 December of "No earlier than" is a convention bound, not a known latest day: the cell stays empty
  assert.match(letters, /\r\nmolotov-57,57,\[No earlier than 6 August 1930\],1930-08-06,,Stalin,Molotov,\d+\r\n/);
  // letter 55: Molotov's note to Stalin and Stalin's reply on its back (note 1)
  assert.match(
    letters,
    /\r\nmolotov-55,55,\[Earlier than 20 April 1930\],,1930-04-19,Molotov; Stalin,Molotov; Stalin,2\r\n/,
  );
});

test('--list names every saved query with its title and parameters', async () => {
  const { code, out } = await cli('--list');
  assert.equal(code, 0);
  for (const q of saved)
    assert.match(out, new RegExp(`^${q.name} +${q.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  assert.match(out, /params: date:date=1930-09-01/);
});

test('errors are one line, exit 1, no stack trace', async (_t) => {
  const source = await dump();
  const dir = tempDir('broken');
  writeFileSync(join(dir, 'broken.rq'), '# @title Broken\nSELECT ?x WHERE { ?x ?y }\n');
  const cases: [string[], RegExp][] = [
    [['no-such-query', '--source', source], /^error: unknown query "no-such-query"; saved queries are: career, /],
    [
      ['who-held', '--param', 'date=1930-13-01', '--source', source],
      /^error: parameter date: "1930-13-01" is not a date/,
    ],
    [
      ['who-held', '--param', 'day=1930-11-01', '--source', source],
      /^error: query who-held has no parameter "day"; its parameters are: date/,
    ],
    [['who-held', '--param', 'date', '--source', source], /^error: --param "date" must be written name=value/],
    [
      ['career', '--param', 'person=Rozengolts Arkadii', '--source', source],
      /^error: parameter person: .* is not a person id/,
    ],
    [['co-mentions', '--param', 'min=two', '--source', source], /^error: parameter min: "two" is not an integer/],
    [
      ['--query', 'SELECT ?x WHERE { ?x ?y }', '--source', source],
      /^error: --query: SPARQL syntax error: Parse error on line 1/,
    ],
    [['broken', '--queries', dir], /^error: .*broken\.rq: SPARQL syntax error/],
    [
      ['who-held', '--format', 'turtle', '--source', source],
      /^error: --format turtle does not fit a SELECT\/ASK query/,
    ],
    [
      ['who-held', '--source', join(dir, 'missing.nt')],
      /^error: --source .*missing\.nt: neither a readable file nor an http\(s\) URL/,
    ],
    [['who-held', '--endpoint', 'http://127.0.0.1:9/sparql'], /^error: endpoint http:\/\/127\.0\.0\.1:9\/sparql: /],
  ];
  for (const [args, expected] of cases) {
    const { code, out, err } = await cli(...args);
    assert.equal(code, 1, `${args.join(' ')} should fail`);
    assert.equal(out, '', args.join(' '));
    assert.match(err, expected);
    assert.equal(err.trimEnd().split('\n').length, 1, `one line for ${args.join(' ')}: ${err}`);
  }
});

test('letters-in-period: a reversed period is refused in one line; convention bounds are empty cells, not dates', async () => {
  const source = await dump();
  const bad = await cli(
    'letters-in-period',
    '--param',
    'from=1930-09-30',
    '--param',
    'to=1930-09-01',
    '--source',
    source,
  );
  assert.equal(bad.code, 1);
  assert.equal(bad.out, '');
  assert.equal(
    bad.err,
    'error: query letters-in-period: the period is reversed (from=1930-09-30 is after to=1930-09-01); give the earlier day as from, e.g. --param from=1930-09-01 --param to=1930-09-30\n',
  );
  // the same day twice is a period of one day, not a reversed one
  assert.equal(
    (await cli('letters-in-period', '--param', 'from=1930-09-02', '--param', 'to=1930-09-02', '--source', source)).code,
    0,
  );
  const { code, out, err } = await cli('letters-in-period', '--format', 'csv', '--source', source);
  assert.equal(code, 0, err);
  // letter 57, "[No earlier than 6 August 1930]": its 31 December is the convention of an open date, not a latest day
  assert.match(out, /\r\nmolotov-57,57,\[No earlier than 6 August 1930\],1930-08-06,,possibly\r\n/);
  assert.match(out, /\r\nmolotov-67,67,\[No later than 15 September 1930\],,1930-09-15,possibly\r\n/);
  assert.doesNotMatch(out, /1930-01-01|1930-12-31/);
});

test("a query file of one's own needs no header; a parameter it does not declare is an error saying how to declare it", async () => {
  const source = await dump();
  const dir = tempDir('own-query');
  const file = join(dir, 'mine.rq');
  writeFileSync(
    file,
    'PREFIX sl: <https://w3id.org/stalin-letters/ontology#>\nSELECT ?letter WHERE { ?l sl:letterId ?letter } ORDER BY ?letter LIMIT 2\n',
  );
  const ok = await cli(file, '--format', 'csv', '--source', source);
  assert.equal(ok.code, 0, ok.err);
  assert.equal(ok.out, 'letter\r\nkaganovich-1932-08-11\r\nmolotov-55\r\n');
  const bad = await cli(file, '--param', 'from=1930-09-01', '--source', source);
  assert.equal(bad.code, 1);
  assert.equal(
    bad.err,
    'error: query mine has no parameter "from"; it takes no parameters; to make ?from a parameter, declare it in the query\'s header: "# @param from TYPE — description" (TYPE one of date, integer, string, iri, person, organization, post, place, letter, resolution)\n',
  );
  // a saved query with parameters lists them and does not lecture about headers
  assert.doesNotMatch((await cli('who-held', '--param', 'day=1930-11-01', '--source', source)).err, /declare/);
});

test('table: fitted to the width (default 120 off a terminal), the count line pointing to --format csv; lags state their bound', async (t) => {
  // a shell's $COLUMNS would change the default this test asserts
  const columns = process.env.COLUMNS;
  delete process.env.COLUMNS;
  t.after(() => {
    if (columns !== undefined) process.env.COLUMNS = columns;
  });
  const source = await dump();
  const { code, out, err } = await cli('proposals', '--source', source);
  assert.equal(code, 0, err);
  const lines = out.trimEnd().split('\n');
  assert.ok(
    lines.every((l) => l.length <= 120),
    `a line is ${Math.max(...lines.map((l) => l.length))} characters wide`,
  );
  assert.match(lines.at(-1)!, /^\(\d+ rows; cells cut to fit 120 characters; --format csv gives every value whole\)$/);
  const wide = await cli('proposals', '--width', '0', '--source', source);
  assert.ok(
    wide.out.split('\n').some((l) => l.length > 200),
    'with --width 0 nothing is cut',
  );
  assert.doesNotMatch(wide.out, /cells cut/);
  const narrow = (await cli('proposals', '--width', '60', '--source', source)).out.trimEnd().split('\n');
  assert.ok(
    narrow.slice(0, -1).every((l) => l.length <= 60),
    narrow.find((l) => l.length > 60),
  );
  assert.match(narrow.at(-1)!, /not shown: .*outcomeNote; --format csv/);
  assert.match(
    (await cli('proposals', '--width', 'wide', '--source', source)).err,
    /^error: --width "wide" must be a number/,
  );
  // the lag column says which bound is known: at least 76 days (letter 67 has no earliest day), at most 15 (letter 57)
  const csv = (await cli('proposals', '--format', 'csv', '--source', source)).out;
  assert.match(csv, /molotov-67-drive-out-bogolepov,.*,≥ 76,76,,/);
  assert.match(csv, /molotov-57-mirzoian-stays-in-urals,.*,≤ 15,,15,/);
  assert.match(csv, /molotov-61-kaganovich-civil-aviation,.*,35–55,35,55,/);
  assert.match(csv, /molotov-60-remove-piatakov-gosbank,.*,52,52,52,/);
});

test('a parameter is bound as a typed term, not pasted into the text: a quote in a string value stays a value', async () => {
  const r = await rows('resolutions-citing', ['delo=800" } UNION { ?x ?y ?z']);
  assert.deepEqual(r, []);
});
