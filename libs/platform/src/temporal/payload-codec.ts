import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import proto from '@temporalio/proto';
import { ConfigError } from '../config/config.js';
import { KEY_BYTES, KEY_ID, parsePayloadKeys, payloadKeyProblems, type PayloadKeyConfig } from '../config/payload-keys.js';

export { parsePayloadKeys, payloadKeyProblems, type PayloadKeyConfig };

/**
 * Encryption of every payload Rectify sends to Temporal (DESIGN, "Trust rules": nothing 涉密 leaves
 * the database in clear). Each payload — workflow and activity arguments and results, signals,
 * updates, queries, memos — is serialised whole (metadata and data) and sealed with AES-256-GCM.
 * The sealed payload carries `encoding: binary/encrypted` and the id of the key that sealed it, so
 * keys rotate: one key encrypts, every configured key decrypts. Payloads without that encoding
 * (histories recorded before encryption) pass through unchanged.
 *
 * Layout of the sealed data: 12-byte IV | ciphertext | 16-byte GCM tag. The key id is bound as
 * additional authenticated data, so a payload relabelled with another key id fails to open.
 */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const METADATA_ENCRYPTION_KEY_ID = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;

// @temporalio/proto is CommonJS: its namespace comes through the default export.
const { temporal } = proto;
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** Raised when a payload cannot be opened: unknown key id, missing data, or failed authentication. */
export class PayloadDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadDecryptionError';
  }
}

export class EncryptionCodec implements PayloadCodec {
  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    readonly currentKeyId: string,
  ) {
    const current = keys.get(currentKeyId);
    if (!current) throw new Error(`encryption key id "${currentKeyId}" is not among the configured keys`);
    for (const [id, key] of keys) {
      if (!KEY_ID.test(id)) throw new Error(`encryption key id "${id}" must be 1-64 letters, digits, '.', '_' or '-'`);
      if (key.length !== KEY_BYTES) throw new Error(`encryption key "${id}" must be ${KEY_BYTES} bytes, got ${key.length}`);
    }
  }

  /** The ids of every key this codec can decrypt with. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.currentKeyId;
    const key = this.keys.get(keyId)!;
    return payloads.map((payload) => ({
      metadata: {
        [METADATA_ENCODING_KEY]: utf8.encode(ENCRYPTED_ENCODING),
        [METADATA_ENCRYPTION_KEY_ID]: utf8.encode(keyId),
      },
      data: seal(temporal.api.common.v1.Payload.encode(payload).finish(), key, keyId),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (!isEncrypted(payload)) return payload;
      const idBytes = payload.metadata?.[METADATA_ENCRYPTION_KEY_ID];
      if (!idBytes || idBytes.length === 0) throw new PayloadDecryptionError(`encrypted payload has no ${METADATA_ENCRYPTION_KEY_ID}`);
      const keyId = fromUtf8.decode(idBytes);
      const key = this.keys.get(keyId);
      if (!key) {
        throw new PayloadDecryptionError(
          `payload was encrypted with key id "${keyId}", which is not configured (known: ${this.keyIds.join(', ')}); add it to TEMPORAL_PAYLOAD_KEYS`,
        );
      }
      const plain = open(payload.data ?? new Uint8Array(), key, keyId);
      return temporal.api.common.v1.Payload.decode(plain) as Payload;
    });
  }
}

/** Whether a payload was sealed by an EncryptionCodec. */
export function isEncrypted(payload: Payload): boolean {
  const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
  return encoding !== undefined && encoding !== null && fromUtf8.decode(encoding) === ENCRYPTED_ENCODING;
}

function seal(plain: Uint8Array, key: Buffer, keyId: string): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(utf8.encode(keyId));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return new Uint8Array(Buffer.concat([iv, body, cipher.getAuthTag()]));
}

function open(sealed: Uint8Array, key: Buffer, keyId: string): Uint8Array {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError('encrypted payload is too short to hold its IV and tag');
  const bytes = Buffer.from(sealed);
  const iv = bytes.subarray(0, IV_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(utf8.encode(keyId));
  decipher.setAuthTag(tag);
  try {
    return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]));
  } catch {
    throw new PayloadDecryptionError(`encrypted payload failed authentication with key "${keyId}" (altered, or sealed with another key of that id)`);
  }
}

/** The codec for a key configuration; throws ConfigError naming the variable when it is invalid. */
export function payloadCodecFrom(config: Partial<PayloadKeyConfig>): EncryptionCodec {
  const problems = payloadKeyProblems(config);
  if (problems.length > 0) throw new ConfigError(problems);
  return new EncryptionCodec(parsePayloadKeys(config.TEMPORAL_PAYLOAD_KEYS!).keys, config.TEMPORAL_PAYLOAD_KEY_ID!);
}

const codecs = new Map<string, EncryptionCodec>();

/**
 * The module of the failure converter that moves failure messages and stack traces into a payload
 * (failure-converter.cts); the workflow bundle is built with it too (services/worker).
 */
export const FAILURE_CONVERTER_PATH = fileURLToPath(new URL('./failure-converter.cjs', import.meta.url));

/**
 * The data converter every Temporal client and worker of Rectify uses: the default payload
 * converter, failure messages and stack traces as payloads, then the encryption codec (codecs run
 * outside the workflow sandbox, so the prebuilt workflow bundle needs nothing of it).
 */
export function temporalDataConverter(config: Partial<PayloadKeyConfig> = process.env as Partial<PayloadKeyConfig>): { payloadCodecs: PayloadCodec[]; failureConverterPath: string } {
  const cacheKey = `${config.TEMPORAL_PAYLOAD_KEY_ID ?? ''}|${config.TEMPORAL_PAYLOAD_KEYS ?? ''}`;
  let codec = codecs.get(cacheKey);
  if (!codec) {
    codec = payloadCodecFrom(config);
    codecs.set(cacheKey, codec);
  }
  return { payloadCodecs: [codec], failureConverterPath: FAILURE_CONVERTER_PATH };
}
