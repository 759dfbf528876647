import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { SUPERVISION_SUMMARY_SCHEDULE_ID, SUPERVISION_SUMMARY_WORKFLOW, TASK_QUEUES } from '@rectify/contracts';
import type { Policy } from '@rectify/domain';
import { APP_CONFIG, ensureSchedule, POLICY, TEMPORAL_CLIENT } from '@rectify/platform';
import type { SupervisionSummaryInput } from '@rectify/workflows';
import type { IssuesConfig } from '../config.js';

/**
 * Makes sure the Temporal Schedule of the supervision summary exists (SUPERVISION_SUMMARY_CRON,
 * Asia/Shanghai; monthly by default) and keeps its timetable and policy in line with the
 * configuration (retried until Temporal answers; several instances may run this at once).
 */
@Injectable()
export class SupervisionSummarySchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly stop = new AbortController();

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: IssuesConfig,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  onApplicationBootstrap(): void {
    const input: SupervisionSummaryInput = { policy: { slowProgressDays: this.policy.slowProgressDays, utcOffsetMinutes: this.policy.utcOffsetMinutes } };
    // In the background: the service starts even while Temporal is down, and the schedule follows.
    void ensureSchedule(
      this.client,
      {
        scheduleId: SUPERVISION_SUMMARY_SCHEDULE_ID,
        spec: { cronExpressions: [this.config.SUPERVISION_SUMMARY_CRON], timezone: 'Asia/Shanghai' },
        action: { type: 'startWorkflow', workflowType: SUPERVISION_SUMMARY_WORKFLOW, taskQueue: TASK_QUEUES.workflows, args: [input] },
        policies: { overlap: 'SKIP', catchupWindow: '1 day' },
        memo: { description: '督办情况汇总分析（上月）' },
      },
      { signal: this.stop.signal },
    );
  }

  onApplicationShutdown(): void {
    this.stop.abort();
  }
}
