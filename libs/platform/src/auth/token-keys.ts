import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * Access-token keys. The gateway signs with one Ed25519 private key (JWT_PRIVATE_KEY, a JWK with
 * `kid`); every service verifies with public keys only (JWT_PUBLIC_KEYS, a JWK set). A rotation
 * adds the new public key to the set before the gateway signs with it, and removes the old one
 * once the last token it signed has expired.
 */
export interface SigningKey {
  kid: string;
  key: KeyObject;
  /** The public half, to check that the set the services read contains it. */
  publicKey: KeyObject;
}

/** Public keys by `kid`. */
export type PublicKeySet = ReadonlyMap<string, KeyObject>;

interface OkpJwk {
  kty?: unknown;
  crv?: unknown;
  kid?: unknown;
  x?: unknown;
  d?: unknown;
}

const KID = /^[A-Za-z0-9._-]{1,64}$/;

function checkJwk(jwk: OkpJwk, where: string, needPrivate: boolean): string {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') throw new Error(`${where} must be an Ed25519 key (kty "OKP", crv "Ed25519")`);
  if (typeof jwk.kid !== 'string' || !KID.test(jwk.kid)) throw new Error(`${where} needs a "kid" of 1-64 letters, digits, ".", "_" or "-"`);
  if (typeof jwk.x !== 'string') throw new Error(`${where} needs "x" (the public key, base64url)`);
  if (needPrivate && typeof jwk.d !== 'string') throw new Error(`${where} needs "d" (the private key, base64url)`);
  if (!needPrivate && jwk.d !== undefined) throw new Error(`${where} must not contain "d": services get public keys only`);
  return jwk.kid;
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${name} must be JSON`);
  }
}

/** JWT_PRIVATE_KEY: `{"kty":"OKP","crv":"Ed25519","kid":"…","x":"…","d":"…"}`. */
export function parseSigningKey(text: string, name = 'JWT_PRIVATE_KEY'): SigningKey {
  const jwk = parseJson(text, name) as OkpJwk;
  if (!jwk || typeof jwk !== 'object') throw new Error(`${name} must be a JSON Web Key`);
  const kid = checkJwk(jwk, name, true);
  try {
    const key = createPrivateKey({ key: jwk as never, format: 'jwk' });
    return { kid, key, publicKey: createPublicKey(key) };
  } catch {
    throw new Error(`${name} is not a valid Ed25519 private key`);
  }
}

/** JWT_PUBLIC_KEYS: `{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"…","x":"…"}, …]}` (a JWK set; a bare array is accepted too). */
export function parsePublicKeys(text: string, name = 'JWT_PUBLIC_KEYS'): PublicKeySet {
  const parsed = parseJson(text, name) as { keys?: unknown } | unknown[];
  const list = Array.isArray(parsed) ? parsed : (parsed as { keys?: unknown })?.keys;
  if (!Array.isArray(list) || list.length === 0) throw new Error(`${name} must be a JWK set {"keys":[…]} with at least one key`);
  const keys = new Map<string, KeyObject>();
  list.forEach((jwk: OkpJwk, i) => {
    const where = `${name} key ${i + 1}`;
    if (!jwk || typeof jwk !== 'object') throw new Error(`${where} must be a JSON Web Key`);
    const kid = checkJwk(jwk, where, false);
    if (keys.has(kid)) throw new Error(`${name} has two keys with kid "${kid}"`);
    try {
      keys.set(kid, createPublicKey({ key: jwk as never, format: 'jwk' }));
    } catch {
      throw new Error(`${where} is not a valid Ed25519 public key`);
    }
  });
  return keys;
}

/** Whether `keys` holds the public half of `signing` under its kid (else its tokens would be refused). */
export function publishesSigningKey(keys: PublicKeySet, signing: SigningKey): boolean {
  const published = keys.get(signing.kid);
  if (!published) return false;
  const der = (k: KeyObject) => k.export({ format: 'der', type: 'spki' });
  return der(published).equals(der(signing.publicKey));
}
