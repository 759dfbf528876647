import type { EntityManager } from 'typeorm';
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
  const { table, documentNumber } = DECISION_COLUMNS[subjectType];
  await tx.query(
    `UPDATE ${table} SET status = $2, decided_by = $3, decided_by_name = $4, decided_at = $5, decision_reason = $6, ${documentNumber} = $7
     WHERE id = $1 AND status = 'pending'`,
    [subjectId, d.approve ? 'approved' : 'rejected', d.actor.id, d.actor.name, new Date(r.atMs).toISOString(), d.reason, d.approve ? d.documentNumber : null],
  );
  await appendApprovalEvent(tx, {
    key: `${r.workflowId}:decided`,
    subjectType,
    subjectId,
    kind: d.approve ? 'approved' : 'rejected',
    actor: d.actor,
    reason: d.reason,
    payload: { documentNumber: d.documentNumber },
    atMs: r.atMs,
  });
}
