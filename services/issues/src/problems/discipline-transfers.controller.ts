import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { ROLES, type Principal } from '@rectify/contracts';
import { CurrentUser, Roles } from '@rectify/platform';
import { visibilityRule } from './visibility.js';

const STATUSES = ['pending', 'accepted', 'declined'] as const;

export class TransferListQuery {
  @ApiPropertyOptional({ enum: STATUSES, description: '待受理 pending（默认）、已受理 accepted、不予受理 declined' })
  @IsOptional() @IsIn(STATUSES, { message: 'status 必须是 pending、accepted 或 declined' })
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'page 必须是整数' }) @Min(1, { message: 'page 最小为 1' }) @Max(10_000, { message: 'page 最大为 10000' })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'pageSize 必须是整数' }) @Min(1, { message: 'pageSize 最小为 1' }) @Max(200, { message: 'pageSize 最大为 200' })
  pageSize?: number;
}

/**
 * Transfers to discipline inspection (移送纪检) across problems: 纪检组's list of what waits for its
 * decision, and the Supervision Division's view of what it sent. Narrowed by the ledger's
 * visibility rule like every problem read.
 */
@ApiTags('discipline transfers')
@ApiBearerAuth()
@Controller('discipline-transfers')
export class DisciplineTransfersController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @Roles(ROLES.DISCIPLINE_GROUP, ROLES.SUPERVISION_OFFICER, ROLES.SUPERVISION_LEAD)
  @ApiOperation({ summary: '移送纪检事项（默认：待纪检组受理的）' })
  async list(@Query() q: TransferListQuery, @CurrentUser() user: Principal) {
    const status = q.status ?? 'pending';
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const from = 'FROM issues.discipline_transfers t JOIN issues.problems p ON p.id = t.problem_id WHERE t.status = $1';
    const pageRule = visibilityRule(user, 4);
    const countRule = visibilityRule(user, 2);
    const [items, count] = await Promise.all([
      this.db.query(
        `SELECT t.id::text AS id, p.ledger_no AS "ledgerNo", p.title, p.enterprise_code AS "enterpriseCode", t.status,
                t.transferred_by AS "transferredBy", t.transferred_at AS "transferredAt", t.accepted_on::text AS "acceptedOn"
         ${from} AND ${pageRule.sql} ORDER BY t.transferred_at, t.id LIMIT $2 OFFSET $3`,
        [status, pageSize, (page - 1) * pageSize, ...pageRule.params],
      ),
      this.db.query(`SELECT count(*)::int AS total ${from} AND ${countRule.sql}`, [status, ...countRule.params]),
    ]);
    return { items, total: (count[0] as { total: number }).total, page, pageSize };
  }
}
