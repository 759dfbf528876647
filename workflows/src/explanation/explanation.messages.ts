import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { EXPLANATION_ANSWER_UPDATE, EXPLANATION_STATE_QUERY, type Actor, type ExplanationStatus } from '@rectify/contracts';
import type { Policy } from '@rectify/domain';

/**
 * What starts an explanation request's workflow: written by the issues service when the
 * Supervision Division asks an enterprise for a written explanation. Only the short topic travels
 * (histories are not encrypted); the request's details and the answer stay in the database.
 */
export interface ExplanationWorkflowInput {
  explanationId: string;
  enterpriseCode: string;
  enterpriseName: string;
  /** Short subject of the request, e.g. 整改进度滞后. */
  topic: string;
  /** Reply date 'YYYY-MM-DD': the request date + policy.explanationReplyDays. */
  replyBy: string;
  /** Policy-time instant of the request; policy time starts here. */
  requestedAtMs: number;
  /** The policy in force at the request (a compressed one in tests and drills). */
  policy: Policy;
}

/** The enterprise's answer, after the issues service stored its text. */
export interface AnswerCommand {
  actor: Actor;
}

export interface ExplanationView {
  explanationId: string;
  status: ExplanationStatus;
  replyBy: string;
  /** Policy-time instants of the reminders still ahead. */
  upcomingReminders: { offsetDays: number; atMs: number }[];
  remindersSent: number[];
  answeredLate: boolean | null;
  answeredBy: string | null;
  policyNowMs: number;
}

export const answerUpdate = defineUpdate<ExplanationView, [AnswerCommand]>(EXPLANATION_ANSWER_UPDATE);
export const explanationStateQuery = defineQuery<ExplanationView>(EXPLANATION_STATE_QUERY);
