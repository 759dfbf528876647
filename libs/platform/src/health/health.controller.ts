import { Controller, Get, Inject, Optional, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Client } from '@temporalio/client';
import { Public } from '../auth/decorators.js';
import { TEMPORAL_CLIENT } from '../temporal/temporal.module.js';
import { ACTIVITY_WORKER } from './health.tokens.js';
import type { ActivityWorker } from '../temporal/activity-worker.js';

/** An activity worker in one of these states will not poll again in this process: only a restart helps. */
const DEAD_WORKER_STATES = ['FAILED', 'STOPPED'];

/**
 * Probes. GET /health (and /health/ready), readiness: the database, the Temporal frontend and,
 * where the service has one, its activity worker — an outage of a dependency takes the pod out of
 * traffic. GET /health/live, liveness: only what a restart of this process would cure (it answers,
 * and its activity worker has not stopped for good) — an outage of PostgreSQL or Temporal, however
 * long, restarts nothing.
 */
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

  @Get('live')
  @Public()
  live() {
    const worker = this.worker?.state ?? 'none';
    if (DEAD_WORKER_STATES.includes(worker)) throw new ServiceUnavailableException({ status: 'error', info: { process: { status: 'up' }, activityWorker: { status: 'down', state: worker } } });
    return { status: 'ok', info: { process: { status: 'up', uptimeSeconds: Math.round(process.uptime()) }, activityWorker: { status: 'up', state: worker } } };
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  ready() {
    return this.check();
  }

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
