/**
 * The keys that encrypt Temporal payloads (see temporal/payload-codec.ts), as configured:
 * TEMPORAL_PAYLOAD_KEYS lists `id:base64key[,id:base64key…]` (each key 32 bytes), and
 * TEMPORAL_PAYLOAD_KEY_ID names the one that encrypts new payloads; the others only decrypt.
 */
export const KEY_BYTES = 32;
export const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export interface PayloadKeyConfig {
  TEMPORAL_PAYLOAD_KEYS: string;
  TEMPORAL_PAYLOAD_KEY_ID: string;
}

/**
 * Parses TEMPORAL_PAYLOAD_KEYS: `id:base64key[,id:base64key…]`, each key 32 bytes (standard or
 * URL-safe base64). Returns the problems found, naming the variable, rather than throwing.
 */
export function parsePayloadKeys(raw: string): { keys: Map<string, Buffer>; problems: string[] } {
  const keys = new Map<string, Buffer>();
  const problems: string[] = [];
  const entries = raw.split(',').map((e) => e.trim()).filter((e) => e.length > 0);
  if (entries.length === 0) problems.push('TEMPORAL_PAYLOAD_KEYS must list at least one key as id:base64key');
  for (const [i, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    const encoded = colon > 0 ? entry.slice(colon + 1) : '';
    if (!KEY_ID.test(id)) {
      problems.push(`TEMPORAL_PAYLOAD_KEYS entry ${i + 1} must be id:base64key with an id of 1-64 letters, digits, '.', '_' or '-'`);
      continue;
    }
    if (keys.has(id)) {
      problems.push(`TEMPORAL_PAYLOAD_KEYS lists key id "${id}" twice`);
      continue;
    }
    const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded) ? Buffer.from(encoded, encoded.includes('-') || encoded.includes('_') ? 'base64url' : 'base64') : undefined;
    if (!key || key.length !== KEY_BYTES) {
      problems.push(`TEMPORAL_PAYLOAD_KEYS key "${id}" must be ${KEY_BYTES} bytes in base64 (e.g. \`openssl rand -base64 32\`), got ${key ? `${key.length} bytes` : 'no valid base64'}`);
      continue;
    }
    keys.set(id, key);
  }
  return { keys, problems };
}

/** The problems of a key configuration (empty when valid); used by config validation at start. */
export function payloadKeyProblems(config: Partial<PayloadKeyConfig>): string[] {
  if (config.TEMPORAL_PAYLOAD_KEYS === undefined || config.TEMPORAL_PAYLOAD_KEYS === '') return ['TEMPORAL_PAYLOAD_KEYS is required (the keys that encrypt Temporal payloads, id:base64key,…)'];
  const { keys, problems } = parsePayloadKeys(config.TEMPORAL_PAYLOAD_KEYS);
  if (!config.TEMPORAL_PAYLOAD_KEY_ID) problems.push('TEMPORAL_PAYLOAD_KEY_ID is required (the id of the key in TEMPORAL_PAYLOAD_KEYS that encrypts new payloads)');
  else if (problems.length === 0 && !keys.has(config.TEMPORAL_PAYLOAD_KEY_ID)) {
    problems.push(`TEMPORAL_PAYLOAD_KEY_ID "${config.TEMPORAL_PAYLOAD_KEY_ID}" is not one of the ids in TEMPORAL_PAYLOAD_KEYS (${[...keys.keys()].join(', ')})`);
  }
  return problems;
}

