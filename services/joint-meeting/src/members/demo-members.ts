import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MemberKind } from '@rectify/contracts';
import { APP_CONFIG } from '@rectify/platform';
import type { JointMeetingConfig } from '../config.js';

/**
 * The member units of the demo organisation (the gateway seeds their users under the same codes).
 * A published directory of the identity schema's member units would make this list unnecessary.
 */
export const DEMO_MEMBERS: { code: string; name: string; kind: MemberKind }[] = [
  { code: 'U-REFORM', name: '企业改革处', kind: 'division' },
  { code: 'U-PROPERTY', name: '产权管理处', kind: 'division' },
  { code: 'U-DISCIPLINE', name: '驻委纪检组', kind: 'discipline' },
];

/** With SEED_DEMO=true, makes sure the demo member units are registered (never overwrites). */
@Injectable()
export class DemoMembers implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoMembers.name);

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: JointMeetingConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO) return;
    for (const [i, m] of DEMO_MEMBERS.entries()) {
      await this.db.query('INSERT INTO joint_meeting.members (code, name, kind, sort_order) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [m.code, m.name, m.kind, i + 1]);
    }
    this.logger.log(`demo member units present: ${DEMO_MEMBERS.length}`);
  }
}
