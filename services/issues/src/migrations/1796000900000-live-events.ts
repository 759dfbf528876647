import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createLiveEventsTable, dropLiveEventsTable } from '@rectify/platform';

/**
 * Live events of the issues schema (docs/web.md, "Live updates"): a problem registered or its
 * stage, outcome, overdue mark or deadline changed; a new trail event; an accountability case
 * opened or moved on. Triggers write them in the transaction of the change; ids and values only.
 */
export class LiveEvents1796000900000 implements MigrationInterface {
  name = 'LiveEvents1796000900000';

  async up(q: QueryRunner): Promise<void> {
    await createLiveEventsTable(q, 'issues');
    await q.query(`CREATE FUNCTION issues.live_problem() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.stage IS NOT DISTINCT FROM OLD.stage AND NEW.outcome IS NOT DISTINCT FROM OLD.outcome
           AND NEW.overdue = OLD.overdue AND NEW.deadline = OLD.deadline AND NEW.confidentiality = OLD.confidentiality THEN
          RETURN NULL;
        END IF;
        PERFORM issues.live_emit('problem', NEW.enterprise_code, NEW.confidentiality = 'confidential', NULL, NULL,
          jsonb_build_object('ledgerNo', NEW.ledger_no, 'stage', NEW.stage, 'outcome', NEW.outcome, 'overdue', NEW.overdue, 'deadline', NEW.deadline));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER problems_live AFTER INSERT OR UPDATE ON issues.problems
      FOR EACH ROW EXECUTE FUNCTION issues.live_problem()`);

    await q.query(`CREATE FUNCTION issues.live_trail() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE p record;
      BEGIN
        SELECT ledger_no, enterprise_code, confidentiality INTO p FROM issues.problems WHERE id = NEW.problem_id;
        PERFORM issues.live_emit('trail', p.enterprise_code, p.confidentiality = 'confidential', NULL, NULL,
          jsonb_build_object('ledgerNo', p.ledger_no, 'seq', NEW.seq, 'kind', NEW.kind, 'action', NEW.action));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER problem_events_live AFTER INSERT ON issues.problem_events
      FOR EACH ROW EXECUTE FUNCTION issues.live_trail()`);

    await q.query(`CREATE FUNCTION issues.live_case() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE p record;
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.status = OLD.status AND NEW.event_count = OLD.event_count THEN RETURN NULL; END IF;
        SELECT ledger_no, enterprise_code, confidentiality INTO p FROM issues.problems WHERE id = NEW.problem_id;
        PERFORM issues.live_emit('case', p.enterprise_code, p.confidentiality = 'confidential', NULL, NULL,
          jsonb_build_object('caseId', NEW.id::text, 'ledgerNo', p.ledger_no, 'trigger', NEW.trigger, 'status', NEW.status, 'eventCount', NEW.event_count));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER accountability_cases_live AFTER INSERT OR UPDATE ON issues.accountability_cases
      FOR EACH ROW EXECUTE FUNCTION issues.live_case()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER accountability_cases_live ON issues.accountability_cases`);
    await q.query(`DROP TRIGGER problem_events_live ON issues.problem_events`);
    await q.query(`DROP TRIGGER problems_live ON issues.problems`);
    await q.query(`DROP FUNCTION issues.live_case(), issues.live_trail(), issues.live_problem()`);
    await dropLiveEventsTable(q, 'issues');
  }
}
