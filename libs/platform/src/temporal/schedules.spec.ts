import { describe, expect, it } from '@jest/globals';
import { type Client, ScheduleAlreadyRunning } from '@temporalio/client';
import { ensureSchedule, type ScheduleDefinition } from './schedules.js';

const def: ScheduleDefinition = {
  scheduleId: 'weekly-digest',
  spec: { cronExpressions: ['0 8 * * 1'], timezone: 'Asia/Shanghai' },
  action: { type: 'startWorkflow', workflowType: 'weeklyDigestWorkflow', taskQueue: 'rectify-workflows', args: [] },
  policies: { overlap: 'SKIP' },
  memo: {},
};

/** The Temporal client's schedule API as the edge of this unit: fails `failures` times, as a server that is down. */
function scheduleApi(failures: number, existing = false) {
  const calls = { create: 0, update: 0 };
  const client = {
    schedule: {
      create: async () => {
        calls.create += 1;
        if (calls.create <= failures) throw new Error('14 UNAVAILABLE: connection refused');
        if (existing) throw new ScheduleAlreadyRunning('exists', def.scheduleId);
      },
      getHandle: () => ({ update: async () => void (calls.update += 1) }),
    },
  } as unknown as Client;
  return { client, calls };
}

describe('ensureSchedule', () => {
  it('retries until the server answers, then creates the schedule', async () => {
    const { client, calls } = scheduleApi(3);
    await ensureSchedule(client, def, { initialDelayMs: 1, maxDelayMs: 4 });
    expect(calls).toEqual({ create: 4, update: 0 });
  });

  it('updates a schedule that exists already', async () => {
    const { client, calls } = scheduleApi(0, true);
    await ensureSchedule(client, def, { initialDelayMs: 1 });
    expect(calls).toEqual({ create: 1, update: 1 });
  });

  it('stops retrying when the application shuts down', async () => {
    const { client, calls } = scheduleApi(Number.MAX_SAFE_INTEGER);
    const stop = new AbortController();
    const running = ensureSchedule(client, def, { initialDelayMs: 5, signal: stop.signal });
    await new Promise((r) => setTimeout(r, 30));
    stop.abort();
    await running;
    const tried = calls.create;
    expect(tried).toBeGreaterThan(1);
    await new Promise((r) => setTimeout(r, 30));
    expect(calls.create).toBe(tried);
  });
});
