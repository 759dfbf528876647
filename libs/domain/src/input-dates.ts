/**
 * The dates a user may enter. Every date field of every form and import lies within
 * INPUT_DATE_RANGE: a year like 0001 or 9999 is a typing mistake, and refusing it at the edge keeps
 * the calendar math (issue date + 6 months, PostgreSQL dates) away from years it cannot answer for.
 * An issue date, which starts the clock, is held tighter: not in the future, and not before the
 * policy's earliestIssueYear.
 */
import { compareDates, isLocalDate } from './calendar.js';
import type { Policy } from './policy.js';

export const INPUT_DATE_RANGE = Object.freeze({ firstYear: 1950, lastYear: 2099, from: '1950-01-01', to: '2099-12-31' });

/** True for a real calendar date 'YYYY-MM-DD' within INPUT_DATE_RANGE. */
export function isInputDate(s: unknown): s is string {
  return isLocalDate(s) && s >= INPUT_DATE_RANGE.from && s <= INPUT_DATE_RANGE.to;
}

/** Why `s` is no date a user may enter (without the field's name), or null when it is one. */
export function inputDateProblem(s: unknown): string | null {
  if (!isLocalDate(s)) return `"${String(s)}" 不是真实存在的日期（格式 YYYY-MM-DD）`;
  if (!isInputDate(s)) return `日期 ${s} 超出可受理的范围（${INPUT_DATE_RANGE.from} 至 ${INPUT_DATE_RANGE.to}）`;
  return null;
}

/**
 * Why an issue date (下达日期) cannot be, without the field's name, or null: it must be a date a
 * user may enter, not later than `today` (the policy's zone) and not before the policy's
 * earliestIssueYear.
 */
export function issueDateProblem(issueDate: unknown, policy: Pick<Policy, 'earliestIssueYear'>, today: string): string | null {
  const problem = inputDateProblem(issueDate);
  if (problem) return problem;
  const date = issueDate as string;
  if (compareDates(date, today) > 0) return `下达日期 ${date} 晚于今天 ${today}，不能登记尚未下达的文书`;
  const earliest = `${String(policy.earliestIssueYear).padStart(4, '0')}-01-01`;
  if (compareDates(date, earliest) < 0) return `下达日期 ${date} 早于 ${policy.earliestIssueYear} 年，请核对`;
  return null;
}

/** The issue-date check as a field error: `issueDate：…`, or null. */
export function checkIssueDate(issueDate: unknown, policy: Pick<Policy, 'earliestIssueYear'>, today: string, field = 'document.issueDate'): string | null {
  const problem = issueDateProblem(issueDate, policy, today);
  return problem ? `${field}：${problem}` : null;
}
