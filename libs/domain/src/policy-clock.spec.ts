import { describe, expect, it } from '@jest/globals';
import { DAY_MS } from './calendar.js';
import { policyNow, wallDelayUntil, wallTimeOf, type PolicyClockAnchor } from './policy-clock.js';
import { compressedPolicy, DEFAULT_POLICY } from './policy.js';

describe('policy clock, production (timeScale 1)', () => {
  const anchor: PolicyClockAnchor = { wallMs: 1_780_000_000_000, policyMs: 1_780_000_000_000 };

  it('policy time is wall time', () => {
    expect(policyNow(anchor, 1_780_000_123_456, DEFAULT_POLICY)).toBe(1_780_000_123_456);
  });

  it('the delay is the plain difference', () => {
    expect(wallDelayUntil(anchor, 1_780_000_060_000, 1_780_000_000_000, DEFAULT_POLICY)).toBe(60_000);
    expect(wallDelayUntil(anchor, 1_780_000_060_000, 1_780_000_059_999, DEFAULT_POLICY)).toBe(1);
  });

  it('the delay is 0 once the target has passed', () => {
    expect(wallDelayUntil(anchor, 1_780_000_000_000, 1_780_000_000_000, DEFAULT_POLICY)).toBe(0);
    const late = wallDelayUntil(anchor, 1_780_000_000_000, 1_780_000_005_000, DEFAULT_POLICY);
    expect(late).toBe(0);
    expect(Object.is(late, -0)).toBe(false);
  });
});

describe('policy clock, compressed (one policy day per wall second)', () => {
  const policy = compressedPolicy(86400);
  // Wall 2026-03-01T00:00Z is pinned to policy 2026-01-01T00:00Z.
  const anchor: PolicyClockAnchor = { wallMs: Date.UTC(2026, 2, 1), policyMs: Date.UTC(2026, 0, 1) };

  it('maps the anchor onto itself', () => {
    expect(policyNow(anchor, anchor.wallMs, policy)).toBe(anchor.policyMs);
  });

  it('advances one policy day per wall second', () => {
    expect(policyNow(anchor, anchor.wallMs + 1000, policy)).toBe(anchor.policyMs + DAY_MS);
    expect(policyNow(anchor, anchor.wallMs + 30_000, policy)).toBe(Date.UTC(2026, 0, 31));
    expect(policyNow(anchor, anchor.wallMs + 1, policy)).toBe(anchor.policyMs + 86_400);
  });

  it('runs backwards before the anchor', () => {
    expect(policyNow(anchor, anchor.wallMs - 2000, policy)).toBe(anchor.policyMs - 2 * DAY_MS);
  });

  it('waits the scaled wall time until a policy instant', () => {
    expect(wallDelayUntil(anchor, Date.UTC(2026, 0, 31), anchor.wallMs, policy)).toBe(30_000);
    expect(wallDelayUntil(anchor, Date.UTC(2026, 0, 31), anchor.wallMs + 10_000, policy)).toBe(20_000);
  });

  it('rounds up so a timer never fires early', () => {
    // One policy hour is 41.67 wall ms at this scale.
    const target = anchor.policyMs + 3_600_000;
    const delay = wallDelayUntil(anchor, target, anchor.wallMs, policy);
    expect(delay).toBe(42);
    expect(policyNow(anchor, anchor.wallMs + delay, policy)).toBeGreaterThanOrEqual(target);
    expect(policyNow(anchor, anchor.wallMs + delay - 1, policy)).toBeLessThan(target);
    expect(wallDelayUntil(anchor, anchor.policyMs + 1, anchor.wallMs, policy)).toBe(1);
  });

  it('is 0 for a policy instant already passed', () => {
    expect(wallDelayUntil(anchor, Date.UTC(2026, 0, 2), anchor.wallMs + 5000, policy)).toBe(0);
  });
});

describe('wall time of a policy instant', () => {
  it('is the instant itself in production', () => {
    const anchor: PolicyClockAnchor = { wallMs: 1_780_000_000_000, policyMs: 1_780_000_000_000 };
    expect(wallTimeOf(anchor, 1_780_000_060_000, DEFAULT_POLICY)).toBe(1_780_000_060_000);
  });

  it('runs timeScale times slower than policy time under a compressed policy, and agrees with the delay', () => {
    const policy = compressedPolicy(86400);
    const anchor: PolicyClockAnchor = { wallMs: Date.UTC(2026, 2, 1), policyMs: Date.UTC(2026, 0, 1) };
    // Ten policy days after the anchor: ten wall seconds.
    const due = wallTimeOf(anchor, Date.UTC(2026, 0, 11), policy);
    expect(due).toBe(Date.UTC(2026, 2, 1) + 10_000);
    expect(wallDelayUntil(anchor, Date.UTC(2026, 0, 11), Date.UTC(2026, 2, 1), policy)).toBe(due - Date.UTC(2026, 2, 1));
  });
});
