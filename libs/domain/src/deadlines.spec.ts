import { describe, expect, it } from '@jest/globals';
import { DAY_MS, dueAtMs } from './calendar.js';
import { checkDeadline, checkExtension, defaultDeadline, hardLimit, isOverdue, registrationDeadline, reminderPlan } from './deadlines.js';
import { compressedPolicy, DEFAULT_POLICY, type Policy } from './policy.js';

const policy: Policy = { ...DEFAULT_POLICY, reminderOffsetsDays: [30, 7, 1] };

describe('hardLimit and defaultDeadline', () => {
  it.each([
    ['2026-01-15', '2026-07-15'],
    ['2026-08-31', '2027-02-28'],
    ['2027-08-31', '2028-02-29'],
    ['2026-03-31', '2026-09-30'],
    ['2099-08-30', '2100-02-28'],
    ['2026-07-01', '2027-01-01'],
  ])('issued %s → %s', (issueDate, expected) => {
    expect(hardLimit(issueDate, policy)).toBe(expected);
    expect(defaultDeadline(issueDate, policy)).toBe(expected);
  });

  it('follows the policy limit', () => {
    expect(hardLimit('2026-01-31', { ...policy, rectificationLimitMonths: 1 })).toBe('2026-02-28');
  });
});

describe('checkDeadline', () => {
  const issueDate = '2026-03-31';

  it('accepts the issue date, the hard limit and anything between', () => {
    expect(checkDeadline({ issueDate, deadline: '2026-03-31', policy })).toBeNull();
    expect(checkDeadline({ issueDate, deadline: '2026-06-15', policy })).toBeNull();
    expect(checkDeadline({ issueDate, deadline: '2026-09-30', policy })).toBeNull();
  });

  it('refuses a deadline before the issue date', () => {
    const msg = checkDeadline({ issueDate, deadline: '2026-03-30', policy });
    expect(msg).toMatch(/^deadline：/);
    expect(msg).toContain('2026-03-31');
  });

  it('refuses a deadline after the hard limit without a special reason, naming the limit', () => {
    const msg = checkDeadline({ issueDate, deadline: '2026-10-01', policy });
    expect(msg).toMatch(/^deadline：/);
    expect(msg).toContain('2026-09-30');
    expect(msg).toContain('specialReason');
    expect(checkDeadline({ issueDate, deadline: '2026-10-01', specialReason: '   ', policy })).toMatch(/^deadline：/);
    expect(checkDeadline({ issueDate, deadline: '2026-10-01', specialReason: null, policy })).toMatch(/^deadline：/);
  });

  it('accepts a deadline after the hard limit with a special reason', () => {
    expect(checkDeadline({ issueDate, deadline: '2027-03-31', specialReason: '涉及诉讼，需待判决', policy })).toBeNull();
  });

  it('refuses malformed dates, naming the field', () => {
    expect(checkDeadline({ issueDate, deadline: '2026-09-31', policy })).toMatch(/^deadline：/);
    expect(checkDeadline({ issueDate: '2026-02-30', deadline: '2026-06-01', policy })).toMatch(/^issueDate：/);
  });
});

describe('checkExtension', () => {
  const base = { issueDate: '2026-01-15', currentDeadline: '2026-05-31', policy, today: '2026-05-20' };

  it('accepts a later deadline up to the hard limit', () => {
    expect(checkExtension({ ...base, requestedDeadline: '2026-06-30' })).toBeNull();
    expect(checkExtension({ ...base, requestedDeadline: '2026-07-15' })).toBeNull();
  });

  it('refuses a deadline not later than the current one', () => {
    for (const requestedDeadline of ['2026-05-31', '2026-05-25']) {
      const msg = checkExtension({ ...base, requestedDeadline });
      expect(msg).toMatch(/^requestedDeadline：/);
      expect(msg).toContain('2026-05-31');
    }
  });

  it('refuses a deadline not after today', () => {
    const late = { ...base, currentDeadline: '2026-03-31', today: '2026-04-30' };
    expect(checkExtension({ ...late, requestedDeadline: '2026-04-30' })).toMatch(/^requestedDeadline：.*2026-04-30/);
    expect(checkExtension({ ...late, requestedDeadline: '2026-04-20' })).toMatch(/^requestedDeadline：/);
    expect(checkExtension({ ...late, requestedDeadline: '2026-05-01' })).toBeNull();
  });

  it('allows the hard limit to be passed only with a special reason', () => {
    const msg = checkExtension({ ...base, requestedDeadline: '2026-07-16' });
    expect(msg).toMatch(/^requestedDeadline：/);
    expect(msg).toContain('2026-07-15');
    expect(checkExtension({ ...base, requestedDeadline: '2026-07-16', specialReason: '' })).toMatch(/^requestedDeadline：/);
    expect(checkExtension({ ...base, requestedDeadline: '2026-12-31', specialReason: '资产处置须经法院拍卖' })).toBeNull();
  });

  it('refuses malformed dates, naming the field', () => {
    expect(checkExtension({ ...base, requestedDeadline: '2026-06-31' })).toMatch(/^requestedDeadline：/);
    expect(checkExtension({ ...base, currentDeadline: 'x', requestedDeadline: '2026-06-30' })).toMatch(/^currentDeadline：/);
    expect(checkExtension({ ...base, today: '2026-5-20', requestedDeadline: '2026-06-30' })).toMatch(/^today：/);
    expect(checkExtension({ ...base, issueDate: '2026-02-29', requestedDeadline: '2026-06-30' })).toMatch(/^issueDate：/);
  });
});

