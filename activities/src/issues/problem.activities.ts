import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import type { AccountabilityCaseRecord, ProblemEventRecord } from './problem-activity-types.js';
import { appendEvent, InvalidEventError, problemRowChange, workflowEventsWritten, workflowEventWritten, type ProblemRowChange } from './trail.js';

export interface ProblemActivityDeps {
  db: DataSource;
}

type Payload = Record<string, unknown>;

/** An event as written: the request's payload, reason and signer's name filled in from PostgreSQL. */
interface ResolvedEvent extends ProblemEventRecord {
  actorName: string | null;
}

/** What an action's stored request holds (issues.action_requests), when the writer has it at hand. */
export interface KnownRequest {
  id: string;
  payload: Payload;
  reason: string | null;
  actorName: string | null;
}

/**
 * Reads what the workflow's event refers to: the stored request of an action (payload, reason,
 * signer's name), unless the writer stored it itself and passes it (`known`). An action recorded
 * before requests were stored carries them inline.
 */
async function resolve(tx: EntityManager, e: ProblemEventRecord, known?: KnownRequest): Promise<ResolvedEvent> {
  if (!e.requestId) return { ...e, actorName: e.actor?.name ?? null };
  if (known && known.id === e.requestId) return { ...e, payload: known.payload, reason: known.reason, actorName: known.actorName };
  const rows: { payload: Payload; reason: string | null; actor_name: string | null }[] = await tx.query(
    `SELECT payload, reason, actor_name FROM issues.action_requests WHERE id = $1 AND subject_type = 'problem' AND subject_id = $2`,
    [e.requestId, e.problemId],
  );
  const request = rows[0];
  if (!request) throw new InvalidEventError(`request ${e.requestId} of problem ${e.problemId} does not exist`);
  return { ...e, payload: request.payload, reason: request.reason, actorName: request.actor_name };
}

/**
 * What an event changes beside its trail entry: the ledger row (assigned in the statement that
 * appends the entry, which returns the row: no read back for a caller that answers it) and the
 * action's own records (determinations, extensions, transfers; written just before).
 */
