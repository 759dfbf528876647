import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The problem ledger, its append-only hash-chained trail, and the records the stages produce. */
export class Ledger1764576000000 implements MigrationInterface {
  name = 'Ledger1764576000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    // Ledger numbers: <enterprise>-<year>-<5 digits>, from a counter that only ever increases.
    await q.query(`CREATE TABLE issues.ledger_counters (
      enterprise_code text NOT NULL,
      year int NOT NULL,
      last_no int NOT NULL,
      PRIMARY KEY (enterprise_code, year)
    )`);
    await q.query(`CREATE TABLE issues.problems (
      id uuid PRIMARY KEY,
      ledger_no text NOT NULL UNIQUE,
      enterprise_code text NOT NULL,
      subsidiary text,
      source text NOT NULL,
      doc_type text NOT NULL,
      doc_number text NOT NULL,
      doc_issuer text NOT NULL,
      doc_issue_date date NOT NULL,
      item_no text NOT NULL,
      audit_project text,
      title text NOT NULL,
      description text NOT NULL,
      category text NOT NULL,
      amount numeric(17,2) CHECK (amount >= 0),
      quantity numeric(20,4) CHECK (quantity >= 0),
      quantity_unit text,
      legal_basis text,
      recommendation text,
      confidentiality text NOT NULL CHECK (confidentiality IN ('confidential','non_confidential')),
      tags text[] NOT NULL DEFAULT '{}',
      deadline date NOT NULL,
      original_deadline date NOT NULL,
      hard_limit date NOT NULL,
      special_reason text,
      responsibility jsonb,
      plan jsonb,
      report jsonb,
      stage text NOT NULL,
      outcome text,
      criterion text,
      overdue boolean NOT NULL DEFAULT false,
      extended boolean NOT NULL DEFAULT false,
      corrected_amount numeric(17,2) NOT NULL DEFAULT 0,
      completed_at timestamptz,
      closed_at timestamptz,
      state jsonb NOT NULL,
      last_seq int NOT NULL DEFAULT 0,
      last_hash text NOT NULL,
      workflow_started boolean NOT NULL DEFAULT false,
      policy jsonb NOT NULL,
      registered_by uuid NOT NULL,
      registered_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT one_item_per_document UNIQUE (doc_number, item_no)
    )`);
    await q.query(`CREATE INDEX problems_enterprise ON issues.problems (enterprise_code, registered_at DESC)`);
    await q.query(`CREATE INDEX problems_stage ON issues.problems (stage)`);
    await q.query(`CREATE INDEX problems_deadline ON issues.problems (deadline)`);
    await q.query(`CREATE INDEX problems_overdue ON issues.problems (enterprise_code) WHERE overdue`);
    await q.query(`CREATE INDEX problems_registered ON issues.problems (registered_at DESC, id)`);
    await q.query(`CREATE INDEX problems_tags ON issues.problems USING gin (tags)`);
    await q.query(`CREATE INDEX problems_text ON issues.problems USING gin ((title || ' ' || description || ' ' || ledger_no) gin_trgm_ops)`);

    // The audit trail: one row per change, chained by SHA-256; rows can be added, never changed.
    await q.query(`CREATE TABLE issues.problem_events (
      problem_id uuid NOT NULL REFERENCES issues.problems(id),
      seq int NOT NULL,
      kind text NOT NULL,
      action text,
      actor_id text,
      actor_name text,
      actor_role text,
      reason text,
      payload jsonb NOT NULL,
      state_before jsonb,
      state_after jsonb NOT NULL,
      at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      prev_hash text NOT NULL,
      hash text NOT NULL,
      PRIMARY KEY (problem_id, seq)
    )`);
    await q.query(`CREATE FUNCTION issues.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'issues.problem_events is append-only'; END $$`);
    await q.query(`CREATE TRIGGER problem_events_append_only BEFORE UPDATE OR DELETE ON issues.problem_events
      FOR EACH ROW EXECUTE FUNCTION issues.refuse_change()`);

    await q.query(`CREATE TABLE issues.determinations (
      id bigserial PRIMARY KEY,
      problem_id uuid NOT NULL REFERENCES issues.problems(id),
      seq int NOT NULL,
      criterion text NOT NULL,
      outcome text NOT NULL,
      details jsonb NOT NULL,
      determined_by text NOT NULL,
      determined_at timestamptz NOT NULL,
      review text NOT NULL DEFAULT 'pending' CHECK (review IN ('pending','accepted','rejected')),
      reviewed_by text,
      reviewed_at timestamptz,
      review_comment text,
      UNIQUE (problem_id, seq)
    )`);
    await q.query(`CREATE TABLE issues.extensions (
      id bigserial PRIMARY KEY,
      problem_id uuid NOT NULL REFERENCES issues.problems(id),
      seq int NOT NULL,
      requested_deadline date NOT NULL,
      reason text NOT NULL,
      special_reason text,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','rejected')),
      requested_by text NOT NULL,
      requested_at timestamptz NOT NULL,
      decided_by text,
      decided_at timestamptz,
      decision_comment text,
      UNIQUE (problem_id, seq)
    )`);
    await q.query(`CREATE TABLE issues.accountability_cases (
      id bigserial PRIMARY KEY,
      problem_id uuid NOT NULL REFERENCES issues.problems(id),
      trigger text NOT NULL CHECK (trigger IN ('T1','T2','T3','T4')),
      cause text NOT NULL,
      status text NOT NULL DEFAULT 'open',
      opened_at timestamptz NOT NULL,
      UNIQUE (problem_id, trigger)
    )`);
    await q.query(`CREATE TABLE issues.evidence_files (
      id uuid PRIMARY KEY,
      problem_id uuid NOT NULL REFERENCES issues.problems(id),
      file_name text NOT NULL,
      content_type text NOT NULL,
      size_bytes bigint NOT NULL,
      sha256 text NOT NULL,
      storage_key text NOT NULL,
      uploaded_by text NOT NULL,
      uploaded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX evidence_problem ON issues.evidence_files (problem_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['evidence_files', 'accountability_cases', 'extensions', 'determinations', 'problem_events', 'problems', 'ledger_counters']) {
      await q.query(`DROP TABLE issues.${t}`);
    }
    await q.query(`DROP FUNCTION issues.refuse_change()`);
  }
}
