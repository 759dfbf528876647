import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createLiveEventsPrunedMark, dropLiveEventsPrunedMark } from '@rectify/platform';

/** Where the retention job has pruned issues.live_events up to (docs/web.md, "Live updates"). */
export class LiveEventsPruned1796001000000 implements MigrationInterface {
  name = 'LiveEventsPruned1796001000000';

  async up(q: QueryRunner): Promise<void> {
    await createLiveEventsPrunedMark(q, 'issues');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropLiveEventsPrunedMark(q, 'issues');
  }
}
