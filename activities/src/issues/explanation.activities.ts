import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import type { ExplanationOverdueRecord, ExplanationReminderRecord, ExplanationStanding } from './explanation-activity-types.js';
import { appendSupervisionEvent } from './supervision-events.js';

export interface ExplanationActivityDeps {
  db: DataSource;
}

async function statusOf(tx: EntityManager, explanationId: string): Promise<ExplanationStanding['status']> {
  const rows: { status: ExplanationStanding['status'] }[] = await tx.query('SELECT status FROM issues.explanations WHERE id = $1 FOR UPDATE', [explanationId]);
  const row = rows[0];
  if (!row) throw ApplicationFailure.nonRetryable(`explanation ${explanationId} does not exist`, 'InvalidExplanation');
  return row.status;
}

/**
 * Activities of the explanation workflow, hosted by the issues service on queue `issues`. Each
 * writes its event under the workflow's key, so a retry writes nothing twice, and each answers
 * with the explanation's status in the database: an answered explanation is reminded of nothing.
 */
export function createExplanationActivities({ db }: ExplanationActivityDeps) {
  return {
    /** Records a reminder before the reply date, unless the explanation was answered meanwhile. */
    async recordExplanationReminder(r: ExplanationReminderRecord): Promise<ExplanationStanding> {
      return db.transaction(async (tx) => {
        const status = await statusOf(tx, r.explanationId);
        if (status === 'answered') return { status, written: false };
        const written = await appendSupervisionEvent(tx, {
          subjectType: 'explanation', subjectId: r.explanationId, kind: 'reminder', key: r.key,
          actorId: null, actorName: null, actorRole: null, reason: null,
          payload: { offsetDays: r.offsetDays, replyBy: r.replyBy }, at: new Date(r.atMs).toISOString(),
        });
        return { status, written };
      });
    },

    /** Marks the explanation overdue at its reply date, unless it was answered meanwhile. */
    async markExplanationOverdue(r: ExplanationOverdueRecord): Promise<ExplanationStanding> {
      return db.transaction(async (tx) => {
        const status = await statusOf(tx, r.explanationId);
        if (status === 'answered') return { status, written: false };
        await tx.query(`UPDATE issues.explanations SET status = 'overdue' WHERE id = $1 AND status = 'requested'`, [r.explanationId]);
        const written = await appendSupervisionEvent(tx, {
          subjectType: 'explanation', subjectId: r.explanationId, kind: 'overdue', key: r.key,
          actorId: null, actorName: null, actorRole: null, reason: null,
          payload: { replyBy: r.replyBy }, at: new Date(r.atMs).toISOString(),
        });
        return { status: 'overdue', written };
      });
    },
  };
}

export type ExplanationActivities = ReturnType<typeof createExplanationActivities>;
