import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { temporalTls } from './tls.js';

const dir = mkdtempSync(join(tmpdir(), 'rectify-tls-'));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('temporalTls', () => {
  it('is plaintext unless asked', () => {
    expect(temporalTls({})).toBeUndefined();
    expect(temporalTls({ TEMPORAL_TLS: 'false' })).toBeUndefined();
  });

  it('uses the system roots with TEMPORAL_TLS=true alone', () => {
    expect(temporalTls({ TEMPORAL_TLS: 'true' })).toEqual({});
  });

  it('pins the CA, sets the server name and adds the client certificate for mutual TLS', () => {
    const tls = temporalTls({
      TEMPORAL_TLS_CA_FILE: file('ca.pem', 'CA'),
      TEMPORAL_TLS_CERT_FILE: file('client.pem', 'CERT'),
      TEMPORAL_TLS_KEY_FILE: file('client.key', 'KEY'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal-frontend.temporal.svc',
    })!;
    expect(tls.serverNameOverride).toBe('temporal-frontend.temporal.svc');
    expect(Buffer.from(tls.serverRootCACertificate!).toString()).toBe('CA');
    expect(Buffer.from(tls.clientCertPair!.crt).toString()).toBe('CERT');
    expect(Buffer.from(tls.clientCertPair!.key).toString()).toBe('KEY');
  });

  it('refuses a certificate without its key', () => {
    expect(() => temporalTls({ TEMPORAL_TLS_CERT_FILE: file('only.pem', 'CERT') })).toThrow(/go together/);
  });
});
