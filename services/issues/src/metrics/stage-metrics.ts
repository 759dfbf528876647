import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { STAGES } from '@rectify/domain';
import { metricsRegistry, scrapeQuery } from '@rectify/platform';

const OPEN_PROBLEMS = 'rectify_open_problems';

/**
 * Open problems (not closed out) by stage, counted at scrape time over the stage index; every
 * open stage is reported, 0 when empty. Totals only: no enterprise, no problem.
 */
@Injectable()
export class StageMetrics implements OnModuleInit, OnModuleDestroy {
  constructor(private readonly db: DataSource) {}

  onModuleInit(): void {
    const byStage = scrapeQuery<{ stage: string; n: string }>(this.db, `SELECT stage, count(*) AS n FROM issues.problems WHERE stage <> 'closed' GROUP BY stage`);
    new Gauge({
      name: OPEN_PROBLEMS,
      help: 'Problems not yet closed out, by stage',
      labelNames: ['stage'] as const,
      registers: [metricsRegistry],
      async collect() {
        const rows = await byStage();
        for (const stage of STAGES.filter((s) => s !== 'closed')) this.set({ stage }, Number(rows.find((r) => r.stage === stage)?.n ?? 0));
      },
    });
  }

  onModuleDestroy(): void {
    metricsRegistry.removeSingleMetric(OPEN_PROBLEMS);
  }
}
