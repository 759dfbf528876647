/**
 * Policy time versus wall time. A compressed policy (timeScale > 1) lets policy time run faster
 * than the wall clock so that six months of deadlines can be exercised in minutes. An anchor pins
 * one wall instant to one policy instant; from there policy time advances timeScale times as fast.
 * With timeScale 1 and an anchor where both instants agree, policy time is wall time.
 */
import type { Policy } from './policy.js';

/** One wall instant and the policy instant it corresponds to (both UTC epoch milliseconds). */
export interface PolicyClockAnchor {
  wallMs: number;
  policyMs: number;
}

/** What the clock needs from a policy. */
export type ScalePolicy = Pick<Policy, 'timeScale'>;

/** The policy instant at wall instant `wallNowMs`. */
export function policyNow(anchor: PolicyClockAnchor, wallNowMs: number, policy: ScalePolicy): number {
  return anchor.policyMs + (wallNowMs - anchor.wallMs) * policy.timeScale;
}

/**
 * How many wall milliseconds to wait, from `wallNowMs`, until policy time reaches
 * `policyTargetMs`: rounded up so a timer never fires early, and 0 when the target has passed.
 */
export function wallDelayUntil(
  anchor: PolicyClockAnchor,
  policyTargetMs: number,
  wallNowMs: number,
  policy: ScalePolicy,
): number {
  const remaining = policyTargetMs - policyNow(anchor, wallNowMs, policy);
  return Math.max(0, Math.ceil(remaining / policy.timeScale));
}

/** The wall instant at which policy time reaches `policyMs` (when a timer for it falls due). */
export function wallTimeOf(anchor: PolicyClockAnchor, policyMs: number, policy: ScalePolicy): number {
  return Math.round(anchor.wallMs + (policyMs - anchor.policyMs) / policy.timeScale);
}
