import type { DataSource } from 'typeorm';
import type { DecisionRecord } from './approval-activity-types.js';
import { recordApprovalDecision } from './approval-decision.js';

/**
 * Activities of the separate-project workflow, hosted by the issues service. The proposal row and
 * its 'proposed' event are written by the service; the workflow records the decision, once.
 */
export function createSeparateProjectActivities({ db }: { db: DataSource }) {
  return {
    /** Records the party committee's decision on the proposal (idempotent: only a pending one changes). */
    async decideSeparateProject(r: DecisionRecord & { projectId: string }): Promise<{ status: string }> {
      return db.transaction(async (tx) => {
        await recordApprovalDecision(tx, 'separate_project', r.projectId, r);
        const rows: { status: string }[] = await tx.query('SELECT status FROM issues.separate_projects WHERE id = $1', [r.projectId]);
        return { status: rows[0]?.status ?? 'missing' };
      });
    },
  };
}
