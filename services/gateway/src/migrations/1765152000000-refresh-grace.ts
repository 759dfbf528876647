import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The refresh token a session replaced stays good for a short grace (REFRESH_REUSE_GRACE_SECONDS):
 * a refresh whose answer was lost (a page reloaded or navigated while it was in flight) can be
 * repeated instead of ending the session as if the token had been copied.
 */
export class RefreshGrace1765152000000 implements MigrationInterface {
  name = 'RefreshGrace1765152000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.sessions ADD COLUMN previous_hash bytea, ADD COLUMN previous_valid_until timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE identity.sessions DROP COLUMN previous_hash, DROP COLUMN previous_valid_until`);
  }
}
