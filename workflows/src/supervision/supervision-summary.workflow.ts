import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import { previousMonthOf, TASK_QUEUES } from '@rectify/contracts';
import { localDateOf, type Policy } from '@rectify/domain';
import type { NotificationActivities, SupervisionSummaryActivities, SupervisionSummaryResult } from '@rectify/activities';
import { mustSucceed, periodic } from '../retry.js';

const { produceSupervisionSummary } = proxyActivities<SupervisionSummaryActivities>({
  taskQueue: TASK_QUEUES.issues,
  startToCloseTimeout: '5 minutes',
  retry: periodic('InvalidSummary'),
});

const { sendNotification } = proxyActivities<NotificationActivities>({
  taskQueue: TASK_QUEUES.notifications,
  startToCloseTimeout: '30 seconds',
  retry: mustSucceed('InvalidNotice'),
});

export interface SupervisionSummaryInput {
  /** 'YYYY-MM'; absent on scheduled runs, which summarise the month just ended. */
  month?: string;
  policy: Pick<Policy, 'slowProgressDays' | 'utcOffsetMinutes'>;
}

/**
 * The periodic supervision summary and analysis (policy 第十条: 定期汇总分析督办情况), started monthly
 * by the Temporal Schedule `supervision-summary` or on demand for a given month: the summary is
 * computed and stored with its Word document, and the Supervision Division is told it is ready.
 */
export async function supervisionSummaryWorkflow(input: SupervisionSummaryInput): Promise<SupervisionSummaryResult> {
  const runKey = workflowInfo().workflowId;
  const month = input.month ?? previousMonthOf(localDateOf(Date.now(), input.policy));
  const summary = await produceSupervisionSummary({ runKey, month, asOfMs: Date.now(), policy: input.policy });
  await sendNotification({
    key: `${runKey}:summary_ready`,
    type: 'summary_ready',
    problemId: null,
    audience: [{ scope: 'commission', roles: ['supervision_officer', 'supervision_lead'] }],
    facts: { summaryId: summary.summaryId, monthLabel: summary.monthLabel, enterprises: summary.enterprises, visits: summary.visits, overdue: summary.overdue, slow: summary.slow },
  });
  return summary;
}
