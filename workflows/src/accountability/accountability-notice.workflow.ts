import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import { TASK_QUEUES } from '@rectify/contracts';
import type { NotificationActivities, NotificationRequest } from '@rectify/activities';
import { mustSucceed } from '../retry.js';

const { sendNotification } = proxyActivities<NotificationActivities>({
  taskQueue: TASK_QUEUES.notifications,
  startToCloseTimeout: '1 minute',
  // Bounded, but long enough to ride out a restart of the notifications service or its database.
  retry: mustSucceed('InvalidNotice'),
});

/**
 * Delivers the notice of one step of an accountability case (§12) to the people it concerns,
 * durably: the issues service starts it after the step is committed, once per step (the workflow
 * id is the step's key, and the notice's idempotency key).
 */
export async function accountabilityNoticeWorkflow(notice: Omit<NotificationRequest, 'key'>): Promise<{ recipients: number; duplicate: boolean }> {
  const receipt = await sendNotification({ ...notice, key: workflowInfo().workflowId });
  return { recipients: receipt.recipients, duplicate: receipt.duplicate };
}
