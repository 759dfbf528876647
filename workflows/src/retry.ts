import type { RetryPolicy } from '@temporalio/common';

/**
 * How a must-succeed activity (a trail entry, a notice, a case, a decision record) retries: without
 * a limit, backing off to one try every two minutes. A months-long workflow must never fail because
 * a database or a service was down for an afternoon; only the error types a caller names as truly
 * invalid input fail at once. Activities log (and count) an attempt past ALERT_AFTER_ATTEMPTS so an
 * operator is told of a long outage (libs/platform activity-attempts interceptor).
 */
export function mustSucceed(...nonRetryableErrorTypes: string[]): RetryPolicy {
  return { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '2 minutes', nonRetryableErrorTypes };
}

/**
 * Periodic runs (digest, summary): also without a limit — a summary that the Schedule started must
 * still be produced after an outage — but backing off further, to one try every five minutes.
 */
export function periodic(...nonRetryableErrorTypes: string[]): RetryPolicy {
  return { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', nonRetryableErrorTypes };
}
