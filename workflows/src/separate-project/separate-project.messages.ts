import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { APPROVAL_DECIDE_UPDATE, APPROVAL_STATE_QUERY, type ApprovalDecision, type ApprovalStatus, type SeparateProjectKind } from '@rectify/contracts';
import type { Policy } from '@rectify/domain';
import type { DecisionRecord } from '@rectify/activities';

/**
 * What starts a separate-project proposal's workflow: ids and the kind only (histories are not
 * encrypted; the clue and the reasons stay in the database, written by the issues service).
 */
export interface SeparateProjectWorkflowInput {
  projectId: string;
  /** The problem whose supervision revealed the clue. */
  originProblemId: string;
  kind: SeparateProjectKind;
  policy: Policy;
  /** When the proposal was made (ms); policy time starts here. */
  proposedAtMs: number;
}

export interface SeparateProjectView {
  projectId: string;
  status: ApprovalStatus;
  /** Reminders sent to the party committee so far. */
  remindersSent: number;
  /** Policy-time instant of the next reminder while the proposal waits, else null. */
  nextReminderAtMs: number | null;
  decidedAtMs: number | null;
  /** True once the decision is recorded in the database. */
  settled: boolean;
  /**
   * In the decision's answer only: the record the workflow's activity writes, for the issues service
   * to write first (idempotent). Absent in answers recorded before the decision answered at once.
   */
  record?: DecisionRecord & { projectId: string };
}

export const decideSeparateProjectUpdate = defineUpdate<SeparateProjectView, [ApprovalDecision]>(APPROVAL_DECIDE_UPDATE);
export const separateProjectStateQuery = defineQuery<SeparateProjectView>(APPROVAL_STATE_QUERY);
