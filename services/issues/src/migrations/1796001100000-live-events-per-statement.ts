import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LIVE_CHANNEL } from '@rectify/contracts';

/**
 * The live events of new problems and new trail events (docs/web.md, "Live updates") are written
 * once per INSERT statement instead of once per row: an imported ledger writes 5 000 problems and
 * their 5 000 first trail events in one statement, and the row triggers cost two PL/pgSQL calls, a
 * problem look-up by id and two single-row INSERTs per problem (docs/ledger.md). The statement
 * triggers read the statement's new rows (a transition table) and write the same live_events rows
 * — same kind, enterprise, 涉密 flag and data, in the order the rows were written — with one
 * INSERT … SELECT and one NOTIFY (none when the statement wrote no row). A problem's changes
 * (UPDATE) keep their row trigger, unchanged.
 */
export class LiveEventsPerStatement1796001100000 implements MigrationInterface {
  name = 'LiveEventsPerStatement1796001100000';

  async up(q: QueryRunner): Promise<void> {
    // live_problem() stays: it now serves updates only.
    await q.query(`DROP TRIGGER live_problem ON issues.problems`);
    await q.query(`CREATE TRIGGER live_problem AFTER UPDATE ON issues.problems FOR EACH ROW EXECUTE FUNCTION issues.live_problem()`);
    await createStatementTrigger(q, 'problems', 'live_problems_inserted', `
        SELECT 'problem', i.enterprise_code, i.confidentiality = 'confidential',
          jsonb_build_object('ledgerNo', i.ledger_no, 'stage', i.stage, 'outcome', i.outcome, 'overdue', i.overdue, 'deadline', i.deadline)
        FROM inserted i`);

    await q.query(`DROP TRIGGER live_trail ON issues.problem_events`);
    await q.query(`DROP FUNCTION issues.live_trail()`);
    // (LATERAL: a look-up per new event, in the order the events were written)
    await createStatementTrigger(q, 'problem_events', 'live_trail', `
        SELECT 'trail', p.enterprise_code, coalesce(p.confidentiality = 'confidential', false),
          jsonb_build_object('ledgerNo', p.ledger_no, 'seq', e.seq, 'kind', e.kind, 'action', e.action)
        FROM inserted e
        LEFT JOIN LATERAL (SELECT ledger_no, enterprise_code, confidentiality FROM issues.problems WHERE id = e.problem_id) p ON true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER live_trail ON issues.problem_events`);
    await q.query(`DROP FUNCTION issues.live_trail()`);
    await q.query(`CREATE FUNCTION issues.live_trail() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE p record;
      BEGIN
        SELECT ledger_no, enterprise_code, confidentiality INTO p FROM issues.problems WHERE id = NEW.problem_id;
        PERFORM issues.live_emit('trail', p.enterprise_code, p.confidentiality = 'confidential', NULL, NULL,
          jsonb_build_object('ledgerNo', p.ledger_no, 'seq', NEW.seq, 'kind', NEW.kind, 'action', NEW.action));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER live_trail AFTER INSERT ON issues.problem_events FOR EACH ROW EXECUTE FUNCTION issues.live_trail()`);
    await q.query(`DROP TRIGGER live_problems_inserted ON issues.problems`);
    await q.query(`DROP FUNCTION issues.live_problems_inserted()`);
    await q.query(`DROP TRIGGER live_problem ON issues.problems`);
    await q.query(`CREATE TRIGGER live_problem AFTER INSERT OR UPDATE ON issues.problems FOR EACH ROW EXECUTE FUNCTION issues.live_problem()`);
  }
}

/**
 * `issues.<fn>()` after each INSERT statement on `issues.<table>`: writes the live events `select`
 * makes of the statement's new rows (transition table `inserted`: kind, enterprise, 涉密 flag, data)
 * and wakes the gateways once, not at all when the statement wrote no row.
 */
async function createStatementTrigger(q: QueryRunner, table: string, fn: string, select: string): Promise<void> {
  await q.query(`CREATE FUNCTION issues.${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE n bigint;
      BEGIN
        INSERT INTO issues.live_events (kind, enterprise_code, confidential, data)${select};
        GET DIAGNOSTICS n = ROW_COUNT;
        IF n > 0 THEN PERFORM pg_notify('${LIVE_CHANNEL}', 'issues'); END IF;
        RETURN NULL;
      END $$`);
  await q.query(`CREATE TRIGGER ${fn} AFTER INSERT ON issues.${table}
      REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION issues.${fn}()`);
}
