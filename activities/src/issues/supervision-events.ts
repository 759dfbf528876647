import type { EntityManager } from 'typeorm';

/** One change to a supervision record, an explanation or a summary (append-only). */
export interface SupervisionEvent {
  subjectType: 'record' | 'explanation' | 'summary';
  subjectId: string;
  kind: string;
  /** Idempotency key: an event already written under it is not written again. */
  key: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  reason: string | null;
  payload: Record<string, unknown>;
  /** ISO instant. */
  at: string;
}

/** Appends `event` inside the caller's transaction; false when its key was already written. */
export async function appendSupervisionEvent(tx: Pick<EntityManager, 'query'>, e: SupervisionEvent): Promise<boolean> {
  const rows: unknown[] = await tx.query(
    `INSERT INTO issues.supervision_events (subject_type, subject_id, kind, key, actor_id, actor_name, actor_role, reason, payload, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (key) DO NOTHING RETURNING id`,
    [e.subjectType, e.subjectId, e.kind, e.key, e.actorId, e.actorName, e.actorRole, e.reason, JSON.stringify(e.payload), e.at],
  );
  return rows.length > 0;
}
