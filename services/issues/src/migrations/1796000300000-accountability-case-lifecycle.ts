import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The accountability case after it is opened (§12): the handling opinion in versions, the two
 * sign-offs per version, the measures issued (函告 / 约谈 / 通报), the assessment year, the closing.
 * Opinions, sign-offs and measures are append-only. Trail events written by a service (not by the
 * problem's workflow) carry an `origin` key; see activities/src/issues/trail.ts.
 */
export class AccountabilityCaseLifecycle1796000300000 implements MigrationInterface {
  name = 'AccountabilityCaseLifecycle1796000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE issues.accountability_cases
      ADD COLUMN opinion_version int NOT NULL DEFAULT 0,
      ADD COLUMN event_count int NOT NULL DEFAULT 0,
      ADD COLUMN assessment_year int,
      ADD COLUMN assessment_note text,
      ADD COLUMN assessment_marked_by text,
      ADD COLUMN assessment_marked_at timestamptz,
      ADD COLUMN closed_by text,
      ADD COLUMN closed_at timestamptz,
      ADD COLUMN close_reason text`);
    await q.query(`ALTER TABLE issues.accountability_cases ADD CONSTRAINT accountability_case_status
      CHECK (status IN ('open', 'opinion_drafted', 'opinion_signed', 'measures_issued', 'closed'))`);

    await q.query(`CREATE TABLE issues.accountability_opinions (
      case_id bigint NOT NULL REFERENCES issues.accountability_cases(id),
      version int NOT NULL CHECK (version >= 1),
      findings text NOT NULL,
      responsibility text NOT NULL,
      proposed_measures text[] NOT NULL,
      drafted_by text NOT NULL,
      drafted_by_name text NOT NULL,
      drafted_at timestamptz NOT NULL,
      PRIMARY KEY (case_id, version)
    )`);
    await q.query(`CREATE TABLE issues.accountability_signoffs (
      case_id bigint NOT NULL,
      version int NOT NULL,
      party text NOT NULL CHECK (party IN ('supervision', 'discipline')),
      signed_by text NOT NULL,
      signed_by_name text NOT NULL,
      signed_role text NOT NULL,
      signed_at timestamptz NOT NULL,
      comment text,
      PRIMARY KEY (case_id, version, party),
      FOREIGN KEY (case_id, version) REFERENCES issues.accountability_opinions(case_id, version)
    )`);
    await q.query(`CREATE TABLE issues.accountability_measures (
      id bigserial PRIMARY KEY,
      case_id bigint NOT NULL REFERENCES issues.accountability_cases(id),
      kind text NOT NULL CHECK (kind IN ('letter', 'talk', 'circular')),
      opinion_version int NOT NULL,
      details jsonb NOT NULL,
      issued_by text NOT NULL,
      issued_by_name text NOT NULL,
      issued_role text NOT NULL,
      issued_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX accountability_measures_case ON issues.accountability_measures (case_id, id)`);
    for (const t of ['accountability_opinions', 'accountability_signoffs', 'accountability_measures']) {
      await q.query(`CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON issues.${t} FOR EACH ROW EXECUTE FUNCTION issues.refuse_change()`);
    }

    // Trail events written by a service carry an idempotency key; the workflow's carry 'workflow:<its seq>'.
    await q.query(`ALTER TABLE issues.problem_events ADD COLUMN origin text`);
    await q.query(`CREATE UNIQUE INDEX problem_events_origin ON issues.problem_events (problem_id, origin) WHERE origin IS NOT NULL`);

    // The published view keeps its columns and order, and gains the assessment year, status and measures.
    await q.query(`CREATE OR REPLACE VIEW issues.accountability_facts AS
      SELECT c.id, c.problem_id, p.enterprise_code, p.source, p.category, p.confidentiality, c.trigger,
             (c.opened_at AT TIME ZONE 'Asia/Shanghai')::date AS opened_on,
             coalesce(c.assessment_year, extract(year FROM c.opened_at AT TIME ZONE 'Asia/Shanghai')::int) AS assessment_year,
             c.status,
             (SELECT count(*)::int FROM issues.accountability_measures m WHERE m.case_id = c.id) AS measures_issued
      FROM issues.accountability_cases c JOIN issues.problems p ON p.id = c.problem_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW issues.accountability_facts`);
    await q.query(`CREATE VIEW issues.accountability_facts AS
      SELECT c.id, c.problem_id, p.enterprise_code, p.source, p.category, p.confidentiality, c.trigger,
             (c.opened_at AT TIME ZONE 'Asia/Shanghai')::date AS opened_on
      FROM issues.accountability_cases c JOIN issues.problems p ON p.id = c.problem_id`);
    await q.query(`DROP INDEX issues.problem_events_origin`);
    await q.query(`ALTER TABLE issues.problem_events DROP COLUMN origin`);
    for (const t of ['accountability_measures', 'accountability_signoffs', 'accountability_opinions']) await q.query(`DROP TABLE issues.${t}`);
    await q.query(`ALTER TABLE issues.accountability_cases DROP CONSTRAINT accountability_case_status`);
    await q.query(`ALTER TABLE issues.accountability_cases DROP COLUMN opinion_version, DROP COLUMN event_count, DROP COLUMN assessment_year,
      DROP COLUMN assessment_note, DROP COLUMN assessment_marked_by, DROP COLUMN assessment_marked_at, DROP COLUMN closed_by, DROP COLUMN closed_at, DROP COLUMN close_reason`);
  }
}
