import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Principal } from '@rectify/contracts';
import type { Policy } from '@rectify/domain';
import { appendSupervisionEvent } from '@rectify/activities';
import { POLICY } from '@rectify/platform';
import { LinkedProblems } from './linked-problems.js';
import type { CreateVisitDto } from './supervision.dto.js';

/** Records on-site visits (入户督办) as supervision records linked to the problems they covered. */
@Injectable()
export class VisitRecordsService {
  constructor(
    private readonly db: DataSource,
    private readonly linked: LinkedProblems,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  async record(body: CreateVisitDto, user: Principal): Promise<string> {
    this.linked.notInFuture('visitDate', body.visitDate, this.policy);
    return this.db.transaction(async (tx) => {
      await this.linked.enterpriseName(body.enterpriseCode, tx);
      const problems = await this.linked.resolve(body.enterpriseCode, body.ledgerNos, tx);
      const id = randomUUID();
      const confidential = problems.some((p) => p.confidentiality === 'confidential');
      const topics = { organisation: body.topics.organisation, plan: body.topics.plan, decisions: body.topics.decisions, progress: body.topics.progress, results: body.topics.results };
      await tx.query(
        `INSERT INTO issues.supervision_records (id, enterprise_code, visit_date, team, topics, findings, confidential, recorded_by, recorded_by_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, body.enterpriseCode, body.visitDate, body.team, JSON.stringify(topics), body.findings, confidential, user.sub, user.displayName],
      );
      await tx.query(
        'INSERT INTO issues.supervision_record_problems (record_id, problem_id) SELECT $1, unnest($2::uuid[])',
        [id, problems.map((p) => p.id)],
      );
      await appendSupervisionEvent(tx, {
        subjectType: 'record', subjectId: id, kind: 'recorded', key: `record:${id}:recorded`,
        actorId: user.sub, actorName: user.displayName, actorRole: user.role, reason: body.reason ?? null,
        payload: { enterpriseCode: body.enterpriseCode, visitDate: body.visitDate, ledgerNos: problems.map((p) => p.ledger_no) },
        at: new Date().toISOString(),
      });
      return id;
    });
  }

  /** Notes an evidence file added to the record in its event log. */
  async evidenceAdded(recordId: string, file: { id: string; fileName: string; sha256: string }, user: Principal): Promise<void> {
    await appendSupervisionEvent(this.db.manager, {
      subjectType: 'record', subjectId: recordId, kind: 'evidence_added', key: `record:${recordId}:evidence:${file.id}`,
      actorId: user.sub, actorName: user.displayName, actorRole: user.role, reason: null,
      payload: { evidenceId: file.id, fileName: file.fileName, sha256: file.sha256 }, at: new Date().toISOString(),
    });
  }
}
