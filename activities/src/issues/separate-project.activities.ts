import type { DataSource } from 'typeorm';
import type { DecisionRecord } from './approval-activity-types.js';
import { appendApprovalEvent } from './approval-events.js';

/**
 * Activities of the separate-project workflow, hosted by the issues service. The proposal row and
 * its 'proposed' event are written by the service; the workflow records the decision, once.
 */
export function createSeparateProjectActivities({ db }: { db: DataSource }) {
  return {
    /** Records the party committee's decision on the proposal (idempotent: only a pending one changes). */
    async decideSeparateProject(r: DecisionRecord & { projectId: string }): Promise<{ status: string }> {
      const d = r.decision;
      return db.transaction(async (tx) => {
        await tx.query(
          `UPDATE issues.separate_projects SET status = $2, decided_by = $3, decided_by_name = $4, decided_at = $5, decision_reason = $6, approval_number = $7
           WHERE id = $1 AND status = 'pending'`,
          [r.projectId, d.approve ? 'approved' : 'rejected', d.actor.id, d.actor.name, new Date(r.atMs).toISOString(), d.reason, d.approve ? d.documentNumber : null],
        );
        await appendApprovalEvent(tx, {
          key: `${r.workflowId}:decided`,
          subjectType: 'separate_project',
          subjectId: r.projectId,
          kind: d.approve ? 'approved' : 'rejected',
          actor: d.actor,
          reason: d.reason,
          payload: { documentNumber: d.documentNumber },
          atMs: r.atMs,
        });
        const rows: { status: string }[] = await tx.query('SELECT status FROM issues.separate_projects WHERE id = $1', [r.projectId]);
        return { status: rows[0]?.status ?? 'missing' };
      });
    },
  };
}
