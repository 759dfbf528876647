import { randomUUID, sign as cryptoSign, verify as cryptoVerify } from 'node:crypto';
import { isRole, TOKEN_AUDIENCE, TOKEN_ISSUER, type TokenClaims } from '@rectify/contracts';
import type { PublicKeySet, SigningKey } from './token-keys.js';

/**
 * Access tokens are JWS compact tokens signed with EdDSA (Ed25519, Node's crypto), `kid` in the
 * header. They live 15 minutes: services only verify the signature and the expiry, so a
 * deactivated user or a revoked session keeps at most that long on the services; the gateway
 * refuses the session itself at once (refresh, logout, password change; docs/login-and-tokens.md).
 */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/** Clock difference between the gateway and a service that is tolerated on `exp`. */
const CLOCK_SKEW_SECONDS = 30;

const b64url = (v: Buffer | string) => Buffer.from(v).toString('base64url');

export interface SignOptions {
  ttlSeconds?: number;
  /** The login session the token belongs to (the gateway's identity.sessions row). */
  sessionId?: string;
  /** Now, in epoch seconds (tests). */
  now?: number;
}

export function signAccessToken(claims: TokenClaims, signing: SigningKey, options: SignOptions = {}): string {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const header = { alg: 'EdDSA', typ: 'JWT', kid: signing.kid };
  const payload = {
    ...claims,
    ...(options.sessionId ? { sid: options.sessionId } : {}),
    aud: TOKEN_AUDIENCE,
    iss: TOKEN_ISSUER,
    iat: now,
    exp: now + (options.ttlSeconds ?? ACCESS_TOKEN_TTL_SECONDS),
    jti: randomUUID(),
  };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${b64url(cryptoSign(null, Buffer.from(input), signing.key))}`;
}

/** Why a token was refused; the guard turns it into a 401 message. */
export class InvalidTokenError extends Error {}

export interface VerifiedToken {
  principal: TokenClaims;
  /** The gateway's session id, when the token carries one. */
  sessionId: string | null;
  /** Expiry, epoch seconds. */
  expiresAt: number;
}

function parsePart(part: string): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
  return value as Record<string, unknown>;
}

/** How many verified tokens a process remembers per key set (see verifyToken). */
export const VERIFIED_TOKEN_CACHE_SIZE = 5000;

const expired = (exp: number, nowSeconds: number) => exp + CLOCK_SKEW_SECONDS <= nowSeconds;

/** A copy, so no caller can change what the next request of the same token is given. */
const copyOf = (v: VerifiedToken): VerifiedToken => ({ principal: { ...v.principal }, sessionId: v.sessionId, expiresAt: v.expiresAt });

/**
 * Tokens that passed every check against one key set, by their exact text. Only the expiry of such a token can change
 * its answer (signature, kid, audience, issuer and claims are fixed by its text and the key set),
 * so a remembered token is checked for expiry on every use and forgotten once expired. Only valid
 * tokens are kept, and only the gateway can sign those: a stream of forged tokens never fills it.
 * Bounded: past `limit` tokens the longest-remembered one is dropped (and verified afresh if it comes back).
 */
export class VerifiedTokens {
  private readonly tokens = new Map<string, VerifiedToken>();

  constructor(
    private readonly keys: PublicKeySet,
    private readonly limit = VERIFIED_TOKEN_CACHE_SIZE,
  ) {}

  get size(): number {
    return this.tokens.size;
  }

  verify(token: string, nowSeconds = Date.now() / 1000): VerifiedToken {
    const known = this.tokens.get(token);
    if (known) {
      if (!expired(known.expiresAt, nowSeconds)) return copyOf(known);
      this.tokens.delete(token);
      throw new InvalidTokenError('访问令牌已过期，请重新登录');
    }
    const verified = verifyUncached(token, this.keys, nowSeconds);
    if (this.tokens.size >= this.limit) this.tokens.delete(this.tokens.keys().next().value!);
    this.tokens.set(token, copyOf(verified));
    return verified;
  }
}

/** The remembered tokens of each key set (a process has one set; tests make several). */
const verifiedTokens = new WeakMap<PublicKeySet, VerifiedTokens>();

/**
 * The one check of an access token, for the guard and for any other entry (a cookie, the codec
 * endpoint): EdDSA only, a known `kid`, a valid signature, our audience and issuer, an `exp` that
 * has not passed (a token without `exp` is refused), then the shape of the claims. A token that
 * passed once is remembered (VerifiedTokens) and from then on checked for its expiry only — the
 * same answer, without the signature check on every request.
 */
export function verifyToken(token: string, keys: PublicKeySet, nowSeconds = Date.now() / 1000): VerifiedToken {
  let memo = verifiedTokens.get(keys);
  if (!memo) verifiedTokens.set(keys, (memo = new VerifiedTokens(keys)));
  return memo.verify(token, nowSeconds);
}

function verifyUncached(token: string, keys: PublicKeySet, nowSeconds: number): VerifiedToken {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw new InvalidTokenError('访问令牌无效');
  let header: Record<string, unknown>;
  let payload: Record<string, unknown>;
  try {
    header = parsePart(parts[0]!);
    payload = parsePart(parts[1]!);
  } catch {
    throw new InvalidTokenError('访问令牌无效');
  }
  if (header['alg'] !== 'EdDSA' || typeof header['kid'] !== 'string') throw new InvalidTokenError('访问令牌无效');
  const key = keys.get(header['kid']);
  if (!key) throw new InvalidTokenError('访问令牌无效：签名密钥未知，请重新登录');
  const signature = Buffer.from(parts[2]!, 'base64url');
  if (signature.length !== 64 || !cryptoVerify(null, Buffer.from(`${parts[0]}.${parts[1]}`), key, signature)) {
    throw new InvalidTokenError('访问令牌无效');
  }
  const aud = payload['aud'];
  if (payload['iss'] !== TOKEN_ISSUER || !(aud === TOKEN_AUDIENCE || (Array.isArray(aud) && aud.includes(TOKEN_AUDIENCE)))) {
    throw new InvalidTokenError('访问令牌无效');
  }
  const exp = payload['exp'];
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new InvalidTokenError('访问令牌无效：缺少有效期');
  if (expired(exp, nowSeconds)) throw new InvalidTokenError('访问令牌已过期，请重新登录');
  if (typeof payload['sub'] !== 'string' || payload['sub'].length === 0 || !isRole(payload['role'])) {
    throw new InvalidTokenError('访问令牌内容无效');
  }
  const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
  return {
    principal: {
      sub: payload['sub'],
      username: str(payload['username']) ?? '',
      displayName: str(payload['displayName']) ?? '',
      role: payload['role'],
      enterpriseCode: str(payload['enterpriseCode']),
      unitCode: str(payload['unitCode']),
    },
    sessionId: str(payload['sid']),
    expiresAt: exp,
  };
}

/** The caller's claims from a valid token (see verifyToken). */
export function verifyAccessToken(token: string, keys: PublicKeySet): TokenClaims {
  return verifyToken(token, keys).principal;
}
