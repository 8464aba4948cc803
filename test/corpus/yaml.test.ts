// The two readers of curated YAML (src/corpus/yaml.ts) must agree: the fast event reader (js-yaml) gives exactly
// the records, record lines and field lines that the exact reader (`yaml` Document) gives, on every shipped file,
// on a synthetic corpus, and on the same records written in other YAML styles; and it hands over to the exact
// reader whenever it cannot settle a file alone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { readSchemas } from '../../src/corpus/read.js';
import { SchemaSet } from '../../src/corpus/schemas.js';
import { loadRecords, readRecordsExactly, readValidRecords } from '../../src/corpus/yaml.js';
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

function agree(schemas: SchemaSet, schema: string, text: string, label: string): 'fast' | 'exact' {
  const exact = readRecordsExactly(label, text, schemas, schema);
  const fast = readValidRecords(text, schemas, schema);
  if (fast === undefined) return 'exact';
  assert.deepEqual(exact.problems, [], `${label}: the fast reader only takes files without problems`);
  assert.deepEqual(fast, exact.records, `${label}: same records, lines and field lines`);
  return 'fast';
}

test('the fast reader reads every shipped file, exactly as the exact reader does', () => {
  assert.equal(shipped.files.length, 12);
  for (const f of shipped.files)
    assert.equal(agree(shipped.schemas, f.schema, f.text, f.name), 'fast', `${f.name} is read by the fast reader`);
});

test('the readers agree on a synthetic corpus', () => {
  const out = tempDir('yaml-readers');
  try {
    generate({ scale: 0.3, seed: 7, out, corpus: CORPUS });
    const schemas = new SchemaSet(readSchemas(join(out, 'schema')));
    for (const f of recordFiles(out)) assert.equal(agree(schemas, f.schema, f.text, `synthetic ${f.name}`), 'fast');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

/** The shipped records of a file, written in another style: the data is the same, the lines are not. */
const restyled: Record<string, (text: string, data: unknown[]) => string> = {
  'CRLF line ends': (text) => text.replace(/\n/g, '\r\n'),
  'comments between records and fields': (text) =>
    text.replace(/^- /gm, '# a record\n- ').replace(/^( {2}\w+:)/gm, '  # a field\n$1'),
  'flow-style records': (_t, data) => stringify(data, { collectionStyle: 'flow', lineWidth: 100 }),
  'quoted keys, indentation 4, literal blocks': (_t, data) =>
    stringify(data, { indent: 4, defaultKeyType: 'QUOTE_DOUBLE', blockQuote: 'literal', lineWidth: 40 }),
  'a leading document marker': (text) => `---\n${text}`,
};

for (const [style, restyle] of Object.entries(restyled)) {
  test(`the readers agree on records written with ${style}`, () => {
    for (const f of shipped.files) {
      const data = readRecordsExactly(f.name, f.text, shipped.schemas, f.schema).records.map((r) => r.value);
      assert.equal(
        agree(shipped.schemas, f.schema, restyle(f.text, data), `${f.name} (${style})`),
        'fast',
        `${f.name} (${style}) is read by the fast reader`,
      );
    }
  });
}

test('files the fast reader cannot settle go to the exact reader, with the same result as before', () => {
  const persons = shipped.files.find((f) => f.name === 'persons.yaml')!;
  const cases: Record<string, string> = {
    'an anchor and an alias': `${persons.text.replace(/^- id: stalin$/m, '- &boss\n  id: stalin')}\n- *boss\n`,
    'a tag on a record': persons.text.replace(/^- id: stalin$/m, '- !!map\n  id: stalin'),
    'two documents': `${persons.text}\n---\n[]\n`,
    'a duplicate key': persons.text.replace(/^- id: stalin$/m, '- id: stalin\n  id: stalin'),
    'a schema error': persons.text.replace(/^- id: stalin$/m, '- id: stalin\n  nickname: Koba'),
    'a syntax error': persons.text.replace(/^- id: stalin$/m, '- id: "stalin'),
    'an empty file': '# nothing yet\n',
  };
  for (const [what, text] of Object.entries(cases)) {
    assert.equal(readValidRecords(text, shipped.schemas, persons.schema), undefined, what);
    const loaded = loadRecords('persons.yaml', text, shipped.schemas, persons.schema);
    const exact = readRecordsExactly('persons.yaml', text, shipped.schemas, persons.schema);
    assert.deepEqual(loaded.records, exact.records, what);
  }
  const twice = `${persons.text}\n${persons.text}`;
  assert.ok(
    readValidRecords(twice, shipped.schemas, persons.schema),
    'a file with duplicate ids is valid YAML and passes its schema',
  );
  const dup = loadRecords('persons.yaml', twice, shipped.schemas, persons.schema);
  assert.equal(dup.problems.length, dup.records.length / 2);
  assert.ok(
    dup.problems.every((p) => p.code === 'duplicate-id'),
    'duplicate ids are found after the fast reader too',
  );
  assert.equal(dup.problems[0]!.line, persons.text.split('\n').length + 7);
});
