import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@rectify/contracts';
import { recordCaseEvent } from './case-events.js';
import { CaseRepository, defaultAssessmentYear } from './case.repository.js';
import type { AssessmentMarkDto, CloseCaseDto } from './case.dto.js';

/** The case's place in the leaders' annual performance assessment, and its closing. */
@Injectable()
export class CaseLifecycleService {
  constructor(
    private readonly db: DataSource,
    private readonly cases: CaseRepository,
  ) {}

  /** 纳入当年企业领导人员业绩考核: the year of opening, or the next (a case opened at the year's end). */
  async markAssessment(id: string, dto: AssessmentMarkDto, user: Principal): Promise<void> {
    await this.db.transaction(async (tx) => {
      const c = await this.cases.visible(id, user, tx, true);
      if (c.status === 'closed') throw new ConflictException('问责案件已结案');
      const opened = defaultAssessmentYear(new Date(c.opened_at));
      if (dto.year !== opened && dto.year !== opened + 1) throw new UnprocessableEntityException(`year：应为启动问责当年（${opened}）或次年（${opened + 1}）`);
      await tx.query(
        'UPDATE issues.accountability_cases SET assessment_year = $2, assessment_note = $3, assessment_marked_by = $4, assessment_marked_at = now() WHERE id = $1',
        [c.id, dto.year, dto.note ?? null, user.displayName],
      );
      await recordCaseEvent(tx, c, user, 'markAssessment', dto.reason ?? dto.note ?? null, { year: dto.year, previousYear: c.assessment_year ?? opened });
    });
  }

  /** The supervision lead closes a case whose measures were issued. */
  async close(id: string, dto: CloseCaseDto, user: Principal): Promise<void> {
    await this.db.transaction(async (tx) => {
      const c = await this.cases.visible(id, user, tx, true);
      if (c.status === 'closed') throw new ConflictException('问责案件已结案');
      if (c.status !== 'measures_issued') throw new ConflictException('尚未下达问责措施，不能结案');
      await tx.query(`UPDATE issues.accountability_cases SET status = 'closed', closed_by = $2, closed_at = now(), close_reason = $3 WHERE id = $1`, [c.id, user.displayName, dto.reason]);
      await recordCaseEvent(tx, c, user, 'closeCase', dto.reason, {});
    });
  }
}
