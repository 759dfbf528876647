import { proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import { mustSucceed } from './retry.js';

/** The one activity of the timer floor, hosted by the benchmark itself on a queue of its own. */
interface TimerFloorActivities {
  writeFloorRow(workflowId: string): Promise<void>;
}

export interface TimerFloorInput {
  /** Wall instant (ms) the workflow sleeps to. */
  dueAtMs: number;
  /** The benchmark's own task queue, where its worker hosts writeFloorRow. */
  taskQueue: string;
}

/**
 * The floor of a reminder in raw Temporal (bench/reminders.bench.mjs): sleep to one instant, then
 * one activity that writes one row — the least any timer-driven notice can cost on the same server.
 */
export async function timerFloorWorkflow({ dueAtMs, taskQueue }: TimerFloorInput): Promise<void> {
  const { writeFloorRow } = proxyActivities<TimerFloorActivities>({ taskQueue, startToCloseTimeout: '30 seconds', retry: mustSucceed() });
  await sleep(Math.max(1, dueAtMs - Date.now()));
  await writeFloorRow(workflowInfo().workflowId);
}
