// The IRI scheme (src/core/iri.ts): one check of the base IRI for every command, and the path of each kind.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  baseIriProblem,
  iriPath,
  parseBaseIri,
  parsePath,
  pathBelow,
  DEFAULT_BASE_IRI,
  type BaseIri,
} from '../../src/core/iri.js';
import { UsageError } from '../../src/core/errors.js';

test('base IRIs: the default and other folder or hash IRIs pass; each kind of bad one is refused with its reason', () => {
  for (const ok of [DEFAULT_BASE_IRI, 'http://example.org/x/', 'https://example.org/data#', 'https://ex.org/a%20b/'])
    assert.equal(baseIriProblem(ok), undefined, ok);
  const bad: [string, RegExp][] = [
    ['ftp://example.org/', /http\(s\)/],
    ['not an iri', /http\(s\)/],
    ['https://ex.org/%zz/', /%-escape/],
    ['https://ex.org/#frag/', /fragment/],
    ['https://ex.org/?q=1/', /query/],
    ['https://ex.org/a b/', /character IRIs do not allow/],
    ['https://ex.org/x', /end in/],
    ['https:///x/', /http\(s\)/],
  ];
  for (const [iri, why] of bad) assert.match(baseIriProblem(iri) ?? 'accepted', why, iri);
  assert.match(baseIriProblem('https://ex.org/data#', { slashOnly: true })!, /end in "\/"/);
  assert.throws(
    () => parseBaseIri('https://ex.org/%zz/', { option: '--base-iri' }),
    (e: unknown) => e instanceof UsageError && /^--base-iri "https:\/\/ex.org\/%zz\/" has a "%"/.test(e.message),
  );
  assert.throws(
    () => parseBaseIri('https://ex.org/data#', { slashOnly: true }),
    /^UsageError: --base-iri .* end in "\/"/,
  );
  // the parsed IRI is the same string, now typed as checked; a bare string is not one
  const parsed: BaseIri = parseBaseIri('https://example.org/x/');
  assert.equal(parsed, 'https://example.org/x/');
  // @ts-expect-error only parseBaseIri makes a BaseIri
  const unchecked: BaseIri = 'https://example.org/x/';
  assert.equal(typeof unchecked, 'string');
});

test('paths: every kind below the base, and back', () => {
  const base = parseBaseIri('https://w3id.org/stalin-letters/');
  assert.equal(base, DEFAULT_BASE_IRI);
  assert.equal(`${base}${iriPath.person('piatakov')}`, 'https://w3id.org/stalin-letters/person/piatakov');
  assert.equal(iriPath.note('molotov-63', 1), 'letter/molotov-63/note/1');
  assert.equal(iriPath.citation('molotov-63', 1, 2), 'letter/molotov-63/note/1/citation/2');
  assert.equal(pathBelow(base, 'https://w3id.org/stalin-letters/post/chairman-gosbank'), 'post/chairman-gosbank');
  assert.equal(pathBelow(base, 'https://example.org/post/x'), undefined);
  assert.deepEqual(parsePath(iriPath.note('molotov-63', 1)), { kind: 'letter', id: 'molotov-63', rest: ['note', '1'] });
  assert.deepEqual(parsePath('post/chairman-gosbank'), { kind: 'post', id: 'chairman-gosbank', rest: [] });
  assert.equal(parsePath('ontology'), undefined);
  assert.equal(parsePath('nonsense/x'), undefined);
});
