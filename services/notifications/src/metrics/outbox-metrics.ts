import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { metricsRegistry, scrapeQuery } from '@rectify/platform';

const BACKLOG = 'rectify_email_outbox_backlog';
const OLDEST = 'rectify_email_outbox_oldest_age_seconds';

/**
 * The e-mail outbox, read at scrape time: how many e-mails wait to be sent (pending, or claimed
 * and being sent) and the age of the oldest of them — one aggregate over the unsent rows.
 */
@Injectable()
export class OutboxMetrics implements OnModuleInit, OnModuleDestroy {
  constructor(private readonly db: DataSource) {}

  onModuleInit(): void {
    const outbox = scrapeQuery<{ backlog: string; oldest: number | null }>(
      this.db,
      `SELECT count(*) AS backlog, extract(epoch FROM now() - min(created_at))::float8 AS oldest
         FROM notifications.email_outbox WHERE status IN ('pending', 'sending')`,
    );
    new Gauge({
      name: BACKLOG,
      help: 'E-mails in the outbox not yet sent (pending or being sent)',
      registers: [metricsRegistry],
      async collect() {
        this.set(Number((await outbox())[0]?.backlog ?? 0));
      },
    });
    new Gauge({
      name: OLDEST,
      help: 'Age in seconds of the oldest e-mail in the outbox not yet sent (0 when none waits)',
      registers: [metricsRegistry],
      async collect() {
        this.set(Math.max(0, (await outbox())[0]?.oldest ?? 0));
      },
    });
  }

  onModuleDestroy(): void {
    metricsRegistry.removeSingleMetric(BACKLOG);
    metricsRegistry.removeSingleMetric(OLDEST);
  }
}
