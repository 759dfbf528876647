import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The joint meeting (§11): member units, written pushes and their targets, response versions,
 * attachments, notices with read receipts, meetings, the outside coordination log, special reports,
 * and one append-only event log. Two read-only views are published for the notifications service.
 */
export class JointMeeting1796000100000 implements MigrationInterface {
  name = 'JointMeeting1796000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE joint_meeting.members (
      code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9-]{2,20}$'),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('division', 'discipline')),
      sort_order int NOT NULL DEFAULT 0,
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE joint_meeting.meetings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      held_on date NOT NULL,
      title text NOT NULL,
      attendees jsonb NOT NULL,
      agenda text NOT NULL,
      minutes text NOT NULL,
      decisions jsonb NOT NULL,
      recorded_by text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE joint_meeting.push_counters (year int PRIMARY KEY, last int NOT NULL)`);
    await q.query(`CREATE TABLE joint_meeting.pushes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      push_no text NOT NULL UNIQUE,
      subject text NOT NULL,
      content text NOT NULL,
      reply_by date NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
      meeting_id uuid REFERENCES joint_meeting.meetings(id),
      decision_index int,
      created_by uuid NOT NULL,
      created_by_name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      workflow_started boolean NOT NULL DEFAULT false,
      policy jsonb NOT NULL,
      UNIQUE (meeting_id, decision_index)
    )`);
    await q.query(`CREATE INDEX pushes_unstarted ON joint_meeting.pushes (created_at) WHERE NOT workflow_started`);
    await q.query(`CREATE TABLE joint_meeting.push_problems (
      push_id uuid NOT NULL REFERENCES joint_meeting.pushes(id),
      ledger_no text NOT NULL,
      PRIMARY KEY (push_id, ledger_no)
    )`);
    await q.query(`CREATE TABLE joint_meeting.push_targets (
      push_id uuid NOT NULL REFERENCES joint_meeting.pushes(id),
      unit_code text NOT NULL REFERENCES joint_meeting.members(code),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'drafting', 'awaiting_approval', 'answered')),
      overdue boolean NOT NULL DEFAULT false,
      revising text CHECK (revising IN ('drafting', 'awaiting_approval')),
      version int NOT NULL DEFAULT 0,
      first_draft_at timestamptz,
      submitted_at timestamptz,
      answered_at timestamptz,
      overdue_at timestamptz,
      last_reminder_at timestamptz,
      reminders int NOT NULL DEFAULT 0,
      returns int NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (push_id, unit_code)
    )`);
    await q.query(`CREATE INDEX push_targets_unit ON joint_meeting.push_targets (unit_code, push_id)`);
    await q.query(`CREATE TABLE joint_meeting.response_versions (
      push_id uuid NOT NULL,
      unit_code text NOT NULL,
      version int NOT NULL CHECK (version > 0),
      opinion text NOT NULL,
      resolution text NOT NULL,
      attachment_ids uuid[] NOT NULL DEFAULT '{}',
      status text NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
      drafted_by text NOT NULL,
      drafted_at timestamptz NOT NULL,
      submitted_by text,
      submitted_at timestamptz,
      decided_by text,
      decided_at timestamptz,
      decision_comment text,
      PRIMARY KEY (push_id, unit_code, version),
      FOREIGN KEY (push_id, unit_code) REFERENCES joint_meeting.push_targets(push_id, unit_code)
    )`);
    await q.query(`CREATE TABLE joint_meeting.attachments (
      id uuid PRIMARY KEY,
      file_name text NOT NULL,
      content_type text NOT NULL,
      size_bytes bigint NOT NULL,
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      storage_key text NOT NULL,
      uploaded_by uuid NOT NULL,
      uploaded_by_name text NOT NULL,
      uploader_unit text,
      uploaded_at timestamptz NOT NULL DEFAULT now(),
      push_id uuid REFERENCES joint_meeting.pushes(id),
      response_unit text
    )`);
    await q.query(`CREATE TABLE joint_meeting.events (
      id bigserial PRIMARY KEY,
      key text UNIQUE,
      subject_kind text NOT NULL,
      subject_id text NOT NULL,
      unit_code text,
      kind text NOT NULL,
      actor_id text,
      actor_name text,
      actor_role text,
      reason text,
      payload jsonb NOT NULL DEFAULT '{}',
      at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX events_subject ON joint_meeting.events (subject_kind, subject_id, id)`);
    await q.query(`CREATE FUNCTION joint_meeting.refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'joint_meeting.events is append-only'; END $$`);
    await q.query(`CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON joint_meeting.events
      FOR EACH ROW EXECUTE FUNCTION joint_meeting.refuse_event_change()`);
    await q.query(`CREATE TABLE joint_meeting.notices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title text NOT NULL,
      content text NOT NULL,
      ledger_nos text[] NOT NULL DEFAULT '{}',
      published_by uuid NOT NULL,
      published_by_name text NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE joint_meeting.notice_reads (
      notice_id uuid NOT NULL REFERENCES joint_meeting.notices(id),
      user_id uuid NOT NULL,
      user_name text NOT NULL,
      unit_code text,
      read_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (notice_id, user_id)
    )`);
    await q.query(`CREATE TABLE joint_meeting.coordination_log (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      direction text NOT NULL CHECK (direction IN ('in', 'out')),
      counterpart text NOT NULL CHECK (counterpart IN ('audit_office', 'audit_bureau', 'discipline_commission')),
      transferred_on date NOT NULL,
      subject text NOT NULL,
      content text NOT NULL,
      document_no text,
      ledger_nos text[] NOT NULL DEFAULT '{}',
      recorded_by text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE joint_meeting.special_reports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      title text NOT NULL,
      period_from date NOT NULL,
      period_to date NOT NULL,
      summary text NOT NULL,
      facts jsonb NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    // Published for the notifications service, which names pushes and units in its notices.
    await q.query(`CREATE VIEW joint_meeting.push_notice_facts AS SELECT id AS push_id, push_no, subject, reply_by FROM joint_meeting.pushes`);
    await q.query(`CREATE VIEW joint_meeting.member_directory AS SELECT code, name, kind, active FROM joint_meeting.members`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW joint_meeting.member_directory`);
    await q.query(`DROP VIEW joint_meeting.push_notice_facts`);
    for (const t of ['special_reports', 'coordination_log', 'notice_reads', 'notices', 'events', 'attachments', 'response_versions', 'push_targets', 'push_problems', 'pushes', 'push_counters', 'meetings', 'members']) {
      await q.query(`DROP TABLE joint_meeting.${t}`);
    }
    await q.query(`DROP FUNCTION joint_meeting.refuse_event_change()`);
  }
}
