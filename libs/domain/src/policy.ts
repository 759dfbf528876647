import { INPUT_DATE_RANGE } from './input-dates.js';

/**
 * The policy's numbers as data. Every workflow receives a Policy in its input, so production runs
 * with DEFAULT_POLICY while tests and drills run a compressed copy (see compressedPolicy).
 */

export interface Policy {
  /** Longest rectification period after the issue date, in months (§8: 6). */
  rectificationLimitMonths: number;
  /** Days before a deadline on which reminders go out, strictly descending (SPEC §5: 30, 7, 1). */
  reminderOffsetsDays: number[];
  /** The policy's time zone as a fixed UTC offset in minutes (480 = Asia/Shanghai). */
  utcOffsetMinutes: number;
  /**
   * Policy time runs this many times faster than wall time: 1 in production; a compressed policy
   * for tests and drills uses e.g. 86400 (one policy day per wall second).
   */
  timeScale: number;
  /** Days an enterprise has to reply to a written request for explanation (15; §10, SPEC §7). */
  explanationReplyDays: number;
  /** The most days an officer may give for one explanation, when setting them per request (60). */
  explanationReplyMaxDays: number;
  /** The earliest year an issuing document may bear (2000): an earlier issue date is a typing mistake. */
  earliestIssueYear: number;
  /** Remind the approvers every this many days while an approval waits (3; §4, SPEC §3). */
  approvalReminderDays: number;
  /** An open problem with no recorded progress for this many days counts as slow in the supervision summary (30; §10). */
  slowProgressDays: number;
}

/** The policy as issued. */
export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  // 第八条: “一般不得超过相关决定、意见、建议下达后6个月整改完毕”; SPEC §5 makes it the default
  // deadline and the hard limit.
  rectificationLimitMonths: 6,
  // SPEC §5: the responsible departments and persons are reminded automatically 30, 7 and 1 days
  // before each deadline (the policy text gives no numbers; SPEC calls them configurable defaults).
  reminderOffsetsDays: Object.freeze([30, 7, 1]) as number[],
  // Asia/Shanghai has had no daylight saving since 1991, so a fixed UTC+8 is exact for every date
  // the system handles.
  utcOffsetMinutes: 480,
  // Production runs in real time.
  timeScale: 1,
  // 第十条: an enterprise that is slow or in difficulty “可以书面报送情况及原因分析” (SPEC §7: it may
  // be asked for a written explanation). Neither text gives a period; 15 days is the project's
  // chosen default.
  explanationReplyDays: 15,
  // An officer may give a request its own reply period (SPEC §7 leaves it open): at most 60 days,
  // the project's chosen bound, so a typo cannot park an explanation for years.
  explanationReplyMaxDays: 60,
  // No document older than the ledger the Commission keeps is registered; the project's chosen
  // default is 2000 (configurable, e.g. for a drill with archive data).
  earliestIssueYear: 2000,
  // 第四条: “审计整改方案及整改报告需经党委会、董事会审议通过”. Neither text sets a reminder period
  // for a waiting approval; every 3 days is the project's chosen default.
  approvalReminderDays: 3,
  // 第十条: the supervision summary names enterprises whose rectification is slow (进展缓慢). Neither
  // text says how slow; a problem with no recorded progress for 30 days is the project's default.
  slowProgressDays: 30,
});

const POLICY_KEYS: readonly (keyof Policy)[] = [
  'rectificationLimitMonths',
  'reminderOffsetsDays',
  'utcOffsetMinutes',
  'timeScale',
  'explanationReplyDays',
  'explanationReplyMaxDays',
  'earliestIssueYear',
  'approvalReminderDays',
  'slowProgressDays',
];

function isPositiveInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
}

/**
 * Lists what is wrong with a policy (each message names its field); empty when the policy is
 * usable. Accepts anything, e.g. a policy read from configuration or a workflow input.
 */
export function validatePolicy(p: unknown): string[] {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return ['policy：策略必须是对象'];
  const o = p as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of POLICY_KEYS) {
    if (!(key in o) || o[key] === undefined) problems.push(`${key}：缺少该策略参数`);
  }
  for (const key of Object.keys(o)) {
    if (!(POLICY_KEYS as readonly string[]).includes(key)) problems.push(`${key}：未知的策略参数`);
  }
  const positive = (key: keyof Policy, label: string): void => {
    if (o[key] !== undefined && !isPositiveInteger(o[key])) problems.push(`${key}：${label}必须是正整数`);
  };
  positive('rectificationLimitMonths', '整改最长期限（月）');
  const offsets = o.reminderOffsetsDays;
  if (offsets !== undefined) {
    if (!Array.isArray(offsets) || offsets.length === 0) {
      problems.push('reminderOffsetsDays：提醒提前天数必须是非空数组');
    } else if (!offsets.every(isPositiveInteger)) {
      problems.push('reminderOffsetsDays：提醒提前天数必须都是正整数');
    } else if (!offsets.every((d, i) => i === 0 || d < offsets[i - 1])) {
      problems.push('reminderOffsetsDays：提醒提前天数必须按从大到小排列且不重复');
    }
  }
  const offset = o.utcOffsetMinutes;
  if (offset !== undefined && !(Number.isInteger(offset) && (offset as number) >= -720 && (offset as number) <= 840)) {
    problems.push('utcOffsetMinutes：时区偏移必须是 -720 到 840 之间的整数分钟');
  }
  const scale = o.timeScale;
  if (scale !== undefined && !(typeof scale === 'number' && Number.isFinite(scale) && scale >= 1)) {
    problems.push('timeScale：时间压缩倍数必须是不小于 1 的有限数');
  }
  positive('explanationReplyDays', '书面说明回复期限（天）');
  positive('explanationReplyMaxDays', '书面说明最长回复期限（天）');
  if (isPositiveInteger(o.explanationReplyDays) && isPositiveInteger(o.explanationReplyMaxDays) && o.explanationReplyMaxDays < o.explanationReplyDays) {
    problems.push('explanationReplyMaxDays：书面说明最长回复期限不得短于默认回复期限');
  }
  const year = o.earliestIssueYear;
  if (year !== undefined && !(Number.isInteger(year) && (year as number) >= INPUT_DATE_RANGE.firstYear && (year as number) <= INPUT_DATE_RANGE.lastYear)) {
    problems.push(`earliestIssueYear：最早下达年份必须是 ${INPUT_DATE_RANGE.firstYear} 到 ${INPUT_DATE_RANGE.lastYear} 之间的整数`);
  }
  positive('approvalReminderDays', '审批催办间隔（天）');
  positive('slowProgressDays', '进展缓慢判定天数');
  return problems;
}

/**
 * A copy of the default policy whose time runs `timeScale` times faster than wall time, with
 * optional overrides (the explicit timeScale wins over overrides.timeScale). Throws a RangeError
 * listing the problems when the result is not a valid policy.
 */
export function compressedPolicy(timeScale: number, overrides: Partial<Policy> = {}): Policy {
  const policy: Policy = {
    ...DEFAULT_POLICY,
    ...overrides,
    reminderOffsetsDays: [...(overrides.reminderOffsetsDays ?? DEFAULT_POLICY.reminderOffsetsDays)],
    timeScale,
  };
  const problems = validatePolicy(policy);
  if (problems.length > 0) throw new RangeError(`Invalid policy: ${problems.join('; ')}`);
  return policy;
}
