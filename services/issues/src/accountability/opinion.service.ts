import { ConflictException, ForbiddenException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SIGNOFF_PARTIES, SIGNOFF_PARTY_OF, type Principal, type SignoffParty } from '@rectify/contracts';
import { recordCaseEvent } from './case-events.js';
import { CaseRepository } from './case.repository.js';
import type { OpinionDto, SignOffDto } from './case.dto.js';

/**
 * The handling opinion (处理意见) of §12: drafted by the Supervision Division, signed by it and by
 * 纪检组. Every edit is a new version, which needs both sign-offs again; once a measure has been
 * issued on it the opinion stands.
 */
@Injectable()
export class OpinionService {
  constructor(
    private readonly db: DataSource,
    private readonly cases: CaseRepository,
  ) {}

  async draft(id: string, dto: OpinionDto, user: Principal): Promise<void> {
    await this.db.transaction(async (tx) => {
      const c = await this.cases.visible(id, user, tx, true);
      if (c.status === 'closed') throw new ConflictException('问责案件已结案，处理意见不能再修改');
      if (c.status === 'measures_issued') throw new ConflictException('已依据处理意见下达问责措施，处理意见不能再修改');
      const version = c.opinion_version + 1;
      await tx.query(
        `INSERT INTO issues.accountability_opinions (case_id, version, findings, responsibility, proposed_measures, drafted_by, drafted_by_name, drafted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
        [c.id, version, dto.findings, dto.responsibility, dto.proposedMeasures, user.sub, user.displayName],
      );
      await tx.query(`UPDATE issues.accountability_cases SET opinion_version = $2, status = 'opinion_drafted' WHERE id = $1`, [c.id, version]);
      const voided = c.status === 'opinion_signed' || (c.opinion_version > 0 && (await this.cases.signoffs(c.id, c.opinion_version, tx)).length > 0);
      await recordCaseEvent(tx, c, user, 'draftOpinion', dto.reason ?? null, { version, proposedMeasures: dto.proposedMeasures, voidedSignOffsOfVersion: voided ? c.opinion_version : null });
    });
  }

  async signOff(id: string, dto: SignOffDto, user: Principal): Promise<void> {
    const party: SignoffParty | undefined = SIGNOFF_PARTY_OF[user.role];
    if (!party) throw new ForbiddenException('只有监督处和纪检组可以会签处理意见');
    await this.db.transaction(async (tx) => {
      const c = await this.cases.visible(id, user, tx, true);
      if (c.status === 'closed') throw new ConflictException('问责案件已结案');
      if (c.opinion_version === 0) throw new ConflictException('处理意见尚未起草，不能会签');
      if (dto.version !== c.opinion_version) throw new ConflictException(`处理意见已修改为第 ${c.opinion_version} 版，请审阅当前版本后再会签`);
      const signed = await this.cases.signoffs(c.id, c.opinion_version, tx);
      if (signed.some((s) => s.party === party)) throw new ConflictException(`${SIGNOFF_PARTIES[party]}已会签第 ${c.opinion_version} 版处理意见`);
      await tx.query(
        `INSERT INTO issues.accountability_signoffs (case_id, version, party, signed_by, signed_by_name, signed_role, signed_at, comment)
         VALUES ($1, $2, $3, $4, $5, $6, now(), $7)`,
        [c.id, c.opinion_version, party, user.sub, user.displayName, user.role, dto.comment ?? null],
      );
      const both = signed.length + 1 === Object.keys(SIGNOFF_PARTIES).length;
      if (both) await tx.query(`UPDATE issues.accountability_cases SET status = 'opinion_signed' WHERE id = $1`, [c.id]);
      await recordCaseEvent(tx, c, user, 'signOpinion', dto.comment ?? null, { version: c.opinion_version, party, fullySigned: both });
    });
  }
}
