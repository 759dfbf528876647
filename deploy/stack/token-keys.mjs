// The access-token keys of one profile: an Ed25519 key pair made once, kept in the git-ignored
// state folder with mode 0600. The gateway gets the private key (JWT_PRIVATE_KEY), every process
// the public set (JWT_PUBLIC_KEYS). Set both variables in the environment to use keys of your own.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from './user-error.mjs';

/** A new key pair as JWKs with one kid: `<date>-<random>`. */
export function newKeyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const kid = `${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
  return {
    privateJwk: { ...privateKey.export({ format: 'jwk' }), kid },
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid },
  };
}

function writePrivate(file, text) {
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600); // an existing file keeps its mode on write
}

export function tokenKeys(dir) {
  mkdirSync(dir, { recursive: true });
  const privateKeyFile = join(dir, 'jwt-private-key.json');
  const publicKeysFile = join(dir, 'jwt-public-keys.json');
  const fromEnv = [process.env.JWT_PRIVATE_KEY, process.env.JWT_PUBLIC_KEYS];
  if (fromEnv.some(Boolean)) {
    if (!fromEnv.every(Boolean)) throw new UserError('Set both JWT_PRIVATE_KEY and JWT_PUBLIC_KEYS, or neither (the launcher then makes a key pair per profile).');
    writePrivate(privateKeyFile, process.env.JWT_PRIVATE_KEY);
    writePrivate(publicKeysFile, process.env.JWT_PUBLIC_KEYS);
  } else if (!existsSync(privateKeyFile) || !existsSync(publicKeysFile)) {
    const { privateJwk, publicJwk } = newKeyPair();
    writePrivate(privateKeyFile, JSON.stringify(privateJwk));
    writePrivate(publicKeysFile, JSON.stringify({ keys: [publicJwk] }));
  }
  return {
    privateKey: readFileSync(privateKeyFile, 'utf8').trim(),
    publicKeys: readFileSync(publicKeysFile, 'utf8').trim(),
    privateKeyFile,
    publicKeysFile,
  };
}
