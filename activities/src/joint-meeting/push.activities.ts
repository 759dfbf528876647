import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import type { PushEventRecord } from './push-activity-types.js';

export interface PushActivityDeps {
  db: DataSource;
}

/**
 * A response step as written: its text and signer's name filled in from its stored request
 * (joint_meeting.response_requests); a step recorded before requests were stored carries them.
 */
async function resolve(tx: EntityManager, e: PushEventRecord): Promise<PushEventRecord & { actorName: string | null }> {
  if (!e.requestId) return { ...e, actorName: e.actor?.name ?? null };
  const rows: { actor_name: string | null; opinion: string | null; resolution: string | null; attachment_ids: string[]; comment: string | null }[] = await tx.query(
    'SELECT actor_name, opinion, resolution, attachment_ids, comment FROM joint_meeting.response_requests WHERE id = $1 AND push_id = $2',
    [e.requestId, e.pushId],
  );
  const r = rows[0];
  if (!r) throw ApplicationFailure.nonRetryable(`response request ${e.requestId} of push ${e.pushId} does not exist`, 'InvalidPushEvent');
  const version = e.version && {
    ...e.version,
    ...(e.step === 'draft' ? { opinion: r.opinion ?? '', resolution: r.resolution ?? '', attachmentIds: r.attachment_ids } : { comment: r.comment }),
  };
  return { ...e, version, reason: e.step === 'draft' ? null : r.comment, actorName: r.actor_name };
}

/** Keeps the tracker row and the response version in step with an event just appended. */
async function project(tx: EntityManager, e: PushEventRecord & { actorName: string | null }, at: string): Promise<void> {
  const by = e.actorName;
  if (e.version && e.unitCode) {
    const v = e.version;
    if (e.step === 'draft') {
      await tx.query(
        `INSERT INTO joint_meeting.response_versions (push_id, unit_code, version, opinion, resolution, attachment_ids, status, drafted_by, drafted_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8)
         ON CONFLICT (push_id, unit_code, version) DO UPDATE SET opinion = $4, resolution = $5, attachment_ids = $6, drafted_by = $7, drafted_at = $8
         WHERE joint_meeting.response_versions.status = 'draft'`,
        [e.pushId, e.unitCode, v.number, v.opinion ?? '', v.resolution ?? '', v.attachmentIds ?? [], by, at],
      );
      await tx.query(
        `UPDATE joint_meeting.attachments SET push_id = $1, response_unit = $2 WHERE id = ANY($3) AND push_id IS NULL AND uploader_unit = $2`,
        [e.pushId, e.unitCode, v.attachmentIds ?? []],
      );
    } else if (e.step === 'submit') {
      await tx.query(
        `UPDATE joint_meeting.response_versions SET status = 'submitted', submitted_by = $4, submitted_at = $5 WHERE push_id = $1 AND unit_code = $2 AND version = $3`,
        [e.pushId, e.unitCode, v.number, by, at],
      );
    } else if (e.step === 'approve' || e.step === 'return') {
      await tx.query(
        `UPDATE joint_meeting.response_versions SET status = $4, decided_by = $5, decided_at = $6, decision_comment = $7
         WHERE push_id = $1 AND unit_code = $2 AND version = $3`,
        [e.pushId, e.unitCode, v.number, v.status, by, at, v.comment ?? null],
      );
    }
  }
  if (e.target) {
    const t = e.target;
    await tx.query(
      `UPDATE joint_meeting.push_targets SET status = $3, overdue = $4, revising = $5, version = $6, updated_at = $7,
         first_draft_at = CASE WHEN $8 = 'draft' THEN COALESCE(first_draft_at, $7) ELSE first_draft_at END,
         submitted_at = CASE WHEN $8 = 'submit' THEN $7 ELSE submitted_at END,
         answered_at = CASE WHEN $8 = 'approve' THEN COALESCE(answered_at, $7) ELSE answered_at END,
         returns = returns + CASE WHEN $8 = 'return' THEN 1 ELSE 0 END,
         overdue_at = CASE WHEN $9 = 'overdue' THEN $7 ELSE overdue_at END,
         last_reminder_at = CASE WHEN $9 = 'reminder' THEN $7 ELSE last_reminder_at END,
         reminders = reminders + CASE WHEN $9 = 'reminder' THEN 1 ELSE 0 END
       WHERE push_id = $1 AND unit_code = $2`,
      [e.pushId, t.unitCode, t.status, t.overdue, t.revising, t.version, at, e.step ?? '', e.kind],
    );
  }
  if (e.kind === 'closed') {
    await tx.query(`UPDATE joint_meeting.pushes SET status = 'closed', closed_at = $2 WHERE id = $1`, [e.pushId, at]);
  }
}

/**
 * Activities of the joint-meeting service, on task queue `joint-meeting`. The push workflow writes
 * each of its events here: the event, the tracker row and the response version in one transaction,
 * under the event's key, so a retried activity writes nothing twice.
 */
export function createPushActivities({ db }: PushActivityDeps) {
  return {
    async recordPushEvent(event: PushEventRecord): Promise<{ written: boolean }> {
      return db.transaction(async (tx) => {
        const e = await resolve(tx, event);
        const push: unknown[] = await tx.query('SELECT 1 FROM joint_meeting.pushes WHERE id = $1 FOR UPDATE', [e.pushId]);
        if (push.length === 0) throw ApplicationFailure.nonRetryable(`push ${e.pushId} does not exist`, 'InvalidPushEvent');
        const at = new Date(e.atMs).toISOString();
        const inserted: unknown[] = await tx.query(
          `INSERT INTO joint_meeting.events (key, subject_kind, subject_id, unit_code, kind, actor_id, actor_name, actor_role, reason, payload, at)
           VALUES ($1, 'push', $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (key) DO NOTHING RETURNING id`,
          [e.key, e.pushId, e.unitCode, e.step ? `response_${e.step}` : e.kind, e.actor?.id ?? null, e.actorName, e.actor?.role ?? null, e.reason, JSON.stringify(e.payload), at],
        );
        if (inserted.length === 0) return { written: false };
        await project(tx, e, at);
        return { written: true };
      });
    },
  };
}

export type PushActivities = ReturnType<typeof createPushActivities>;
