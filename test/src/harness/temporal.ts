import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { temporalDataConverter, type PayloadKeyConfig } from '@rectify/platform';
import { stack } from './stack.js';

let connection: Connection | undefined;
let client: Client | undefined;
let raw: Client | undefined;

/**
 * The payload keys of the test stack, for processes a test starts itself and for its Temporal
 * client: read from the key file stack.json names (infra.temporalPayloadKeysFile), or from the
 * environment when the stack was started with TEMPORAL_PAYLOAD_KEYS set.
 */
export function payloadKeyEnv(): PayloadKeyConfig {
  const file = stack().infra.temporalPayloadKeysFile;
  if (file) return JSON.parse(readFileSync(file, 'utf8')) as PayloadKeyConfig;
  const keys = process.env['TEMPORAL_PAYLOAD_KEYS'];
  const id = process.env['TEMPORAL_PAYLOAD_KEY_ID'];
  if (!keys || !id) throw new Error('stack.json names no infra.temporalPayloadKeysFile and TEMPORAL_PAYLOAD_KEYS / TEMPORAL_PAYLOAD_KEY_ID are not set: the tests cannot read workflow payloads');
  return { TEMPORAL_PAYLOAD_KEYS: keys, TEMPORAL_PAYLOAD_KEY_ID: id };
}

async function connect(): Promise<Connection> {
  connection ??= await Connection.connect({ address: stack().infra.temporalAddress });
  return connection;
}

/** A Temporal client on the test stack's server, with the payload codec every Rectify process uses. */
export async function temporal(): Promise<Client> {
  client ??= new Client({ connection: await connect(), namespace: stack().infra.temporalNamespace, dataConverter: temporalDataConverter(payloadKeyEnv()) });
  return client;
}

/** A Temporal client WITHOUT the codec: what the Temporal server (and anyone reading it) holds. */
export async function rawTemporal(): Promise<Client> {
  raw ??= new Client({ connection: await connect(), namespace: stack().infra.temporalNamespace });
  return raw;
}

export async function closeTemporal(): Promise<void> {
  await connection?.close();
  connection = undefined;
  client = undefined;
  raw = undefined;
}
