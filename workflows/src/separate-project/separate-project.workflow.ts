import { allHandlersFinished, condition, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { SEPARATE_PROJECT_KINDS, type ApprovalDecision, type ApprovalStatus } from '@rectify/contracts';
import { DAY_MS, policyNow, type PolicyClockAnchor } from '@rectify/domain';
import { refuseIllegalDecision, type DecisionTaken } from '../approval/approval-gate.js';
import { requestDecision } from '../approval/approval-request.js';
import { approvalActivities, sendNotification } from '../approval/activity-proxies.js';
import { APPROVAL_AUDIENCES } from '../approval/audiences.js';
import {
  decideSeparateProjectUpdate,
  separateProjectStateQuery,
  type SeparateProjectView,
  type SeparateProjectWorkflowInput,
} from './separate-project.messages.js';

const { decideSeparateProject } = approvalActivities;

/**
 * Since this patch the decision answers as soon as the workflow has taken it: the answer carries the
 * decision's record, which the issues service writes (idempotent) before it answers; the workflow's
 * own activity still records it (finding it written) — the caller no longer waits for the activity,
 * nor for the approval request's notice ahead of it.
 */
const DECISION_ANSWER_FIRST_PATCH = 'decision-answer-first-v1';

/**
 * 另行立项 (policy 第十条): a major clue found while supervising becomes a separate project —
 * verification, audit or major asset-loss investigation — only after the Commission party
 * committee approves it. The proposal waits for 委党委, which is reminded every
 * policy.approvalReminderDays; an approved project becomes a source the ledger registers its
 * problems against (linked to the origin problem); a rejected one creates nothing.
 */
export async function separateProjectWorkflow(input: SeparateProjectWorkflowInput): Promise<SeparateProjectView> {
  const { policy } = input;
  const workflowId = workflowInfo().workflowId;
  const anchor: PolicyClockAnchor = { wallMs: Date.now(), policyMs: input.proposedAtMs };
  const now = () => policyNow(anchor, Date.now(), policy);
  const subject = { subjectKind: 'separate_project', subjectId: input.projectId, matter: `另行立项开展${SEPARATE_PROJECT_KINDS[input.kind]}` } as const;

  let decision: DecisionTaken | null = null;
  let remindersSent = 0;
  let settled = false;

  const view = (): SeparateProjectView => {
    const status: ApprovalStatus = decision ? (decision.approve ? 'approved' : 'rejected') : 'pending';
    return {
      projectId: input.projectId,
      status,
      remindersSent,
      nextReminderAtMs: decision ? null : input.proposedAtMs + (remindersSent + 1) * policy.approvalReminderDays * DAY_MS,
      decidedAtMs: decision?.atMs ?? null,
      settled,
    };
  };

  setHandler(separateProjectStateQuery, view);
  setHandler(
    decideSeparateProjectUpdate,
    async (d: ApprovalDecision) => {
      decision = { ...d, atMs: now() };
      if (patched(DECISION_ANSWER_FIRST_PATCH)) {
        return { ...view(), record: { projectId: input.projectId, workflowId, decision, atMs: decision.atMs } };
      }
      await condition(() => settled);
      return view();
    },
    { validator: (d: ApprovalDecision) => refuseIllegalDecision(decision !== null, d) },
  );

  const decided = await requestDecision({
    workflowId,
    policy,
    anchor,
    proposedAtMs: input.proposedAtMs,
    problemId: input.originProblemId,
    subject,
    decision: () => decision,
    onReminder: (n) => (remindersSent = n),
  });

  await decideSeparateProject({ projectId: input.projectId, workflowId, decision: decided, atMs: decided.atMs });
  settled = true;
  await sendNotification({
    key: `${workflowId}:separate_project_decided:0`,
    type: 'separate_project_decided',
    problemId: input.originProblemId,
    audience: [...APPROVAL_AUDIENCES.separateProjectDecided],
    // The number and the reason are read by the notifications service from the stored request.
    facts: { ...subject, approved: decided.approve, actionRequestId: decided.requestId ?? null, documentNumber: decided.documentNumber ?? null, reason: decided.reason ?? null },
  });
  await condition(allHandlersFinished);
  return view();
}
