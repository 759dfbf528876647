import { describe, expect, it } from '@jest/globals';
import { checkIssueDate, inputDateProblem, isInputDate, issueDateProblem } from './input-dates.js';
import { DEFAULT_POLICY, validatePolicy } from './policy.js';

const today = '2026-12-06';

describe('dates a user may enter', () => {
  it('are real dates from 1950 to 2099', () => {
    for (const ok of ['1950-01-01', '2026-02-28', '2099-12-31']) expect(isInputDate(ok)).toBe(true);
    for (const bad of ['0001-01-01', '1900-01-01', '1949-12-31', '2100-01-01', '9999-12-31', '2026-02-30', '', null, 20260101]) {
      expect(isInputDate(bad)).toBe(false);
    }
    expect(inputDateProblem('9999-12-31')).toContain('1950-01-01 至 2099-12-31');
    expect(inputDateProblem('2026-02-30')).toContain('不是真实存在的日期');
  });
});

describe('issue dates (下达日期)', () => {
  it('refuses a future date, a date before the earliest year and one no user may enter, naming the field', () => {
    expect(issueDateProblem(today, DEFAULT_POLICY, today)).toBeNull();
    expect(issueDateProblem('2000-01-01', DEFAULT_POLICY, today)).toBeNull();
    expect(issueDateProblem('2026-12-07', DEFAULT_POLICY, today)).toContain('晚于今天');
    expect(issueDateProblem('1999-12-31', DEFAULT_POLICY, today)).toContain('早于 2000 年');
    expect(issueDateProblem('1900-01-01', DEFAULT_POLICY, today)).toContain('超出可受理的范围');
    expect(issueDateProblem('0001-01-01', DEFAULT_POLICY, today)).toContain('超出可受理的范围');
    expect(issueDateProblem('9999-12-31', DEFAULT_POLICY, today)).toContain('超出可受理的范围');
    expect(checkIssueDate('2027-01-01', DEFAULT_POLICY, today)).toMatch(/^document\.issueDate：/);
  });

  it('follows a configured earliest year', () => {
    expect(issueDateProblem('1995-06-30', { earliestIssueYear: 1990 }, today)).toBeNull();
    expect(validatePolicy({ ...DEFAULT_POLICY, earliestIssueYear: 1800 })).toEqual([expect.stringMatching(/^earliestIssueYear：/)]);
    expect(validatePolicy({ ...DEFAULT_POLICY, explanationReplyMaxDays: 10 })).toEqual([expect.stringMatching(/^explanationReplyMaxDays：/)]);
  });
});
