// SHACL over what changed (src/validate/incremental.ts) gives the full run's results: on the shipped corpus's graph
// and on the SHACL fixture graph, after many seeded random edits (deleted, added, retyped and re-pointed triples,
// wrong datatypes, removed nodes), each run's results equal a full validation of the same graph, whether the
// state came from a full run or from earlier incremental runs. The depth bound is read off the shapes, and a shape
// the bound cannot follow turns the incremental run off.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { rdf, DEFAULT_BASE_IRI } from '../../src/rdf/graph.js';
import { toGraph } from '../../src/rdf/map.js';
import { sortQuads } from '../../src/rdf/serialise/terms.js';
import { NS } from '../../src/rdf/vocab.js';
import { loadDataset, SHAPES_FILE } from '../../src/pipeline/build.js';
import { ShaclValidator, type Violation } from '../../src/validate/index.js';
import { shapeDepth } from '../../src/validate/depth.js';
import { stateFile, stateKey, validateIncrementally, MAX_STATES } from '../../src/validate/incremental.js';
import { QuadIndex } from '../../src/validate/quad-index.js';
import { captureIo, CORPUS, FIXTURES, tempDir } from '../helpers.js';
import { main } from '../../src/cli/main.js';

const validator = ShaclValidator.fromFile(SHAPES_FILE);
const KEY = stateKey(readFileSync(SHAPES_FILE, 'utf8'))!;
const TYPE = `${NS.rdf}type`;

/** A small seeded generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** One random edit of the kinds a curator's change (or a mapping bug) makes to the graph. */
function edit(quads: Quad[], pick: (n: number) => number): Quad[] {
  const q = quads[pick(quads.length)]!;
  const classes = [...new Set(quads.filter((x) => x.predicate.value === TYPE).map((x) => x.object.value))];
  const nodes = [...new Set(quads.map((x) => x.subject.value))];
  switch (pick(6)) {
    case 0: // a triple removed (minCount, sh:or, a target lost)
      return quads.filter((x) => x !== q);
    case 1: // a node retyped (sh:class of the nodes that point at it; its own targets)
      return quads.map((x) =>
        x.subject.equals(q.subject) && x.predicate.value === TYPE
          ? rdf.quad(x.subject, x.predicate, rdf.namedNode(classes[pick(classes.length)]!))
          : x,
      );
    case 2: // a link pointed at another node, or at one that does not exist
      return quads.map((x) =>
        x === q && x.object.termType === 'NamedNode' && x.predicate.value !== TYPE
          ? rdf.quad(
              x.subject,
              x.predicate,
              rdf.namedNode(pick(4) ? nodes[pick(nodes.length)]! : `${x.object.value}-gone`),
            )
          : x,
      );
    case 3: // a second value (maxCount)
      return [
        ...quads,
        rdf.quad(
          q.subject,
          q.predicate,
          q.object.termType === 'Literal' ? rdf.literal(`${q.object.value} (2)`, q.object.datatype) : q.object,
        ),
      ];
    case 4: // a literal of another datatype
      return quads.map((x) =>
        x === q && x.object.termType === 'Literal' ? rdf.quad(x.subject, x.predicate, rdf.literal('x', 'en')) : x,
      );
    default: // a whole node removed
      return quads.filter((x) => !x.subject.equals(q.subject));
  }
}

const key = (vs: Violation[]): string[] => vs.map((v) => JSON.stringify(v));

