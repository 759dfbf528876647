import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supervision (督办, SPEC §7): visit records linked to problems, evidence attached to a record,
 * written explanations, the periodic summaries, and an append-only log of every change to them.
 */
export class Supervision1796000200000 implements MigrationInterface {
  name = 'Supervision1796000200000';

  async up(q: QueryRunner): Promise<void> {
    // 督办记录: one on-site visit. `confidential` holds when it covers a 涉密 problem.
    await q.query(`CREATE TABLE issues.supervision_records (
      id uuid PRIMARY KEY,
      enterprise_code text NOT NULL,
      visit_date date NOT NULL,
      team text[] NOT NULL,
      topics jsonb NOT NULL,
      findings text NOT NULL,
      confidential boolean NOT NULL,
      recorded_by uuid NOT NULL,
      recorded_by_name text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX supervision_records_enterprise ON issues.supervision_records (enterprise_code, visit_date DESC)`);
    await q.query(`CREATE INDEX supervision_records_visit_date ON issues.supervision_records (visit_date)`);
    await q.query(`CREATE TABLE issues.supervision_record_problems (
      record_id uuid NOT NULL REFERENCES issues.supervision_records(id),
      problem_id uuid NOT NULL REFERENCES issues.problems(id),
      PRIMARY KEY (record_id, problem_id)
    )`);
    await q.query(`CREATE INDEX supervision_record_problems_problem ON issues.supervision_record_problems (problem_id)`);

    // Evidence belongs to a problem or to a supervision record, never both.
    await q.query(`ALTER TABLE issues.evidence_files ALTER COLUMN problem_id DROP NOT NULL`);
    await q.query(`ALTER TABLE issues.evidence_files ADD COLUMN supervision_record_id uuid REFERENCES issues.supervision_records(id)`);
    await q.query(`ALTER TABLE issues.evidence_files ADD CONSTRAINT evidence_one_owner CHECK ((problem_id IS NULL) <> (supervision_record_id IS NULL))`);
    await q.query(`CREATE INDEX evidence_supervision_record ON issues.evidence_files (supervision_record_id) WHERE supervision_record_id IS NOT NULL`);

    // 书面说明: asked by the Supervision Division (with a reply date) or sent unasked by the enterprise.
    await q.query(`CREATE TABLE issues.explanations (
      id uuid PRIMARY KEY,
      enterprise_code text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('requested', 'unsolicited')),
      topic text NOT NULL,
      details text,
      status text NOT NULL CHECK (status IN ('requested', 'overdue', 'answered')),
      reply_by date,
      confidential boolean NOT NULL,
      requested_by uuid,
      requested_by_name text,
      requested_at timestamptz,
      answer_content text,
      answer_causes text,
      answered_by_name text,
      answered_at timestamptz,
      answered_late boolean,
      guidance text,
      guidance_by_name text,
      guidance_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (kind = 'unsolicited' OR reply_by IS NOT NULL),
      CHECK (status <> 'answered' OR (answer_content IS NOT NULL AND answer_causes IS NOT NULL))
    )`);
    await q.query(`CREATE INDEX explanations_enterprise ON issues.explanations (enterprise_code, created_at DESC)`);
    await q.query(`CREATE INDEX explanations_status ON issues.explanations (status) WHERE status <> 'answered'`);
    await q.query(`CREATE TABLE issues.explanation_problems (
      explanation_id uuid NOT NULL REFERENCES issues.explanations(id),
      problem_id uuid NOT NULL REFERENCES issues.problems(id),
      PRIMARY KEY (explanation_id, problem_id)
    )`);

    // 督办情况汇总分析: one row per run, with its data and its Word document.
    await q.query(`CREATE TABLE issues.supervision_summaries (
      id uuid PRIMARY KEY,
      run_key text NOT NULL UNIQUE,
      month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      generated_at timestamptz NOT NULL,
      data jsonb NOT NULL,
      file_name text NOT NULL,
      document bytea NOT NULL,
      sha256 text NOT NULL
    )`);
    await q.query(`CREATE INDEX supervision_summaries_month ON issues.supervision_summaries (month DESC, generated_at DESC)`);

    // Every change to a record, an explanation or a summary: who, role, when, why. Append-only;
    // `key` makes a retried activity write its event once.
    await q.query(`CREATE TABLE issues.supervision_events (
      id bigserial PRIMARY KEY,
      subject_type text NOT NULL CHECK (subject_type IN ('record', 'explanation', 'summary')),
      subject_id uuid NOT NULL,
      kind text NOT NULL,
      key text NOT NULL UNIQUE,
      actor_id text,
      actor_name text,
      actor_role text,
      reason text,
      payload jsonb NOT NULL DEFAULT '{}',
      at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX supervision_events_subject ON issues.supervision_events (subject_type, subject_id, id)`);
    await q.query(`CREATE FUNCTION issues.refuse_supervision_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'issues.supervision_events is append-only'; END $$`);
    await q.query(`CREATE TRIGGER supervision_events_append_only BEFORE UPDATE OR DELETE ON issues.supervision_events
      FOR EACH ROW EXECUTE FUNCTION issues.refuse_supervision_event_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE issues.supervision_events`);
    await q.query(`DROP FUNCTION issues.refuse_supervision_event_change()`);
    await q.query(`DROP TABLE issues.supervision_summaries`);
    await q.query(`DROP TABLE issues.explanation_problems`);
    await q.query(`DROP TABLE issues.explanations`);
    await q.query(`DROP INDEX issues.evidence_supervision_record`);
    await q.query(`ALTER TABLE issues.evidence_files DROP CONSTRAINT evidence_one_owner`);
    await q.query(`ALTER TABLE issues.evidence_files DROP COLUMN supervision_record_id`);
    await q.query(`ALTER TABLE issues.evidence_files ALTER COLUMN problem_id SET NOT NULL`);
    await q.query(`DROP TABLE issues.supervision_record_problems`);
    await q.query(`DROP TABLE issues.supervision_records`);
  }
}
