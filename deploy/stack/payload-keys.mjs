// The key that encrypts Temporal payloads on the embedded stack (docs/security.md): generated once
// per profile, kept in .rectify/<profile>/temporal-payload-keys.json (git-ignored, mode 0600) and
// handed to every process the launcher starts. TEMPORAL_PAYLOAD_KEYS and TEMPORAL_PAYLOAD_KEY_ID in
// the environment take precedence (nothing is then written).
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from './user-error.mjs';

export const PAYLOAD_KEYS_FILE = 'temporal-payload-keys.json';

/** `{ keys: { TEMPORAL_PAYLOAD_KEYS, TEMPORAL_PAYLOAD_KEY_ID }, file }`; `file` is undefined when the environment set them. */
export function payloadKeys(dir, profile) {
  const fromEnv = process.env.TEMPORAL_PAYLOAD_KEYS;
  const idFromEnv = process.env.TEMPORAL_PAYLOAD_KEY_ID;
  if (fromEnv || idFromEnv) {
    if (!fromEnv || !idFromEnv) throw new UserError('TEMPORAL_PAYLOAD_KEYS and TEMPORAL_PAYLOAD_KEY_ID go together: set both, or neither (the launcher then generates a key for the profile).');
    return { keys: { TEMPORAL_PAYLOAD_KEYS: fromEnv, TEMPORAL_PAYLOAD_KEY_ID: idFromEnv }, file: undefined };
  }
  const file = join(dir, PAYLOAD_KEYS_FILE);
  if (existsSync(file)) {
    chmodSync(file, 0o600);
    const keys = JSON.parse(readFileSync(file, 'utf8'));
    if (!keys.TEMPORAL_PAYLOAD_KEYS || !keys.TEMPORAL_PAYLOAD_KEY_ID) throw new UserError(`${file} lacks TEMPORAL_PAYLOAD_KEYS or TEMPORAL_PAYLOAD_KEY_ID: restore it from a copy (without it the profile's workflow histories cannot be read).`);
    return { keys, file };
  }
  const id = `${profile}-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
  const keys = { TEMPORAL_PAYLOAD_KEY_ID: id, TEMPORAL_PAYLOAD_KEYS: `${id}:${randomBytes(32).toString('base64')}` };
  writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return { keys, file };
}
