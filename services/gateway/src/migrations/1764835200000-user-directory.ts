import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Published, read-only view of the users for the notifications service (recipients, e-mail). */
export class UserDirectory1764835200000 implements MigrationInterface {
  name = 'UserDirectory1764835200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE VIEW identity.user_directory AS
      SELECT id, username, display_name, role, enterprise_code, unit_code, department, email
      FROM identity.users WHERE active`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW identity.user_directory`);
  }
}
