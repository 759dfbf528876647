import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '@rectify/contracts';

export type SubjectKind = 'member' | 'push' | 'notice' | 'meeting' | 'coordination' | 'report' | 'attachment';

export interface ServiceEvent {
  subjectKind: SubjectKind;
  subjectId: string;
  kind: string;
  user: Principal;
  unitCode?: string | null;
  reason?: string | null;
  payload?: Record<string, unknown>;
}

/**
 * Appends one event (actor, role, time, reason) to joint_meeting.events, the append-only log of
 * every change the service makes; the push workflow writes its own events there under their keys.
 */
export async function appendEvent(db: DataSource | EntityManager, e: ServiceEvent): Promise<void> {
  await db.query(
    `INSERT INTO joint_meeting.events (subject_kind, subject_id, unit_code, kind, actor_id, actor_name, actor_role, reason, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [e.subjectKind, e.subjectId, e.unitCode ?? null, e.kind, e.user.sub, e.user.displayName, e.user.role, e.reason ?? null, JSON.stringify(e.payload ?? {})],
  );
}

export interface EventView {
  kind: string;
  unitCode: string | null;
  actorName: string | null;
  actorRole: string | null;
  reason: string | null;
  payload: Record<string, unknown>;
  at: Date;
}

export async function eventsOf(db: DataSource, subjectKind: SubjectKind, subjectId: string, unitCode?: string): Promise<EventView[]> {
  const rows: { kind: string; unit_code: string | null; actor_name: string | null; actor_role: string | null; reason: string | null; payload: Record<string, unknown>; at: Date }[] = await db.query(
    `SELECT kind, unit_code, actor_name, actor_role, reason, payload, at FROM joint_meeting.events
     WHERE subject_kind = $1 AND subject_id = $2 ${unitCode ? 'AND (unit_code = $3 OR unit_code IS NULL)' : ''} ORDER BY id`,
    unitCode ? [subjectKind, subjectId, unitCode] : [subjectKind, subjectId],
  );
  return rows.map((r) => ({ kind: r.kind, unitCode: r.unit_code, actorName: r.actor_name, actorRole: r.actor_role, reason: r.reason, payload: r.payload, at: r.at }));
}
