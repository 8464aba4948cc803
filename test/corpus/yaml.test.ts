// The one YAML reader (src/corpus/yaml.ts, on js-yaml): the records of every shipped and synthetic file with the lines
// of records and fields, whatever the YAML style; every problem at its line (syntax, duplicate key, second document,
// empty file, schema errors at any depth, aliases that expand too far); and the plain reader and writer the other
// stages use (core schema: dates stay strings).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readSchemas } from '../../src/corpus/read.js';
import { SchemaSet } from '../../src/corpus/schemas.js';
import { loadRecords, parseYamlDocument, readRecords, stringifyYaml, type Located } from '../../src/corpus/yaml.js';
import { generate } from '../../scripts/gen.js';
import { CORPUS, tempDir } from '../helpers.js';

const recordFiles = (dir: string): { name: string; schema: string; text: string }[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((name) => ({
      name,
      schema: name.replace('.yaml', '.schema.json'),
      text: readFileSync(join(dir, name), 'utf8'),
    }));

const shipped = { schemas: new SchemaSet(readSchemas(join(CORPUS, 'schema'))), files: recordFiles(CORPUS) };
const persons = shipped.files.find((f) => f.name === 'persons.yaml')!;
const read = (text: string, file = persons) =>
  readRecords<{ id: string }>(file.name, text, shipped.schemas, file.schema);

/** Each record's line holds its id (or its first field), and each field's line starts with that field's key. */
function assertLines(label: string, text: string, records: Located<unknown>[]): void {
  const lines = text.split(/\r?\n/);
  for (const r of records) {
    const id = (r.value as { id?: string }).id;
    const first = Object.keys(r.value as object)[0]!;
    assert.match(lines[r.line - 1]!, new RegExp(`["']?${id ?? first}`), `${label}: line ${r.line} of record ${id}`);
    for (const [field, line] of Object.entries(r.fieldLines))
      assert.match(
        lines[line - 1]!,
        new RegExp(`(?:^|[\\s{,])["']?${field}["']?:`),
        `${label}: ${id}.${field} at ${line}`,
      );
    assert.deepEqual(Object.keys(r.fieldLines).sort(), Object.keys(r.value as object).sort(), `${label}: ${id}`);
  }
}

test('every shipped file reads without a problem, each record and field at its line', () => {
  assert.equal(shipped.files.length, 12);
  for (const f of shipped.files) {
    const { records, problems } = read(f.text, f);
    assert.deepEqual(problems, [], f.name);
    assert.equal(records.length, (parseYamlDocument(f.text) as unknown[]).length, f.name);
    assertLines(f.name, f.text, records);
  }
  // a known place: the first record of persons.yaml
  const stalin = read(persons.text).records.find((r) => r.value.id === 'stalin')!;
  const at = persons.text.split('\n').indexOf('- id: stalin') + 1;
  assert.equal(stalin.line, at);
  assert.equal(stalin.fieldLines.id, at);
});

test('a synthetic corpus reads without a problem, with its lines', () => {
  const out = tempDir('yaml-reader');
  try {
    generate({ scale: 0.3, seed: 7, out, corpus: CORPUS });
    const schemas = new SchemaSet(readSchemas(join(out, 'schema')));
    for (const f of recordFiles(out)) {
      const { records, problems } = readRecords(f.name, f.text, schemas, f.schema);
      assert.deepEqual(problems, [], `synthetic ${f.name}`);
      assertLines(`synthetic ${f.name}`, f.text, records);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

/** The shipped records of a file, written in another style: the data is the same, the lines are not. */
const restyled: Record<string, (text: string, data: unknown[]) => string> = {
  'CRLF line ends': (text) => text.replace(/\n/g, '\r\n'),
  'comments between records and fields': (text) =>
    text.replace(/^- /gm, '# a record\n- ').replace(/^( {2}\w+:)/gm, '  # a field\n$1'),
  'flow-style records': (_t, data) =>
    data
      .map((r) => `- ${JSON.stringify(r)}`)
      .join('\n')
      .replace(/,"/g, ',\n  "'),
  'indentation 4, double quotes everywhere': (_t, data) =>
    stringifyYaml(data, { indent: 4, quoteStyle: 'double', forceQuotes: true, lineWidth: 40 }),
  'a leading document marker': (text) => `---\n${text}`,
};

for (const [style, restyle] of Object.entries(restyled)) {
  test(`records written with ${style} read the same, at their new lines`, () => {
    for (const f of shipped.files) {
      const data = read(f.text, f).records.map((r) => r.value);
      const text = restyle(f.text, data);
      const again = read(text, f);
      assert.deepEqual(again.problems, [], `${f.name} (${style})`);
      assert.deepEqual(
        again.records.map((r) => r.value),
        data,
        `${f.name} (${style})`,
      );
      assertLines(`${f.name} (${style})`, text, again.records);
    }
  });
}

const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

test('syntax errors: at the line of the mistake, an unclosed quote at its opening quote; one problem, nothing read', () => {
  const cases: [string, string, string][] = [
    ['an unclosed quote', persons.text.replace(/^- id: stalin$/m, '- id: "stalin'), '- id: "stalin'],
    ['an unclosed single quote', persons.text.replace(/^- id: stalin$/m, "- id: 'stalin"), "- id: 'stalin"],
    ['a duplicate key', persons.text.replace(/^- id: stalin$/m, '- id: stalin\n  id: stalin'), '  id: stalin'],
    ['a bad indentation', persons.text.replace(/^- id: stalin\n/m, '- id: stalin\n     x: 1\n'), '     x: 1'],
    ['an unknown tag', persons.text.replace(/^- id: stalin$/m, '- id: !person stalin'), '!person'],
    ['an alias to no anchor', persons.text.replace(/^- id: stalin$/m, '- id: *nobody'), '*nobody'],
    ['two documents', `${persons.text}\n---\n- id: x\n`, '\n---\n'],
  ];
  for (const [what, text, at] of cases) {
    const { records, problems } = read(text);
    assert.deepEqual(records, [], what);
    assert.equal(problems.length, 1, what);
    assert.equal(problems[0]!.code, 'yaml-syntax', what);
    assert.equal(problems[0]!.line, lineOf(text, at) + (at.startsWith('\n') ? 1 : 0), what);
    assert.ok(problems[0]!.message.length > 0 && !problems[0]!.message.includes('\n'), what);
  }
});

test('an empty file (nothing, only comments, a bare ---) is a problem at line 1; [] is no records', () => {
  for (const text of ['', '# nothing yet\n', '---\n', 'null\n']) {
    const { records, problems } = read(text);
    assert.deepEqual(records, []);
    assert.deepEqual(
      problems.map((p) => [p.code, p.line]),
      [['empty-file', 1]],
      JSON.stringify(text),
    );
  }
  assert.deepEqual(read('[]\n'), { records: [], problems: [] });
});

test('schema errors are located at any depth of the instance path, and only their records are left out', () => {
  const text = persons.text
    .replace(/^- id: stalin$/m, '- id: stalin\n  nickname: Koba')
    .replace(
      '  variants: [Molotov, V. Molotov, Viacheslav]',
      '  variants:\n    - Molotov\n    - form: Molotoff\n      nonsense: 1',
    );
  const { records, problems } = read(text);
  const all = read(persons.text).records;
  assert.equal(records.length, all.length - 2);
  const byEntry = new Map(problems.map((p) => [p.entry, p]));
  assert.equal(byEntry.get('stalin')!.code, 'schema');
  assert.equal(byEntry.get('stalin')!.line, lineOf(text, '- id: stalin'));
  assert.match(byEntry.get('stalin')!.message, /unknown field "nickname"/);
  assert.equal(byEntry.get('molotov')!.line, lineOf(text, '    - form: Molotoff'));
  // a wrong type is reported at its value; a value missing after its key, at the key
  const stalinVariants = '  variants: [Stalin, J. Stalin, I. Stalin, Koba]';
  const wrong = persons.text.replace(stalinVariants, '  variants:\n    7');
  assert.equal(read(wrong).problems[0]!.line, lineOf(wrong, '    7'));
  const empty = persons.text.replace(stalinVariants, '  variants:');
  assert.equal(read(empty).problems[0]!.line, lineOf(empty, '  variants:\n'));
  // a file that is not a list: at the root
  assert.deepEqual(
    read('id: stalin\n').problems.map((p) => [p.code, p.line]),
    [['schema', 1]],
  );
});

test('anchors and aliases: read within a limit; a "billion laughs" file is refused at its first alias, quickly', () => {
  const aliased = `${persons.text.replace(/^- id: stalin$/m, '- &boss\n  id: stalin')}\n- *boss\n`;
  const loaded = loadRecords('persons.yaml', aliased, shipped.schemas, persons.schema);
  assert.equal(loaded.records.at(-1)!.line, lineOf(aliased, '- *boss'));
  assert.deepEqual(
    loaded.problems.map((p) => [p.code, p.line]),
    [['duplicate-id', lineOf(aliased, '- *boss')]],
  );
  const bomb = readFileSync(join(CORPUS, '..', 'test/fixtures/invalid/alias-bomb/corpus/works.yaml'), 'utf8');
  const works = shipped.files.find((f) => f.name === 'works.yaml')!;
  const started = process.hrtime.bigint();
  const { records, problems } = read(bomb, works);
  assert.ok(process.hrtime.bigint() - started < 2_000_000_000n, 'refused without expanding the aliases');
  assert.deepEqual(records, []);
  assert.deepEqual(
    problems.map((p) => [p.code, p.line]),
    [['yaml-aliases', 2]],
  );
  assert.match(problems[0]!.message, /aliases \(\*name\) expand to more than the reader allows/);
  // an alias inside the node it names would make the records circular: refused at that alias
  const circular = persons.text
    .replace(/^- id: stalin$/m, '- &me\n  id: stalin')
    .replace('  variants: [Stalin, J. Stalin, I. Stalin, Koba]', '  variants: [*me]');
  assert.deepEqual(
    read(circular).problems.map((p) => [p.code, p.line]),
    [['yaml-aliases', lineOf(circular, '  variants: [*me]')]],
  );
});

test('duplicate ids are found in a file that is valid YAML and passes its schema', () => {
  const twice = `${persons.text}\n${persons.text}`;
  const dup = loadRecords('persons.yaml', twice, shipped.schemas, persons.schema);
  assert.equal(dup.problems.length, dup.records.length / 2);
  assert.ok(dup.problems.every((p) => p.code === 'duplicate-id'));
  assert.equal(dup.problems[0]!.line, persons.text.split('\n').length + lineOf(persons.text, '- id: '));
});

test('the plain reader and writer: core schema, one document, null when empty', () => {
  assert.deepEqual(parseYamlDocument('date: 1930-08-06\nisbn: "9780300062113"\nyear: 1995\nok: yes\n'), {
    date: '1930-08-06',
    isbn: '9780300062113',
    year: 1995,
    ok: 'yes',
  });
  assert.equal(parseYamlDocument(''), null);
  assert.equal(parseYamlDocument('# only a comment\n'), null);
  assert.throws(() => parseYamlDocument('a: 1\n---\nb: 2\n'), /single document/);
  assert.throws(
    () => parseYamlDocument('a: "open\n'),
    (e: Error & { mark?: { line: number } }) => e.mark !== undefined,
  );
  const value = { date: '2026-12-02', ok: 'yes', count: '10', shared: ['x'] };
  const withRefs = { a: value.shared, b: value.shared };
  // YAML 1.2 core: only what a 1.2 reader would misread is quoted; yaml11Safe also quotes what a 1.1 reader would
  assert.equal(
    stringifyYaml(value, { quoteStyle: 'double' }),
    'date: 2026-12-02\nok: yes\ncount: "10"\nshared:\n  - x\n',
  );
  assert.equal(
    stringifyYaml(value, { yaml11Safe: true }),
    "date: '2026-12-02'\nok: 'yes'\ncount: '10'\nshared:\n  - x\n",
  );
  assert.doesNotMatch(stringifyYaml(withRefs), /[&*]/, 'shared objects are written out, not as anchors');
  for (const v of [value, withRefs]) assert.deepEqual(parseYamlDocument(stringifyYaml(v)), v);
});
