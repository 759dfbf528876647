import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

/**
 * scrypt parameters (RFC 7914) at OWASP's minimum: N=2^17, r=8, p=1, which needs 128 MiB per
 * hash (128·N·r bytes), above Node's default maxmem of 32 MiB. Stored with each hash, so a hash
 * made with lower numbers still verifies and is replaced at the user's next login (needsRehash).
 */
export const SCRYPT_COST = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

/** Room for the cost above (and for a stored hash of at most twice its memory). */
function maxmemFor(n: number, r: number): number {
  return 128 * n * r * 2;
}

function options(n: number, r: number, p: number): object {
  return { N: n, r, p, maxmem: maxmemFor(n, r) };
}

/** Hashes a password as `scrypt$N$r$p$salt$hash` (base64 parts). */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = SCRYPT_COST;
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LENGTH, options(N, r, p));
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Largest cost a stored hash may ask for: a corrupted row must not make the gateway allocate gigabytes. */
const MAX_N = 2 ** 20;

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  if (![cost.N, cost.r, cost.p].every(Number.isInteger) || cost.N > MAX_N || cost.r > 32 || cost.p > 16) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, options(cost.N, cost.r, cost.p));
  return timingSafeEqual(actual, expected);
}

/** Whether a stored hash was made with less than today's cost (rehashed at the next good login). */
export function needsRehash(stored: string): boolean {
  const [scheme, n, r, p] = stored.split('$');
  return scheme !== 'scrypt' || Number(n) < SCRYPT_COST.N || Number(r) < SCRYPT_COST.r || Number(p) < SCRYPT_COST.p;
}

/** A hash of nothing at today's cost, verified against when the username is unknown so timing reveals nothing. */
export const DUMMY_HASH = `scrypt$${SCRYPT_COST.N}$${SCRYPT_COST.r}$${SCRYPT_COST.p}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;
