import { describe, expect, it } from '@jest/globals';
import type { GatewayConfig } from '../config.js';
import { LoginLimiter } from './login-limiter.js';

const limiter = () => new LoginLimiter({ LOGIN_MAX_FAILURES: 3, LOGIN_WINDOW_SECONDS: 60 } as GatewayConfig);

describe('LoginLimiter', () => {
  it('refuses with 429 once the failures in the window reach the limit', () => {
    const l = limiter();
    for (let i = 0; i < 3; i += 1) {
      l.assertAllowed('a|ip', 1000 + i);
      l.recordFailure('a|ip', 1000 + i);
    }
    expect(() => l.assertAllowed('a|ip', 2000)).toThrow(expect.objectContaining({ status: 429 }));
    expect(() => l.assertAllowed('b|ip', 2000)).not.toThrow();
  });

  it('forgets failures older than the window, and all of them after a success', () => {
    const l = limiter();
    for (let i = 0; i < 3; i += 1) l.recordFailure('a|ip', 1000);
    expect(() => l.assertAllowed('a|ip', 1000 + 61_000)).not.toThrow();
    for (let i = 0; i < 3; i += 1) l.recordFailure('c|ip', 1000);
    l.clear('c|ip');
    expect(() => l.assertAllowed('c|ip', 1001)).not.toThrow();
  });
});
