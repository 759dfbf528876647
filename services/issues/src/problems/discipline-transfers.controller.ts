import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { ROLES, type Principal } from '@rectify/contracts';
import { CurrentUser, PageQuery, queryPage, Roles } from '@rectify/platform';
import { visibilityRule } from './visibility.js';

const STATUSES = ['pending', 'accepted', 'declined'] as const;

export class TransferListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES, description: '待受理 pending（默认）、已受理 accepted、不予受理 declined' })
  @IsOptional() @IsIn(STATUSES, { message: 'status 必须是 pending、accepted 或 declined' })
  status?: (typeof STATUSES)[number];
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
    const rule = visibilityRule(user, 2);
    return queryPage(
      this.db,
      {
        select: `t.id::text AS id, p.ledger_no AS "ledgerNo", p.title, p.enterprise_code AS "enterpriseCode", t.status,
                t.transferred_by AS "transferredBy", t.transferred_at AS "transferredAt", t.accepted_on::text AS "acceptedOn"`,
        from: `issues.discipline_transfers t JOIN issues.problems p ON p.id = t.problem_id WHERE t.status = $1 AND ${rule.sql}`,
        orderBy: 't.transferred_at, t.id',
        params: [q.status ?? 'pending', ...rule.params],
      },
      q,
    );
  }
}
