import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** prev_hash of a problem's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so a value always hashes the same way. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

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

/**
 * Appends `event` to its problem's trail inside the caller's transaction, locking the problem
 * row. Idempotent: an event already at that position is left as it is and false is returned.
 */
export async function appendEvent(tx: EntityManager, event: TrailEvent): Promise<{ written: boolean; hash: string }> {
  const rows: { last_seq: number; last_hash: string }[] = await tx.query(
    'SELECT last_seq, last_hash FROM issues.problems WHERE id = $1 FOR UPDATE',
    [event.problemId],
  );
  const head = rows[0];
  if (!head) throw new InvalidEventError(`problem ${event.problemId} does not exist`);
  if (event.seq <= head.last_seq) {
    const existing: { hash: string }[] = await tx.query('SELECT hash FROM issues.problem_events WHERE problem_id = $1 AND seq = $2', [event.problemId, event.seq]);
    return { written: false, hash: existing[0]?.hash ?? head.last_hash };
  }
  if (event.seq !== head.last_seq + 1) {
    throw new InvalidEventError(`event ${event.seq} of problem ${event.problemId} would leave a gap after ${head.last_seq}`);
  }
  const hash = eventHash(head.last_hash, event);
  await insertEvent(tx, event, head.last_hash, hash);
  await tx.query('UPDATE issues.problems SET last_seq = $2, last_hash = $3, updated_at = now() WHERE id = $1', [event.problemId, event.seq, hash]);
  return { written: true, hash };
}

export async function insertEvent(tx: EntityManager, e: TrailEvent, prevHash: string, hash: string): Promise<void> {
  await tx.query(
    `INSERT INTO issues.problem_events
       (problem_id, seq, kind, action, actor_id, actor_name, actor_role, reason, payload, state_before, state_after, at, prev_hash, hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
    [e.problemId, e.seq, e.kind, e.action, e.actorId, e.actorName, e.actorRole, e.reason, JSON.stringify(e.payload), e.stateBefore === null ? null : JSON.stringify(e.stateBefore), JSON.stringify(e.stateAfter), e.at, prevHash, hash],
  );
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
