import { Inject, Injectable, Logger, NotFoundException, ConflictException, ServiceUnavailableException } from '@nestjs/common';
import { type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { PROBLEM_WORKFLOW, problemWorkflowId, TASK_QUEUES } from '@rectify/contracts';
import { TEMPORAL_CLIENT } from '@rectify/platform';
import { actUpdate, initialSearchAttributes, stateQuery, type ActCommand, type ActResult, type ProblemView, type ProblemWorkflowInput } from '@rectify/workflows';

/** The problem's workflow does not exist (yet): an imported problem waiting for its start. */
export class WorkflowNotStartedError extends NotFoundException {
  constructor() {
    super('问题的流程不存在');
  }
}

/** The issues service's side of the problem workflows: start them, send them actions, ask them. */
@Injectable()
export class ProblemWorkflows {
  private readonly logger = new Logger(ProblemWorkflows.name);

  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  /** Starts the problem's workflow; a workflow already started (a retried registration) is fine. */
  async start(input: ProblemWorkflowInput): Promise<void> {
    try {
      await this.client.workflow.start(PROBLEM_WORKFLOW, {
        taskQueue: TASK_QUEUES.workflows,
        workflowId: problemWorkflowId(input.ledgerNo),
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        args: [input],
        typedSearchAttributes: initialSearchAttributes(input, input.policy),
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      throw err;
    }
  }

  /**
   * Sends one stage action under `updateId` (its stored request's id: the workflow applies an update
   * id once, however often it is sent); an illegal transition is refused by the validator (409).
   */
  async act(ledgerNo: string, command: ActCommand, updateId: string): Promise<ActResult> {
    const handle = this.client.workflow.getHandle(problemWorkflowId(ledgerNo));
    try {
      return await handle.executeUpdate(actUpdate, { args: [command], updateId });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) {
        const cause = err.cause as { message?: string; type?: string } | undefined;
        if (cause?.type === 'IllegalTransition') throw new ConflictException(cause.message);
        this.logger.error(`update ${command.action} on ${ledgerNo} failed: ${String(err.cause ?? err)}`);
        throw new ServiceUnavailableException('操作未能完成，请稍后重试');
      }
      if ((err as { name?: string }).name === 'WorkflowNotFoundError') throw new WorkflowNotStartedError();
      throw err;
    }
  }

  /**
   * The workflow's own view of the problem. A workflow that cannot answer (its task failing, no
   * worker polling, Temporal unreachable) is 503 in Chinese, with the cause in the log only.
   */
  async view(ledgerNo: string): Promise<ProblemView> {
    try {
      return await this.client.workflow.getHandle(problemWorkflowId(ledgerNo)).query(stateQuery);
    } catch (err) {
      if ((err as { name?: string }).name === 'WorkflowNotFoundError') throw new WorkflowNotStartedError();
      this.logger.error(`state query on ${ledgerNo} failed: ${String(err)}`);
      throw new ServiceUnavailableException('流程状态暂时无法读取，请稍后重试');
    }
  }
}
