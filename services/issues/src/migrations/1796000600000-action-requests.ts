import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a user asked, kept in the database before a workflow hears of it: the payload, reason and
 * signer's name of a stage action or a decision. Workflows receive only the request's id and the
 * policy facts a rule needs, so no problem text reaches Temporal's histories. A request is written
 * once and never changed (append-only); `idempotency_key` makes a retried request the same one.
 * `notice_request_texts` is the issues service's published view of them for the notifications
 * service's notice texts.
 */
export class ActionRequests1796000600000 implements MigrationInterface {
  name = 'ActionRequests1796000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE issues.action_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      subject_type text NOT NULL CHECK (subject_type IN ('problem', 'separate_project', 'upward_report')),
      subject_id uuid NOT NULL,
      action text NOT NULL,
      actor_id uuid NOT NULL,
      actor_name text,
      actor_role text NOT NULL,
      payload jsonb NOT NULL,
      reason text,
      idempotency_key text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX action_requests_subject ON issues.action_requests (subject_type, subject_id)`);
    await q.query(`CREATE UNIQUE INDEX action_requests_idempotency ON issues.action_requests (actor_id, idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await q.query(`CREATE TRIGGER action_requests_append_only BEFORE UPDATE OR DELETE ON issues.action_requests
      FOR EACH ROW EXECUTE FUNCTION issues.refuse_change()`);
    // The event that carried a request out: one at most (a retried request finds it).
    await q.query(`ALTER TABLE issues.problem_events ADD COLUMN request_id uuid REFERENCES issues.action_requests(id)`);
    await q.query(`CREATE UNIQUE INDEX problem_events_request ON issues.problem_events (request_id) WHERE request_id IS NOT NULL`);
    await q.query(`CREATE VIEW issues.notice_request_texts AS SELECT id AS request_id, subject_type, subject_id, payload, reason FROM issues.action_requests`);
    // An explanation's notices read its topic here: the explanation workflow carries ids and dates only.
    await q.query(`CREATE VIEW issues.notice_explanation_facts AS SELECT id AS explanation_id, enterprise_code, topic, confidential FROM issues.explanations`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW issues.notice_explanation_facts`);
    await q.query(`DROP VIEW issues.notice_request_texts`);
    await q.query(`ALTER TABLE issues.problem_events DROP COLUMN request_id`);
    await q.query(`DROP TABLE issues.action_requests`);
  }
}
