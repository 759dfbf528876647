import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Published, read-only views for the assessment service: one row per problem with what the
 * indicators count (no texts), and the accountability cases. The assessment service computes its
 * indicators on these in SQL; the tables stay the issues service's.
 */
export class AssessmentFacts1765008000000 implements MigrationInterface {
  name = 'AssessmentFacts1765008000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE VIEW issues.assessment_facts AS
      SELECT id AS problem_id, enterprise_code, source, category, confidentiality, amount, corrected_amount,
             doc_issue_date AS issue_date, deadline, registered_at, stage, outcome, overdue, extended,
             (completed_at AT TIME ZONE 'Asia/Shanghai')::date AS completed_on,
             (closed_at AT TIME ZONE 'Asia/Shanghai')::date AS closed_on
      FROM issues.problems`);
    await q.query(`CREATE VIEW issues.accountability_facts AS
      SELECT c.id, c.problem_id, p.enterprise_code, p.source, p.category, p.confidentiality, c.trigger,
             (c.opened_at AT TIME ZONE 'Asia/Shanghai')::date AS opened_on
      FROM issues.accountability_cases c JOIN issues.problems p ON p.id = c.problem_id`);
    await q.query(`CREATE INDEX problems_assessment ON issues.problems (deadline, enterprise_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX issues.problems_assessment`);
    await q.query(`DROP VIEW issues.accountability_facts`);
    await q.query(`DROP VIEW issues.assessment_facts`);
  }
}
