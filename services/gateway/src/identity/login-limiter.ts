import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@rectify/platform';
import type { GatewayConfig } from '../config.js';

/**
 * Counts failed logins per username and client address in a sliding window; past the limit,
 * further attempts are refused with 429 until the window has passed. In memory: each gateway
 * instance counts on its own, which bounds guessing to (limit × instances) per window.
 */
@Injectable()
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(@Inject(APP_CONFIG) private readonly config: GatewayConfig) {}

  private recent(key: string, now: number): number[] {
    const windowMs = this.config.LOGIN_WINDOW_SECONDS * 1000;
    const kept = (this.failures.get(key) ?? []).filter((t) => now - t < windowMs);
    if (kept.length > 0) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  assertAllowed(key: string, now = Date.now()): void {
    if (this.recent(key, now).length >= this.config.LOGIN_MAX_FAILURES) {
      throw new HttpException(
        { statusCode: 429, error: 'Too Many Requests', message: '登录失败次数过多，请稍后再试' },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }

  recordFailure(key: string, now = Date.now()): void {
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }
}
