import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { EXPLANATION_WORKFLOW, explanationWorkflowId, TASK_QUEUES, type Actor } from '@rectify/contracts';
import { TEMPORAL_CLIENT } from '@rectify/platform';
import { answerUpdate, explanationStateQuery, type ExplanationView, type ExplanationWorkflowInput } from '@rectify/workflows';

/** The issues service's side of the explanation workflows: start one per request, tell it of the answer. */
@Injectable()
export class ExplanationWorkflows {
  private readonly logger = new Logger(ExplanationWorkflows.name);

  constructor(@Inject(TEMPORAL_CLIENT) private readonly client: Client) {}

  async start(input: ExplanationWorkflowInput): Promise<string> {
    const workflowId = explanationWorkflowId(input.explanationId);
    await this.client.workflow.start(EXPLANATION_WORKFLOW, {
      taskQueue: TASK_QUEUES.workflows,
      workflowId,
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [input],
    });
    return workflowId;
  }

  /**
   * Ends the request's timers once the answer is stored. The database already holds the answer,
   * so a failure here is logged, not returned: the workflow's next activity finds the explanation
   * answered and stops by itself.
   */
  async answered(explanationId: string, actor: Actor): Promise<void> {
    try {
      await this.client.workflow.getHandle(explanationWorkflowId(explanationId)).executeUpdate(answerUpdate, { args: [{ actor }] });
    } catch (err) {
      const cause = err instanceof WorkflowUpdateFailedError ? String(err.cause ?? err) : String(err);
      this.logger.warn(`explanation ${explanationId}: the workflow was not told of the answer (${cause})`);
    }
  }

  async view(explanationId: string): Promise<ExplanationView | null> {
    try {
      return await this.client.workflow.getHandle(explanationWorkflowId(explanationId)).query(explanationStateQuery);
    } catch {
      return null;
    }
  }
}
