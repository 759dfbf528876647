import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PROBLEM_SOURCES, type ProblemSource } from '@rectify/contracts';
import { scoreEnterprise, TRIGGERS, type ScoringPolicy, type TriggerCode } from '@rectify/domain';
import type { IndicatorRow, LabelledRow, ReportData } from '../reports/index.js';
import { indicatorSql, type Grouping } from './indicator-sql.js';
import { scopeSql, type AssessmentScope } from './scope.js';
import { SCORING } from './scoring.token.js';

/** What a report counts: a reader's scope (live reports), or every problem (a published year). */
export interface ReportBasis {
  scope: AssessmentScope;
  /** Count accountability cases by their assessment year rather than by opening date. */
  casesInYear?: number;
  /** The instant the report stands for (ISO); now by default. */
  generatedAt?: string;
  publication?: ReportData['publication'];
}

/** Where the statements run: the pool, or a transaction that sees one snapshot (a publication). */
export type Queryable = Pick<DataSource, 'query'>;

/** Gathers everything a report shows for a period, within what the basis may count. */
@Injectable()
export class ReportAssembler {
  constructor(
    private readonly db: DataSource,
    @Inject(SCORING) private readonly scoring: ScoringPolicy,
  ) {}

  private async rows(q: Queryable, groupBy: Grouping, from: string, to: string, basis: ReportBasis): Promise<IndicatorRow[]> {
    const { sql, params } = indicatorSql(groupBy, { from, to, ...basis.scope, casesInYear: basis.casesInYear });
    return q.query(sql, params);
  }

  async assemble(title: string, from: string, to: string, basis: ReportBasis, q: Queryable = this.db): Promise<ReportData> {
    // On the pool the four groupings run at once; inside a transaction (one connection, a
    // publication) one after another: a connection takes one query at a time.
    const groupings: Grouping[] = ['all', 'enterprise', 'source', 'category'];
    const [all, byEnterprise, bySource, byCategory] =
      q === this.db
        ? await Promise.all(groupings.map((g) => this.rows(q, g, from, to, basis)))
        : await groupings.reduce<Promise<IndicatorRow[][]>>(async (done, g) => [...(await done), await this.rows(q, g, from, to, basis)], Promise.resolve([]));
    const names: { code: string; name: string }[] = await q.query('SELECT code, name FROM identity.enterprise_directory');
    const cases = await this.casesByTrigger(q, from, to, basis);
    const empty: IndicatorRow = {
      group: 'all', due: 0, completed: 0, onTime: 0, overdue: 0, partial: 0, notRectified: 0, closed: 0, amountDue: '0.00', amountCompleted: '0.00',
      rectificationRate: null, rectificationRateByAmount: null, onTimeRate: null, meanDaysToCompletion: null, closeOutRate: null, accountabilityCases: 0,
    };
    const enterpriseName = (code: string) => names.find((n) => n.code === code)?.name ?? code;
    const label = (rows: IndicatorRow[], name: (g: string) => string): LabelledRow[] => rows.map((r) => ({ ...r, label: name(r.group) }));
    return {
      title,
      period: { from, to },
      generatedAt: basis.generatedAt ?? new Date().toISOString(),
      ...(basis.publication ? { publication: basis.publication } : {}),
      totals: all[0] ?? empty,
      byEnterprise: label(byEnterprise, enterpriseName),
      bySource: label(bySource, (g) => PROBLEM_SOURCES[g as ProblemSource] ?? g),
      byCategory: label(byCategory, (g) => g),
      accountability: (Object.keys(TRIGGERS) as TriggerCode[]).map((t) => ({ trigger: t, label: TRIGGERS[t], count: cases.find((c) => c.trigger === t)?.count ?? 0 })),
      scores: byEnterprise.map((r) => ({ enterpriseCode: r.group, enterpriseName: enterpriseName(r.group), ...scoreEnterprise(r, this.scoring) })),
    };
  }

  private async casesByTrigger(q: Queryable, from: string, to: string, basis: ReportBasis): Promise<{ trigger: TriggerCode; count: number }[]> {
    const byYear = basis.casesInYear !== undefined;
    const scope = scopeSql(basis.scope, byYear ? 2 : 3);
    return q.query(
      `SELECT trigger, count(*)::int AS count FROM issues.accountability_facts
       WHERE ${byYear ? 'assessment_year = $1' : 'opened_on BETWEEN $1::date AND $2::date'}${scope.sql} GROUP BY trigger`,
      byYear ? [basis.casesInYear, ...scope.params] : [from, to, ...scope.params],
    );
  }
}
