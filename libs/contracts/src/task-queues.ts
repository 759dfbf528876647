/**
 * Temporal task queues. Workflows run on the worker's queue; activities run on the queue of the
 * service that owns their data (DESIGN: one task queue per domain).
 */
export const TASK_QUEUES = {
  workflows: 'rectify-workflows',
  issues: 'issues',
  notifications: 'notifications',
  jointMeeting: 'joint-meeting',
  assessment: 'assessment',
} as const;

export type TaskQueue = (typeof TASK_QUEUES)[keyof typeof TASK_QUEUES];
