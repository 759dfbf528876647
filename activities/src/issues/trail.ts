import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { canonicalJson } from '@rectify/contracts';

/** prev_hash of a problem's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** Events hash as canonical JSON (libs/contracts); re-exported for the trail's readers. */
export { canonicalJson };

/** The fields of an event that the chain protects. */
export interface TrailEvent {
  problemId: string;
  seq: number;
  kind: string;
  action: string | null;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  reason: string | null;
  payload: unknown;
  stateBefore: unknown;
  stateAfter: unknown;
  /** ISO instant with millisecond precision. */
  at: string;
}

export function eventHash(prevHash: string, event: TrailEvent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(event)).digest('hex');
}

/** Thrown for an event that can never be written (a gap in the sequence): not retried. */
export class InvalidEventError extends Error {
  override name = 'InvalidEvent';
}

/** The origin key of the problem workflow's event number `seq` (its own count, not the trail position). */
export function workflowOrigin(seq: number): string {
  return `workflow:${seq}`;
}

/**
 * The trail row of the problem workflow's event ($1 problem, $2 its origin, $3 its number): with its
 * origin, or — written before origins existed — at its own number without one.
 */
const WORKFLOW_EVENT_AT = 'problem_id = $1 AND (origin = $2 OR (origin IS NULL AND seq = $3 AND seq > 0))';

/**
 * What writing an event changes besides the trail: statements on other tables (`before`, run once the
 * event is known to be new, before it is appended) and columns of the problem row (`set`, assigned in
 * the very statement that appends the event and moves the trail's head: one round trip, one UPDATE of
 * the row). In `set`, `$1` is the problem's id and `param(value)` numbers further parameters.
 */
export interface ProblemRowChange {
  before?: (tx: EntityManager) => Promise<void>;
  set: string[];
  params: unknown[];
}

/** The first parameter number free for a ProblemRowChange (the appended row takes $1–$16). */
const FIRST_CHANGE_PARAM = 17;

/** Collects a ProblemRowChange's assignments and parameters. */
export function problemRowChange(): ProblemRowChange & { param: (value: unknown) => string } {
  const change = { set: [] as string[], params: [] as unknown[], before: undefined as ProblemRowChange['before'] };
  return Object.assign(change, {
    param(value: unknown): string {
      change.params.push(value);
      return `$${FIRST_CHANGE_PARAM + change.params.length - 1}`;
    },
  });
}

/**
 * Appends the problem workflow's event `event.seq` (the workflow's own count) to its problem's
 * trail inside the caller's transaction, locking the problem row. The event takes the next trail
 * position, which is its own number unless a service appended events in between
 * (appendServiceEvent). Idempotent under the workflow's number: an event already written is left
 * as it is and false is returned, and `change` is not applied. When the event is new, `change` is
 * applied with it and the problem row as it now stands is returned (`row`).
 */
export async function appendEvent(tx: EntityManager, event: TrailEvent, requestId: string | null = null, change: ProblemRowChange = { set: [], params: [] }): Promise<{ written: boolean; hash: string; row?: Record<string, unknown> }> {
  const head = await lockHead(tx, event.problemId);
  // Read after the lock (a statement of its own, so it sees what the lock waited for): the event
  // written before (with its origin, or — before origins existed — at its own number without one),
  // and the one before it, which must be there: the workflow writes its events one after another.
  const [found] = (await tx.query(
    `SELECT (SELECT hash FROM issues.problem_events WHERE ${WORKFLOW_EVENT_AT} LIMIT 1) AS existing,
            EXISTS (SELECT 1 FROM issues.problem_events WHERE problem_id = $1 AND (origin = $4 OR (origin IS NULL AND seq = $5))) AS previous`,
    [event.problemId, workflowOrigin(event.seq), event.seq, workflowOrigin(event.seq - 1), event.seq - 1],
  )) as { existing: string | null; previous: boolean }[];
  if (found?.existing) return { written: false, hash: found.existing };
  if (!found?.previous) {
    throw new InvalidEventError(`event ${event.seq} of problem ${event.problemId} would leave a gap after ${head.last_seq}`);
  }
  await change.before?.(tx);
  const { hash, row } = await appendAt(tx, head, { ...event, seq: head.last_seq + 1 }, workflowOrigin(event.seq), requestId, change);
  return { written: true, hash, row };
}

