import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import type { Principal } from '@rectify/contracts';
import { TRIGGERS } from '@rectify/domain';
import { CurrentUser } from '@rectify/platform';
import { visibilityRule } from '../problems/visibility.js';

/** GET /accountability-cases: the cases opened by the triggers T1–T4 on problems the caller may see. */
@ApiTags('accountability')
@ApiBearerAuth()
@Controller('accountability-cases')
export class CasesController {
  constructor(private readonly db: DataSource) {}

  @Get()
  async list(@CurrentUser() user: Principal) {
    const rule = visibilityRule(user, 1);
    const rows: { trigger: keyof typeof TRIGGERS }[] = await this.db.query(
      `SELECT c.id, p.ledger_no AS "ledgerNo", p.enterprise_code AS "enterpriseCode", c.trigger, c.cause, c.status, c.opened_at AS "openedAt"
       FROM issues.accountability_cases c JOIN issues.problems p ON p.id = c.problem_id
       WHERE ${rule.sql} ORDER BY c.opened_at DESC, c.id DESC LIMIT 500`,
      rule.params,
    );
    return rows.map((r) => ({ ...r, triggerLabel: TRIGGERS[r.trigger] }));
  }
}
