import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@rectify/platform';
import { WORKER_CONFIG } from './config.js';

const env = {
  PORT: '7605',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  TEMPORAL_PAYLOAD_KEYS: `t1:${Buffer.alloc(32, 7).toString('base64')}`,
  TEMPORAL_PAYLOAD_KEY_ID: 't1',
};

function problemsOf(extra: Record<string, string>): string[] {
  try {
    loadConfig(WORKER_CONFIG, { ...env, ...extra });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('worker configuration', () => {
  it('lets a burst wait 30 s on the sticky queue unless told otherwise', () => {
    const config = loadConfig(WORKER_CONFIG, env);
    expect(config.WORKER_STICKY_QUEUE_TIMEOUT_SECONDS).toBe(30);
    expect(config.WORKER_MAX_CACHED_WORKFLOWS).toBe(500);
    expect(loadConfig(WORKER_CONFIG, { ...env, WORKER_STICKY_QUEUE_TIMEOUT_SECONDS: '12' }).WORKER_STICKY_QUEUE_TIMEOUT_SECONDS).toBe(12);
  });

  it('refuses a sticky-queue timeout under one second, naming the variable', () => {
    expect(problemsOf({ WORKER_STICKY_QUEUE_TIMEOUT_SECONDS: '0' })).toEqual(['WORKER_STICKY_QUEUE_TIMEOUT_SECONDS must be at least 1 second, got "0"']);
    expect(problemsOf({ WORKER_STICKY_QUEUE_TIMEOUT_SECONDS: 'ten' })).toEqual(['WORKER_STICKY_QUEUE_TIMEOUT_SECONDS must be an integer, got "ten"']);
  });
});
