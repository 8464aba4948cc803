// The published dumps in build/, read by parsers that share no code with ours: Raptor's rapper (Turtle, N-Triples)
// and Python rdflib (all three), which must find no error, the same number of triples everywhere (the number VoID
// states), and the same graph in Turtle and JSON-LD. Plus a plain jsonld.expand with no network at all.
// Locally the tools may be missing (the test says so and skips); on CI (CI=true, .ci/run installs them) it fails.

import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsonld from 'jsonld';
import { DUMPS } from '../../src/pipeline/build.js';
import { BUILD, ROOT } from '../helpers.js';

const ON_CI = process.env.CI === 'true';
const PYTHON = '/usr/bin/python3';
/** DUMPS_DIR checks another build (e.g. one of a partial corpus); the default is the committed build/. */
const DIR = process.env.DUMPS_DIR ?? BUILD;
const dump = (name: string): string => join(DIR, name);

/** Skips (locally) or fails (on CI) when `missing` says what is not there. */
function unavailable(t: TestContext, missing: string | undefined): boolean {
  if (!missing) return false;
  if (ON_CI) assert.fail(`${missing} (CI must have it: see .ci/run)`);
  t.skip(
    `${missing}: install it (apt-get install -y raptor2-utils python3-rdflib) and run npm run build to run this test`,
  );
  return true;
}

const missingDumps = (): string | undefined => {
  const absent = [DUMPS.turtle, DUMPS.ntriples, DUMPS.jsonld, DUMPS.void].filter((f) => !existsSync(dump(f)));
  return absent.length ? `${DIR} has no ${absent.join(', ')}` : undefined;
};
const hasRapper = (): boolean => spawnSync('rapper', ['--version']).status === 0;
const hasRdflib = (): boolean => spawnSync(PYTHON, ['-c', 'import rdflib']).status === 0;

const voidTriples = (): number => Number(/void:triples\s+(\d+)/.exec(readFileSync(dump(DUMPS.void), 'utf8'))?.[1]);

/** rapper -c: counts triples, reports errors on stderr and exits non-zero on any. */
function rapper(syntax: 'turtle' | 'ntriples', file: string): number {
  const r = spawnSync('rapper', ['-i', syntax, '-c', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, `rapper -i ${syntax} failed on ${file}:\n${r.stderr}`);
  assert.doesNotMatch(r.stderr, /error|warning/i, r.stderr);
  const m = /returned (\d+) triples/.exec(r.stderr);
  assert.ok(m, r.stderr);
  return Number(m[1]);
}

test('rapper parses the Turtle and N-Triples dumps without errors, with the triple count VoID states', (t) => {
  if (unavailable(t, missingDumps() ?? (hasRapper() ? undefined : 'rapper (raptor2-utils) is not installed'))) return;
  const expected = voidTriples();
  assert.ok(expected > 1000, `void:triples ${expected}`);
  assert.equal(rapper('turtle', dump(DUMPS.turtle)), expected);
  assert.equal(rapper('ntriples', dump(DUMPS.ntriples)), expected);
});

test('rdflib reads all three dumps with equal counts, and Turtle and JSON-LD are the same graph', (t) => {
  if (unavailable(t, missingDumps() ?? (hasRdflib() ? undefined : `${PYTHON} with rdflib is not installed`))) return;
  const out = execFileSync(
    PYTHON,
    [join(ROOT, 'test/rdf_check.py'), dump(DUMPS.turtle), dump(DUMPS.jsonld), dump(DUMPS.ntriples)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  const r = JSON.parse(out) as {
    counts: Record<string, number>;
    turtle_isomorphic_jsonld: boolean;
    turtle_isomorphic_ntriples: boolean;
  };
  const expected = voidTriples();
  assert.deepEqual(r.counts, { turtle: expected, jsonld: expected, ntriples: expected });
  assert.equal(r.turtle_isomorphic_jsonld, true);
  assert.equal(r.turtle_isomorphic_ntriples, true);
});

/** A document loader that records and refuses every fetch. */
function refusingLoader(): { fetched: string[]; documentLoader: (url: string) => Promise<never> } {
  const fetched: string[] = [];
  return {
    fetched,
    documentLoader: async (url: string): Promise<never> => {
      fetched.push(url);
      throw new Error(`no network: refused to fetch ${url}`);
    },
  };
}

test('jsonld.expand needs no remote context: a document loader that refuses every fetch is never called', async (t) => {
  if (unavailable(t, missingDumps())) return;
  const doc = JSON.parse(readFileSync(dump(DUMPS.jsonld), 'utf8')) as jsonld.JsonLdDocument;
  const { fetched, documentLoader } = refusingLoader();
  const expanded = await jsonld.expand(doc, { documentLoader });
  assert.deepEqual(fetched, []);
  assert.ok(expanded.length > 100, `${expanded.length} nodes`);
  // the standalone context file must work the same way
  const context = JSON.parse(readFileSync(dump(DUMPS.context), 'utf8')) as { '@context': jsonld.ContextDefinition };
  const sample: jsonld.JsonLdDocument = {
    '@context': context['@context'],
    '@id': 'https://w3id.org/stalin-letters/letter/molotov-55',
    'rdfs:label': 'x',
  };
  assert.equal((await jsonld.expand(sample, { documentLoader })).length, 1);
  assert.deepEqual(fetched, []);
});

test('the refusing document loader is asked for a remote context (so the test above can fail)', async () => {
  const { fetched, documentLoader } = refusingLoader();
  await assert.rejects(
    jsonld.expand(
      { '@context': 'https://example.org/context.jsonld', '@id': 'https://example.org/x' },
      { documentLoader },
    ),
  );
  assert.deepEqual(fetched, ['https://example.org/context.jsonld']);
});
