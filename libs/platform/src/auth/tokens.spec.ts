import { createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ROLES, TOKEN_AUDIENCE, TOKEN_ISSUER, type Principal } from '@rectify/contracts';
import { InvalidTokenError, signAccessToken, VerifiedTokens, verifyAccessToken, verifyToken } from './tokens.js';
import { parsePublicKeys, parseSigningKey, publishesSigningKey, type SigningKey } from './token-keys.js';
import { assertEnterpriseVisible, canSeeEnterprise } from './scope.js';

function keyPair(kid: string): { signing: SigningKey; publicJwk: object } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid };
  return { signing: parseSigningKey(JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid })), publicJwk };
}

const current = keyPair('2026-12');
const previous = keyPair('2026-06');
const stranger = keyPair('2026-12'); // same kid, another key
const keys = parsePublicKeys(JSON.stringify({ keys: [current.publicJwk, previous.publicJwk] }));

const auditor: Principal = {
  sub: 'u1',
  username: 'e001-audit',
  displayName: '内审',
  role: ROLES.ENTERPRISE_AUDIT,
  enterpriseCode: 'E001',
  unitCode: null,
};

const b64 = (v: object | string) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
/** A token built by hand and signed with `key`, to try shapes signAccessToken never makes. */
const handMade = (header: object, body: object, key: KeyObject) => {
  const input = `${b64(header)}.${b64(body)}`;
  return `${input}.${sign(null, Buffer.from(input), key).toString('base64url')}`;
};

