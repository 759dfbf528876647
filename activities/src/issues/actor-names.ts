import type { EntityManager } from 'typeorm';
import type { Actor } from '@rectify/contracts';

/**
 * The display name of `actor`, for the records that name who acted. Workflows carry ids and roles
 * only, so the name is read here from identity.user_directory; an actor recorded before names were
 * left out of histories brings its own.
 */
export async function actorName(tx: EntityManager, actor: Actor | null): Promise<string | null> {
  if (!actor) return null;
  if (actor.name) return actor.name;
  const rows: { display_name: string }[] = await tx.query('SELECT display_name FROM identity.user_directory WHERE id::text = $1', [actor.id]);
  return rows[0]?.display_name ?? null;
}

/** A stored request (issues.action_requests) a workflow names by id: its payload, reason and signer's name. */
export interface StoredRequestText {
  payload: Record<string, unknown>;
  reason: string | null;
  actorName: string | null;
}

export async function storedRequest(tx: EntityManager, requestId: string, subjectType: string, subjectId: string): Promise<StoredRequestText | null> {
  const rows: { payload: Record<string, unknown>; reason: string | null; actor_name: string | null }[] = await tx.query(
    'SELECT payload, reason, actor_name FROM issues.action_requests WHERE id = $1 AND subject_type = $2 AND subject_id = $3',
    [requestId, subjectType, subjectId],
  );
  const r = rows[0];
  return r ? { payload: r.payload, reason: r.reason, actorName: r.actor_name } : null;
}
