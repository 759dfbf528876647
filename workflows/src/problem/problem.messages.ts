import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { PROBLEM_ACT_UPDATE, PROBLEM_STATE_QUERY, type Actor } from '@rectify/contracts';
import type { ActionFacts, ActionName, LifecycleState, Policy } from '@rectify/domain';
import type { ProblemEventRecord } from '@rectify/activities';

/** What starts a problem's workflow: written by the issues service at registration. */
export interface ProblemWorkflowInput {
  problemId: string;
  ledgerNo: string;
  enterpriseCode: string;
  source: string;
  issueDate: string;
  deadline: string;
  hardLimit: string;
  /**
   * Whether the registration gives a special reason for a deadline past the limit: a flag, never
   * the text (histories recorded before carry the text, which reads as true).
   */
  specialReason: boolean | string | null;
  responsibilityAssigned: boolean;
  /**
   * A deadline past the hard limit asked for at registration (with a special reason kept in the
   * ledger): it waits for the supervision lead's decision like an extension, while `deadline` (the
   * hard limit) stands. Absent in workflows started before such requests existed.
   */
  requestedDeadline?: string | null;
  /** The policy in force when the problem was registered (a compressed one in tests and drills). */
  policy: Policy;
  /** When the problem was registered (ms); policy time starts here. */
  registeredAtMs: number;
  /** Routing tags (§14 targeted sharing); absent in workflows started before sharing existed. */
  tags?: string[];
  confidential?: boolean;
}

/**
 * One stage action, as the issues service sends it after checking role, scope and payload. It
 * carries ids and the policy facts the state machine reads, never text: the validated body and the
 * reason are stored first in issues.action_requests under `requestId`, where the trail activity
 * reads them. Commands recorded before requests were stored carry `payload` and `reason` inline.
 */
export interface ActCommand {
  action: ActionName;
  /** Id and role only. */
  actor: Actor;
  facts: ActionFacts;
  requestId?: string;
  /** @deprecated recorded histories only */
  payload?: Record<string, unknown>;
  /** @deprecated recorded histories only */
  reason?: string | null;
}

export interface ActResult {
  seq: number;
  state: LifecycleState;
  /**
   * The trail entries not yet written when the action was applied, in seq order, up to and
   * including the action's own: the issues service writes them (idempotent under their seq) before
   * it answers. Absent in answers recorded before the workflow stopped waiting for its trail.
   */
  trail?: ProblemEventRecord[];
}

export interface ProblemView {
  ledgerNo: string;
  state: LifecycleState;
  seq: number;
  /** Policy-time instants of the reminders still ahead for the current deadline. */
  upcomingReminders: { offsetDays: number; atMs: number }[];
  /** Accountability triggers already opened. */
  triggers: string[];
  policyNowMs: number;
}

export const actUpdate = defineUpdate<ActResult, [ActCommand]>(PROBLEM_ACT_UPDATE);
export const stateQuery = defineQuery<ProblemView>(PROBLEM_STATE_QUERY);
