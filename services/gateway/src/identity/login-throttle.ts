import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@rectify/platform';
import type { GatewayConfig } from '../config.js';

/** One counter: a username (known or not, lower-cased) or a client address. */
export interface ThrottleKey {
  key: string;
  /** Failures allowed before each further one makes the next attempt wait 2^k seconds. */
  freeFailures: number;
}

/** What the client is told when it must wait: the same for every username, known or not. */
export class LoginDelayedError extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      {
        statusCode: 429,
        error: 'Too Many Requests',
        message: `登录失败次数过多：请在 ${retryAfterSeconds} 秒后再试`,
        retryAfterSeconds,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Growing delays after failed logins, in PostgreSQL (identity.login_throttle) so that every
 * gateway instance sees the same counters. Per username: after LOGIN_FREE_FAILURES failures the
 * next attempt must wait 2, 4, 8 … seconds (at most LOGIN_MAX_DELAY_SECONDS), so a guesser gets a
 * handful of tries an hour and the account's owner is never locked out for longer than that
 * delay. Per client address the same, after LOGIN_ADDRESS_FREE_FAILURES (many users may share a
 * NAT). A counter is forgotten LOGIN_WINDOW_SECONDS after its last failure; a good login clears
 * its username's counter.
 */
@Injectable()
export class LoginThrottle {
  private failuresSinceSweep = 0;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  keysFor(username: string, address: string): ThrottleKey[] {
    return [
      { key: `user:${username.normalize('NFC').toLowerCase()}`, freeFailures: this.config.LOGIN_FREE_FAILURES },
      { key: `addr:${address}`, freeFailures: this.config.LOGIN_ADDRESS_FREE_FAILURES },
    ];
  }

  /** Refuses with 429 and Retry-After while any of the keys must still wait. */
  async assertAllowed(keys: ThrottleKey[]): Promise<void> {
    const rows: { wait: string }[] = await this.db.query(
      `SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::int AS wait
         FROM identity.login_throttle WHERE key = ANY($1) AND blocked_until > now()`,
      [keys.map((k) => k.key)],
    );
    const wait = Number(rows[0]?.wait ?? 0);
    if (wait > 0) throw new LoginDelayedError(wait);
  }

  /** Counts a failure on every key; returns the longest delay it set, in seconds. */
  async recordFailure(keys: ThrottleKey[]): Promise<number> {
    let longest = 0;
    for (const { key, freeFailures } of keys) {
      // failures after this one: restarted at 1 when the last failure is older than the window
      const failures = `(CASE WHEN t.last_failure_at < now() - make_interval(secs => $2) THEN 1 ELSE t.failures + 1 END)`;
      const rows: { delay: number }[] = await this.db.query(
        `INSERT INTO identity.login_throttle AS t (key, failures, last_failure_at, blocked_until)
           VALUES ($1, 1, now(), now() + make_interval(secs => CASE WHEN 1 >= $3 THEN LEAST(2, $4) ELSE 0 END))
         ON CONFLICT (key) DO UPDATE SET
           failures = ${failures},
           last_failure_at = now(),
           blocked_until = now() + make_interval(secs => CASE WHEN ${failures} >= $3
             THEN LEAST(power(2, LEAST(${failures} - $3 + 1, 30)), $4) ELSE 0 END)
         RETURNING extract(epoch FROM blocked_until - last_failure_at)::float8 AS delay`,
        [key, this.config.LOGIN_WINDOW_SECONDS, freeFailures, this.config.LOGIN_MAX_DELAY_SECONDS],
      );
      longest = Math.max(longest, Number(rows[0]?.delay ?? 0));
    }
    if ((this.failuresSinceSweep += 1) >= 200) {
      this.failuresSinceSweep = 0;
      await this.db.query(
        `DELETE FROM identity.login_throttle WHERE blocked_until < now() AND last_failure_at < now() - make_interval(secs => $1)`,
        [this.config.LOGIN_WINDOW_SECONDS],
      );
    }
    return longest;
  }

  /** After a good login: the username's counter starts again (the address's decays on its own). */
  async clear(keys: ThrottleKey[]): Promise<void> {
    await this.db.query(`DELETE FROM identity.login_throttle WHERE key = $1`, [keys[0]!.key]);
  }
}
