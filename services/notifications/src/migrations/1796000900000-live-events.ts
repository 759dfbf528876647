import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createLiveEventsTable, dropLiveEventsTable } from '@rectify/platform';

/**
 * Live events of the notifications schema (docs/web.md, "Live updates"): an inbox item created or
 * read, for its recipient only — the item's id, never its title or body.
 */
export class LiveEvents1796000900000 implements MigrationInterface {
  name = 'LiveEvents1796000900000';

  async up(q: QueryRunner): Promise<void> {
    await createLiveEventsTable(q, 'notifications');
    await q.query(`CREATE FUNCTION notifications.live_inbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND (NEW.read_at IS NULL) = (OLD.read_at IS NULL) THEN RETURN NULL; END IF;
        PERFORM notifications.live_emit('inbox', NULL, false, NEW.user_id, NULL,
          jsonb_build_object('itemId', NEW.id::text, 'read', NEW.read_at IS NOT NULL));
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER inbox_items_live AFTER INSERT OR UPDATE ON notifications.inbox_items
      FOR EACH ROW EXECUTE FUNCTION notifications.live_inbox()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER inbox_items_live ON notifications.inbox_items`);
    await q.query(`DROP FUNCTION notifications.live_inbox()`);
    await dropLiveEventsTable(q, 'notifications');
  }
}