/**
 * Whether the problem workflow's event `seq` is in the trail already: a look without a lock or a
 * transaction, for a writer that may find it written by another (the trail activity behind an
 * action whose answer the issues service wrote). False says nothing: append it with appendEvent.
 */
export async function workflowEventWritten(db: Pick<EntityManager, 'query'>, problemId: string, seq: number): Promise<boolean> {
  const rows: unknown[] = await db.query(
    `SELECT 1 FROM issues.problem_events WHERE ${WORKFLOW_EVENT_AT} LIMIT 1`,
    [problemId, workflowOrigin(seq), seq],
  );
  return rows.length > 0;
}

/**
 * Which of the problem workflow's events `seqs` are in the trail already (a look without a lock, as
 * workflowEventWritten, for many at once): an action's answer carries every entry whose trail
 * activity has not finished, and those the issues service wrote for earlier answers need no lock.
 */
export async function workflowEventsWritten(db: Pick<EntityManager, 'query'>, problemId: string, seqs: number[]): Promise<Set<number>> {
  const seqOf = new Map(seqs.map((seq) => [workflowOrigin(seq), seq]));
  const rows: { origin: string | null; seq: number }[] = await db.query(
    `SELECT origin, seq FROM issues.problem_events
      WHERE problem_id = $1 AND (origin = ANY($2::text[]) OR (origin IS NULL AND seq = ANY($3::int[]) AND seq > 0))`,
    [problemId, [...seqOf.keys()], seqs],
  );
  return new Set(rows.map((r) => (r.origin ? seqOf.get(r.origin)! : r.seq)));
}

/**
 * Appends an event written by a service rather than by the problem's workflow (an accountability
 * step, say) at the end of the trail, under the idempotency key `origin` (unique per problem).
 */
export async function appendServiceEvent(tx: EntityManager, event: Omit<TrailEvent, 'seq'>, origin: string): Promise<{ written: boolean; seq: number; hash: string }> {
  if (origin.startsWith('workflow:')) throw new InvalidEventError(`origin ${origin} is reserved for the problem workflow`);
  const head = await lockHead(tx, event.problemId);
  const existing: { seq: number; hash: string }[] = await tx.query('SELECT seq, hash FROM issues.problem_events WHERE problem_id = $1 AND origin = $2', [event.problemId, origin]);
  if (existing[0]) return { written: false, ...existing[0] };
  const seq = head.last_seq + 1;
  const { hash } = await appendAt(tx, head, { ...event, seq }, origin);
  return { written: true, seq, hash };
}

async function lockHead(tx: EntityManager, problemId: string): Promise<{ last_seq: number; last_hash: string }> {
  const rows: { last_seq: number; last_hash: string }[] = await tx.query('SELECT last_seq, last_hash FROM issues.problems WHERE id = $1 FOR UPDATE', [problemId]);
  if (!rows[0]) throw new InvalidEventError(`problem ${problemId} does not exist`);
  return rows[0];
}

/**
 * One trail row. `request_id` links an action's event to the stored request it carried out (one
 * event per request, unique); it is a link, outside the hashed content.
 */
const INSERT_EVENT_SQL = `INSERT INTO issues.problem_events
       (problem_id, seq, kind, action, actor_id, actor_name, actor_role, reason, payload, state_before, state_after, at, prev_hash, hash, origin, request_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)`;

function insertEventParams(e: TrailEvent, prevHash: string, hash: string, origin: string | null, requestId: string | null): unknown[] {
  return [e.problemId, e.seq, e.kind, e.action, e.actorId, e.actorName, e.actorRole, e.reason, JSON.stringify(e.payload), e.stateBefore === null ? null : JSON.stringify(e.stateBefore), JSON.stringify(e.stateAfter), e.at, prevHash, hash, origin, requestId];
}

