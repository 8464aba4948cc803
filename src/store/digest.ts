// HTTP Digest access authentication (RFC 7616), client side: parse a `WWW-Authenticate: Digest …` challenge and
// answer it. Virtuoso's Graph Store (/sparql-graph-crud-auth) takes nothing else. Written here rather than taken
// from npm: the one widely used package (digest-fetch) ignores the algorithm the server names, draws its cnonce
// from Math.random and always sends the body twice; this is small, uses node:crypto, and is tested on the worked
// examples of RFC 7616 §3.9.1 (test/store/digest.test.ts) and against Virtuoso.

import { createHash, randomBytes } from 'node:crypto';

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  /** MD5, MD5-sess, SHA-256, SHA-256-sess, SHA-512-256, SHA-512-256-sess (MD5 when the server names none). */
  algorithm: string;
  /** The qop values offered (empty for an RFC 2069 challenge). */
  qop: string[];
  stale: boolean;
}

const HASHES: Record<string, string> = { MD5: 'md5', 'SHA-256': 'sha256', 'SHA-512-256': 'sha512-256' };
// strongest first, when a server offers several
const PREFERENCE = ['SHA-512-256', 'SHA-256', 'MD5'];

/** Splits `Digest a=1, b="x, y", Basic realm="r"` into challenges with their parameters (RFC 7235 §2.1). */
function challenges(header: string): { scheme: string; params: Map<string, string> }[] {
  const out: { scheme: string; params: Map<string, string> }[] = [];
  const re =
    /\s*,?\s*(?:([!#$%&'*+.^_`|~\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))|([!#$%&'*+.^_`|~\w-]+)(?=\s|$|,))/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(header)) && m[0] !== '') {
    if (m[4] !== undefined) out.push({ scheme: m[4], params: new Map() });
    else if (out.length)
      out[out.length - 1]!.params.set(m[1]!.toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!);
  }
  return out;
}

/** The Digest challenge to answer in a WWW-Authenticate header (the strongest algorithm we support), if any. */
export function parseDigestChallenge(header: string | null | undefined): DigestChallenge | undefined {
  if (!header) return undefined;
  const found: DigestChallenge[] = [];
  for (const c of challenges(header)) {
    if (c.scheme.toLowerCase() !== 'digest') continue;
    const p = c.params;
    const algorithm = (p.get('algorithm') ?? 'MD5').toUpperCase().replace(/-SESS$/, '-sess');
    const qop = (p.get('qop') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    // unknown algorithm, no nonce, or only auth-int (which would hash the body): not answerable
    if (
      !HASHES[algorithm.replace(/-sess$/, '')] ||
      p.get('nonce') === undefined ||
      (qop.length && !qop.includes('auth'))
    )
      continue;
    found.push({
      realm: p.get('realm') ?? '',
      nonce: p.get('nonce')!,
      algorithm,
      qop,
      stale: (p.get('stale') ?? '').toLowerCase() === 'true',
      ...(p.get('opaque') !== undefined ? { opaque: p.get('opaque')! } : {}),
    });
  }
  const rank = (c: DigestChallenge): number => PREFERENCE.indexOf(c.algorithm.replace(/-sess$/, ''));
  return found.sort((a, b) => rank(a) - rank(b))[0];
}

export interface DigestRequest {
  method: string;
  /** The request target: path and query, as sent on the request line. */
  uri: string;
  username: string;
  password: string;
  /** Nonce count: 1 for the first request with this nonce, then 2, 3 … */
  nc: number;
  /** Client nonce; random when not given (tests give the RFC's). */
  cnonce?: string;
}

const quote = (s: string): string => `"${s.replace(/["\\]/g, '\\$&')}"`;

/** The value of the Authorization header that answers `c` for one request (qop=auth; auth-int is not offered by the stores we target). */
export function digestAuthorization(c: DigestChallenge, r: DigestRequest): string {
  const base = c.algorithm.replace(/-sess$/, '');
  const H = (s: string): string => createHash(HASHES[base]!).update(s, 'utf8').digest('hex');
  const cnonce = r.cnonce ?? randomBytes(16).toString('hex');
  const nc = r.nc.toString(16).padStart(8, '0');
  let ha1 = H(`${r.username}:${c.realm}:${r.password}`);
  if (c.algorithm.endsWith('-sess')) ha1 = H(`${ha1}:${c.nonce}:${cnonce}`);
  const ha2 = H(`${r.method}:${r.uri}`);
  const qop = c.qop.includes('auth') ? 'auth' : undefined;
  const response = qop ? H(`${ha1}:${c.nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : H(`${ha1}:${c.nonce}:${ha2}`);
  const parts = [
    `username=${quote(r.username)}`,
    `realm=${quote(c.realm)}`,
    `uri=${quote(r.uri)}`,
    `algorithm=${c.algorithm}`,
    `nonce=${quote(c.nonce)}`,
    ...(qop ? [`nc=${nc}`, `cnonce=${quote(cnonce)}`, `qop=${qop}`] : []),
    `response=${quote(response)}`,
    ...(c.opaque !== undefined ? [`opaque=${quote(c.opaque)}`] : []),
  ];
  return `Digest ${parts.join(', ')}`;
}
