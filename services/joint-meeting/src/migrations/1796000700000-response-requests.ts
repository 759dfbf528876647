import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A member unit's response step as asked (the opinion and resolution of a draft, the leader's
 * comment on a return, the signer's name), stored before the push workflow hears of it: the
 * workflow receives the request's id only, so no response text reaches Temporal's histories.
 * Written once, never changed. `notice_response_texts` is the view the notifications service reads.
 */
export class ResponseRequests1796000700000 implements MigrationInterface {
  name = 'ResponseRequests1796000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE joint_meeting.response_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      push_id uuid NOT NULL REFERENCES joint_meeting.pushes(id),
      unit_code text NOT NULL,
      step text NOT NULL,
      actor_id uuid NOT NULL,
      actor_name text,
      actor_role text NOT NULL,
      opinion text,
      resolution text,
      attachment_ids uuid[] NOT NULL DEFAULT '{}',
      comment text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX response_requests_push ON joint_meeting.response_requests (push_id, unit_code)`);
    await q.query(`CREATE FUNCTION joint_meeting.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'joint_meeting.% is append-only', TG_TABLE_NAME; END $$`);
    await q.query(`CREATE TRIGGER response_requests_append_only BEFORE UPDATE OR DELETE ON joint_meeting.response_requests
      FOR EACH ROW EXECUTE FUNCTION joint_meeting.refuse_change()`);
    await q.query(`CREATE VIEW joint_meeting.notice_response_texts AS
      SELECT id AS request_id, push_id, unit_code, actor_name, comment FROM joint_meeting.response_requests`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW joint_meeting.notice_response_texts`);
    await q.query(`DROP TABLE joint_meeting.response_requests`);
    await q.query(`DROP FUNCTION joint_meeting.refuse_change()`);
  }
}
