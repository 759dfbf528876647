import { ALL_ROLES, CONFIDENTIAL_READERS, ENTERPRISE_ROLES, ROLES, type Role } from './roles.js';

/**
 * Supervision (督办, SPEC §7, policy 第十条): on-site visits and their records, explanations asked
 * of (or sent by) enterprises, and the periodic supervision summary.
 */

/** The five things an on-site visit (入户督办) covers, in the policy's order. */
export const SUPERVISION_TOPICS = {
  organisation: '组织领导',
  plan: '整改方案',
  decisions: '决策事项',
  progress: '整改进展',
  results: '整改成效',
} as const;
export type SupervisionTopic = keyof typeof SUPERVISION_TOPICS;
export const SUPERVISION_TOPIC_LIST = Object.keys(SUPERVISION_TOPICS) as SupervisionTopic[];

/** Where a written explanation (书面说明) stands. */
export const EXPLANATION_STATUSES = {
  requested: '待说明',
  overdue: '逾期未说明',
  answered: '已说明',
} as const;
export type ExplanationStatus = keyof typeof EXPLANATION_STATUSES;

/** Who records visits: the supervision group. */
export const VISIT_RECORDERS: readonly Role[] = [ROLES.SUPERVISION_GROUP];
/** Who reads supervision records: every role that reads problems (operators read no content). */
export const VISIT_READERS: readonly Role[] = ALL_ROLES.filter((r) => r !== ROLES.OPERATOR);
/** Who reads explanations: the Supervision Division side and the enterprise's own people. */
export const EXPLANATION_READERS: readonly Role[] = [...CONFIDENTIAL_READERS, ...ENTERPRISE_ROLES];
/** Who reads the supervision summaries (they list confidential problems). */
export const SUMMARY_READERS: readonly Role[] = CONFIDENTIAL_READERS;
/** Who may start a summary for a given month. */
export const SUMMARY_TRIGGERERS: readonly Role[] = [ROLES.SUPERVISION_OFFICER, ROLES.OPERATOR];

/** Workflow id of an explanation request's deadline workflow. */
export function explanationWorkflowId(explanationId: string): string {
  return `explanation-${explanationId}`;
}
export const EXPLANATION_WORKFLOW = 'explanationWorkflow';
/** Update carrying the enterprise's answer; its validator refuses a second answer. */
export const EXPLANATION_ANSWER_UPDATE = 'answer';
/** Query returning the explanation workflow's view. */
export const EXPLANATION_STATE_QUERY = 'explanationState';

export const SUPERVISION_SUMMARY_WORKFLOW = 'supervisionSummaryWorkflow';
/** The Temporal Schedule that runs the summary (monthly by default). */
export const SUPERVISION_SUMMARY_SCHEDULE_ID = 'supervision-summary';
/** A month as the summary names it: 'YYYY-MM'. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** First and last calendar day of `month` ('YYYY-MM'). */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The month before the one holding `date` ('YYYY-MM-DD'). */
export function previousMonthOf(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** '2026-11' → '2026年11月'. */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-');
  return `${y}年${Number(m)}月`;
}
