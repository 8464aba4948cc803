// The JSON Schema validators of the curated records come in two kinds (src/corpus/schemas.ts): generated ahead of
// time by `npm run compile` (used when their fingerprint matches the schemas read), or compiled by Ajv at build
// time. They must be interchangeable: the same verdict and the same errors on every record of the shipped corpus
// and on random damage to those records (fields dropped, added, retyped).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { readSchemas } from '../../src/corpus/read.js';
import { fingerprint, loadPrecompiled, SchemaSet } from '../../src/corpus/schemas.js';
import { parseYamlDocument } from '../../src/corpus/yaml.js';
import { CORPUS } from '../helpers.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20240605);
const schemas = readSchemas(join(CORPUS, 'schema'));
const names = Object.keys(schemas);
const yamlOf = (schema: string): string => join(CORPUS, schema.replace('.schema.json', '.yaml'));
const recordsOf = (schema: string): unknown[] => parseYamlDocument(readFileSync(yamlOf(schema), 'utf8')) as unknown[];
/** The schemas that check a file of records (evidence.schema.json only holds definitions the others use). */
const recordSchemas = names.filter((n) => existsSync(yamlOf(n)));

test('the generated validators are those of the shipped schemas (else run `npm run compile`)', () => {
  const pre = loadPrecompiled();
  assert.ok(pre, 'dist/generated/schema-validators.cjs is missing: `npm run compile` makes it');
  assert.equal(pre.fingerprint, fingerprint(schemas), 'the generated validators are stale: run `npm run compile`');
  assert.deepEqual(Object.keys(pre.validators).sort(), [...names].sort());
  assert.equal(new SchemaSet(schemas).origin, 'precompiled');
});

test('edited schemas are compiled at build time, not checked with stale validators', () => {
  const edited = structuredClone(schemas) as Record<string, { $defs: { id: { pattern: string } } }>;
  edited['persons.schema.json']!.$defs.id.pattern = '^only-this-id$';
  const set = new SchemaSet(edited);
  assert.equal(set.origin, 'compiled');
  const validate = set.validator('persons.schema.json');
  assert.equal(validate(recordsOf('persons.schema.json')), false);
  assert.match(JSON.stringify(validate.errors), /only-this-id/);
  assert.equal(new SchemaSet(schemas, null).origin, 'compiled', 'no generated module: compiled');
});

/** Random damage to one record: a field dropped, a field added, or a field's value replaced by another type. */
const damage = (records: unknown[]) =>
  fc
    .record({
      at: fc.nat({ max: records.length - 1 }),
      kind: fc.constantFrom('drop', 'add', 'retype'),
      pick: fc.nat(),
      value: fc.oneof(
        fc.constant(null),
        fc.integer(),
        fc.string({ maxLength: 3 }),
        fc.constant([]),
        fc.constant({}),
        fc.boolean(),
      ),
    })
    .map(({ at, kind, pick, value }) => {
      const out = structuredClone(records) as Record<string, unknown>[];
      const rec = out[at]!;
      const keys = Object.keys(rec);
      const key = keys[pick % keys.length]!;
      if (kind === 'drop') delete rec[key];
      else if (kind === 'add') rec[`extra${pick % 3}`] = value;
      else rec[key] = value;
      return out;
    });

test('every schema but the shared definitions checks a file of records', () => {
  assert.deepEqual(
    names.filter((n) => !recordSchemas.includes(n)),
    ['evidence.schema.json'],
  );
});

for (const name of recordSchemas) {
  test(`generated and compiled validators agree on ${name}`, () => {
    const generated = new SchemaSet(schemas).validator(name);
    const compiled = new SchemaSet(schemas, null).validator(name);
    assert.notEqual(generated, compiled, 'two different validators are compared');
    const records = recordsOf(name);
    assert.equal(generated(records), true, `the shipped ${name.replace('.schema.json', '.yaml')} is valid`);
    assert.equal(compiled(records), true);
    if (!records.length) return;
    fc.assert(
      fc.property(damage(records), (data) => {
        const verdict = generated(data);
        assert.equal(compiled(data), verdict);
        assert.deepEqual(generated.errors ?? null, compiled.errors ?? null);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
}

test("every schema is identified under the project's base, by its file name", () => {
  for (const [name, schema] of Object.entries(schemas)) {
    assert.equal((schema as { $id?: string }).$id, `https://w3id.org/stalin-letters/schema/${name}`, name);
  }
});

test('schemas refer to each other by relative file name, never by a host', () => {
  const refs = JSON.stringify(schemas).match(/"\$ref":"[^"]*"/g) ?? [];
  assert.ok(refs.length > 10);
  assert.deepEqual(
    refs.filter((r) => !/^"\$ref":"(#|\.\/[a-z-]+\.schema\.json#)/.test(r)),
    [],
  );
});
