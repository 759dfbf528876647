import { ConflictException, Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { SEPARATE_PROJECT_WORKFLOW, separateProjectWorkflowId, TASK_QUEUES, upwardReportWorkflowId, type ApprovalDecision } from '@rectify/contracts';
import { TEMPORAL_CLIENT } from '@rectify/platform';
import {
  decideSeparateProjectUpdate,
  decideUpwardReportUpdate,
  separateProjectStateQuery,
  upwardReportStateQuery,
  type SeparateProjectView,
  type SeparateProjectWorkflowInput,
  type UpwardReportView,
} from '@rectify/workflows';

/** The issues service's side of the two approval workflows: start, decide (update), ask (query). */
@Injectable()
export class ApprovalWorkflows {
  private readonly logger = new Logger(ApprovalWorkflows.name);

  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  async startSeparateProject(input: SeparateProjectWorkflowInput): Promise<void> {
    try {
      await this.client.workflow.start(SEPARATE_PROJECT_WORKFLOW, {
        taskQueue: TASK_QUEUES.workflows,
        workflowId: separateProjectWorkflowId(input.projectId),
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [input],
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      throw err;
    }
  }

  /** The update id is the stored request's: the workflow takes a request's decision once, however often it is sent. */
  decideSeparateProject(projectId: string, decision: ApprovalDecision & { requestId: string }): Promise<SeparateProjectView> {
    return this.decide(separateProjectWorkflowId(projectId), () =>
      this.client.workflow.getHandle(separateProjectWorkflowId(projectId)).executeUpdate(decideSeparateProjectUpdate, { args: [decision], updateId: decision.requestId }),
    );
  }

  decideUpwardReport(ledgerNo: string, decision: ApprovalDecision & { requestId: string }): Promise<UpwardReportView> {
    return this.decide(upwardReportWorkflowId(ledgerNo), () =>
      this.client.workflow.getHandle(upwardReportWorkflowId(ledgerNo)).executeUpdate(decideUpwardReportUpdate, { args: [decision], updateId: decision.requestId }),
    );
  }

  separateProjectView(projectId: string): Promise<SeparateProjectView> {
    return this.client.workflow.getHandle(separateProjectWorkflowId(projectId)).query(separateProjectStateQuery);
  }

  upwardReportView(ledgerNo: string): Promise<UpwardReportView> {
    return this.client.workflow.getHandle(upwardReportWorkflowId(ledgerNo)).query(upwardReportStateQuery);
  }

  /** An illegal decision (a second one, a missing number or reason) is refused by the validator: 409. */
  private async decide<T>(workflowId: string, update: () => Promise<T>): Promise<T> {
    try {
      return await update();
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) {
        const cause = err.cause as { message?: string; type?: string } | undefined;
        if (cause?.type === 'IllegalTransition') throw new ConflictException(cause.message);
        this.logger.error(`decision on ${workflowId} failed: ${String(err.cause ?? err)}`);
        throw new ServiceUnavailableException('审议决定未能记录，请稍后重试');
      }
      if ((err as { name?: string }).name === 'WorkflowNotFoundError') throw new ConflictException('该事项的审议流程已结束');
      throw err;
    }
  }
}

