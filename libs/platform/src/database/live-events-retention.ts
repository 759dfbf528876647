import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { LiveSource } from '@rectify/contracts';
import { APP_CONFIG } from '../config/config.module.js';
import type { ConfigSpec } from '../config/config.js';

/** The variables of a service that keeps a `live_events` log (issues, notifications, joint-meeting). */
export const LIVE_EVENTS_CONFIG = {
  LIVE_EVENTS_RETENTION_HOURS: {
    kind: 'int',
    default: String(7 * 24),
    description: 'hours a live event is kept for streams that resume (Last-Event-ID); a stream behind that is told to reload (event: resync)',
    check: (raw) => (Number(raw) >= 1 ? [] : [`LIVE_EVENTS_RETENTION_HOURS must be at least 1, got "${raw}"`]),
  },
} as const satisfies ConfigSpec;

/** The schema whose `live_events` the service prunes. */
export const LIVE_EVENTS_SCHEMA = Symbol('LIVE_EVENTS_SCHEMA');

/** How often the log is pruned, and how many rows one statement deletes at most (short locks). */
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const BATCH = 5000;

interface Query {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Deletes the rows of `<schema>.live_events` older than `retentionHours`, in batches, and returns
 * how many went. The same statement raises `<schema>.live_events_pruned` to the highest position
 * deleted, so the gateway can tell a stream whose position is behind what was deleted (it missed
 * events that are gone) from one that is merely quiet.
 */
export async function pruneLiveEvents(db: Query, schema: LiveSource, retentionHours: number): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await db.query(
      `WITH gone AS (
         DELETE FROM ${schema}.live_events WHERE id IN (
           SELECT id FROM ${schema}.live_events WHERE at < now() - make_interval(hours => $1) ORDER BY id LIMIT ${BATCH})
         RETURNING tx, id),
       highest AS (SELECT tx, id FROM gone ORDER BY tx DESC, id DESC LIMIT 1),
       marked AS (
         UPDATE ${schema}.live_events_pruned m SET tx = h.tx, id = h.id FROM highest h WHERE (h.tx, h.id) > (m.tx, m.id) RETURNING 1)
       SELECT (SELECT count(*) FROM gone)::int AS removed, (SELECT count(*) FROM marked)::int AS marked`,
      [retentionHours],
    );
    const count = removedCount(result);
    total += count;
    if (count < BATCH) return total;
  }
}

/** The `removed` column of the one row answered (TypeORM answers with the rows, a pg client with a result holding them). */
function removedCount(result: unknown): number {
  const rows = Array.isArray(result) ? result : (result as { rows?: unknown[] } | null)?.rows;
  const removed = (rows?.[0] as { removed?: unknown } | undefined)?.removed;
  if (typeof removed !== 'number') throw new Error('unexpected answer from the live-events pruning statement');
  return removed;
}

/**
 * Prunes the service's live-event log once an hour (and shortly after start). Several instances
 * of a service may prune at once: deleting what another has deleted is harmless.
 */
@Injectable()
export class LiveEventsRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('LiveEventsRetention');
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: { LIVE_EVENTS_RETENTION_HOURS: number },
    @Inject(LIVE_EVENTS_SCHEMA) private readonly schema: LiveSource,
  ) {}

  onApplicationBootstrap(): void {
    const run = () => void this.prune();
    this.timer = setInterval(run, PRUNE_EVERY_MS);
    this.timer.unref();
    setTimeout(run, 30_000).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async prune(): Promise<number> {
    try {
      const removed = await pruneLiveEvents(this.db, this.schema, this.config.LIVE_EVENTS_RETENTION_HOURS);
      if (removed > 0) this.log.log(`${this.schema}.live_events: ${removed} events older than ${this.config.LIVE_EVENTS_RETENTION_HOURS} h removed`);
      return removed;
    } catch (err) {
      this.log.warn(`${this.schema}.live_events could not be pruned (next try in an hour): ${(err as Error).message}`);
      return 0;
    }
  }
}
