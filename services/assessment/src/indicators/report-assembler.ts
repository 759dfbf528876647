import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PROBLEM_SOURCES, type Principal, type ProblemSource } from '@rectify/contracts';
import { scoreEnterprise, TRIGGERS, type ScoringPolicy, type TriggerCode } from '@rectify/domain';
import type { IndicatorRow, LabelledRow, ReportData } from '../reports/index.js';
import { indicatorSql, type Grouping } from './indicator-sql.js';
import { assessmentScope, scopeSql } from './scope.js';
import { SCORING } from './scores.controller.js';

/** Gathers everything a report shows for a period, within what the caller may count. */
@Injectable()
export class ReportAssembler {
  constructor(
    private readonly db: DataSource,
    @Inject(SCORING) private readonly scoring: ScoringPolicy,
  ) {}

  private async rows(groupBy: Grouping, from: string, to: string, user: Principal): Promise<IndicatorRow[]> {
    const { sql, params } = indicatorSql(groupBy, { from, to, ...assessmentScope(user) });
    return this.db.query(sql, params);
  }

  async assemble(title: string, from: string, to: string, user: Principal): Promise<ReportData> {
    const [all, byEnterprise, bySource, byCategory] = await Promise.all([
      this.rows('all', from, to, user),
      this.rows('enterprise', from, to, user),
      this.rows('source', from, to, user),
      this.rows('category', from, to, user),
    ]);
    const names: { code: string; name: string }[] = await this.db.query('SELECT code, name FROM identity.enterprise_directory');
    const scope = scopeSql(assessmentScope(user), 3);
    const cases: { trigger: TriggerCode; count: number }[] = await this.db.query(
      `SELECT trigger, count(*)::int AS count FROM issues.accountability_facts WHERE opened_on BETWEEN $1::date AND $2::date${scope.sql} GROUP BY trigger`,
      [from, to, ...scope.params],
    );
    const empty: IndicatorRow = {
      group: 'all', due: 0, completed: 0, onTime: 0, overdue: 0, partial: 0, notRectified: 0, closed: 0, amountDue: '0.00', amountCompleted: '0.00',
      rectificationRate: null, rectificationRateByAmount: null, onTimeRate: null, meanDaysToCompletion: null, closeOutRate: null, accountabilityCases: 0,
    };
    const enterpriseName = (code: string) => names.find((n) => n.code === code)?.name ?? code;
    const label = (rows: IndicatorRow[], name: (g: string) => string): LabelledRow[] => rows.map((r) => ({ ...r, label: name(r.group) }));
    return {
      title,
      period: { from, to },
      generatedAt: new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }),
      totals: all[0] ?? empty,
      byEnterprise: label(byEnterprise, enterpriseName),
      bySource: label(bySource, (g) => PROBLEM_SOURCES[g as ProblemSource] ?? g),
      byCategory: label(byCategory, (g) => g),
      accountability: (Object.keys(TRIGGERS) as TriggerCode[]).map((t) => ({ trigger: t, label: TRIGGERS[t], count: cases.find((c) => c.trigger === t)?.count ?? 0 })),
      scores: byEnterprise.map((r) => ({ enterpriseCode: r.group, enterpriseName: enterpriseName(r.group), ...scoreEnterprise(r, this.scoring) })),
    };
  }
}
