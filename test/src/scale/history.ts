import { temporal as proto } from '@temporalio/proto';
import { stack, temporal } from '../harness/index.js';

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

/**
 * The identities polling `taskQueue` now (Temporal lists the pollers of the last minutes): a worker
 * started a moment ago is in it once its pollers have reached the server.
 */
export async function pollersOf(taskQueue: string, type: 'workflow' | 'activity'): Promise<Set<string>> {
  const client = await temporal();
  const answer = await client.workflowService.describeTaskQueue({
    namespace: stack().infra.temporalNamespace,
    taskQueue: { name: taskQueue, kind: proto.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    taskQueueType: type === 'workflow' ? proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW : proto.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
  });
  return new Set((answer.pollers ?? []).map((p) => p.identity ?? ''));
}
