import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { PROBLEM_ACT_UPDATE, PROBLEM_STATE_QUERY, type Actor } from '@rectify/contracts';
import type { ActionFacts, ActionName, LifecycleState, Policy } from '@rectify/domain';

/** What starts a problem's workflow: written by the issues service at registration. */
export interface ProblemWorkflowInput {
  problemId: string;
  ledgerNo: string;
  enterpriseCode: string;
  source: string;
  issueDate: string;
  deadline: string;
  hardLimit: string;
  specialReason: string | null;
  responsibilityAssigned: boolean;
  /** The policy in force when the problem was registered (a compressed one in tests and drills). */
  policy: Policy;
  /** When the problem was registered (ms); policy time starts here. */
  registeredAtMs: number;
  /** Routing tags (§14 targeted sharing); absent in workflows started before sharing existed. */
  tags?: string[];
  confidential?: boolean;
}

/** One stage action, as the issues service sends it after checking role, scope and payload. */
export interface ActCommand {
  action: ActionName;
  actor: Actor;
  facts: ActionFacts;
  /** The validated request body, recorded in the audit trail. */
  payload: Record<string, unknown>;
  reason: string | null;
}

export interface ActResult {
  seq: number;
  state: LifecycleState;
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
