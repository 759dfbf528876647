import { proxyActivities } from '@temporalio/workflow';
import { TASK_QUEUES, type ProbeResult } from '@rectify/contracts';
import type { ProbeActivities } from '@rectify/activities';

const { probeIssues } = proxyActivities<ProbeActivities>({
  taskQueue: TASK_QUEUES.issues,
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});

/** The smallest round trip: the worker runs this workflow, the issues service answers its activity. */
export async function probeWorkflow(input: string): Promise<ProbeResult> {
  return probeIssues(input);
}
