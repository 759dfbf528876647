import { temporal } from '../harness/index.js';

/** Who served a workflow's tasks, from its history: worker identities per task queue. */
export interface Served {
  workflowTasks: Set<string>;
  activities: Map<string, Set<string>>;
}

export async function servedBy(workflowIds: string[]): Promise<Served> {
  const served: Served = { workflowTasks: new Set(), activities: new Map() };
  const client = await temporal();
  for (const id of workflowIds) {
    const events = (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
    const queueOf = new Map<string, string>();
    for (const e of events) {
      if (e.workflowTaskStartedEventAttributes?.identity) served.workflowTasks.add(e.workflowTaskStartedEventAttributes.identity);
      if (e.activityTaskScheduledEventAttributes) queueOf.set(String(e.eventId), e.activityTaskScheduledEventAttributes.taskQueue?.name ?? '');
      const started = e.activityTaskStartedEventAttributes;
      if (started?.identity) {
        const queue = queueOf.get(String(started.scheduledEventId)) ?? '';
        if (!served.activities.has(queue)) served.activities.set(queue, new Set());
        served.activities.get(queue)!.add(started.identity);
      }
    }
  }
  return served;
}
