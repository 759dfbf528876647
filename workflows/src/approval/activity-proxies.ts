import { proxyActivities } from '@temporalio/workflow';
import { TASK_QUEUES } from '@rectify/contracts';
import { mustSucceed } from '../retry.js';
import type { ApprovalActivities, NotificationActivities } from '@rectify/activities';


/** The approvals' activities, hosted by the issues service. */
export const approvalActivities = proxyActivities<ApprovalActivities>({
  taskQueue: TASK_QUEUES.issues,
  startToCloseTimeout: '1 minute',
  retry: mustSucceed('InvalidApproval'),
});

export const { sendNotification } = proxyActivities<NotificationActivities>({
  taskQueue: TASK_QUEUES.notifications,
  startToCloseTimeout: '30 seconds',
  retry: mustSucceed('InvalidNotice'),
});