describe('reminderPlan', () => {
  const deadline = '2026-06-30';
  const due = Date.UTC(2026, 5, 30, 16, 0, 0); // 2026-07-01 00:00 Shanghai

  it('plans every offset, earliest first, counted back from the end of the deadline date', () => {
    expect(reminderPlan({ deadline, policy, nowMs: Date.UTC(2026, 0, 1) })).toEqual([
      { offsetDays: 30, atMs: due - 30 * DAY_MS },
      { offsetDays: 7, atMs: due - 7 * DAY_MS },
      { offsetDays: 1, atMs: due - DAY_MS },
    ]);
    // 30 days before the end of 06-30 is 06-01 00:00 Shanghai = 05-31 16:00 UTC.
    expect(reminderPlan({ deadline, policy, nowMs: 0 })[0].atMs).toBe(Date.UTC(2026, 4, 31, 16, 0, 0));
  });

  it('drops offsets already past', () => {
    const plan = reminderPlan({ deadline, policy, nowMs: due - 10 * DAY_MS });
    expect(plan.map((r) => r.offsetDays)).toEqual([7, 1]);
    expect(reminderPlan({ deadline, policy, nowMs: due - 2 * DAY_MS }).map((r) => r.offsetDays)).toEqual([1]);
    expect(reminderPlan({ deadline, policy, nowMs: due - DAY_MS + 1 })).toEqual([]);
    expect(reminderPlan({ deadline, policy, nowMs: due + DAY_MS })).toEqual([]);
  });

  it('drops an offset whose moment is exactly now (strictly after)', () => {
    const plan = reminderPlan({ deadline, policy, nowMs: due - 7 * DAY_MS });
    expect(plan).toEqual([{ offsetDays: 1, atMs: due - DAY_MS }]);
    expect(reminderPlan({ deadline, policy, nowMs: due - 7 * DAY_MS - 1 }).map((r) => r.offsetDays)).toEqual([7, 1]);
  });

  it('sorts by time even if offsets are not sorted', () => {
    const unsorted = { ...policy, reminderOffsetsDays: [1, 30, 7] };
    expect(reminderPlan({ deadline, policy: unsorted, nowMs: 0 }).map((r) => r.offsetDays)).toEqual([30, 7, 1]);
  });

  it('uses policy-time instants regardless of the time scale', () => {
    const fast = compressedPolicy(86400, { reminderOffsetsDays: [3, 1] });
    expect(reminderPlan({ deadline, policy: fast, nowMs: 0 })).toEqual([
      { offsetDays: 3, atMs: due - 3 * DAY_MS },
      { offsetDays: 1, atMs: due - DAY_MS },
    ]);
  });
});

describe('isOverdue', () => {
  const deadline = '2026-06-30';

  it('is not overdue during the deadline date', () => {
    expect(isOverdue({ deadline, policy, nowMs: Date.UTC(2026, 5, 30, 15, 59, 59, 999) })).toBe(false);
    expect(isOverdue({ deadline, policy, nowMs: Date.UTC(2026, 5, 29, 16, 0, 0) })).toBe(false);
  });

  it('is overdue from 00:00 Shanghai the next day', () => {
    expect(isOverdue({ deadline, policy, nowMs: Date.UTC(2026, 5, 30, 16, 0, 0) })).toBe(true);
    expect(isOverdue({ deadline, policy, nowMs: dueAtMs(deadline, policy) + DAY_MS })).toBe(true);
  });
});

describe('registrationDeadline', () => {
  it('keeps a deadline within the hard limit, defaults to the limit, and turns a later one into a request while the limit stands', () => {
    expect(registrationDeadline('2026-08-31', '2026-12-31', DEFAULT_POLICY)).toEqual({ deadline: '2026-12-31', requestedDeadline: null });
    expect(registrationDeadline('2026-08-31', null, DEFAULT_POLICY)).toEqual({ deadline: '2027-02-28', requestedDeadline: null });
    expect(registrationDeadline('2026-08-31', '2027-02-28', DEFAULT_POLICY)).toEqual({ deadline: '2027-02-28', requestedDeadline: null });
    expect(registrationDeadline('2026-08-31', '2027-03-01', DEFAULT_POLICY)).toEqual({ deadline: '2027-02-28', requestedDeadline: '2027-03-01' });
  });
});
