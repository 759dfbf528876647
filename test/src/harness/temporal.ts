import { Client, Connection } from '@temporalio/client';
import { stack } from './stack.js';

let client: Client | undefined;

/** A Temporal client on the test stack's server. */
export async function temporal(): Promise<Client> {
  if (!client) {
    const connection = await Connection.connect({ address: stack().infra.temporalAddress });
    client = new Client({ connection, namespace: stack().infra.temporalNamespace });
  }
  return client;
}

export async function closeTemporal(): Promise<void> {
  await client?.connection.close();
  client = undefined;
}
