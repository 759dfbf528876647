import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ACCOUNTABILITY_NOTICE_WORKFLOW, accountabilityNoticeWorkflowId, ROLES, TASK_QUEUES } from '@rectify/contracts';
import type { NotificationRequest } from '@rectify/activities';
import { TEMPORAL_CLIENT } from '@rectify/platform';
import type { CaseRow } from './case.repository.js';

/**
 * Tells the enterprise leadership (and its internal audit, which leads rectification) of a case
 * step that concerns them, through a short workflow that delivers the notice durably, once per step.
 */
@Injectable()
export class CaseNotices {
  private readonly logger = new Logger(CaseNotices.name);

  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  async measureIssued(c: CaseRow, eventNo: number, facts: { measureLabel: string; summary: string }): Promise<boolean> {
    return this.start(c, eventNo, {
      type: 'accountability_measure',
      problemId: c.problem_id,
      audience: [{ scope: 'enterprise', roles: [ROLES.ENTERPRISE_LEADER, ROLES.ENTERPRISE_AUDIT] }],
      facts: { trigger: c.trigger, measureLabel: facts.measureLabel, summary: facts.summary },
    });
  }

  /** Starts the notice's workflow; true when it runs (or ran already). The step stays recorded either way. */
  private async start(c: CaseRow, eventNo: number, notice: Omit<NotificationRequest, 'key'>): Promise<boolean> {
    const workflowId = accountabilityNoticeWorkflowId(c.id, eventNo);
    try {
      await this.client.workflow.start(ACCOUNTABILITY_NOTICE_WORKFLOW, {
        taskQueue: TASK_QUEUES.workflows,
        workflowId,
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [notice],
      });
      return true;
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return true;
      this.logger.error(`notice ${workflowId} could not be started: ${String(err)}`);
      return false;
    }
  }
}
