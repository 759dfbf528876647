import { Module } from '@nestjs/common';
import { TASK_QUEUES } from '@rectify/contracts';
import { COMMON_SERVICE_CONFIG, serviceModule } from '@rectify/platform';
import { createProbeActivities } from '@rectify/activities';
import { ProbeController } from './probe/probe.controller.js';

/** Problems, the ledger, stages and determinations (schema `issues`). */
@Module({})
export class IssuesModule {
  static create() {
    return serviceModule(IssuesModule, {
      name: 'issues',
      config: COMMON_SERVICE_CONFIG,
      database: { schema: 'issues', entities: [], migrations: [] },
      controllers: [ProbeController],
      activityWorker: {
        taskQueue: TASK_QUEUES.issues,
        activities: { useFactory: () => createProbeActivities() },
      },
    });
  }
}
