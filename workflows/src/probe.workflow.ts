import { allHandlersFinished, condition, defineSignal, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
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

/** A no-op update: answers its argument, touching nothing (the floor every update pays). */
export const probePingUpdate = defineUpdate<number, [number]>('probePing');
/** Ends a probeUpdateWorkflow. */
export const probeStopSignal = defineSignal('probeStop');

/**
 * The smallest update round trip (bench/actions.bench.mjs's baseline): a workflow that only
 * answers probePing until it is told to stop, returning how many pings it answered.
 */
export async function probeUpdateWorkflow(): Promise<number> {
  let pings = 0;
  let stopped = false;
  setHandler(probePingUpdate, (n: number) => {
    pings += 1;
    return n;
  });
  setHandler(probeStopSignal, () => {
    stopped = true;
  });
  await condition(() => stopped);
  await condition(allHandlersFinished);
  return pings;
}
