import { proxyActivities } from '@temporalio/workflow';
import { TASK_QUEUES } from '@rectify/contracts';
import type { ApprovalActivities, NotificationActivities } from '@rectify/activities';

/** Bounded retries, long enough to ride out a database restart (as the problem workflow's). */
const RETRY = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 150 } as const;

/** The approvals' activities, hosted by the issues service. */
export const approvalActivities = proxyActivities<ApprovalActivities>({
  taskQueue: TASK_QUEUES.issues,
  startToCloseTimeout: '1 minute',
  retry: { ...RETRY, nonRetryableErrorTypes: ['InvalidApproval'] },
});

export const { sendNotification } = proxyActivities<NotificationActivities>({
  taskQueue: TASK_QUEUES.notifications,
  startToCloseTimeout: '30 seconds',
  retry: { ...RETRY, nonRetryableErrorTypes: ['InvalidNotice'] },
});
