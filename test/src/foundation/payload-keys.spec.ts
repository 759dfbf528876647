import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { payloadKeyProblems } from '@rectify/platform';

/** The launcher's payload keys (deploy/stack/payload-keys.mjs): one key per profile, kept private, reused. */
interface PayloadKeysModule {
  PAYLOAD_KEYS_FILE: string;
  payloadKeys(dir: string, profile: string): { keys: { TEMPORAL_PAYLOAD_KEYS: string; TEMPORAL_PAYLOAD_KEY_ID: string }; file?: string };
}
const REPO = resolve(fileURLToPath(import.meta.url), '../../../..');
const load = async () => (await import(pathToFileURL(join(REPO, 'deploy/stack/payload-keys.mjs')).href)) as PayloadKeysModule;
const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rectify-payload-keys-'));
  dirs.push(dir);
  return dir;
};

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the launcher\'s payload key', () => {
  const saved = { keys: process.env['TEMPORAL_PAYLOAD_KEYS'], id: process.env['TEMPORAL_PAYLOAD_KEY_ID'] };
  const clearEnv = () => {
    delete process.env['TEMPORAL_PAYLOAD_KEYS'];
    delete process.env['TEMPORAL_PAYLOAD_KEY_ID'];
  };
  afterAll(() => {
    if (saved.keys !== undefined) process.env['TEMPORAL_PAYLOAD_KEYS'] = saved.keys;
    if (saved.id !== undefined) process.env['TEMPORAL_PAYLOAD_KEY_ID'] = saved.id;
  });

  it('is generated once per profile, valid, in a file only its owner reads, and reused on the next start', async () => {
    clearEnv();
    const { payloadKeys, PAYLOAD_KEYS_FILE } = await load();
    const dir = scratch();
    const first = payloadKeys(dir, 'demo');
    expect(first.file).toBe(join(dir, PAYLOAD_KEYS_FILE));
    expect(statSync(first.file!).mode & 0o777).toBe(0o600);
    expect(payloadKeyProblems(first.keys)).toEqual([]);
    expect(first.keys.TEMPORAL_PAYLOAD_KEY_ID).toMatch(/^demo-\d{8}$/);
    expect(JSON.parse(readFileSync(first.file!, 'utf8'))).toEqual(first.keys);
    expect(payloadKeys(dir, 'demo').keys).toEqual(first.keys);
    expect(payloadKeys(scratch(), 'demo').keys.TEMPORAL_PAYLOAD_KEYS).not.toBe(first.keys.TEMPORAL_PAYLOAD_KEYS);
  });

  it('takes the keys from the environment when both are set (and writes nothing), and refuses one without the other', async () => {
    const { payloadKeys } = await load();
    const dir = scratch();
    process.env['TEMPORAL_PAYLOAD_KEYS'] = `ops:${Buffer.alloc(32, 1).toString('base64')}`;
    process.env['TEMPORAL_PAYLOAD_KEY_ID'] = 'ops';
    expect(payloadKeys(dir, 'demo')).toEqual({ keys: { TEMPORAL_PAYLOAD_KEYS: process.env['TEMPORAL_PAYLOAD_KEYS'], TEMPORAL_PAYLOAD_KEY_ID: 'ops' }, file: undefined });
    delete process.env['TEMPORAL_PAYLOAD_KEY_ID'];
    expect(() => payloadKeys(dir, 'demo')).toThrow(/TEMPORAL_PAYLOAD_KEYS and TEMPORAL_PAYLOAD_KEY_ID go together/);
    clearEnv();
  });
});
