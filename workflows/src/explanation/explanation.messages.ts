import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { EXPLANATION_ANSWER_UPDATE, EXPLANATION_STATE_QUERY, type Actor, type ExplanationStatus } from '@rectify/contracts';
import type { Policy } from '@rectify/domain';

/**
 * What starts an explanation request's workflow: written by the issues service when the
 * Supervision Division asks an enterprise for a written explanation. Ids and dates only: the topic,
 * the details and the answer stay in the database, where the notices read them.
 */
export interface ExplanationWorkflowInput {
  explanationId: string;
  enterpriseCode: string;
  /** @deprecated recorded histories only (the notices read the enterprise's name and the topic). */
  enterpriseName?: string;
  /** @deprecated recorded histories only */
  topic?: string;
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
  /** The id of the user who answered (a name in histories recorded before). */
  answeredBy: string | null;
  policyNowMs: number;
}

export const answerUpdate = defineUpdate<ExplanationView, [AnswerCommand]>(EXPLANATION_ANSWER_UPDATE);
export const explanationStateQuery = defineQuery<ExplanationView>(EXPLANATION_STATE_QUERY);
