import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '@rectify/platform';
import type { GatewayConfig } from '../config.js';
import { DEMO_ENTERPRISES, DEMO_MEMBER_UNITS, DEMO_USERS } from './demo-data.js';
import { hashPassword } from './password.js';

/** With SEED_DEMO=true, makes sure the demo enterprises, units and users exist (never overwrites). */
@Injectable()
export class DemoSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeed.name);

  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO) return;
    const passwordHash = await hashPassword(this.config.DEMO_PASSWORD);
    await this.db.transaction(async (tx) => {
      for (const e of DEMO_ENTERPRISES) {
        await tx.query(`INSERT INTO identity.enterprises (code, name) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [e.code, e.name]);
      }
      for (const u of DEMO_MEMBER_UNITS) {
        await tx.query(`INSERT INTO identity.member_units (code, name) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [u.code, u.name]);
      }
      for (const u of DEMO_USERS) {
        await tx.query(
          `INSERT INTO identity.users (username, display_name, password_hash, role, enterprise_code, unit_code, department, email)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (username) DO NOTHING`,
          [u.username, u.displayName, passwordHash, u.role, u.enterpriseCode ?? null, u.unitCode ?? null, u.department ?? null, `${u.username}@rectify.local`],
        );
      }
    });
    this.logger.log(`demo data present: ${DEMO_USERS.length} users, ${DEMO_ENTERPRISES.length} enterprises`);
  }
}
