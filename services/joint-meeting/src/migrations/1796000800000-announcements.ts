import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who is told of a publication: a 通报 goes to every member, a 专报 to the Commission 党委, each
 * through an announcement workflow started after the publication is committed. `announced` marks
 * the start (a sweep starts what a Temporal outage left unstarted; rows older than this migration
 * count as announced). The 党委 leaves a read receipt on a 专报, as members do on a 通报, so each
 * has a list of what still waits for them. The views are what the notifications service reads.
 */
export class Announcements1796000800000 implements MigrationInterface {
  name = 'Announcements1796000800000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['notices', 'special_reports']) {
      await q.query(`ALTER TABLE joint_meeting.${table} ADD COLUMN announced boolean NOT NULL DEFAULT true`);
      await q.query(`ALTER TABLE joint_meeting.${table} ALTER COLUMN announced SET DEFAULT false`);
      await q.query(`CREATE INDEX ${table}_unannounced ON joint_meeting.${table} (id) WHERE NOT announced`);
    }
    await q.query(`CREATE TABLE joint_meeting.special_report_reads (
      report_id uuid NOT NULL REFERENCES joint_meeting.special_reports(id),
      user_id uuid NOT NULL,
      user_name text NOT NULL,
      read_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (report_id, user_id)
    )`);
    await q.query(`CREATE VIEW joint_meeting.notice_announcement_facts AS
      SELECT id AS notice_id, title, to_char(published_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS published_on, ledger_nos FROM joint_meeting.notices`);
    await q.query(`CREATE VIEW joint_meeting.special_report_announcement_facts AS
      SELECT id AS report_id, title, to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(period_to, 'YYYY-MM-DD') AS period_to FROM joint_meeting.special_reports`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW joint_meeting.special_report_announcement_facts`);
    await q.query(`DROP VIEW joint_meeting.notice_announcement_facts`);
    await q.query(`DROP TABLE joint_meeting.special_report_reads`);
    for (const table of ['notices', 'special_reports']) {
      await q.query(`DROP INDEX joint_meeting.${table}_unannounced`);
      await q.query(`ALTER TABLE joint_meeting.${table} DROP COLUMN announced`);
    }
  }
}
