import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';

/**
 * TLS to the Temporal frontend, from the environment (docs/operations.md, "TLS to the Temporal
 * frontend"). Unset: plaintext, as on the embedded stack. TEMPORAL_TLS=true alone: TLS with the
 * system's trusted roots. A CA file pins the frontend's CA; a certificate and key file together
 * add the client certificate for mutual TLS.
 */
export function temporalTls(env: NodeJS.ProcessEnv = process.env): TLSConfig | undefined {
  const ca = env['TEMPORAL_TLS_CA_FILE'];
  const cert = env['TEMPORAL_TLS_CERT_FILE'];
  const key = env['TEMPORAL_TLS_KEY_FILE'];
  const serverName = env['TEMPORAL_TLS_SERVER_NAME'];
  const enabled = env['TEMPORAL_TLS'] === 'true' || Boolean(ca || cert || key || serverName);
  if (!enabled) return undefined;
  if (Boolean(cert) !== Boolean(key)) throw new Error('TEMPORAL_TLS_CERT_FILE and TEMPORAL_TLS_KEY_FILE go together (mutual TLS needs both)');
  return {
    ...(serverName ? { serverNameOverride: serverName } : {}),
    ...(ca ? { serverRootCACertificate: readFileSync(ca) } : {}),
    ...(cert && key ? { clientCertPair: { crt: readFileSync(cert), key: readFileSync(key) } } : {}),
  };
}
