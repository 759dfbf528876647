import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { ApplicationFailure, defaultPayloadConverter, METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { ConfigError, loadConfig, TEMPORAL_PAYLOAD_CONFIG } from '../config/config.js';
import { ENCRYPTED_ENCODING, isEncrypted, METADATA_ENCRYPTION_KEY_ID, payloadCodecFrom, PayloadDecryptionError, payloadKeyProblems, temporalDataConverter } from './payload-codec.js';

const key = () => randomBytes(32).toString('base64');
const k1 = key();
const k2 = key();
const text = (bytes: Uint8Array | null | undefined) => new TextDecoder().decode(bytes ?? new Uint8Array());
const secret = { title: '某集团违规出借资金 3000 万元', confidential: true };
const plain = (): Payload => defaultPayloadConverter.toPayload(secret);

describe('EncryptionCodec', () => {
  it('round-trips a payload, metadata included, and hides its content', async () => {
    const codec = payloadCodecFrom({ TEMPORAL_PAYLOAD_KEYS: `k1:${k1}`, TEMPORAL_PAYLOAD_KEY_ID: 'k1' });
    const [sealed] = await codec.encode([plain()]);
    expect(text(sealed!.metadata![METADATA_ENCODING_KEY])).toBe(ENCRYPTED_ENCODING);
    expect(text(sealed!.metadata![METADATA_ENCRYPTION_KEY_ID])).toBe('k1');
    expect(Object.keys(sealed!.metadata!).sort()).toEqual([METADATA_ENCODING_KEY, METADATA_ENCRYPTION_KEY_ID].sort());
    expect(Buffer.from(sealed!.data!).includes(Buffer.from('违规出借'))).toBe(false);
    expect(Buffer.from(sealed!.data!).includes(Buffer.from('json/plain'))).toBe(false);
    const [opened] = await codec.decode([sealed!]);
    expect(text(opened!.metadata![METADATA_ENCODING_KEY])).toBe('json/plain');
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(secret);
  });

  it('seals the same payload differently each time (random IV)', async () => {
    const codec = payloadCodecFrom({ TEMPORAL_PAYLOAD_KEYS: `k1:${k1}`, TEMPORAL_PAYLOAD_KEY_ID: 'k1' });
    const [a, b] = await codec.encode([plain(), plain()]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('after rotation encrypts with the new key and still opens payloads of the old one', async () => {
    const before = payloadCodecFrom({ TEMPORAL_PAYLOAD_KEYS: `k1:${k1}`, TEMPORAL_PAYLOAD_KEY_ID: 'k1' });
    const after = payloadCodecFrom({ TEMPORAL_PAYLOAD_KEYS: `k1:${k1},k2:${k2}`, TEMPORAL_PAYLOAD_KEY_ID: 'k2' });
    const [old] = await before.encode([plain()]);
    const [fresh] = await after.encode([plain()]);
    expect(text(fresh!.metadata![METADATA_ENCRYPTION_KEY_ID])).toBe('k2');
    const [a, b] = await after.decode([old!, fresh!]);
    expect(defaultPayloadConverter.fromPayload(a!)).toEqual(secret);
    expect(defaultPayloadConverter.fromPayload(b!)).toEqual(secret);
    // The codec that only knows k1 cannot open what k2 sealed, and says which key is missing.
    await expect(before.decode([fresh!])).rejects.toThrow(/key id "k2", which is not configured.*TEMPORAL_PAYLOAD_KEYS/);
    await expect(before.decode([fresh!])).rejects.toBeInstanceOf(PayloadDecryptionError);
  });

  it('refuses a tampered ciphertext, a swapped key id and a truncated payload', async () => {
    const codec = payloadCodecFrom({ TEMPORAL_PAYLOAD_KEYS: `k1:${k1},k2:${k2}`, TEMPORAL_PAYLOAD_KEY_ID: 'k1' });
    const [sealed] = await codec.encode([plain()]);
    const flipped = Buffer.from(sealed!.data!);
    flipped[20] = flipped[20]! ^ 0x01;
    await expect(codec.decode([{ ...sealed!, data: new Uint8Array(flipped) }])).rejects.toThrow(/failed authentication/);
    const relabelled = { ...sealed!, metadata: { ...sealed!.metadata!, [METADATA_ENCRYPTION_KEY_ID]: new TextEncoder().encode('k2') } };
    await expect(codec.decode([relabelled])).rejects.toThrow(/failed authentication with key "k2"/);
    await expect(codec.decode([{ ...sealed!, data: new Uint8Array(10) }])).rejects.toThrow(/too short/);
    const { [METADATA_ENCRYPTION_KEY_ID]: _drop, ...noKeyId } = sealed!.metadata!;
    await expect(codec.decode([{ ...sealed!, metadata: noKeyId }])).rejects.toThrow(/no encryption-key-id/);
  });

  it('passes payloads without its encoding through unchanged (histories recorded before)', async () => {
    const codec = payloadCodecFrom({ TEMPORAL_PAYLOAD_KEYS: `k1:${k1}`, TEMPORAL_PAYLOAD_KEY_ID: 'k1' });
    const old = plain();
    const empty: Payload = { metadata: {}, data: new Uint8Array() };
    const [a, b] = await codec.decode([old, empty]);
    expect(a).toBe(old);
    expect(b).toBe(empty);
    expect(isEncrypted(old)).toBe(false);
    expect(isEncrypted((await codec.encode([old]))[0]!)).toBe(true);
  });
});

describe('payload key configuration', () => {
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig(TEMPORAL_PAYLOAD_CONFIG, env);
      return [];
    } catch (err) {
      if (err instanceof ConfigError) return err.problems;
      throw err;
    }
  };

  it('accepts several keys, standard or URL-safe base64', () => {
    const urlSafe = randomBytes(32).toString('base64url');
    expect(problemsOf({ TEMPORAL_PAYLOAD_KEYS: `a:${k1}, b.2:${urlSafe}`, TEMPORAL_PAYLOAD_KEY_ID: 'b.2' })).toEqual([]);
    expect(payloadCodecFrom({ TEMPORAL_PAYLOAD_KEYS: `a:${k1},b.2:${urlSafe}`, TEMPORAL_PAYLOAD_KEY_ID: 'b.2' }).keyIds).toEqual(['a', 'b.2']);
  });

  it('names the variable when a key is missing, short, malformed or doubled, or the id is unknown', () => {
    expect(problemsOf({ TEMPORAL_PAYLOAD_KEY_ID: 'a' })).toEqual([expect.stringMatching(/^TEMPORAL_PAYLOAD_KEYS is required/)]);
    expect(problemsOf({ TEMPORAL_PAYLOAD_KEYS: `a:${k1}` })).toEqual([expect.stringMatching(/^TEMPORAL_PAYLOAD_KEY_ID is required/)]);
    expect(problemsOf({ TEMPORAL_PAYLOAD_KEYS: `a:${randomBytes(16).toString('base64')}`, TEMPORAL_PAYLOAD_KEY_ID: 'a' })).toEqual([
      expect.stringMatching(/^TEMPORAL_PAYLOAD_KEYS key "a" must be 32 bytes.*got 16 bytes/),
    ]);
    expect(problemsOf({ TEMPORAL_PAYLOAD_KEYS: 'a:not base64!', TEMPORAL_PAYLOAD_KEY_ID: 'a' })[0]).toMatch(/TEMPORAL_PAYLOAD_KEYS key "a".*no valid base64/);
    expect(problemsOf({ TEMPORAL_PAYLOAD_KEYS: k1, TEMPORAL_PAYLOAD_KEY_ID: 'a' })[0]).toMatch(/TEMPORAL_PAYLOAD_KEYS entry 1 must be id:base64key/);
    expect(problemsOf({ TEMPORAL_PAYLOAD_KEYS: `a:${k1},a:${k2}`, TEMPORAL_PAYLOAD_KEY_ID: 'a' })[0]).toMatch(/lists key id "a" twice/);
    expect(problemsOf({ TEMPORAL_PAYLOAD_KEYS: `a:${k1}`, TEMPORAL_PAYLOAD_KEY_ID: 'b' })).toEqual([
      'TEMPORAL_PAYLOAD_KEY_ID "b" is not one of the ids in TEMPORAL_PAYLOAD_KEYS (a)',
    ]);
    expect(payloadKeyProblems({ TEMPORAL_PAYLOAD_KEYS: `a:${k1}`, TEMPORAL_PAYLOAD_KEY_ID: 'a' })).toEqual([]);
    expect(() => payloadCodecFrom({ TEMPORAL_PAYLOAD_KEYS: `a:${k1}`, TEMPORAL_PAYLOAD_KEY_ID: 'b' })).toThrow(ConfigError);
  });

  it('never puts a key in an error message', () => {
    const problems = problemsOf({ TEMPORAL_PAYLOAD_KEYS: `a:${k1},b:${randomBytes(31).toString('base64')}`, TEMPORAL_PAYLOAD_KEY_ID: 'c' });
    expect(problems.join(' ')).not.toContain(k1);
  });
});

describe('failures', () => {
  it('carry their message and stack trace as an encoded payload, which the codec encrypts', async () => {
    const converter = temporalDataConverter({ TEMPORAL_PAYLOAD_KEYS: `k1:${k1}`, TEMPORAL_PAYLOAD_KEY_ID: 'k1' });
    const { failureConverter } = (await import(converter.failureConverterPath)) as typeof import('./failure-converter.cjs');
    const failure = failureConverter.errorToFailure(ApplicationFailure.nonRetryable('问题“某集团违规出借资金”无法登记'), defaultPayloadConverter);
    expect(failure.message).not.toContain('违规出借');
    expect(failure.stackTrace ?? '').toBe('');
    const [sealed] = await converter.payloadCodecs[0]!.encode([failure.encodedAttributes!]);
    expect(isEncrypted(sealed!)).toBe(true);
    const [opened] = await converter.payloadCodecs[0]!.decode([sealed!]);
    const back = failureConverter.failureToError({ ...failure, encodedAttributes: opened }, defaultPayloadConverter);
    expect(back.message).toBe('问题“某集团违规出借资金”无法登记');
  });
});
