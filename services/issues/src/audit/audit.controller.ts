import { Controller, Get, NotFoundException, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { LEDGER_NO, ROLES, type Principal } from '@rectify/contracts';
import { verifyTrail } from '@rectify/activities';
import { CurrentUser, Roles } from '@rectify/platform';
import { LedgerRepository } from '../problems/ledger.repository.js';

export class VerifyQuery {
  @ApiPropertyOptional({ description: '只校验这一个问题；省略则校验整个台账' })
  @IsOptional() @Matches(LEDGER_NO, { message: 'ledgerNo 必须是台账编号，如 E001-2026-00001' })
  ledgerNo?: string;
}

/** GET /audit/verify: recomputes the hash chain of the audit trail and reports every break. */
@ApiTags('audit trail')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly db: DataSource,
    private readonly ledger: LedgerRepository,
  ) {}

  @Get('verify')
  @Roles(ROLES.SUPERVISION_OFFICER, ROLES.SUPERVISION_LEAD, ROLES.DISCIPLINE_GROUP, ROLES.OPERATOR)
  async verify(@Query() query: VerifyQuery, @CurrentUser() user: Principal) {
    let ids: string[] | null = null;
    if (query.ledgerNo) {
      const rows: { id: string }[] = await this.db.query('SELECT id FROM issues.problems WHERE ledger_no = $1', [query.ledgerNo]);
      if (!rows[0] || (user.role !== ROLES.OPERATOR && !(await this.ledger.visible(query.ledgerNo, user)))) {
        throw new NotFoundException(`问题 ${query.ledgerNo} 不存在`);
      }
      ids = [rows[0].id];
    }
    const verdict = await this.db.transaction('REPEATABLE READ', (tx) => verifyTrail(tx, ids));
    return { intact: verdict.breaks.length === 0, ...verdict };
  }
}
