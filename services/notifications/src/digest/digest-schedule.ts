import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Client, ScheduleAlreadyRunning } from '@temporalio/client';
import { TASK_QUEUES } from '@rectify/contracts';
import { APP_CONFIG, TEMPORAL_CLIENT } from '@rectify/platform';
import type { NotificationsConfig } from '../config.js';

export const DIGEST_SCHEDULE_ID = 'weekly-digest';

/**
 * Makes sure the Temporal Schedule of the weekly digest exists (DIGEST_CRON, Asia/Shanghai),
 * and keeps its timetable in line with the configuration. Several instances may run this at once.
 */
@Injectable()
export class DigestSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger(DigestSchedule.name);

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const spec = { cronExpressions: [this.config.DIGEST_CRON], timezone: 'Asia/Shanghai' };
    try {
      await this.client.schedule.create({
        scheduleId: DIGEST_SCHEDULE_ID,
        spec,
        action: { type: 'startWorkflow', workflowType: 'weeklyDigestWorkflow', taskQueue: TASK_QUEUES.workflows, args: [] },
        policies: { overlap: 'SKIP', catchupWindow: '1 day' },
        memo: { description: '每周整改动态：逾期与即将到期问题' },
      });
      this.logger.log(`schedule ${DIGEST_SCHEDULE_ID} created (${this.config.DIGEST_CRON}, Asia/Shanghai)`);
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) {
        this.logger.error(`schedule ${DIGEST_SCHEDULE_ID} could not be created: ${String(err)}`);
        return;
      }
      await this.client.schedule.getHandle(DIGEST_SCHEDULE_ID).update((previous) => ({ ...previous, spec }));
    }
  }
}
