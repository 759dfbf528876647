import { ApplicationFailure } from '@temporalio/activity';
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { MONTH_PATTERN } from '@rectify/contracts';
import { localDateOf, type Policy } from '@rectify/domain';
import { buildSupervisionSummaryDocument, summaryAnalysis } from './supervision-summary-document.js';
import { querySupervisionSummary } from './supervision-summary-query.js';
import type { SupervisionSummaryData } from './supervision-summary-data.js';
import { appendSupervisionEvent } from './supervision-events.js';

export interface SupervisionSummaryRequest {
  /** The run's workflow id: one summary per run, however often the activity is retried. */
  runKey: string;
  /** 'YYYY-MM' */
  month: string;
  /** Wall instant the counts are taken at. */
  asOfMs: number;
  policy: Pick<Policy, 'slowProgressDays' | 'utcOffsetMinutes'>;
}

export interface SupervisionSummaryResult {
  summaryId: string;
  month: string;
  monthLabel: string;
  created: boolean;
  enterprises: number;
  visits: number;
  overdue: number;
  slow: number;
}

export interface SupervisionSummaryActivityDeps {
  db: DataSource;
}

const result = (id: string, created: boolean, d: Pick<SupervisionSummaryData, 'month' | 'monthLabel' | 'totals'>): SupervisionSummaryResult => ({
  summaryId: id,
  month: d.month,
  monthLabel: d.monthLabel,
  created,
  enterprises: d.totals.enterprises,
  visits: d.totals.visits,
  overdue: d.totals.overdue,
  slow: d.totals.slow,
});

/** The summary activity, hosted by the issues service on queue `issues`. */
export function createSupervisionSummaryActivities({ db }: SupervisionSummaryActivityDeps) {
  return {
    /** Computes the month's summary, renders its Word document and stores both, once per run key. */
    async produceSupervisionSummary(req: SupervisionSummaryRequest): Promise<SupervisionSummaryResult> {
      if (!MONTH_PATTERN.test(req.month)) throw ApplicationFailure.nonRetryable(`month ${req.month} is not YYYY-MM`, 'InvalidSummary');
      const existing: { id: string; data: SupervisionSummaryData }[] = await db.query('SELECT id, data FROM issues.supervision_summaries WHERE run_key = $1', [req.runKey]);
      if (existing[0]) return result(existing[0].id, false, existing[0].data);

      const asOfIso = new Date(req.asOfMs).toISOString();
      const counted = await querySupervisionSummary(db, { month: req.month, asOf: localDateOf(req.asOfMs, req.policy), asOfIso, slowProgressDays: req.policy.slowProgressDays });
      const data: SupervisionSummaryData = { ...counted, generatedAt: asOfIso, analysis: summaryAnalysis(counted) };
      const document = await buildSupervisionSummaryDocument(data);
      const id = randomUUID();
      const fileName = `督办情况汇总分析-${req.month}.docx`;
      return db.transaction(async (tx) => {
        const inserted: { id: string }[] = await tx.query(
          `INSERT INTO issues.supervision_summaries (id, run_key, month, generated_at, data, file_name, document, sha256)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (run_key) DO NOTHING RETURNING id`,
          [id, req.runKey, req.month, asOfIso, JSON.stringify(data), fileName, document, createHash('sha256').update(document).digest('hex')],
        );
        if (!inserted[0]) {
          const raced: { id: string }[] = await tx.query('SELECT id FROM issues.supervision_summaries WHERE run_key = $1', [req.runKey]);
          return result(raced[0]!.id, false, data);
        }
        await appendSupervisionEvent(tx, {
          subjectType: 'summary', subjectId: id, kind: 'generated', key: `${req.runKey}:generated`,
          actorId: null, actorName: null, actorRole: null, reason: null,
          payload: { runKey: req.runKey, month: req.month, totals: data.totals }, at: asOfIso,
        });
        return result(id, true, data);
      });
    },
  };
}

export type SupervisionSummaryActivities = ReturnType<typeof createSupervisionSummaryActivities>;
