import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createLiveEventsTable, createLiveTrigger, dropLiveEventsTable, dropLiveTrigger, type LiveTrigger } from '@rectify/platform';

const PUSH_TARGET: LiveTrigger = {
  schema: 'joint_meeting', table: 'push_targets', on: 'INSERT OR UPDATE', fn: 'live_push_target',
  body: `
    IF TG_OP = 'UPDATE' AND NEW.status = OLD.status AND NEW.overdue = OLD.overdue
       AND NEW.revising IS NOT DISTINCT FROM OLD.revising AND NEW.version = OLD.version THEN
      RETURN NULL;
    END IF;
    PERFORM joint_meeting.live_emit('push', NULL, false, NULL, NEW.unit_code,
      jsonb_build_object('pushNo', (SELECT push_no FROM joint_meeting.pushes WHERE id = NEW.push_id),
        'unitCode', NEW.unit_code, 'status', NEW.status, 'overdue', NEW.overdue));
    RETURN NULL;`,
};

/**
 * Live events of the joint_meeting schema (docs/web.md, "Live updates"): a push's status for one
 * member unit (new, drafting, awaiting approval, answered, overdue) — push number, unit and values.
 */
export class LiveEvents1796000900000 implements MigrationInterface {
  name = 'LiveEvents1796000900000';

  async up(q: QueryRunner): Promise<void> {
    await createLiveEventsTable(q, 'joint_meeting');
    await createLiveTrigger(q, PUSH_TARGET);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropLiveTrigger(q, PUSH_TARGET);
    await dropLiveEventsTable(q, 'joint_meeting');
  }
}
