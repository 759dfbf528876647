import type { QueryRunner } from 'typeorm';
import { LIVE_CHANNEL, type LiveSource } from '@rectify/contracts';

/**
 * The `<schema>.live_events` log behind the gateway's live stream (docs/web.md, "Live updates").
 * Each service owns the table in its own schema and fills it with its own triggers, in the same
 * transaction as the change, so the log misses nothing the database committed. A row holds the
 * facts the visibility rule needs (enterprise, 涉密 flag, recipient user, member unit) and the
 * event's ids and new values (`data`) — never text. `tx` (the writing transaction's id) orders
 * the stream: the gateway reads only rows of transactions older than every running one, so a row
 * can never appear behind a cursor it has already passed. `<schema>.live_emit(...)` inserts a row
 * and wakes the gateways with NOTIFY (payload: the schema name only).
 *
 * Used by migrations: keep what it creates unchanged, add a migration for any later change.
 */
export async function createLiveEventsTable(q: QueryRunner, schema: LiveSource): Promise<void> {
  await q.query(`CREATE TABLE ${schema}.live_events (
    id bigserial PRIMARY KEY,
    tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    kind text NOT NULL,
    enterprise_code text,
    confidential boolean NOT NULL DEFAULT false,
    user_id uuid,
    unit_code text,
    data jsonb NOT NULL
  )`);
  await q.query(`CREATE INDEX live_events_order ON ${schema}.live_events (tx, id)`);
  await q.query(`CREATE FUNCTION ${schema}.live_emit(p_kind text, p_enterprise text, p_confidential boolean, p_user uuid, p_unit text, p_data jsonb)
    RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO ${schema}.live_events (kind, enterprise_code, confidential, user_id, unit_code, data)
      VALUES (p_kind, p_enterprise, coalesce(p_confidential, false), p_user, p_unit, p_data);
      PERFORM pg_notify('${LIVE_CHANNEL}', '${schema}');
    END $$`);
}

export async function dropLiveEventsTable(q: QueryRunner, schema: LiveSource): Promise<void> {
  await q.query(`DROP FUNCTION ${schema}.live_emit(text, text, boolean, uuid, text, jsonb)`);
  await q.query(`DROP TABLE ${schema}.live_events`);
}

/** One trigger that writes live events: `<schema>.<fn>()` runs `body` (PL/pgSQL) after each row of `table` written by `on`. */
export interface LiveTrigger {
  schema: LiveSource;
  table: string;
  /** `INSERT`, or `INSERT OR UPDATE`. */
  on: string;
  fn: string;
  /** DECLARE section, if any (without the keyword). */
  declare?: string;
  /** The function's body between BEGIN and END; ends with RETURN NULL. */
  body: string;
}

export async function createLiveTrigger(q: QueryRunner, t: LiveTrigger): Promise<void> {
  await q.query(`CREATE FUNCTION ${t.schema}.${t.fn}() RETURNS trigger LANGUAGE plpgsql AS $$
    ${t.declare ? `DECLARE ${t.declare}` : ''}
    BEGIN ${t.body} END $$`);
  await q.query(`CREATE TRIGGER ${t.fn} AFTER ${t.on} ON ${t.schema}.${t.table} FOR EACH ROW EXECUTE FUNCTION ${t.schema}.${t.fn}()`);
}

export async function dropLiveTrigger(q: QueryRunner, t: LiveTrigger): Promise<void> {
  await q.query(`DROP TRIGGER ${t.fn} ON ${t.schema}.${t.table}`);
  await q.query(`DROP FUNCTION ${t.schema}.${t.fn}()`);
}

/**
 * `<schema>.live_events_pruned`: one row, the highest (tx, id) position the retention job has
 * deleted (0-0 until it first deletes). A stream whose position in this log is below it has missed
 * events that are gone, and is told to reload (docs/web.md, "Live updates").
 */
export async function createLiveEventsPrunedMark(q: QueryRunner, schema: LiveSource): Promise<void> {
  await q.query(`CREATE TABLE ${schema}.live_events_pruned (
    one boolean PRIMARY KEY DEFAULT true CHECK (one),
    tx xid8 NOT NULL,
    id bigint NOT NULL
  )`);
  await q.query(`INSERT INTO ${schema}.live_events_pruned (tx, id) VALUES ('0'::xid8, 0)`);
}

export async function dropLiveEventsPrunedMark(q: QueryRunner, schema: LiveSource): Promise<void> {
  await q.query(`DROP TABLE ${schema}.live_events_pruned`);
}
