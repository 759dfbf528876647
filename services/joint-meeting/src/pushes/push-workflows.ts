import { ConflictException, Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { PUSH_WORKFLOW, pushWorkflowId, TASK_QUEUES } from '@rectify/contracts';
import { TEMPORAL_CLIENT } from '@rectify/platform';
import { pushSearchAttributes, pushStateQuery, respondUpdate, type PushView, type PushWorkflowInput, type RespondCommand, type RespondResult } from '@rectify/workflows';

/** The joint-meeting service's side of the push workflows: start them, send them response steps, ask them. */
@Injectable()
export class PushWorkflows {
  private readonly logger = new Logger(PushWorkflows.name);

  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  /** Starts the push's workflow; one already started (a retried start) is fine. */
  async start(input: PushWorkflowInput): Promise<void> {
    try {
      await this.client.workflow.start(PUSH_WORKFLOW, {
        taskQueue: TASK_QUEUES.workflows,
        workflowId: pushWorkflowId(input.pushNo),
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [input],
        typedSearchAttributes: pushSearchAttributes(input.replyBy, input.policy),
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      throw err;
    }
  }

  /** Sends one response step; a step the workflow refuses answers 409 with its reason. */
  async respond(pushNo: string, command: RespondCommand, updateId: string): Promise<RespondResult> {
    const handle = this.client.workflow.getHandle(pushWorkflowId(pushNo));
    try {
      return await handle.executeUpdate(respondUpdate, { args: [command], updateId });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) {
        const cause = err.cause as { message?: string; type?: string } | undefined;
        if (cause?.type === 'IllegalTransition') throw new ConflictException(cause.message);
        this.logger.error(`update ${command.step} on ${pushNo} failed: ${String(err.cause ?? err)}`);
        throw new ServiceUnavailableException('操作未能完成，请稍后重试');
      }
      // The workflow of a push that has just closed has completed: it takes no more steps.
      if ((err as { name?: string }).name === 'WorkflowNotFoundError') throw new ConflictException('推送事项已办结或其流程不存在，不能再变更书面反馈');
      throw err;
    }
  }

  async view(pushNo: string): Promise<PushView> {
    return this.client.workflow.getHandle(pushWorkflowId(pushNo)).query(pushStateQuery);
  }
}
