import type { EntityManager } from 'typeorm';
import type { Principal } from '@rectify/contracts';
import { appendServiceEvent } from '@rectify/activities';
import type { CaseRow } from './case.repository.js';

/** The steps of a case after its opening, as they appear in the `action` of their trail entries. */
export type CaseAction = 'draftOpinion' | 'signOpinion' | 'issueMeasure' | 'markAssessment' | 'closeCase';

/**
 * Appends one step of the case to its problem's audit trail (actor, role, time, reason), inside the
 * caller's transaction; returns the case's event number, the key of the step's notice.
 */
export async function recordCaseEvent(
  tx: EntityManager,
  c: CaseRow,
  user: Principal,
  action: CaseAction,
  reason: string | null,
  payload: Record<string, unknown>,
): Promise<number> {
  const eventNo = c.event_count + 1;
  await tx.query('UPDATE issues.accountability_cases SET event_count = $2 WHERE id = $1', [c.id, eventNo]);
  const rows: { state: unknown }[] = await tx.query('SELECT state FROM issues.problems WHERE id = $1', [c.problem_id]);
  const state = rows[0]?.state ?? null;
  await appendServiceEvent(
    tx,
    {
      problemId: c.problem_id,
      kind: 'accountability',
      action,
      actorId: user.sub,
      actorName: user.displayName,
      actorRole: user.role,
      reason,
      payload: { caseId: c.id, trigger: c.trigger, ...payload },
      stateBefore: state,
      stateAfter: state,
      at: new Date().toISOString(),
    },
    `accountability:${c.id}:${eventNo}`,
  );
  return eventNo;
}
