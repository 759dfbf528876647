/**
 * Deadlines (§8, SPEC §5). A deadline is a calendar date; by default, and at most, it is the issue
 * date plus the policy's limit (6 months), which is the hard limit. A later deadline needs a
 * recorded special reason. Reminders go out a number of days before the moment the deadline falls
 * due (the end of the deadline date in the policy's zone).
 */
import { hasText } from './text.js';
import { addMonths, compareDates, DAY_MS, dueAtMs, isLocalDate } from './calendar.js';
import type { Policy } from './policy.js';

/** The latest deadline allowed without a special reason: issue date + the policy's limit. */
export function hardLimit(issueDate: string, policy: Policy): string {
  return addMonths(issueDate, policy.rectificationLimitMonths);
}

/** The deadline when the issuing document sets none: the hard limit itself. */
export function defaultDeadline(issueDate: string, policy: Policy): string {
  return hardLimit(issueDate, policy);
}

/**
 * The deadline in force when a problem is registered with `deadline` (or none), and the later one
 * asked for: a deadline past the hard limit (with its special reason) is a request that the
 * supervision lead approves or refuses like an extension; until it is approved the hard limit
 * stands (SPEC §5, §11).
 */
export function registrationDeadline(issueDate: string, deadline: string | null | undefined, policy: Policy): { deadline: string; requestedDeadline: string | null } {
  const limit = hardLimit(issueDate, policy);
  if (!deadline) return { deadline: limit, requestedDeadline: null };
  return compareDates(deadline, limit) > 0 ? { deadline: limit, requestedDeadline: deadline } : { deadline, requestedDeadline: null };
}

export interface DeadlineCheck {
  /** The source document's issue date, 'YYYY-MM-DD'. */
  issueDate: string;
  /** The proposed deadline, 'YYYY-MM-DD'. */
  deadline: string;
  /** Recorded special reason that allows a deadline beyond the hard limit. */
  specialReason?: string | null;
  policy: Policy;
}

/**
 * Refusal message for a deadline set at registration, or null when it is acceptable: a real date,
 * not before the issue date, and not after the hard limit unless a special reason is recorded.
 */
export function checkDeadline({ issueDate, deadline, specialReason, policy }: DeadlineCheck): string | null {
  if (!isLocalDate(issueDate)) return `issueDate：下达日期 "${issueDate}" 不是有效日期（YYYY-MM-DD）`;
  if (!isLocalDate(deadline)) return `deadline：整改期限 "${deadline}" 不是有效日期（YYYY-MM-DD）`;
  if (compareDates(deadline, issueDate) < 0) {
    return `deadline：整改期限 ${deadline} 不得早于下达日期 ${issueDate}`;
  }
  const limit = hardLimit(issueDate, policy);
  if (compareDates(deadline, limit) > 0 && !hasText(specialReason)) {
    return (
      `deadline：整改期限 ${deadline} 超过下达后 ${policy.rectificationLimitMonths} 个月的最长期限 ${limit}，` +
      `须填写特殊理由（specialReason）`
    );
  }
  return null;
}

export interface ExtensionCheck {
  issueDate: string;
  /** The deadline in force now. */
  currentDeadline: string;
  /** The later deadline asked for (单独上报延长整改时限). */
  requestedDeadline: string;
  /** Recorded special reason that allows a deadline beyond the hard limit. */
  specialReason?: string | null;
  policy: Policy;
  /** Today's date in the policy's zone (see localDateOf). */
  today: string;
}

/**
 * Refusal message for an extension request, or null when it is acceptable: the requested deadline
 * is a real date later than the current deadline and later than today, and beyond the hard limit
 * only with a recorded special reason.
 */
export function checkExtension({
  issueDate,
  currentDeadline,
  requestedDeadline,
  specialReason,
  policy,
  today,
}: ExtensionCheck): string | null {
  if (!isLocalDate(issueDate)) return `issueDate：下达日期 "${issueDate}" 不是有效日期（YYYY-MM-DD）`;
  if (!isLocalDate(currentDeadline)) {
    return `currentDeadline：现行整改期限 "${currentDeadline}" 不是有效日期（YYYY-MM-DD）`;
  }
  if (!isLocalDate(today)) return `today：当前日期 "${today}" 不是有效日期（YYYY-MM-DD）`;
  if (!isLocalDate(requestedDeadline)) {
    return `requestedDeadline：申请的整改期限 "${requestedDeadline}" 不是有效日期（YYYY-MM-DD）`;
  }
  if (compareDates(requestedDeadline, currentDeadline) <= 0) {
    return `requestedDeadline：申请的整改期限 ${requestedDeadline} 必须晚于现行整改期限 ${currentDeadline}`;
  }
  if (compareDates(requestedDeadline, today) <= 0) {
    return `requestedDeadline：申请的整改期限 ${requestedDeadline} 必须晚于今天 ${today}`;
  }
  const limit = hardLimit(issueDate, policy);
  if (compareDates(requestedDeadline, limit) > 0 && !hasText(specialReason)) {
    return (
      `requestedDeadline：申请的整改期限 ${requestedDeadline} 超过下达后 ${policy.rectificationLimitMonths} 个月的` +
      `最长期限 ${limit}，须填写特殊理由（specialReason）`
    );
  }
  return null;
}

/** One reminder: how many days before the deadline, and when (a policy-time instant, UTC ms). */
export interface PlannedReminder {
  offsetDays: number;
  atMs: number;
}

/**
 * The reminders still to send for a deadline: one per policy offset whose moment
 * (dueAtMs(deadline) − offsetDays days) is strictly after nowMs, earliest first. nowMs and the
 * returned instants are policy time (see policyNow).
 */
export function reminderPlan({ deadline, policy, nowMs }: { deadline: string; policy: Policy; nowMs: number }): PlannedReminder[] {
  const due = dueAtMs(deadline, policy);
  return policy.reminderOffsetsDays
    .map((offsetDays) => ({ offsetDays, atMs: due - offsetDays * DAY_MS }))
    .filter((r) => r.atMs > nowMs)
    .sort((a, b) => a.atMs - b.atMs);
}

/** True once the deadline has fallen due (at or after the end of the deadline date), policy time. */
export function isOverdue({ deadline, policy, nowMs }: { deadline: string; policy: Policy; nowMs: number }): boolean {
  return nowMs >= dueAtMs(deadline, policy);
}
