import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { APPROVAL_DECIDE_UPDATE, APPROVAL_STATE_QUERY, type ApprovalDecision, type ApprovalStatus, type UpwardReportGround } from '@rectify/contracts';
import type { Policy } from '@rectify/domain';

/** What the problem workflow passes to its upward-report child (ids and codes only). */
export interface UpwardReportWorkflowInput {
  problemId: string;
  ledgerNo: string;
  ground: UpwardReportGround;
  /** The problem trail entry (determination review or refusal) the proposal rests on. */
  problemEventSeq: number;
  policy: Policy;
  /** When the proposal was made (ms, policy time). */
  proposedAtMs: number;
}

export interface UpwardReportView {
  ledgerNo: string;
  ground: UpwardReportGround;
  status: ApprovalStatus;
  proposalId: string | null;
  remindersSent: number;
  nextReminderAtMs: number | null;
  decidedAtMs: number | null;
  /** The produced report, after approval only. */
  reportId: string | null;
  /** Addressees the dispatch was recorded for, after approval only. */
  dispatchedTo: string[];
  /** True once the decision, and after an approval the report and its dispatch, are recorded. */
  settled: boolean;
}

export const decideUpwardReportUpdate = defineUpdate<UpwardReportView, [ApprovalDecision]>(APPROVAL_DECIDE_UPDATE);
export const upwardReportStateQuery = defineQuery<UpwardReportView>(APPROVAL_STATE_QUERY);