async function compareOver(name: string, start: Quad[], rounds: number, seed: number): Promise<void> {
  const dir = tempDir('shacl-state');
  try {
    const file = stateFile(dir, name);
    const pick = random(seed);
    const first = await validateIncrementally(start, async () => validator, { file, key: KEY });
    assert.equal(first.mode, 'full');
    let current = start;
    let last = start;
    const modes = new Set<string>();
    let withViolations = 0;
    for (let r = 0; r < rounds; r++) {
      let next = current;
      for (let k = 1 + pick(3); k > 0; k--) next = edit(next, pick);
      next = sortQuads(next);
      const full = await validator.validateWithEngineOnly(next);
      // the precheck's run (test/validate/precheck.test.ts) and the incremental run both equal the engine's alone
      assert.deepEqual(key(await validator.validate(next)), key(full), `${name}, round ${r}: precheck (seed ${seed})`);
      const run = await validateIncrementally(next, async () => validator, { file, key: KEY });
      last = next;
      modes.add(run.mode);
      if (full.length) withViolations++;
      assert.deepEqual(key(run.violations), key(full), `${name}, round ${r} (seed ${seed}, ${run.mode})`);
      // every fourth round goes back to the start: results must drop again, from an incremental state
      current = r % 4 === 3 ? start : next;
    }
    assert.ok(modes.has('partial'), `${name}: no run was partial (${[...modes]})`);
    assert.ok(withViolations >= rounds / 3, `${name}: only ${withViolations} of ${rounds} rounds had violations`);
    const again = await validateIncrementally(last, async () => validator, { file, key: KEY });
    assert.equal(again.mode, 'reused');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('incremental SHACL equals the full run after random edits of the shipped corpus graph', async () => {
  const { dataset } = loadDataset(CORPUS);
  const quads = sortQuads(toGraph(dataset!, DEFAULT_BASE_IRI).quads);
  await compareOver('corpus', quads, 12, 20261205);
});

test('incremental SHACL equals the full run after random edits of the SHACL fixture graph', async () => {
  const base = new Parser().parse(readFileSync(join(FIXTURES, 'invalid/shacl-mutations/base.ttl'), 'utf8'));
  await compareOver('fixture', sortQuads(base), 30, 7);
});

test('the depth bound is read off the shapes; shapes it cannot follow turn the incremental run off', () => {
  assert.equal(validator.depth, 1, 'the shipped shapes read a node and the nodes it links to');
  const depth = (ttl: string): number | undefined =>
    shapeDepth(
      new QuadIndex(
        new Parser().parse(`@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .\n${ttl}`),
      ) as never,
    );
  assert.equal(depth('ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:datatype ex:d ] .'), 0);
  assert.equal(depth('ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:class ex:D ] .'), 1);
  assert.equal(depth('ex:S sh:targetClass ex:C ; sh:property [ sh:path ( ex:p ex:q ) ; sh:class ex:D ] .'), 2);
  assert.equal(
    depth(
      'ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:node [ sh:property [ sh:path ex:q ; sh:class ex:D ] ] ] .',
    ),
    2,
  );
  assert.equal(depth('ex:S sh:targetClass ex:C ; sh:or ( [ sh:path ex:p ; sh:class ex:D ] ) .'), 1);
  assert.equal(
    depth('ex:S sh:targetClass ex:C ; sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] .'),
    undefined,
  );
  assert.equal(depth('ex:S sh:targetObjectsOf ex:p ; sh:class ex:C .'), undefined);
  assert.equal(depth('ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:node ex:S ] .'), undefined);
});

test('validate keeps its SHACL state per corpus outside the output, a bounded number of them, and reuses it', async () => {
  const dir = tempDir('shacl-cli');
  try {
    const run = async (): Promise<string> => {
      const io = captureIo();
      assert.equal(await main(['validate', '-q', '--format', 'json', '--shacl-cache', dir], io), 0, io.stderr);
      return io.stdout;
    };
    const cold = await run();
    const state = readdirSync(dir).filter((f) => f.startsWith('shacl-'));
    assert.equal(state.length, 1);
    assert.equal(await run(), cold);
    // a state of older code (another key) is not used, and is replaced
    const file = join(dir, state[0]!);
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), key: 'older', violations: [{}] }));
    assert.equal(await run(), cold);
    assert.notEqual(JSON.parse(readFileSync(file, 'utf8')).key, 'older');
    // more corpora than the cap: the least recently used states go
    for (let i = 0; i < MAX_STATES + 3; i++) {
      writeFileSync(join(dir, `shacl-old${i}.json`), '{}');
      utimesSync(join(dir, `shacl-old${i}.json`), new Date(2000, 0, 1), new Date(2000, 0, 1 + i));
    }
    await run();
    const left = readdirSync(dir).filter((f) => f.startsWith('shacl-'));
    assert.equal(left.length, MAX_STATES);
    assert.ok(left.includes(state[0]!), 'the state just used is kept');
    assert.ok(!left.includes('shacl-old0.json'), 'the oldest state is dropped');
    // --no-shacl-cache: nothing read, nothing kept, the same answer
    rmSync(dir, { recursive: true, force: true });
    const io = captureIo();
    assert.equal(await main(['validate', '-q', '--format', 'json', '--no-shacl-cache'], io), 0, io.stderr);
    assert.equal(io.stdout, cold);
    assert.ok(!existsSync(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
