import type { MigrationInterface, QueryRunner } from 'typeorm';

/** notice_facts also says whether a problem is overdue or closed (for the weekly digest). */
export class NoticeFactsOverdue1764921600000 implements MigrationInterface {
  name = 'NoticeFactsOverdue1764921600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE VIEW issues.notice_facts AS
      SELECT id AS problem_id, ledger_no, title, enterprise_code, confidentiality, deadline, stage, responsibility, overdue
      FROM issues.problems`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW issues.notice_facts`);
    await q.query(`CREATE VIEW issues.notice_facts AS
      SELECT id AS problem_id, ledger_no, title, enterprise_code, confidentiality, deadline, stage, responsibility
      FROM issues.problems`);
  }
}
