import { describe, expect, it } from '@jest/globals';
import { metricsRegistry } from '@rectify/platform';
import { recordNotice } from './notice-metrics.js';

interface Value { value: number; labels: Record<string, string | number>; metricName?: string }

/** The value of `family`'s sample `sample` (a histogram's _sum or _count, or the family itself) for notice type `type`. */
async function valueOf(family: string, type: string, sample = family): Promise<number> {
  const values = (await metricsRegistry.getSingleMetric(family)!.get()).values as Value[];
  return values.find((v) => v.labels['type'] === type && (v.metricName ?? family) === sample)?.value ?? 0;
}
const receipt = (duplicate: boolean) => ({ duplicate, recipients: 2, emails: 1, undeliverable: false });

describe('notice metrics', () => {
  it('count a recorded notice by type, and a repeated request not at all', async () => {
    const before = await valueOf('rectify_notices_sent_total', 'extension_decided');
    recordNotice({ type: 'extension_decided', facts: {} }, receipt(false));
    recordNotice({ type: 'extension_decided', facts: {} }, receipt(true));
    expect(await valueOf('rectify_notices_sent_total', 'extension_decided')).toBe(before + 1);
  });

  it('measure how late a reminder is from the moment it fell due, never below 0', async () => {
    const family = 'rectify_reminder_lateness_seconds';
    const sum = () => valueOf(family, 'reminder', `${family}_sum`);
    const count = () => valueOf(family, 'reminder', `${family}_count`);
    const [s0, c0] = [await sum(), await count()];
    recordNotice({ type: 'reminder', facts: { dueAtMs: 1_000_000 } }, receipt(false), 1_042_500);
    recordNotice({ type: 'reminder', facts: { dueAtMs: 2_000_000 } }, receipt(false), 1_999_000); // clock skew: 0, not negative
    recordNotice({ type: 'reminder', facts: {} }, receipt(false), 5_000_000); // a workflow recorded before dueAtMs existed
    expect(await count()).toBe(c0 + 2);
    expect((await sum()) - s0).toBeCloseTo(42.5, 6);
  });
});
