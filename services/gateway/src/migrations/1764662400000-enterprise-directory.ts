import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A published, read-only view of the enterprises for the other services (the issues service checks
 * an enterprise code against it at registration). The table itself stays the gateway's.
 */
export class EnterpriseDirectory1764662400000 implements MigrationInterface {
  name = 'EnterpriseDirectory1764662400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE VIEW identity.enterprise_directory AS SELECT code, name FROM identity.enterprises`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW identity.enterprise_directory`);
  }
}
