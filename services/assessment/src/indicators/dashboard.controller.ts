import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import type { Principal } from '@rectify/contracts';
import { DEFAULT_POLICY, localDateOf } from '@rectify/domain';
import { CurrentUser, Roles } from '@rectify/platform';
import { assessmentScope, INDICATOR_READERS, scopeSql } from './scope.js';

export class TrendQuery {
  @ApiProperty({ example: '2026-01' }) @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'fromMonth 必须是 YYYY-MM' }) fromMonth!: string;
  @ApiProperty({ example: '2026-12' }) @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'toMonth 必须是 YYYY-MM' }) toMonth!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Z0-9-]{2,20}$/, { message: 'enterpriseCode 必须是企业编码' }) enterpriseCode?: string;
}

export class AgeingQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Z0-9-]{2,20}$/, { message: 'enterpriseCode 必须是企业编码' }) enterpriseCode?: string;
}

/** Series for the dashboards: the monthly trend and the ageing of overdue problems. */
@ApiTags('dashboards')
@ApiBearerAuth()
@Controller('dashboard')
@Roles(...INDICATOR_READERS)
export class DashboardController {
  constructor(private readonly db: DataSource) {}

  /** Per month of deadline: due, completed and the rectification rate (null: no data). */
  @Get('trend')
  async trend(@Query() q: TrendQuery, @CurrentUser() user: Principal) {
    if (q.fromMonth > q.toMonth) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['toMonth: 结束月份不能早于开始月份'], fields: [{ field: 'toMonth', reasons: ['结束月份不能早于开始月份'] }] });
    const scope = scopeSql(assessmentScope(user, q.enterpriseCode), 3);
    return this.db.query(
      `WITH months AS (SELECT generate_series(($1 || '-01')::date, ($2 || '-01')::date, interval '1 month')::date AS m)
       SELECT to_char(m, 'YYYY-MM') AS month, count(f.problem_id)::int AS due,
              count(f.problem_id) FILTER (WHERE f.outcome = 'completed')::int AS completed,
              round((count(f.problem_id) FILTER (WHERE f.outcome = 'completed'))::numeric / nullif(count(f.problem_id), 0), 4)::float8 AS "rectificationRate"
       FROM months LEFT JOIN issues.assessment_facts f ON date_trunc('month', f.deadline) = months.m${scope.sql.replace(/ AND /g, ' AND f.')}
       GROUP BY m ORDER BY m`,
      [q.fromMonth, q.toMonth, ...scope.params],
    );
  }

  /** Open problems past their deadline, by days overdue today: 0–30, 31–90, 91–180, >180. */
  @Get('ageing')
  async ageing(@Query() q: AgeingQuery, @CurrentUser() user: Principal) {
    const today = localDateOf(Date.now(), DEFAULT_POLICY);
    const scope = scopeSql(assessmentScope(user, q.enterpriseCode), 2);
    const rows: { bucket: string; count: number }[] = await this.db.query(
      `SELECT CASE WHEN age <= 30 THEN '0-30' WHEN age <= 90 THEN '31-90' WHEN age <= 180 THEN '91-180' ELSE '>180' END AS bucket, count(*)::int AS count
       FROM (SELECT ($1::date - deadline) AS age FROM issues.assessment_facts
             WHERE deadline < $1::date AND outcome IS DISTINCT FROM 'completed' AND stage <> 'closed'${scope.sql}) overdue
       GROUP BY 1`,
      [today, ...scope.params],
    );
    return ['0-30', '31-90', '91-180', '>180'].map((bucket) => ({ bucket, count: rows.find((r) => r.bucket === bucket)?.count ?? 0 }));
  }
}
