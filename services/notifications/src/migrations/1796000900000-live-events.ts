import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createLiveEventsTable, createLiveTrigger, dropLiveEventsTable, dropLiveTrigger, type LiveTrigger } from '@rectify/platform';

const INBOX: LiveTrigger = {
  schema: 'notifications', table: 'inbox_items', on: 'INSERT OR UPDATE', fn: 'live_inbox',
  body: `
    IF TG_OP = 'UPDATE' AND (NEW.read_at IS NULL) = (OLD.read_at IS NULL) THEN RETURN NULL; END IF;
    PERFORM notifications.live_emit('inbox', NULL, false, NEW.user_id, NULL,
      jsonb_build_object('itemId', NEW.id::text, 'read', NEW.read_at IS NOT NULL));
    RETURN NULL;`,
};

/**
 * Live events of the notifications schema (docs/web.md, "Live updates"): an inbox item created or
 * read, for its recipient only — the item's id, never its title or body.
 */
export class LiveEvents1796000900000 implements MigrationInterface {
  name = 'LiveEvents1796000900000';

  async up(q: QueryRunner): Promise<void> {
    await createLiveEventsTable(q, 'notifications');
    await createLiveTrigger(q, INBOX);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropLiveTrigger(q, INBOX);
    await dropLiveEventsTable(q, 'notifications');
  }
}
