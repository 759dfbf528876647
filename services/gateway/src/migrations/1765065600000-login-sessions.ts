import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed-login counters shared by every gateway instance, and login sessions with hashed refresh
 * tokens; deactivating a user ends its sessions.
 */
export class LoginSessions1765065600000 implements MigrationInterface {
  name = 'LoginSessions1765065600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE identity.login_throttle (
      key text PRIMARY KEY,
      failures integer NOT NULL,
      last_failure_at timestamptz NOT NULL,
      blocked_until timestamptz NOT NULL
    )`);
    await q.query(`CREATE TABLE identity.sessions (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES identity.users(id),
      refresh_hash bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      refreshed_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_reason text
    )`);
    await q.query(`CREATE INDEX sessions_open_by_user ON identity.sessions (user_id) WHERE revoked_at IS NULL`);
    await q.query(`CREATE FUNCTION identity.end_sessions_of_deactivated_user() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE identity.sessions SET revoked_at = now(), revoked_reason = 'user-deactivated'
         WHERE user_id = NEW.id AND revoked_at IS NULL;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER users_deactivated AFTER UPDATE OF active ON identity.users
      FOR EACH ROW WHEN (OLD.active AND NOT NEW.active) EXECUTE FUNCTION identity.end_sessions_of_deactivated_user()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_deactivated ON identity.users`);
    await q.query(`DROP FUNCTION identity.end_sessions_of_deactivated_user()`);
    await q.query(`DROP TABLE identity.sessions`);
    await q.query(`DROP TABLE identity.login_throttle`);
  }
}
