import { applyDecorators, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { HandlesIdempotency, idempotencyKeyOf } from '@rectify/platform';
import { DataSource } from 'typeorm';
import type { Principal } from '@rectify/contracts';
import { canonicalJson } from '@rectify/activities';

/** What a stored request is about: a problem's stage action or a party-committee decision. */
export type RequestSubject = 'problem' | 'separate_project' | 'upward_report';

export interface StoredRequest {
  id: string;
  subjectType: RequestSubject;
  subjectId: string;
  action: string;
  payload: Record<string, unknown>;
  reason: string | null;
  /** The signer's name as stored (the trail entry's actor name). */
  actorName: string | null;
  /** True when the idempotency key found a request stored before. */
  existing: boolean;
}

interface RequestRow {
  id: string;
  subject_type: RequestSubject;
  subject_id: string;
  action: string;
  payload: Record<string, unknown>;
  reason: string | null;
  actor_name: string | null;
}

const toStored = (r: RequestRow, existing: boolean): StoredRequest => ({
  id: r.id,
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  action: r.action,
  payload: r.payload,
  reason: r.reason,
  actorName: r.actor_name,
  existing,
});

/**
 * The one writer of issues.action_requests: what users asked, stored before any workflow hears of
 * it, so workflows carry only the request's id (no problem text reaches Temporal). A request is
 * written once; an Idempotency-Key makes a retried request the same stored one.
 */
@Injectable()
export class ActionRequests {
  constructor(private readonly db: DataSource) {}

  async find(user: Principal, idempotencyKey: string): Promise<StoredRequest | null> {
    const rows: RequestRow[] = await this.db.query(
      'SELECT id, subject_type, subject_id, action, payload, reason, actor_name FROM issues.action_requests WHERE actor_id = $1 AND idempotency_key = $2',
      [user.sub, idempotencyKey],
    );
    return rows[0] ? toStored(rows[0], true) : null;
  }

  /** Stores the request; under an idempotency key already used, returns the one stored before. */
  async store(r: { subjectType: RequestSubject; subjectId: string; action: string; user: Principal; payload: Record<string, unknown>; reason: string | null; idempotencyKey: string | null }): Promise<StoredRequest> {
    const rows: RequestRow[] = await this.db.query(
      `INSERT INTO issues.action_requests (subject_type, subject_id, action, actor_id, actor_name, actor_role, payload, reason, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (actor_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING id, subject_type, subject_id, action, payload, reason, actor_name`,
      [r.subjectType, r.subjectId, r.action, r.user.sub, r.user.displayName, r.user.role, JSON.stringify(r.payload), r.reason, r.idempotencyKey],
    );
    if (rows[0]) return toStored(rows[0], false);
    // A concurrent request with the same key stored it first.
    const earlier = r.idempotencyKey ? await this.find(r.user, r.idempotencyKey) : null;
    if (!earlier) throw new Error('action request neither stored nor found');
    return earlier;
  }

  /** Whether a stored request is the one now asked for (same subject, action, body and reason). */
  sameRequest(stored: StoredRequest, asked: { subjectType: RequestSubject; subjectId: string; action: string; payload: Record<string, unknown>; reason: string | null }): boolean {
    return (
      stored.subjectType === asked.subjectType &&
      stored.subjectId === asked.subjectId &&
      stored.action === asked.action &&
      (stored.reason ?? null) === (asked.reason ?? null) &&
      canonicalJson(stored.payload) === canonicalJson(JSON.parse(JSON.stringify(asked.payload)))
    );
  }

  /** Whether a problem's trail already holds the event that carried the request out. */
  async applied(requestId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query('SELECT 1 FROM issues.problem_events WHERE request_id = $1', [requestId]);
    return rows.length > 0;
  }

  /**
   * Runs `work` holding a PostgreSQL advisory lock on `key` (every instance of the service shares
   * it), so a rule that bounds a sum is checked and applied one request at a time; no lock when
   * `key` is null. The lock is on its own connection, released when the work ends or the
   * connection drops; no row is locked, so the trail activity is never blocked by it.
   */
  async serialised<T>(key: string | null, work: () => Promise<T>): Promise<T> {
    if (key === null) return work();
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [`action-request:${key}`]);
      try {
        return await work();
      } finally {
        await runner.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [`action-request:${key}`]);
      }
    } finally {
      await runner.release();
    }
  }
}

/**
 * A route whose stored request makes it happen once under an Idempotency-Key (the platform's
 * generic layer leaves it alone), documented in its OpenAPI operation.
 */
export const OwnIdempotency = () =>
  applyDecorators(HandlesIdempotency(), ApiHeader({ name: 'Idempotency-Key', required: false, description: '同一用户以同一键重发的请求只执行一次，并得到同样的答复（1–128 个可见 ASCII 字符）' }));

/** The request's `Idempotency-Key` header, checked (400 naming it when malformed); null when absent. */
export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | null =>
  idempotencyKeyOf(ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['idempotency-key']),
);
