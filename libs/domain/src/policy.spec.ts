import { describe, expect, it } from '@jest/globals';
import { compressedPolicy, DEFAULT_POLICY, validatePolicy } from './policy.js';

describe('DEFAULT_POLICY', () => {
  it('holds the policy numbers', () => {
    expect(DEFAULT_POLICY).toEqual({
      rectificationLimitMonths: 6,
      reminderOffsetsDays: [30, 7, 1],
      utcOffsetMinutes: 480,
      timeScale: 1,
      explanationReplyDays: 15,
      explanationReplyMaxDays: 60,
      earliestIssueYear: 2000,
      approvalReminderDays: 3,
      slowProgressDays: 30,
    });
  });

  it('is valid', () => {
    expect(validatePolicy(DEFAULT_POLICY)).toEqual([]);
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.reminderOffsetsDays)).toBe(true);
  });
});

describe('compressedPolicy', () => {
  it('copies the default with the given time scale', () => {
    const p = compressedPolicy(86400);
    expect(p).toEqual({ ...DEFAULT_POLICY, timeScale: 86400 });
    expect(p.reminderOffsetsDays).not.toBe(DEFAULT_POLICY.reminderOffsetsDays);
    p.reminderOffsetsDays.push(0);
    expect(DEFAULT_POLICY.reminderOffsetsDays).toEqual([30, 7, 1]);
  });

  it('applies overrides, the explicit time scale winning', () => {
    const p = compressedPolicy(600, { reminderOffsetsDays: [2, 1], explanationReplyDays: 5, timeScale: 3 });
    expect(p.reminderOffsetsDays).toEqual([2, 1]);
    expect(p.explanationReplyDays).toBe(5);
    expect(p.timeScale).toBe(600);
    expect(p.rectificationLimitMonths).toBe(6);
  });

  it('refuses an invalid result, naming the field', () => {
    expect(() => compressedPolicy(0.5)).toThrow(/timeScale/);
    expect(() => compressedPolicy(10, { reminderOffsetsDays: [1, 7] })).toThrow(/reminderOffsetsDays/);
  });
});

describe('validatePolicy', () => {
  const good = { ...DEFAULT_POLICY, reminderOffsetsDays: [30, 7, 1] };

  it('refuses a non-object', () => {
    expect(validatePolicy(null)).toEqual(['policy：策略必须是对象']);
    expect(validatePolicy([1])).toEqual(['policy：策略必须是对象']);
    expect(validatePolicy('x')).toHaveLength(1);
  });

  it('names missing and unknown fields', () => {
    const { timeScale: _t, ...rest } = good;
    expect(validatePolicy(rest)).toEqual(['timeScale：缺少该策略参数']);
    expect(validatePolicy({ ...good, colour: 'red' })).toEqual(['colour：未知的策略参数']);
  });

  it.each([
    [{ reminderOffsetsDays: [7, 30, 1] }, 'reminderOffsetsDays'],
    [{ reminderOffsetsDays: [30, 7, 7] }, 'reminderOffsetsDays'],
    [{ reminderOffsetsDays: [30, 0] }, 'reminderOffsetsDays'],
    [{ reminderOffsetsDays: [30, -1] }, 'reminderOffsetsDays'],
    [{ reminderOffsetsDays: [30, 1.5] }, 'reminderOffsetsDays'],
    [{ reminderOffsetsDays: [] }, 'reminderOffsetsDays'],
    [{ reminderOffsetsDays: '30,7,1' }, 'reminderOffsetsDays'],
    [{ rectificationLimitMonths: 0 }, 'rectificationLimitMonths'],
    [{ rectificationLimitMonths: 6.5 }, 'rectificationLimitMonths'],
    [{ rectificationLimitMonths: '6' }, 'rectificationLimitMonths'],
    [{ utcOffsetMinutes: 900 }, 'utcOffsetMinutes'],
    [{ utcOffsetMinutes: 480.5 }, 'utcOffsetMinutes'],
    [{ timeScale: 0.5 }, 'timeScale'],
    [{ timeScale: 0 }, 'timeScale'],
    [{ timeScale: Infinity }, 'timeScale'],
    [{ timeScale: Number.NaN }, 'timeScale'],
    [{ explanationReplyDays: 0 }, 'explanationReplyDays'],
    [{ approvalReminderDays: -3 }, 'approvalReminderDays'],
  ])('refuses %j, naming %s', (patch, field) => {
    const problems = validatePolicy({ ...good, ...patch });
    expect(problems).toHaveLength(1);
    expect(problems[0].startsWith(`${field}：`)).toBe(true);
  });

  it('accepts other valid settings', () => {
    expect(validatePolicy({ ...good, reminderOffsetsDays: [1], timeScale: 1.5, utcOffsetMinutes: -300 })).toEqual([]);
  });

  it('lists every problem at once', () => {
    expect(validatePolicy({ ...good, timeScale: 0, explanationReplyDays: 0, reminderOffsetsDays: [1, 2] })).toHaveLength(3);
  });
});
