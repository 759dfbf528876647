import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { PUSH_RESPOND_UPDATE, PUSH_STATE_QUERY, type Actor, type ResponseStep } from '@rectify/contracts';
import type { Policy } from '@rectify/domain';
import type { UnitTracker } from '@rectify/activities';

/** What starts a push's workflow: written by the joint-meeting service when the office sends the push. */
export interface PushWorkflowInput {
  pushId: string;
  pushNo: string;
  /** Date the written answers are due, 'YYYY-MM-DD' (Asia/Shanghai). */
  replyBy: string;
  /** Codes of the member units the push is addressed to. */
  units: string[];
  /** The policy in force when the push was sent (a compressed one in tests and drills). */
  policy: Policy;
  /** When the push was sent (ms); policy time starts here. */
  pushedAtMs: number;
}

/**
 * One step of a unit's written response, as the joint-meeting service sends it after checking the
 * caller's role, unit and payload: ids only. The draft's text, the leader's comment and the signer's
 * name are stored first in joint_meeting.response_requests under `requestId`, where the activity
 * recording the step reads them. Steps recorded before requests were stored carry the text inline.
 */
export interface RespondCommand {
  unitCode: string;
  step: ResponseStep;
  /** Id and role only. */
  actor: Actor;
  requestId?: string;
  /** @deprecated recorded histories only */
  opinion?: string;
  /** @deprecated recorded histories only */
  resolution?: string;
  /** @deprecated recorded histories only */
  attachmentIds?: string[];
  /** @deprecated recorded histories only */
  comment?: string | null;
}

export interface RespondResult {
  seq: number;
  unit: UnitTracker;
  closed: boolean;
}

export interface PushView {
  pushNo: string;
  replyBy: string;
  closed: boolean;
  units: UnitTracker[];
  /** Policy-time instants of the reminders still ahead (for the units not yet answered). */
  upcomingReminders: { offsetDays: number; atMs: number }[];
  policyNowMs: number;
}

export const respondUpdate = defineUpdate<RespondResult, [RespondCommand]>(PUSH_RESPOND_UPDATE);
export const pushStateQuery = defineQuery<PushView>(PUSH_STATE_QUERY);