async function appendAt(tx: EntityManager, head: { last_hash: string }, event: TrailEvent, origin: string, requestId: string | null = null, change?: ProblemRowChange): Promise<{ hash: string; row?: Record<string, unknown> }> {
  const hash = eventHash(head.last_hash, event);
  const params = insertEventParams(event, head.last_hash, hash, origin, requestId);
  if (!change) {
    // The row and the new head in one statement (one round trip while the problem row is locked).
    await tx.query(`WITH appended AS (${INSERT_EVENT_SQL}) UPDATE issues.problems SET last_seq = $2, last_hash = $14, updated_at = now() WHERE id = $1`, params);
    return { hash };
  }
  // The row, the new head and what the event changes on the problem row, in one statement that
  // returns the row. (TypeORM answers an UPDATE with [rows, count].)
  const [rows] = (await tx.query(
    `WITH appended AS (${INSERT_EVENT_SQL})
     UPDATE issues.problems SET last_seq = $2, last_hash = $14, updated_at = now()${change.set.map((a) => `, ${a}`).join('')} WHERE id = $1 RETURNING *`,
    [...params, ...change.params],
  )) as [Record<string, unknown>[], number];
  return { hash, row: rows[0] };
}

interface EventRow {
  problem_id: string;
  seq: number;
  kind: string;
  action: string | null;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  reason: string | null;
  payload: unknown;
  state_before: unknown;
  state_after: unknown;
  at: Date;
  prev_hash: string;
  hash: string;
}

export interface ChainVerdict {
  problemsChecked: number;
  eventsChecked: number;
  /** Every break found: an edited row (hash mismatch), a deleted one (gap), or a head mismatch. */
  breaks: { problemId: string; seq: number | null; reason: string }[];
}

/** Recomputes every hash of the given problems' trails (all problems when `problemIds` is null). */
export async function verifyTrail(tx: EntityManager, problemIds: string[] | null): Promise<ChainVerdict> {
  const heads: { id: string; last_seq: number; last_hash: string }[] = await tx.query(
    problemIds ? 'SELECT id, last_seq, last_hash FROM issues.problems WHERE id = ANY($1) ORDER BY id' : 'SELECT id, last_seq, last_hash FROM issues.problems ORDER BY id',
    problemIds ? [problemIds] : [],
  );
  const verdict: ChainVerdict = { problemsChecked: heads.length, eventsChecked: 0, breaks: [] };
  for (const head of heads) {
    const events: EventRow[] = await tx.query('SELECT * FROM issues.problem_events WHERE problem_id = $1 ORDER BY seq', [head.id]);
    let prev = GENESIS_HASH;
    let expectedSeq = 0;
    for (const row of events) {
      verdict.eventsChecked += 1;
      if (row.seq !== expectedSeq) verdict.breaks.push({ problemId: head.id, seq: expectedSeq, reason: `事件 ${expectedSeq} 缺失` });
      const recomputed = eventHash(prev, {
        problemId: row.problem_id,
        seq: row.seq,
        kind: row.kind,
        action: row.action,
        actorId: row.actor_id,
        actorName: row.actor_name,
        actorRole: row.actor_role,
        reason: row.reason,
        payload: row.payload,
        stateBefore: row.state_before,
        stateAfter: row.state_after,
        at: new Date(row.at).toISOString(),
      });
      if (row.prev_hash !== prev || row.hash !== recomputed) {
        verdict.breaks.push({ problemId: head.id, seq: row.seq, reason: `事件 ${row.seq} 的内容与哈希链不符` });
      }
      prev = row.hash;
      expectedSeq = row.seq + 1;
    }
    if (head.last_seq !== expectedSeq - 1 || head.last_hash !== prev) {
      verdict.breaks.push({ problemId: head.id, seq: null, reason: '台账记录的链头与事件不符（事件被删除或篡改）' });
    }
  }
  return verdict;
}
