import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Client } from '@temporalio/client';
import { Public } from '../auth/decorators.js';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module.js';
import { ACTIVITY_WORKER } from './health.tokens.js';
import type { ActivityWorker } from '../temporal/activity-worker.js';

/** GET /health: the database, the Temporal frontend and, where the service has one, its activity worker. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Optional() @Inject(ACTIVITY_WORKER) private readonly worker?: ActivityWorker,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 3000 }),
      async () => {
        const session = this.indicators.check('temporal');
        try {
          await this.temporal.connection.ensureConnected();
          await this.temporal.workflowService.getSystemInfo({});
          return session.up();
        } catch (err) {
          return session.down({ message: String(err) });
        }
      },
      async () => {
        const session = this.indicators.check('activityWorker');
        if (!this.worker) return session.up({ taskQueue: 'none' });
        const state = this.worker.state;
        return state === 'RUNNING' ? session.up({ state }) : session.down({ state });
      },
    ]);
  }
}
