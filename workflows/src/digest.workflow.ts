import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import { TASK_QUEUES } from '@rectify/contracts';
import type { NotificationActivities } from '@rectify/activities';
import { periodic } from './retry.js';

const { sendWeeklyDigest } = proxyActivities<NotificationActivities>({
  taskQueue: TASK_QUEUES.notifications,
  startToCloseTimeout: '5 minutes',
  retry: periodic(),
});

/** Started weekly by the Temporal Schedule `weekly-digest`: the overdue and soon-due problems to their readers. */
export async function weeklyDigestWorkflow(): Promise<{ notices: number }> {
  return sendWeeklyDigest({ runKey: workflowInfo().workflowId, asOfMs: Date.now() });
}
