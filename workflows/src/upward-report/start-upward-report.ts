import { ParentClosePolicy, patched, startChild } from '@temporalio/workflow';
import { UPWARD_REPORT_WORKFLOW, upwardReportWorkflowId, type UpwardReportGround } from '@rectify/contracts';
import type { UpwardReportWorkflowInput } from './upward-report.messages.js';
import type { upwardReportWorkflow } from './upward-report.workflow.js';

/** Problem workflows started before upward reports existed replay without the child. */
export const UPWARD_REPORT_PATCH = 'upward-report-v1';

/** The routing tag of a problem that risks major state-asset loss (SPEC §2). */
export const MAJOR_ASSET_LOSS_TAG = 'major_asset_loss_risk';

/**
 * The ground for an upward report (第十三条), if the event gives one: a confirmed determination N1
 * (refuses the audit opinion) or N2 (takes no measures), or the enterprise's recorded refusal of
 * the Commission's opinion — on a problem tagged as risking major state-asset loss.
 */
export function upwardReportGround(tags: readonly string[] | undefined, event: { confirmedCriterion?: string | null; opinionRejected?: boolean }): UpwardReportGround | null {
  if (!(tags ?? []).includes(MAJOR_ASSET_LOSS_TAG)) return null;
  if (event.opinionRejected) return 'opinion_rejected';
  if (event.confirmedCriterion === 'N1' || event.confirmedCriterion === 'N2') return event.confirmedCriterion;
  return null;
}

/**
 * Starts the problem's upward-report child (`upward-report-<ledger no>`), once per problem.
 * ParentClosePolicy.ABANDON: the proposal outlives the problem workflow — a problem closed out while
 * the party committee deliberates does not undo the refusal the report is about, so the decision,
 * and after an approval the report, still happen. Returns whether the child was started.
 */
export async function startUpwardReport(input: UpwardReportWorkflowInput): Promise<boolean> {
  if (!patched(UPWARD_REPORT_PATCH)) return false;
  try {
    await startChild<typeof upwardReportWorkflow>(UPWARD_REPORT_WORKFLOW, {
      workflowId: upwardReportWorkflowId(input.ledgerNo),
      args: [input],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  } catch (err) {
    // The problem's upward report exists already (one per problem): nothing more to start.
    if ((err as Error).name !== 'WorkflowExecutionAlreadyStartedError') throw err;
  }
  return true;
}
