import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { ConfigError, loadConfig, COMMON_SERVICE_CONFIG } from './config.js';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1' };
const privateJwk = { ...privateKey.export({ format: 'jwk' }), kid: 'k1' };

const good = {
  PORT: '7601',
  DATABASE_URL: 'postgresql://u:p@127.0.0.1:5432/rectify',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  JWT_PUBLIC_KEYS: JSON.stringify({ keys: [publicJwk] }),
  TEMPORAL_PAYLOAD_KEYS: `t1:${Buffer.alloc(32, 7).toString('base64')}`,
  TEMPORAL_PAYLOAD_KEY_ID: 't1',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(COMMON_SERVICE_CONFIG, env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('loadConfig', () => {
  it('parses and applies defaults', () => {
    const config = loadConfig(COMMON_SERVICE_CONFIG, good);
    expect(config.PORT).toBe(7601);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.TEMPORAL_NAMESPACE).toBe('default');
  });

  it('names a missing variable and what it is for', () => {
    const { DATABASE_URL: _omit, ...env } = good;
    expect(problemsOf(env)).toEqual(['DATABASE_URL is required (PostgreSQL connection URL)']);
  });

  it('names every malformed variable and the reason', () => {
    const problems = problemsOf({ ...good, PORT: '70000', DATABASE_URL: 'not a url', JWT_PUBLIC_KEYS: 'short' });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^PORT must be a TCP port/);
    expect(problems[1]).toMatch(/^DATABASE_URL must be a URL/);
    expect(problems[2]).toBe('JWT_PUBLIC_KEYS must be JSON');
  });

  it('gives services public keys only: a private key in JWT_PUBLIC_KEYS is refused', () => {
    expect(problemsOf({ ...good, JWT_PUBLIC_KEYS: JSON.stringify({ keys: [privateJwk] }) })).toEqual([
      'JWT_PUBLIC_KEYS key 1 must not contain "d": services get public keys only',
    ]);
    expect(problemsOf({ ...good, JWT_PUBLIC_KEYS: JSON.stringify({ keys: [{ ...publicJwk, kid: undefined }] }) })).toEqual([
      'JWT_PUBLIC_KEYS key 1 needs a "kid" of 1-64 letters, digits, ".", "_" or "-"',
    ]);
    expect(problemsOf({ ...good, JWT_PUBLIC_KEYS: JSON.stringify({ keys: [] }) })).toEqual([
      'JWT_PUBLIC_KEYS must be a JWK set {"keys":[…]} with at least one key',
    ]);
  });

  it('runs migrations at start unless told to skip them, and accepts nothing else', () => {
    expect(loadConfig(COMMON_SERVICE_CONFIG, good).MIGRATIONS_RUN).toBe('auto');
    expect(loadConfig(COMMON_SERVICE_CONFIG, { ...good, MIGRATIONS_RUN: 'skip' }).MIGRATIONS_RUN).toBe('skip');
    expect(problemsOf({ ...good, MIGRATIONS_RUN: 'never' })).toEqual(['MIGRATIONS_RUN must be one of auto, skip, got "never"']);
  });
});
