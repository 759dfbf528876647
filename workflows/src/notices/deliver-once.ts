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
 * Delivers one notice durably, keyed by the running workflow's id: a workflow whose only job is
 * one notice is started once per event (its id is the event's key), so the notice goes out once.
 */
export async function deliverOnce(notice: Omit<NotificationRequest, 'key'>): Promise<{ recipients: number; duplicate: boolean }> {
  const receipt = await sendNotification({ ...notice, key: workflowInfo().workflowId });
  return { recipients: receipt.recipients, duplicate: receipt.duplicate };
}
