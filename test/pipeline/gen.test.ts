// The synthetic corpus generator (scripts/gen.ts): same seed, same bytes; and its output builds without problems.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generate } from '../../scripts/gen.js';
import { runBuild } from '../../src/pipeline/build.js';
import { DEFAULT_BASE_IRI } from '../../src/rdf/graph.js';
import { CORPUS, tempDir } from '../helpers.js';

function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(dir, full), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

const tmp = tempDir('gen-test');
test.after(() => rmSync(tmp, { recursive: true, force: true }));
const gen = (name: string, seed: number, scale = 0.5): Map<string, string> => {
  const out = join(tmp, name);
  generate({ scale, seed, out, corpus: CORPUS });
  return filesOf(out);
};

test('the generator is deterministic from its seed', () => {
  const a = gen('a', 7);
  const b = gen('b', 7);
  assert.deepEqual([...a.keys()], [...b.keys()]);
  for (const [f, text] of a) assert.equal(b.get(f), text, `${f} differs between two runs with seed 7`);
  const c = gen('c', 8);
  assert.notEqual(c.get('persons.yaml'), a.get('persons.yaml'), 'another seed gives another corpus');
});

test('a synthetic corpus builds without problems and has every record type, ibid. and namesakes', async () => {
  const files = gen('build', 3, 1);
  const r = await runBuild({
    corpusDir: join(tmp, 'build'),
    outDir: join(tmp, 'unused'),
    base: DEFAULT_BASE_IRI,
    write: false,
  });
  assert.deepEqual(
    r.problems.map((p) => `${p.file}:${p.line} ${p.code} ${p.message}`),
    [],
  );
  const d = r.dataset!;
  for (const [what, n] of Object.entries({
    letters: d.letters.length,
    persons: d.persons.length,
    organizations: d.organizations.length,
    posts: d.posts.length,
    changes: d.changes.length,
    resolutions: d.resolutions.length,
    proposals: d.proposals.length,
    offices: d.offices.length,
    corrections: d.corrections.length,
    mentions: d.mentions.length,
  })) {
    assert.ok(n > 0, `no ${what}`);
  }
  assert.ok(
    d.citations.some((c) => c.kind === 'archival' && c.elliptic === 'ibid'),
    'no ibid. citation',
  );
  assert.ok(
    d.persons.some((p) => p.variants.some((v) => v.letters)),
    'no namesake with a scoped name form',
  );
  assert.ok(
    d.offices.some((o) => o.replacedBy),
    'no successor among the derived offices',
  );
  assert.ok((r.triples ?? 0) > 15_000, `scale 1 gave only ${r.triples} triples`);
  const letterId = (
    JSON.parse(files.get('schema/evidence.schema.json')!) as { $defs: { letterId: { enum?: string[] } } }
  ).$defs.letterId;
  assert.equal(letterId.enum, undefined, 'the copied schema still allows only the real letter ids');
});

test('the generator refuses to write into the real corpus', () => {
  assert.throws(() => generate({ scale: 0.1, seed: 1, out: CORPUS, corpus: CORPUS }), /real corpus/);
});
