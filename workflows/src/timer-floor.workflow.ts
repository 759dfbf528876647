import { proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import { mustSucceed } from './retry.js';

/** The one activity of the timer floor, hosted by the benchmark itself on a queue of its own. */
interface TimerFloorActivities {
  writeFloorRow(workflowId: string, dueAtMs: number): Promise<void>;
}

export interface TimerFloorInput {
  /** How long the workflow sleeps from its first workflow task (as a problem's policy clock starts there). */
  delayMs: number;
  /** The benchmark's own task queue, where its worker hosts writeFloorRow. */
  taskQueue: string;
}

/**
 * The floor of a reminder in raw Temporal (bench/reminders.bench.mjs): sleep to one instant, then
 * one activity that writes one row (with the instant it fell due) — the least any timer-driven
 * notice can cost on the same server. The instant is counted from the first workflow task, as a
 * problem workflow's reminder is, so a slow start counts for neither.
 */
export async function timerFloorWorkflow({ delayMs, taskQueue }: TimerFloorInput): Promise<void> {
  const { writeFloorRow } = proxyActivities<TimerFloorActivities>({ taskQueue, startToCloseTimeout: '30 seconds', retry: mustSucceed() });
  const dueAtMs = Date.now() + delayMs;
  await sleep(Math.max(1, delayMs));
  await writeFloorRow(workflowInfo().workflowId, dueAtMs);
}
