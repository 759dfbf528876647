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

/**
 * The one check of an access token, for the guard and for any other entry (a cookie, the codec
 * endpoint): EdDSA only, a known `kid`, a valid signature, our audience and issuer, an `exp` that
 * has not passed (a token without `exp` is refused), then the shape of the claims.
 */
export function verifyToken(token: string, keys: PublicKeySet, nowSeconds = Date.now() / 1000): VerifiedToken {
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
  if (exp + CLOCK_SKEW_SECONDS <= nowSeconds) throw new InvalidTokenError('访问令牌已过期，请重新登录');
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
