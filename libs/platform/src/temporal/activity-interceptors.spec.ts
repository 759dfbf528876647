import { describe, expect, it } from '@jest/globals';
import { ApplicationFailure } from '@temporalio/common';
import type { Context } from '@temporalio/activity';
import { activityInterceptors, ALERT_AFTER_ATTEMPTS, sanitisedActivityError } from './activity-interceptors.js';
import { metricsRegistry } from '../metrics/registry.js';

describe('sanitisedActivityError', () => {
  it('keeps a database error\'s class, code and wording but none of its parameters or quoted values', () => {
    const err = Object.assign(new Error('invalid input syntax for type uuid: "密-MARKER-1"'), {
      name: 'QueryFailedError',
      code: '22P02',
      query: 'INSERT INTO issues.problem_events …',
      parameters: ['密-MARKER-2', '整改措施'],
      driverError: { detail: 'Key (x)=(密-MARKER-3) already exists.' },
    });
    const clean = sanitisedActivityError(err) as Error;
    expect(clean).toBeInstanceOf(Error);
    expect(clean.name).toBe('QueryFailedError');
    expect(clean.message).toBe('QueryFailedError (22P02): invalid input syntax for type uuid: "…"');
    const everything = JSON.stringify({ ...clean, message: clean.message, stack: clean.stack });
    expect(everything).not.toMatch(/MARKER|整改措施|INSERT/);
  });

  it('passes the failures activities raise themselves unchanged', () => {
    const failure = ApplicationFailure.nonRetryable('problem 42 does not exist', 'InvalidEvent');
    expect(sanitisedActivityError(failure)).toBe(failure);
  });

  it('turns a thrown non-error into a plain failure', () => {
    expect((sanitisedActivityError('密文') as Error).message).toBe('activity failed');
  });
});

describe('the activity retry alert', () => {
  const runAttempt = async (attempt: number) => {
    const ctx = { info: { attempt, activityType: 'recordEvent', workflowExecution: { workflowId: 'problem-E001-1' } } } as unknown as Context;
    const [factory] = activityInterceptors();
    const inbound = factory!(ctx).inbound!;
    await inbound.execute!({ args: [], headers: {} }, async () => 'done');
  };
  const alerts = async () => (await metricsRegistry.getSingleMetric('rectify_activity_retry_alerts_total')!.get()).values.find((v) => v.labels['activity_type'] === 'recordEvent')?.value ?? 0;

  it(`counts an attempt after the ${ALERT_AFTER_ATTEMPTS}th in rectify_activity_retry_alerts_total, and none before`, async () => {
    const before = await alerts();
    await runAttempt(ALERT_AFTER_ATTEMPTS);
    expect(await alerts()).toBe(before);
    await runAttempt(ALERT_AFTER_ATTEMPTS + 1);
    await runAttempt(ALERT_AFTER_ATTEMPTS + 7);
    expect(await alerts()).toBe(before + 2);
  });
});
