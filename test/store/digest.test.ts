// HTTP Digest authentication (src/publish/digest.ts) on the worked examples of RFC 7616 §3.9.1, challenge parsing
// (several schemes in one header, quoted commas and escapes, the strongest algorithm first), and RFC 2069 answers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { digestAuthorization, parseDigestChallenge } from '../../src/store/digest.js';

const NONCE = '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v';
const OPAQUE = 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS';
const CNONCE = 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ';
// the challenge of RFC 7616 §3.9.1: the server offers SHA-256 and MD5
const RFC_HEADER =
  `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="${NONCE}", opaque="${OPAQUE}", ` +
  `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="${NONCE}", opaque="${OPAQUE}"`;
const REQUEST = {
  method: 'GET',
  uri: '/dir/index.html',
  username: 'Mufasa',
  password: 'Circle of Life',
  nc: 1,
  cnonce: CNONCE,
};
const param = (h: string, name: string): string | undefined =>
  new RegExp(`[ ,]${name}=(?:"([^"]*)"|([^,\\s]*))`)
    .exec(h)
    ?.slice(1)
    .find((x) => x !== undefined);

test('RFC 7616 §3.9.1: the SHA-256 answer (the stronger of the two offered)', () => {
  const c = parseDigestChallenge(RFC_HEADER)!;
  assert.equal(c.algorithm, 'SHA-256');
  assert.deepEqual(c.qop, ['auth', 'auth-int']);
  const h = digestAuthorization(c, REQUEST);
  assert.equal(param(h, 'response'), '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
  assert.equal(param(h, 'nc'), '00000001');
  assert.equal(param(h, 'qop'), 'auth');
  assert.equal(param(h, 'opaque'), OPAQUE);
  assert.equal(param(h, 'uri'), '/dir/index.html');
  assert.equal(param(h, 'algorithm'), 'SHA-256');
  assert.match(h, /^Digest username="Mufasa", /);
});

test('RFC 7616 §3.9.1: the MD5 answer', () => {
  const c = parseDigestChallenge(
    `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="${NONCE}", opaque="${OPAQUE}"`,
  )!;
  assert.equal(param(digestAuthorization(c, REQUEST), 'response'), '8ca523f5e9506fed4657c9700eebdbec');
});

test('a challenge with no algorithm is MD5; stale, quoted commas and escapes are read; Basic is skipped', () => {
  const c = parseDigestChallenge('Basic realm="x", Digest realm="a, \\"b\\"", nonce=n1, qop=auth, stale=TRUE')!;
  assert.deepEqual(c, { realm: 'a, "b"', nonce: 'n1', algorithm: 'MD5', qop: ['auth'], stale: true });
  // Virtuoso 7.2.5's own challenge
  const v = parseDigestChallenge(
    'Digest realm="SPARQL", domain="/sparql-graph-crud-auth", nonce="556c86cf", opaque="5ebe2294", stale="false", qop="auth", algorithm="MD5"',
  )!;
  assert.deepEqual(v, {
    realm: 'SPARQL',
    nonce: '556c86cf',
    algorithm: 'MD5',
    qop: ['auth'],
    stale: false,
    opaque: '5ebe2294',
  });
});

test('no Digest challenge, an unknown algorithm or only auth-int: nothing to answer', () => {
  assert.equal(parseDigestChallenge(undefined), undefined);
  assert.equal(parseDigestChallenge('Basic realm="x"'), undefined);
  assert.equal(parseDigestChallenge('Digest realm="x", nonce="n", algorithm=SHA3-256'), undefined);
  assert.equal(parseDigestChallenge('Digest realm="x", nonce="n", qop="auth-int"'), undefined);
});

test('RFC 2069 (no qop): response = H(HA1:nonce:HA2), no nc or cnonce; -sess mixes the cnonce into HA1', () => {
  const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
  const h = digestAuthorization(parseDigestChallenge('Digest realm="r", nonce="n"')!, {
    method: 'PUT',
    uri: '/g?graph=x',
    username: 'u',
    password: 'p',
    nc: 1,
  });
  assert.equal(param(h, 'response'), md5(`${md5('u:r:p')}:n:${md5('PUT:/g?graph=x')}`));
  assert.doesNotMatch(h, /cnonce=|\bnc=|qop=/);
  const s = digestAuthorization(parseDigestChallenge('Digest realm="r", nonce="n", qop=auth, algorithm=MD5-sess')!, {
    method: 'GET',
    uri: '/',
    username: 'u',
    password: 'p',
    nc: 2,
    cnonce: 'c',
  });
  assert.equal(param(s, 'nc'), '00000002');
  assert.equal(param(s, 'response'), md5(`${md5(`${md5('u:r:p')}:n:c`)}:n:00000002:c:auth:${md5('GET:/')}`));
});
