import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, ValidateBy } from 'class-validator';
import { DataSource } from 'typeorm';
import type { Principal } from '@rectify/contracts';
import { isLocalDate } from '@rectify/domain';
import { CurrentUser, Roles } from '@rectify/platform';
import { GROUPINGS, indicatorSql, type Grouping } from './indicator-sql.js';
import { assessmentScope, INDICATOR_READERS } from './scope.js';

const IsDate = () => ValidateBy({ name: 'isDate', validator: { validate: (v: unknown) => isLocalDate(v), defaultMessage: (a) => `${a?.property} 必须是真实存在的日期，格式 YYYY-MM-DD` } });

export class IndicatorQuery {
  @ApiProperty({ example: '2026-01-01' }) @IsDate() from!: string;
  @ApiProperty({ example: '2026-12-31' }) @IsDate() to!: string;
  @ApiPropertyOptional({ enum: Object.keys(GROUPINGS), default: 'enterprise' })
  @IsOptional() @IsIn(Object.keys(GROUPINGS), { message: `groupBy 必须是 ${Object.keys(GROUPINGS).join('、')} 之一` })
  groupBy?: Grouping;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Z0-9-]{2,20}$/, { message: 'enterpriseCode 必须是企业编码' }) enterpriseCode?: string;
}

/**
 * GET /indicators: SPEC §10's indicators per enterprise, source or category for a period, computed in
 * PostgreSQL — live and within what the reader may count (`basis: 'live-per-reader'`); the official
 * figures are the published ones (/publications).
 */
@ApiTags('indicators')
@ApiBearerAuth()
@Controller('indicators')
export class IndicatorsController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @Roles(...INDICATOR_READERS)
  async indicators(@Query() q: IndicatorQuery, @CurrentUser() user: Principal) {
    if (q.from > q.to) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: ['to: 结束日期不能早于开始日期'], fields: [{ field: 'to', reasons: ['结束日期不能早于开始日期'] }] });
    const { sql, params } = indicatorSql(q.groupBy ?? 'enterprise', { from: q.from, to: q.to, ...assessmentScope(user, q.enterpriseCode) });
    return { basis: 'live-per-reader' as const, from: q.from, to: q.to, groupBy: q.groupBy ?? 'enterprise', rows: await this.db.query(sql, params) };
  }
}
