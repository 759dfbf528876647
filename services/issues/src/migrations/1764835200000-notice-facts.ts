import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Published, read-only view of what a notice about a problem needs (title, enterprise,
 * responsibility). The notifications service reads it, so problem texts never travel through
 * workflow histories, which are not encrypted.
 */
export class NoticeFacts1764835200000 implements MigrationInterface {
  name = 'NoticeFacts1764835200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE VIEW issues.notice_facts AS
      SELECT id AS problem_id, ledger_no, title, enterprise_code, confidentiality, deadline, stage, responsibility
      FROM issues.problems`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW issues.notice_facts`);
  }
}
