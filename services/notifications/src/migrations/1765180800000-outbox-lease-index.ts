import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The dispatcher checks for expired leases twice a second: a partial index keeps that off the whole outbox. */
export class OutboxLeaseIndex1765180800000 implements MigrationInterface {
  name = 'OutboxLeaseIndex1765180800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX outbox_leased ON notifications.email_outbox (next_attempt_at) WHERE status = 'sending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications.outbox_leased`);
  }
}
