import { createHash } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  HttpException,
  Inject,
  Injectable,
  SetMetadata,
  UnprocessableEntityException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { canonicalJson } from '@rectify/contracts';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DataSource } from 'typeorm';
import { catchError, from, mergeMap, type Observable, of, tap, throwError } from 'rxjs';

/**
 * Idempotency-Key on every state-changing route (POST, PUT, PATCH, DELETE) of every service: the
 * same user sending the same key again gets the answer the first request got — its status and body,
 * a refusal included — and the route runs once. The key with another method, path or body is
 * refused (422). A request still running under the key answers 409; one whose process died is taken
 * over after LEASE_MS. Routes whose own records make a request once (the problem's stage actions
 * and the party committee's decisions, through issues.action_requests) say so with
 * `@HandlesIdempotency()` and are left to themselves. Requests without the header are untouched.
 */
export const HANDLES_IDEMPOTENCY = 'rectify:handles-idempotency';
export const HandlesIdempotency = () => SetMetadata(HANDLES_IDEMPOTENCY, true);

/** The schema of the service whose answers are kept (its own table, its own migration). */
export const IDEMPOTENCY_SCHEMA = Symbol('IDEMPOTENCY_SCHEMA');

const LEASE_MS = 120_000;
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[\x21-\x7e]{1,128}$/;

/** The `Idempotency-Key` header's value, checked (400 naming it when malformed); null when absent. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!KEY.test(value)) throw new BadRequestException('Idempotency-Key：应为 1–128 个可见 ASCII 字符（如 UUID）');
  return value;
}

/** The service's table of kept answers, created in its own schema by the migration every service runs. */
export function idempotentRequestsMigration(schema: string): new () => MigrationInterface {
  const table = `"${schema.replace(/"/g, '')}".idempotent_requests`;
  return class IdempotentRequests1796000900000 implements MigrationInterface {
    name = 'IdempotentRequests1796000900000';
    async up(q: QueryRunner): Promise<void> {
      await q.query(`CREATE TABLE ${table} (
        user_id text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        state text NOT NULL CHECK (state IN ('running', 'done')),
        status integer,
        response jsonb,
        started_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
    }
    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE ${table}`);
    }
  };
}

interface KeptRow {
  fingerprint: string;
  state: 'running' | 'done';
  status: number | null;
  response: unknown;
  started_at: Date;
}

interface HttpRequest {
  method: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  user?: { sub?: string };
}

interface HttpResponse {
  statusCode: number;
  status(code: number): unknown;
  once(event: 'finish', listener: () => void): unknown;
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly table: string;

  constructor(
    private readonly db: DataSource,
    private readonly reflector: Reflector,
    @Inject(IDEMPOTENCY_SCHEMA) schema: string,
  ) {
    this.table = `"${schema.replace(/"/g, '')}".idempotent_requests`;
  }

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<HttpRequest>();
    const res = ctx.switchToHttp().getResponse<HttpResponse>();
    if (!STATE_CHANGING.has(req.method) || req.headers['idempotency-key'] === undefined) return next.handle();
    if (this.reflector.getAllAndOverride<boolean>(HANDLES_IDEMPOTENCY, [ctx.getHandler(), ctx.getClass()])) return next.handle();
    const userId = req.user?.sub;
    if (!userId) return next.handle(); // public routes (login) keep no answers
    const key = idempotencyKeyOf(req.headers['idempotency-key'])!;
    const fingerprint = createHash('sha256').update(`${req.method} ${req.originalUrl}\n${canonicalJson(req.body ?? null)}`).digest('hex');

    return from(this.begin(userId, key, fingerprint)).pipe(
      mergeMap((kept) => {
        if (kept) {
          // The same request again: the first answer, status and body, refusal included.
          if (kept.status !== null && kept.status >= 400) return throwError(() => new HttpException(kept.response as Record<string, unknown>, kept.status!));
          res.status(kept.status ?? 200);
          return of(kept.response);
        }
        let body: unknown = null;
        res.once('finish', () => void this.finish(userId, key, res.statusCode, body));
        return next.handle().pipe(
          tap((result) => (body = result ?? null)),
          catchError((err: unknown) => {
            if (err instanceof HttpException) body = err.getResponse();
            return throwError(() => err);
          }),
        );
      }),
    );
  }

  /** Claims the key for this request (null), or returns the answer kept for it. */
  private async begin(userId: string, key: string, fingerprint: string): Promise<KeptRow | null> {
    const claimed: unknown[] = await this.db.query(
      `INSERT INTO ${this.table} (user_id, key, fingerprint, state) VALUES ($1, $2, $3, 'running') ON CONFLICT (user_id, key) DO NOTHING RETURNING 1`,
      [userId, key, fingerprint],
    );
    if (claimed.length > 0) return null;
    const rows: KeptRow[] = await this.db.query(`SELECT fingerprint, state, status, response, started_at FROM ${this.table} WHERE user_id = $1 AND key = $2`, [userId, key]);
    const kept = rows[0];
    if (!kept) return this.begin(userId, key, fingerprint); // the earlier one failed and let the key go
    if (kept.fingerprint !== fingerprint) throw new UnprocessableEntityException('Idempotency-Key：该键已用于另一请求，请为新的请求使用新的键');
    if (kept.state === 'done') return kept;
    // Still running: wait for it, or take it over when its process died with the key held.
    if (Date.now() - new Date(kept.started_at).getTime() > LEASE_MS) {
      const taken: unknown[] = await this.db.query(
        `UPDATE ${this.table} SET started_at = now() WHERE user_id = $1 AND key = $2 AND state = 'running' AND started_at = $3 RETURNING 1`,
        [userId, key, kept.started_at],
      );
      if (taken.length > 0) return null;
    }
    throw new ConflictException('Idempotency-Key：使用该键的相同请求正在处理，请稍后重试');
  }

  /**
   * Keeps the answer (a refusal too). A server error lets the key go, so the request can be sent
   * again; so does an answer that is not JSON (a file), which is not kept.
   */
  private async finish(userId: string, key: string, status: number, body: unknown): Promise<void> {
    const json = body === null || typeof body !== 'object' || Array.isArray(body) || Object.getPrototypeOf(body) === Object.prototype;
    try {
      if (status >= 500 || !json) {
        await this.db.query(`DELETE FROM ${this.table} WHERE user_id = $1 AND key = $2 AND state = 'running'`, [userId, key]);
      } else {
        await this.db.query(`UPDATE ${this.table} SET state = 'done', status = $3, response = $4 WHERE user_id = $1 AND key = $2`, [userId, key, status, JSON.stringify(body ?? null)]);
      }
    } catch {
      // The lease lets the key be taken over if this write was lost.
    }
  }
}
