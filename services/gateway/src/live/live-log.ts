import type pg from 'pg';
import type { LiveSource } from '@rectify/contracts';
import type { LiveAudience } from './live-visibility.js';
import type { LogPosition } from './live-cursor.js';

/** One row of `<source>.live_events`, as the gateway reads it. */
export interface LiveRow extends LiveAudience {
  source: LiveSource;
  position: LogPosition;
  /** The event's ids and new values, as written by the trigger. */
  data: Record<string, unknown>;
  /** When the change was written (clock_timestamp() in the writing transaction). */
  at: Date;
}

interface RawRow {
  id: string;
  tx: string;
  kind: string;
  enterprise_code: string | null;
  confidential: boolean;
  user_id: string | null;
  unit_code: string | null;
  data: Record<string, unknown>;
  at: Date;
  safe: boolean;
}

const UNDEFINED_TABLE = '42P01';

/**
 * Rows after `after` (and at most `upTo`), in (tx, id) order. `settled` holds only rows whose
 * transaction is older than every transaction still running (`pg_snapshot_xmin`): once those are
 * passed, no row can ever appear behind them. `pending` says later rows exist that are not yet
 * settled (a concurrent transaction still runs), so the caller should look again shortly.
 * A schema whose service has not migrated yet has no rows.
 */
export async function readLog(
  db: pg.Pool,
  source: LiveSource,
  after: LogPosition,
  limit: number,
  upTo?: LogPosition,
): Promise<{ settled: LiveRow[]; pending: boolean; full: boolean }> {
  const params: unknown[] = [after.tx.toString(), after.id.toString(), limit];
  const bound = upTo ? `AND (e.tx, e.id) <= ($4::xid8, $5::bigint)` : '';
  if (upTo) params.push(upTo.tx.toString(), upTo.id.toString());
  let rows: RawRow[];
  try {
    ({ rows } = await db.query<RawRow>(
      `SELECT e.id::text AS id, e.tx::text AS tx, kind, enterprise_code, confidential, user_id::text, unit_code, data, at,
              e.tx < pg_snapshot_xmin(pg_current_snapshot()) AS safe
         FROM ${source}.live_events e
        WHERE (e.tx, e.id) > ($1::xid8, $2::bigint) ${bound}
        ORDER BY e.tx, e.id -- the columns, not the text of the same names
        LIMIT $3`,
      params,
    ));
  } catch (err) {
    if ((err as { code?: string }).code === UNDEFINED_TABLE) return { settled: [], pending: false, full: false };
    throw err;
  }
  const settled: LiveRow[] = [];
  for (const r of rows) {
    if (!r.safe) break;
    settled.push({
      source,
      position: { tx: BigInt(r.tx), id: BigInt(r.id) },
      kind: r.kind,
      enterpriseCode: r.enterprise_code,
      confidential: r.confidential,
      userId: r.user_id,
      unitCode: r.unit_code,
      data: r.data,
      at: r.at,
    });
  }
  return { settled, pending: settled.length < rows.length, full: rows.length === limit && settled.length === rows.length };
}

/** The last settled position of a source: where a gateway that starts now begins. */
export async function headOf(db: pg.Pool, source: LiveSource): Promise<LogPosition> {
  try {
    const { rows } = await db.query<{ tx: string; id: string }>(
      `SELECT e.tx::text AS tx, e.id::text AS id FROM ${source}.live_events e
        WHERE e.tx < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY e.tx DESC, e.id DESC LIMIT 1`,
    );
    return rows[0] ? { tx: BigInt(rows[0].tx), id: BigInt(rows[0].id) } : { tx: 0n, id: 0n };
  } catch (err) {
    if ((err as { code?: string }).code === UNDEFINED_TABLE) return { tx: 0n, id: 0n };
    throw err;
  }
}

/**
 * The highest position the source's retention job has deleted (`<schema>.live_events_pruned`);
 * 0-0 when nothing was deleted yet, or the service has not migrated that far.
 */
export async function prunedUpTo(db: pg.Pool, source: LiveSource): Promise<LogPosition> {
  try {
    const { rows } = await db.query<{ tx: string; id: string }>(`SELECT tx::text AS tx, id::text AS id FROM ${source}.live_events_pruned`);
    return rows[0] ? { tx: BigInt(rows[0].tx), id: BigInt(rows[0].id) } : { tx: 0n, id: 0n };
  } catch (err) {
    if ((err as { code?: string }).code === UNDEFINED_TABLE) return { tx: 0n, id: 0n };
    throw err;
  }
}
