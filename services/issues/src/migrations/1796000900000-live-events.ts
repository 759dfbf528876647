import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createLiveEventsTable, createLiveTrigger, dropLiveEventsTable, dropLiveTrigger, type LiveTrigger } from '@rectify/platform';

const PROBLEM_OF_ROW = `p record;`;
const LOAD_PROBLEM = `SELECT ledger_no, enterprise_code, confidentiality INTO p FROM issues.problems WHERE id = NEW.problem_id;`;

const TRIGGERS: LiveTrigger[] = [
  {
    schema: 'issues', table: 'problems', on: 'INSERT OR UPDATE', fn: 'live_problem',
    body: `
      IF TG_OP = 'UPDATE' AND NEW.stage IS NOT DISTINCT FROM OLD.stage AND NEW.outcome IS NOT DISTINCT FROM OLD.outcome
         AND NEW.overdue = OLD.overdue AND NEW.deadline = OLD.deadline AND NEW.confidentiality = OLD.confidentiality THEN
        RETURN NULL;
      END IF;
      PERFORM issues.live_emit('problem', NEW.enterprise_code, NEW.confidentiality = 'confidential', NULL, NULL,
        jsonb_build_object('ledgerNo', NEW.ledger_no, 'stage', NEW.stage, 'outcome', NEW.outcome, 'overdue', NEW.overdue, 'deadline', NEW.deadline));
      RETURN NULL;`,
  },
  {
    schema: 'issues', table: 'problem_events', on: 'INSERT', fn: 'live_trail', declare: PROBLEM_OF_ROW,
    body: `
      ${LOAD_PROBLEM}
      PERFORM issues.live_emit('trail', p.enterprise_code, p.confidentiality = 'confidential', NULL, NULL,
        jsonb_build_object('ledgerNo', p.ledger_no, 'seq', NEW.seq, 'kind', NEW.kind, 'action', NEW.action));
      RETURN NULL;`,
  },
  {
    schema: 'issues', table: 'accountability_cases', on: 'INSERT OR UPDATE', fn: 'live_case', declare: PROBLEM_OF_ROW,
    body: `
      IF TG_OP = 'UPDATE' AND NEW.status = OLD.status AND NEW.event_count = OLD.event_count THEN RETURN NULL; END IF;
      ${LOAD_PROBLEM}
      PERFORM issues.live_emit('case', p.enterprise_code, p.confidentiality = 'confidential', NULL, NULL,
        jsonb_build_object('caseId', NEW.id::text, 'ledgerNo', p.ledger_no, 'trigger', NEW.trigger, 'status', NEW.status, 'eventCount', NEW.event_count));
      RETURN NULL;`,
  },
];

/**
 * Live events of the issues schema (docs/web.md, "Live updates"): a problem registered or its
 * stage, outcome, overdue mark or deadline changed; a new trail event; an accountability case
 * opened or moved on. Triggers write them in the transaction of the change; ids and values only.
 */
export class LiveEvents1796000900000 implements MigrationInterface {
  name = 'LiveEvents1796000900000';

  async up(q: QueryRunner): Promise<void> {
    await createLiveEventsTable(q, 'issues');
    for (const t of TRIGGERS) await createLiveTrigger(q, t);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [...TRIGGERS].reverse()) await dropLiveTrigger(q, t);
    await dropLiveEventsTable(q, 'issues');
  }
}
