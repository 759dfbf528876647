import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { isRole, TOKEN_AUDIENCE, TOKEN_ISSUER, type TokenClaims } from '@rectify/contracts';

/**
 * The secret as a KeyObject, made once: given a string, jsonwebtoken first tries it as a public
 * key and builds a new key object on every call, which costs about a millisecond per request.
 */
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keys.set(secret, key);
  }
  return key;
}

/** Access tokens live for eight hours: one working day. */
export const ACCESS_TOKEN_TTL_SECONDS = 8 * 60 * 60;

export function signAccessToken(claims: TokenClaims, secret: string, ttlSeconds = ACCESS_TOKEN_TTL_SECONDS): string {
  const { sub, ...rest } = claims;
  return jwt.sign(rest, keyOf(secret), {
    algorithm: 'HS256',
    subject: sub,
    audience: TOKEN_AUDIENCE,
    issuer: TOKEN_ISSUER,
    expiresIn: ttlSeconds,
  });
}

/** Why a token was refused; the guard turns it into a 401 message. */
export class InvalidTokenError extends Error {}

/** Verifies signature, algorithm, audience, issuer and expiry, then the shape of the claims. */
export function verifyAccessToken(token: string, secret: string): TokenClaims {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, keyOf(secret), {
      algorithms: ['HS256'],
      audience: TOKEN_AUDIENCE,
      issuer: TOKEN_ISSUER,
    });
  } catch (err) {
    if (err instanceof jwt.TokenExpiredError) throw new InvalidTokenError('访问令牌已过期，请重新登录');
    throw new InvalidTokenError('访问令牌无效');
  }
  if (typeof payload === 'string' || typeof payload.sub !== 'string' || !isRole(payload['role'])) {
    throw new InvalidTokenError('访问令牌内容无效');
  }
  const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
  return {
    sub: payload.sub,
    username: str(payload['username']) ?? '',
    displayName: str(payload['displayName']) ?? '',
    role: payload['role'],
    enterpriseCode: str(payload['enterpriseCode']),
    unitCode: str(payload['unitCode']),
  };
}
