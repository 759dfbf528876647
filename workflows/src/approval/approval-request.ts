import type { ApprovalSubject } from '@rectify/activities';
import { DAY_MS, localDateOf, policyNow, type Policy, type PolicyClockAnchor } from '@rectify/domain';
import { awaitDecision, type DecisionTaken } from './approval-gate.js';
import { approvalActivities, sendNotification } from './activity-proxies.js';
import { APPROVAL_AUDIENCES } from './audiences.js';

/** What the party committee is asked to decide, as the notices and the approval log name it. */
export interface ApprovalMatter {
  subjectKind: ApprovalSubject;
  subjectId: string;
  /** The matter in words, for the notices (另行立项开展…, 向…报告…). */
  matter: string;
}

export interface ApprovalRequest {
  workflowId: string;
  policy: Policy;
  anchor: PolicyClockAnchor;
  /** Policy-time instant the proposal was made. */
  proposedAtMs: number;
  /** The problem the notices concern. */
  problemId: string;
  subject: ApprovalMatter;
  decision: () => DecisionTaken | null;
  /** Told the number (1, 2, …) of each reminder before it is recorded and sent. */
  onReminder: (n: number) => void;
}

/**
 * Puts `subject` before the party committee: notifies it (approval_requested), then waits for its
 * decision, recording and sending a reminder (approval_reminder) every policy.approvalReminderDays.
 */
export async function requestDecision(r: ApprovalRequest): Promise<DecisionTaken> {
  const { workflowId, policy, anchor, subject } = r;
  const proposedAt = localDateOf(r.proposedAtMs, policy);
  await sendNotification({
    key: `${workflowId}:approval_requested:0`,
    type: 'approval_requested',
    problemId: r.problemId,
    audience: [...APPROVAL_AUDIENCES.approvers],
    facts: { ...subject, proposedAt },
  });

  return awaitDecision({
    policy,
    anchor,
    proposedAtMs: r.proposedAtMs,
    decision: r.decision,
    remind: async (n) => {
      r.onReminder(n);
      const atMs = policyNow(anchor, Date.now(), policy);
      await approvalActivities.recordApprovalReminder({ subjectType: subject.subjectKind, subjectId: subject.subjectId, workflowId, reminderNo: n, atMs });
      await sendNotification({
        key: `${workflowId}:approval_reminder:${n}`,
        type: 'approval_reminder',
        problemId: r.problemId,
        audience: [...APPROVAL_AUDIENCES.approvers],
        facts: { ...subject, proposedAt, waitingDays: Math.floor((atMs - r.proposedAtMs) / DAY_MS) },
      });
    },
  });
}
