#!/usr/bin/env node
// Makes a new access-token key pair for production (docs/login-and-tokens.md, docs/operations.md):
//   node deploy/tools/token-key.mjs <folder> [existing-public-keys.json]
// writes <folder>/jwt-private-key.json (mode 0600: the gateway's JWT_PRIVATE_KEY) and
// <folder>/jwt-public-keys.json (JWT_PUBLIC_KEYS: the new public key, plus the keys of the given
// set, so that tokens signed by the key being retired stay valid until they expire).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newKeyPair } from '../stack/token-keys.mjs';

const [folder, previous] = process.argv.slice(2);
if (!folder) {
  process.stderr.write('usage: node deploy/tools/token-key.mjs <folder> [existing-public-keys.json]\n');
  process.exit(64);
}
const { privateJwk, publicJwk } = newKeyPair();
const kept = previous ? JSON.parse(readFileSync(previous, 'utf8')).keys : [];
mkdirSync(folder, { recursive: true, mode: 0o700 });
writeFileSync(join(folder, 'jwt-private-key.json'), JSON.stringify(privateJwk), { mode: 0o600 });
writeFileSync(join(folder, 'jwt-public-keys.json'), JSON.stringify({ keys: [publicJwk, ...kept.filter((k) => k.kid !== publicJwk.kid)] }));
process.stdout.write(`new key ${publicJwk.kid}: ${join(folder, 'jwt-private-key.json')} (gateway only), ${join(folder, 'jwt-public-keys.json')} (${kept.length + 1} public keys)\n`);
