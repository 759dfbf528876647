import { allHandlersFinished, ApplicationFailure, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import { UPWARD_REPORT_GROUNDS, UPWARD_REPORT_RECIPIENTS, type ApprovalDecision, type ApprovalStatus } from '@rectify/contracts';
import { DAY_MS, policyNow, type PolicyClockAnchor } from '@rectify/domain';
import { refuseIllegalDecision, type DecisionTaken } from '../approval/approval-gate.js';
import { requestDecision } from '../approval/approval-request.js';
import { approvalActivities, sendNotification } from '../approval/activity-proxies.js';
import { APPROVAL_AUDIENCES } from '../approval/audiences.js';
import { decideUpwardReportUpdate, upwardReportStateQuery, type UpwardReportView, type UpwardReportWorkflowInput } from './upward-report.messages.js';

const { proposeUpwardReport, decideUpwardReport, produceUpwardReport, recordUpwardReportDispatch } = approvalActivities;

/**
 * 上报制度 (policy 第十三条): a problem that risks major state-asset loss, whose enterprise refuses
 * to rectify (认定 N1/N2) or does not adopt the Commission's opinion, is proposed for a report to
 * 市委、市政府, 市纪委监委 and 市委组织部 asking to adjust the principal, order correction and pursue
 * responsibility. Only after the Commission party committee approves is the report produced and
 * its dispatch recorded; a rejection is recorded with its reason and nothing is produced or sent.
 * The party committee is reminded every policy.approvalReminderDays while the proposal waits.
 */
export async function upwardReportWorkflow(input: UpwardReportWorkflowInput): Promise<UpwardReportView> {
  const { policy } = input;
  const workflowId = workflowInfo().workflowId;
  const anchor: PolicyClockAnchor = { wallMs: Date.now(), policyMs: input.proposedAtMs };
  const now = () => policyNow(anchor, Date.now(), policy);

  let proposalId: string | null = null;
  let decision: DecisionTaken | null = null;
  let remindersSent = 0;
  let reportId: string | null = null;
  let dispatchedTo: string[] = [];
  let settled = false;

  const view = (): UpwardReportView => {
    const status: ApprovalStatus = decision ? (decision.approve ? 'approved' : 'rejected') : 'pending';
    return {
      ledgerNo: input.ledgerNo,
      ground: input.ground,
      status,
      proposalId,
      remindersSent,
      nextReminderAtMs: decision ? null : input.proposedAtMs + (remindersSent + 1) * policy.approvalReminderDays * DAY_MS,
      decidedAtMs: decision?.atMs ?? null,
      reportId,
      dispatchedTo,
      settled,
    };
  };

  setHandler(upwardReportStateQuery, view);
  setHandler(
    decideUpwardReportUpdate,
    async (d: ApprovalDecision) => {
      decision = { ...d, atMs: now() };
      await condition(() => settled);
      return view();
    },
    {
      validator: (d: ApprovalDecision) => {
        // The proposal must be on record before it can be decided.
        if (proposalId === null) throw ApplicationFailure.create({ message: '上报事项尚在登记，请稍后再审议', type: 'IllegalTransition', nonRetryable: true });
        refuseIllegalDecision(decision !== null, d);
      },
    },
  );

  ({ proposalId } = await proposeUpwardReport({ workflowId, problemId: input.problemId, ground: input.ground, problemEventSeq: input.problemEventSeq, atMs: input.proposedAtMs }));
  const subject = { subjectKind: 'upward_report', subjectId: proposalId, matter: `向${UPWARD_REPORT_RECIPIENTS.join('、')}报告（${UPWARD_REPORT_GROUNDS[input.ground]}）` } as const;
  const decided = await requestDecision({
    workflowId,
    policy,
    anchor,
    proposedAtMs: input.proposedAtMs,
    problemId: input.problemId,
    subject,
    decision: () => decision,
    onReminder: (n) => (remindersSent = n),
  });

  await decideUpwardReport({ proposalId: subject.subjectId, workflowId, decision: decided, atMs: decided.atMs });
  if (decided.approve) {
    ({ reportId } = await produceUpwardReport({ proposalId: subject.subjectId, workflowId, atMs: decided.atMs }));
    ({ recipients: dispatchedTo } = await recordUpwardReportDispatch({ proposalId: subject.subjectId, reportId, workflowId, actor: decided.actor, atMs: now() }));
  }
  settled = true;
  await sendNotification({
    key: `${workflowId}:upward_report_decided:0`,
    type: 'upward_report_decided',
    problemId: input.problemId,
    audience: [...APPROVAL_AUDIENCES.upwardReportDecided],
    // The number and the reason are read by the notifications service from the stored request.
    facts: { ...subject, approved: decided.approve, actionRequestId: decided.requestId ?? null, documentNumber: decided.documentNumber ?? null, reason: decided.reason ?? null },
  });
  await condition(allHandlersFinished);
  return view();
}