describe('access tokens (EdDSA)', () => {
  it('round-trips the claims and the session id, with kid in the header and a 15-minute expiry', () => {
    const token = signAccessToken(auditor, current.signing, { sessionId: 's-1' });
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'EdDSA', typ: 'JWT', kid: '2026-12' });
    const verified = verifyToken(token, keys);
    expect(verified.principal).toEqual(auditor);
    expect(verified.sessionId).toBe('s-1');
    expect(verified.expiresAt - now()).toBeGreaterThan(14 * 60);
    expect(verified.expiresAt - now()).toBeLessThanOrEqual(15 * 60);
  });

  it('accepts tokens of every published key, so a rotation keeps old tokens valid until they expire', () => {
    expect(verifyAccessToken(signAccessToken(auditor, previous.signing), keys)).toEqual(auditor);
  });

  it('refuses an expired token with a message saying so', () => {
    expect(() => verifyAccessToken(signAccessToken(auditor, current.signing, { ttlSeconds: -60 }), keys)).toThrow('访问令牌已过期，请重新登录');
  });

  it('refuses a token signed by another key under a known kid, and an unknown kid', () => {
    expect(() => verifyAccessToken(signAccessToken(auditor, stranger.signing), keys)).toThrow(InvalidTokenError);
    const other = keyPair('2027-01');
    expect(() => verifyAccessToken(signAccessToken(auditor, other.signing), keys)).toThrow('访问令牌无效：签名密钥未知，请重新登录');
  });

  it('refuses a token without exp, alg none, and HS256 signed with the public key as secret', () => {
    const payload = { ...auditor, aud: TOKEN_AUDIENCE, iss: TOKEN_ISSUER, iat: now() };
    const signed = (header: object, body: object) => handMade(header, body, current.signing.key);
    // A token exactly like ours but without exp: the gateway's key signs it, and it is still refused.
    expect(() => verifyAccessToken(signed({ alg: 'EdDSA', kid: '2026-12' }, payload), keys)).toThrow('访问令牌无效：缺少有效期');
    const withExp = { ...payload, exp: now() + 60 };
    expect(verifyAccessToken(signed({ alg: 'EdDSA', kid: '2026-12' }, withExp), keys)).toEqual(auditor);
    expect(() => verifyAccessToken(`${b64({ alg: 'none', kid: '2026-12' })}.${b64(withExp)}.`, keys)).toThrow(InvalidTokenError);
    const x = (current.publicJwk as { x: string }).x;
    const input = `${b64({ alg: 'HS256', kid: '2026-12' })}.${b64(withExp)}`;
    const hs = createHmac('sha256', x).update(input).digest('base64url');
    expect(() => verifyAccessToken(`${input}.${hs}`, keys)).toThrow(InvalidTokenError);
  });

  it('refuses another audience or issuer and an unknown role', () => {
    const token = (body: object) => handMade({ alg: 'EdDSA', kid: '2026-12' }, body, current.signing.key);
    const base = { ...auditor, aud: TOKEN_AUDIENCE, iss: TOKEN_ISSUER, exp: now() + 60 };
    expect(() => verifyAccessToken(token({ ...base, aud: 'someone-else' }), keys)).toThrow(InvalidTokenError);
    expect(() => verifyAccessToken(token({ ...base, iss: 'evil' }), keys)).toThrow(InvalidTokenError);
    expect(() => verifyAccessToken(token({ ...base, role: 'emperor' }), keys)).toThrow('访问令牌内容无效');
  });

  it('remembers a verified token but still refuses it once it expires, and hands out copies only', () => {
    const token = signAccessToken(auditor, current.signing, { sessionId: 's-2', ttlSeconds: 60 });
    const first = verifyToken(token, keys);
    first.principal.role = ROLES.SUPERVISION_OFFICER; // a caller changing its copy changes nothing for the next request
    const again = verifyToken(token, keys);
    expect(again.principal).toEqual(auditor);
    expect(again.sessionId).toBe('s-2');
    // The remembered token is checked for its expiry on every use (30 s of skew, as uncached).
    expect(verifyToken(token, keys, again.expiresAt + 29).principal).toEqual(auditor);
    expect(() => verifyToken(token, keys, again.expiresAt + 30)).toThrow('访问令牌已过期，请重新登录');
    expect(() => verifyToken(token, keys, again.expiresAt + 30)).toThrow('访问令牌已过期，请重新登录');
  });

  it('does not let a remembered token vouch for a forged one or for another key set', () => {
    const token = signAccessToken(auditor, current.signing);
    verifyToken(token, keys);
    const [head, body, signature] = token.split('.');
    const promoted = b64({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), role: ROLES.SUPERVISION_OFFICER });
    expect(() => verifyToken(`${head}.${promoted}.${signature}`, keys)).toThrow(InvalidTokenError);
    // Another set without this token's key (a rotation finished): the token is refused there.
    const rotated = parsePublicKeys(JSON.stringify({ keys: [previous.publicJwk] }));
    expect(() => verifyToken(token, rotated)).toThrow('访问令牌无效：签名密钥未知，请重新登录');
  });

  it('remembers a bounded number of tokens, still verifying each one it has forgotten', () => {
    const memo = new VerifiedTokens(keys, 2);
    const [a, b, c] = ['a', 'b', 'c'].map((sessionId) => signAccessToken(auditor, current.signing, { sessionId }));
    for (const t of [a!, b!, c!]) memo.verify(t, now());
    expect(memo.size).toBe(2);
    expect(memo.verify(a!, now()).sessionId).toBe('a');
    expect(memo.size).toBe(2);
    // A forgotten token that has expired meanwhile is refused by the full check.
    const short = signAccessToken(auditor, current.signing, { ttlSeconds: 1 });
    memo.verify(short, now());
    memo.verify(b!, now());
    memo.verify(c!, now());
    expect(() => memo.verify(short, now() + 60)).toThrow('访问令牌已过期，请重新登录');
  });

  it('knows whether the public set publishes the signing key', () => {
    expect(publishesSigningKey(keys, current.signing)).toBe(true);
    expect(publishesSigningKey(keys, stranger.signing)).toBe(false);
  });
});

describe('enterprise scope', () => {
  it('lets an enterprise user see only its own enterprise', () => {
    expect(canSeeEnterprise(auditor, 'E001')).toBe(true);
    expect(canSeeEnterprise(auditor, 'E002')).toBe(false);
  });

  it('lets the Commission side see every enterprise', () => {
    expect(canSeeEnterprise({ ...auditor, role: ROLES.SUPERVISION_OFFICER, enterpriseCode: null }, 'E002')).toBe(true);
  });

  it('answers another enterprise with 404, not 403', () => {
    expect(() => assertEnterpriseVisible(auditor, 'E002', '问题')).toThrow(expect.objectContaining({ status: 404 }));
  });
});