function projection(e: ResolvedEvent): ProblemRowChange {
  const s = e.stateAfter;
  const p: Payload = e.payload;
  const at = new Date(e.atMs).toISOString();
  const by = e.actorName;
  const change = problemRowChange();
  const { param } = change;
  const before = (sql: string, params: unknown[]): void => {
    change.before = async (tx) => {
      await tx.query(sql, params);
    };
  };
  switch (e.action) {
    case 'assignResponsibility':
    case 'reassignResponsibility':
      change.set.push(`responsibility = ${param(JSON.stringify(p['responsibility']))}`);
      break;
    case 'submitPlan':
      change.set.push(`plan = ${param(JSON.stringify({ ...p, submittedBy: by, submittedAt: at, approvals: [] }))}`);
      break;
    case 'approvePlan':
    case 'approveReport': {
      const column = e.action === 'approvePlan' ? 'plan' : 'report';
      const approval = { ...p, recordedBy: by, recordedAt: at };
      change.set.push(`${column} = jsonb_set(${column}, '{approvals}', (${column}->'approvals') || ${param(JSON.stringify([approval]))}::jsonb)`);
      break;
    }
    case 'reportProgress':
      change.set.push(`corrected_amount = corrected_amount + ${param(String(p['correctedAmount'] ?? '0'))}::numeric`);
      break;
    case 'submitReport':
      change.set.push(`report = ${param(JSON.stringify({ ...p, submittedBy: by, submittedAt: at, approvals: [] }))}`);
      break;
    case 'determine':
      before(
        `INSERT INTO issues.determinations (problem_id, seq, criterion, outcome, details, determined_by, determined_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [e.problemId, e.seq, p['criterion'], p['outcome'], JSON.stringify(p), by, at],
      );
      break;
    case 'reviewDetermination':
      before(
        `UPDATE issues.determinations SET review = $2, reviewed_by = $3, reviewed_at = $4, review_comment = $5
         WHERE problem_id = $1 AND review = 'pending'`,
        [e.problemId, p['accept'] ? 'accepted' : 'rejected', by, at, p['comment'] ?? null],
      );
      if (p['accept'] && s.outcome === 'completed') {
        // The ledger's 整改金额 is what was corrected: the accepted completion's figure (C1: the
        // whole amount) when it is more than the progress reports added up to.
        change.set.push(
          `completed_at = ${param(at)}`,
          `corrected_amount = GREATEST(corrected_amount, (
             SELECT (details->>'correctedAmount')::numeric FROM issues.determinations
             WHERE problem_id = $1 AND review = 'accepted' ORDER BY seq DESC LIMIT 1))`,
        );
      }
      break;
    case 'requestExtension':
      before(
        `INSERT INTO issues.extensions (problem_id, seq, requested_deadline, reason, special_reason, requested_by, requested_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [e.problemId, e.seq, p['requestedDeadline'], p['reason'], p['specialReason'] ?? null, by, at],
      );
      break;
    case 'decideExtension':
      before(
        `UPDATE issues.extensions SET status = $2, decided_by = $3, decided_at = $4, decision_comment = $5
         WHERE problem_id = $1 AND status = 'pending'`,
        [e.problemId, p['approve'] ? 'approved' : 'rejected', by, at, p['comment'] ?? null],
      );
      if (p['approve']) {
        change.set.push(
          `special_reason = COALESCE((SELECT x.special_reason FROM issues.extensions x
             WHERE x.problem_id = $1 AND x.status = 'approved' AND x.special_reason IS NOT NULL ORDER BY x.seq DESC LIMIT 1), special_reason)`,
        );
      }
      break;
    case 'recordFollowUp':
      if (!p['holds']) change.set.push('completed_at = NULL');
      break;
    case 'transferToDiscipline':
      before(
        `INSERT INTO issues.discipline_transfers (problem_id, seq, content, transferred_by, transferred_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [e.problemId, e.seq, p['content'], by, at],
      );
      break;
    case 'decideTransfer':
      before(
        `UPDATE issues.discipline_transfers SET status = $2, accepted_on = $3, decided_by = $4, decided_at = $5, decision_note = $6
         WHERE problem_id = $1 AND status = 'pending'`,
        [e.problemId, p['accept'] ? 'accepted' : 'declined', p['accept'] ? p['acceptedOn'] : null, by, at, p['note'] ?? null],
      );
      break;
    case 'acceptCloseOut':
      change.set.push(`closed_at = ${param(at)}`);
      break;
    default:
      break;
  }
  // Every event: the stage and what goes with it. special_reason holds the text, written by
  // registration and by an approved extension; the workflow's state has only the flag.
  change.set.push(
    `stage = ${param(s.stage)}`,
    `outcome = ${param(s.outcome)}`,
    `criterion = ${param(s.criterion)}`,
    `deadline = ${param(s.deadline)}`,
    `overdue = ${param(s.overdue)}`,
    `extended = ${param(s.extended)}`,
    `state = ${param(JSON.stringify(s))}`,
  );
  return change;
}

/** The problem's ledger row (issues.problems, every column) as an event left it. */
export type ProblemRowAfter = Record<string, unknown>;

/**
 * Writes the problem workflow's event `e` inside the caller's transaction: the trail entry (through
 * the trail module, which keeps the hash chain) and, when it is new, its projection onto the ledger
 * row, whose row it returns (`row`). Idempotent under the workflow's event number: an event already
 * written changes nothing (no `row`). `known`: the action's stored request, when the caller stored
 * it and has it at hand (else it is read).
 */
export async function writeProblemEvent(tx: EntityManager, e: ProblemEventRecord, known?: KnownRequest): Promise<{ written: boolean; row?: ProblemRowAfter }> {
  const r = await resolve(tx, e, known);
  const { written, row } = await appendEvent(
    tx,
    {
      problemId: r.problemId,
      seq: r.seq,
      kind: r.kind,
      action: r.action,
      actorId: r.actor?.id ?? null,
      actorName: r.actorName,
      actorRole: r.actor?.role ?? null,
      reason: r.reason,
      payload: r.payload,
      stateBefore: r.stateBefore,
      stateAfter: r.stateAfter,
      at: new Date(r.atMs).toISOString(),
    },
    r.requestId ?? null,
    projection(r),
  );
  return written ? { written, row } : { written };
}

/** Runs an activity's work; an event that can never be written fails it without retrying (InvalidEvent). */
export async function invalidEventsFail<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof InvalidEventError) throw ApplicationFailure.nonRetryable(err.message, 'InvalidEvent');
    throw err;
  }
}

/**
 * Activities of the problem workflow, hosted by the issues service on its task queue. Each is
 * idempotent under its key: an event under (problem, seq), a case under (problem, trigger).
 */
export function createProblemActivities({ db }: ProblemActivityDeps) {
  return {
    /**
     * Appends one event to the problem's trail and updates the ledger row, in one transaction. An
     * action's entry is usually written already by the issues service before it answered (the
     * activity is the backstop): one look without a lock finds it so, and nothing more is done.
     */
    async recordEvent(e: ProblemEventRecord): Promise<{ written: boolean }> {
      if (await workflowEventWritten(db, e.problemId, e.seq)) return { written: false };
      return invalidEventsFail(async () => ({ written: (await db.transaction((tx) => writeProblemEvent(tx, e))).written }));
    },

    /**
     * The backstop of several action entries of one problem at once, in seq order (one activity,
     * so one workflow task when it completes): those the issues service has not written yet are
     * written in one transaction; usually one look finds them all written.
     */
    async recordEvents(events: ProblemEventRecord[]): Promise<{ written: number }> {
      const first = events[0];
      if (!first) return { written: 0 };
      if (events.some((e) => e.problemId !== first.problemId)) throw ApplicationFailure.nonRetryable('recordEvents takes the events of one problem', 'InvalidEvent');
      const found = await workflowEventsWritten(db, first.problemId, events.map((e) => e.seq));
      const missing = events.filter((e) => !found.has(e.seq));
      if (missing.length === 0) return { written: 0 };
      return invalidEventsFail(() =>
        db.transaction(async (tx) => {
          let written = 0;
          for (const e of missing) if ((await writeProblemEvent(tx, e)).written) written += 1;
          return { written };
        }),
      );
    },

    /** Opens the accountability case of `trigger` on the problem, once. */
    async openAccountabilityCase(c: AccountabilityCaseRecord): Promise<{ opened: boolean }> {
      const rows: unknown[] = await db.query(
        `INSERT INTO issues.accountability_cases (problem_id, trigger, cause, opened_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (problem_id, trigger) DO NOTHING RETURNING id`,
        [c.problemId, c.trigger, c.cause, new Date(c.atMs).toISOString()],
      );
      return { opened: rows.length > 0 };
    },
  };
}

export type ProblemActivities = ReturnType<typeof createProblemActivities>;
