import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager } from 'typeorm';
import { storedRequest } from './actor-names.js';
import type { ApprovalSubject, DecisionRecord } from './approval-activity-types.js';
import { appendApprovalEvent } from './approval-events.js';

/** Where each approval keeps its decision: the proposal table and its document-number column. */
const DECISION_COLUMNS = {
  separate_project: { table: 'issues.separate_projects', documentNumber: 'approval_number' },
  upward_report: { table: 'issues.upward_report_proposals', documentNumber: 'document_number' },
} as const satisfies Record<ApprovalSubject, { table: string; documentNumber: string }>;

/**
 * Records the party committee's decision on a pending proposal and logs it once (`<workflow
 * id>:decided`); a proposal already decided is left as it is.
 */
export async function recordApprovalDecision(tx: EntityManager, subjectType: ApprovalSubject, subjectId: string, r: DecisionRecord): Promise<void> {
  const d = r.decision;
  // The reason, the document number and the signer's name come from the stored request.
  let reason = d.reason ?? null;
  let number = d.documentNumber ?? null;
  let name = d.actor.name ?? null;
  if (d.requestId) {
    const request = await storedRequest(tx, d.requestId, subjectType, subjectId);
    if (!request) throw ApplicationFailure.nonRetryable(`decision request ${d.requestId} of ${subjectType} ${subjectId} does not exist`, 'InvalidApproval');
    reason = request.reason;
    number = typeof request.payload['documentNumber'] === 'string' ? request.payload['documentNumber'] : null;
    name = request.actorName;
  }
  const { table, documentNumber } = DECISION_COLUMNS[subjectType];
  await tx.query(
    `UPDATE ${table} SET status = $2, decided_by = $3, decided_by_name = $4, decided_at = $5, decision_reason = $6, ${documentNumber} = $7
     WHERE id = $1 AND status = 'pending'`,
    [subjectId, d.approve ? 'approved' : 'rejected', d.actor.id, name, new Date(r.atMs).toISOString(), reason, d.approve ? number : null],
  );
  await appendApprovalEvent(tx, {
    key: `${r.workflowId}:decided`,
    subjectType,
    subjectId,
    kind: d.approve ? 'approved' : 'rejected',
    actor: { ...d.actor, ...(name ? { name } : {}) },
    reason,
    payload: { documentNumber: number },
    atMs: r.atMs,
  });
}
