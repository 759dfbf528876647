import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Notices (one per event, unique by idempotency key), the in-app inbox and the e-mail outbox. */
export class Notifications1764835200000 implements MigrationInterface {
  name = 'Notifications1764835200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE notifications.notices (
      id bigserial PRIMARY KEY,
      key text NOT NULL UNIQUE,
      type text NOT NULL,
      problem_id uuid,
      ledger_no text,
      enterprise_code text,
      subject text NOT NULL,
      recipients int NOT NULL,
      status text NOT NULL CHECK (status IN ('queued', 'undeliverable')),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX notices_ledger ON notifications.notices (ledger_no)`);
    await q.query(`CREATE INDEX notices_undeliverable ON notifications.notices (created_at) WHERE status = 'undeliverable'`);
    await q.query(`CREATE TABLE notifications.inbox_items (
      id bigserial PRIMARY KEY,
      notice_id bigint NOT NULL REFERENCES notifications.notices(id),
      user_id uuid NOT NULL,
      type text NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      link text,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      UNIQUE (notice_id, user_id)
    )`);
    await q.query(`CREATE INDEX inbox_user ON notifications.inbox_items (user_id, created_at DESC)`);
    await q.query(`CREATE INDEX inbox_unread ON notifications.inbox_items (user_id) WHERE read_at IS NULL`);
    await q.query(`CREATE TABLE notifications.email_outbox (
      id bigserial PRIMARY KEY,
      notice_id bigint NOT NULL REFERENCES notifications.notices(id),
      user_id uuid NOT NULL,
      to_address text NOT NULL,
      subject text NOT NULL,
      text_body text NOT NULL,
      html_body text NOT NULL,
      message_id text NOT NULL UNIQUE,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
      attempts int NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_error text,
      sent_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (notice_id, user_id)
    )`);
    await q.query(`CREATE INDEX outbox_due ON notifications.email_outbox (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE TABLE notifications.preferences (
      user_id uuid NOT NULL,
      type text NOT NULL,
      email_enabled boolean NOT NULL,
      PRIMARY KEY (user_id, type)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['preferences', 'email_outbox', 'inbox_items', 'notices']) await q.query(`DROP TABLE notifications.${t}`);
  }
}
