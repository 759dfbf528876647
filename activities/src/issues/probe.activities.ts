import { Context } from '@temporalio/activity';
import { TASK_QUEUES } from '@rectify/contracts';

/** Answers the probe workflow from the issues service's task queue. */
export function createProbeActivities() {
  return {
    async probeIssues(input: string): Promise<{ echo: string; answeredBy: string }> {
      const info = Context.current().info;
      return { echo: input, answeredBy: info.taskQueue ?? TASK_QUEUES.issues };
    },
  };
}

export type ProbeActivities = ReturnType<typeof createProbeActivities>;
