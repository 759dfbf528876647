import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { type Client, ScheduleAlreadyRunning } from '@temporalio/client';
import { SUPERVISION_SUMMARY_SCHEDULE_ID, SUPERVISION_SUMMARY_WORKFLOW, TASK_QUEUES } from '@rectify/contracts';
import type { Policy } from '@rectify/domain';
import { APP_CONFIG, POLICY, TEMPORAL_CLIENT } from '@rectify/platform';
import type { SupervisionSummaryInput } from '@rectify/workflows';
import type { IssuesConfig } from '../config.js';

/**
 * Makes sure the Temporal Schedule of the supervision summary exists (SUPERVISION_SUMMARY_CRON,
 * Asia/Shanghai; monthly by default) and keeps its timetable and policy in line with the
 * configuration. Several instances may run this at once.
 */
@Injectable()
export class SupervisionSummarySchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger(SupervisionSummarySchedule.name);

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: IssuesConfig,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const spec = { cronExpressions: [this.config.SUPERVISION_SUMMARY_CRON], timezone: 'Asia/Shanghai' };
    const input: SupervisionSummaryInput = { policy: { slowProgressDays: this.policy.slowProgressDays, utcOffsetMinutes: this.policy.utcOffsetMinutes } };
    const action = { type: 'startWorkflow' as const, workflowType: SUPERVISION_SUMMARY_WORKFLOW, taskQueue: TASK_QUEUES.workflows, args: [input] };
    try {
      await this.client.schedule.create({
        scheduleId: SUPERVISION_SUMMARY_SCHEDULE_ID,
        spec,
        action,
        policies: { overlap: 'SKIP', catchupWindow: '1 day' },
        memo: { description: '督办情况汇总分析（上月）' },
      });
      this.logger.log(`schedule ${SUPERVISION_SUMMARY_SCHEDULE_ID} created (${this.config.SUPERVISION_SUMMARY_CRON}, Asia/Shanghai)`);
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) {
        this.logger.error(`schedule ${SUPERVISION_SUMMARY_SCHEDULE_ID} could not be created: ${String(err)}`);
        return;
      }
      await this.client.schedule.getHandle(SUPERVISION_SUMMARY_SCHEDULE_ID).update((previous) => ({ ...previous, spec, action: { ...previous.action, ...action } }));
    }
  }
}
