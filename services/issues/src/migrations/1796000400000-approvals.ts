import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The party committee's two approvals (policy 第十条, 第十三条): separate-project proposals,
 * upward-report proposals, the reports produced after approval and their dispatch, and one
 * append-only log of every step of both (who, role, when, why).
 */
export class Approvals1796000400000 implements MigrationInterface {
  name = 'Approvals1796000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE issues.separate_projects (
      id uuid PRIMARY KEY,
      origin_problem_id uuid NOT NULL REFERENCES issues.problems(id),
      enterprise_code text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('verification', 'audit', 'asset_loss_investigation')),
      title text NOT NULL,
      clue text NOT NULL,
      reasons text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
      workflow_id text NOT NULL UNIQUE,
      proposed_by text NOT NULL,
      proposed_by_name text NOT NULL,
      proposed_by_role text NOT NULL,
      proposed_at timestamptz NOT NULL,
      decided_by text,
      decided_by_name text,
      decided_at timestamptz,
      decision_reason text,
      approval_number text
    )`);
    await q.query(`CREATE INDEX separate_projects_origin ON issues.separate_projects (origin_problem_id)`);
    await q.query(`CREATE INDEX separate_projects_proposed ON issues.separate_projects (proposed_at DESC)`);

    await q.query(`CREATE TABLE issues.upward_report_proposals (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      problem_id uuid NOT NULL REFERENCES issues.problems(id),
      workflow_id text NOT NULL UNIQUE,
      ground text NOT NULL CHECK (ground IN ('N1', 'N2', 'opinion_rejected')),
      problem_event_seq int NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
      proposed_at timestamptz NOT NULL,
      decided_by text,
      decided_by_name text,
      decided_at timestamptz,
      decision_reason text,
      document_number text
    )`);
    await q.query(`CREATE INDEX upward_report_proposals_problem ON issues.upward_report_proposals (problem_id)`);

    // Produced only after the party committee approved: a rejected proposal has no row here.
    await q.query(`CREATE TABLE issues.upward_reports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      proposal_id uuid NOT NULL UNIQUE REFERENCES issues.upward_report_proposals(id),
      document_number text NOT NULL,
      title text NOT NULL,
      docx bytea NOT NULL,
      produced_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE TABLE issues.upward_report_dispatches (
      id bigserial PRIMARY KEY,
      report_id uuid NOT NULL REFERENCES issues.upward_reports(id),
      recipient text NOT NULL,
      document_number text NOT NULL,
      dispatched_by text NOT NULL,
      dispatched_by_name text NOT NULL,
      dispatched_by_role text NOT NULL,
      dispatched_at timestamptz NOT NULL,
      UNIQUE (report_id, recipient)
    )`);

    await q.query(`CREATE TABLE issues.approval_events (
      id bigserial PRIMARY KEY,
      key text NOT NULL UNIQUE,
      subject_type text NOT NULL CHECK (subject_type IN ('separate_project', 'upward_report')),
      subject_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('proposed', 'reminder', 'approved', 'rejected', 'produced', 'dispatched')),
      actor_id text,
      actor_name text,
      actor_role text,
      reason text,
      payload jsonb NOT NULL DEFAULT '{}',
      at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX approval_events_subject ON issues.approval_events (subject_id, id)`);
    await q.query(`CREATE FUNCTION issues.refuse_approval_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'issues.approval_events is append-only'; END $$`);
    await q.query(`CREATE TRIGGER approval_events_append_only BEFORE UPDATE OR DELETE ON issues.approval_events
      FOR EACH ROW EXECUTE FUNCTION issues.refuse_approval_event_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE issues.approval_events`);
    await q.query(`DROP FUNCTION issues.refuse_approval_event_change()`);
    await q.query(`DROP TABLE issues.upward_report_dispatches`);
    await q.query(`DROP TABLE issues.upward_reports`);
    await q.query(`DROP TABLE issues.upward_report_proposals`);
    await q.query(`DROP TABLE issues.separate_projects`);
  }
}
