import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Published official outputs (the year's scores, the report to the People's Congress, the indicator
 * workbook): numbered, immutable snapshots of the figures and of the file every reader downloads.
 * Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE; re-publishing makes a new number.
 */
export class Publications1796000600000 implements MigrationInterface {
  name = 'Publications1796000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE assessment.publications (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('scores', 'annual_report', 'indicator_workbook')),
      year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      seq int NOT NULL CHECK (seq >= 1),
      number text NOT NULL UNIQUE,
      published_by text NOT NULL,
      published_by_name text NOT NULL,
      published_role text NOT NULL,
      published_at timestamptz NOT NULL,
      idempotency_key text UNIQUE,
      figures jsonb NOT NULL,
      file bytea NOT NULL,
      file_name text NOT NULL,
      content_type text NOT NULL,
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      UNIQUE (kind, year, seq)
    )`);
    await q.query(`CREATE FUNCTION assessment.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'assessment.% is append-only', TG_TABLE_NAME; END $$`);
    await q.query(`CREATE TRIGGER publications_append_only BEFORE UPDATE OR DELETE ON assessment.publications
      FOR EACH ROW EXECUTE FUNCTION assessment.refuse_change()`);
    await q.query(`CREATE TRIGGER publications_no_truncate BEFORE TRUNCATE ON assessment.publications
      FOR EACH STATEMENT EXECUTE FUNCTION assessment.refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE assessment.publications`);
    await q.query(`DROP FUNCTION assessment.refuse_change()`);
  }
}
