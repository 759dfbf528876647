import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { TASK_QUEUES } from '@rectify/contracts';
import { APP_CONFIG, ensureSchedule, TEMPORAL_CLIENT } from '@rectify/platform';
import type { NotificationsConfig } from '../config.js';

export const DIGEST_SCHEDULE_ID = 'weekly-digest';

/**
 * Makes sure the Temporal Schedule of the weekly digest exists (DIGEST_CRON, Asia/Shanghai),
 * and keeps its timetable in line with the configuration (retried until Temporal answers).
 */
@Injectable()
export class DigestSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly stop = new AbortController();

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: the service starts even while Temporal is down, and the schedule follows.
    void ensureSchedule(
      this.client,
      {
        scheduleId: DIGEST_SCHEDULE_ID,
        spec: { cronExpressions: [this.config.DIGEST_CRON], timezone: 'Asia/Shanghai' },
        action: { type: 'startWorkflow', workflowType: 'weeklyDigestWorkflow', taskQueue: TASK_QUEUES.workflows, args: [] },
        policies: { overlap: 'SKIP', catchupWindow: '1 day' },
        memo: { description: '每周整改动态：逾期与即将到期问题' },
      },
      { signal: this.stop.signal },
    );
  }

  onApplicationShutdown(): void {
    this.stop.abort();
  }
}
