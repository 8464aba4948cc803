// The ontology declares every term the mapping writes, with an English label and comment.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import N3 from 'n3';
import { CHANGE_TYPES, NS, PROPOSAL_OUTCOMES, RDFS, SL_CLASSES, SL_PROPERTIES } from '../../src/rdf/vocab.js';
import { BUILD, ROOT } from '../helpers.js';

const store = new N3.Store(new N3.Parser().parse(readFileSync(join(ROOT, 'ontology/stalin-letters.ttl'), 'utf8')));
const has = (s: string, p: string): boolean =>
  store
    .getQuads(s, p, null, null)
    .some((q) => q.object.termType === 'Literal' && (q.object as N3.Literal).language === 'en');

test('every sl: term of vocab.ts is declared with an English label and comment', () => {
  for (const name of [...SL_CLASSES, ...SL_PROPERTIES, ...CHANGE_TYPES, ...PROPOSAL_OUTCOMES]) {
    assert.ok(has(NS.sl + name, RDFS.label), `sl:${name} has no rdfs:label@en`);
    assert.ok(has(NS.sl + name, RDFS.comment), `sl:${name} has no rdfs:comment@en`);
  }
});

test('every sl: term used in the dataset is declared', () => {
  const nt = readFileSync(join(BUILD, 'stalin-letters.nt'), 'utf8');
  const used = new Set(
    [...nt.matchAll(/<https:\/\/w3id\.org\/stalin-letters\/ontology#([A-Za-z]+)>/g)].map((m) => m[1]!),
  );
  for (const name of used)
    assert.ok(store.getQuads(NS.sl + name, null, null, null).length > 0, `sl:${name} is used but not declared`);
});
