import type { EntityManager } from 'typeorm';
import type { ApprovalEventRecord } from './approval-activity-types.js';

/** Appends one entry to the approval log, once per key. Returns whether it was written now. */
export async function appendApprovalEvent(tx: EntityManager, e: ApprovalEventRecord): Promise<boolean> {
  const rows: unknown[] = await tx.query(
    `INSERT INTO issues.approval_events (key, subject_type, subject_id, kind, actor_id, actor_name, actor_role, reason, payload, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (key) DO NOTHING RETURNING id`,
    [e.key, e.subjectType, e.subjectId, e.kind, e.actor?.id ?? null, e.actor?.name ?? null, e.actor?.role ?? null, e.reason, JSON.stringify(e.payload), new Date(e.atMs).toISOString()],
  );
  return rows.length > 0;
}
