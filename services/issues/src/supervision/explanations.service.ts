import { ConflictException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { ExplanationStatus, Principal } from '@rectify/contracts';
import { addDays, localDateOf, type Policy } from '@rectify/domain';
import { appendSupervisionEvent } from '@rectify/activities';
import { POLICY } from '@rectify/platform';
import { ExplanationWorkflows } from './explanation-workflows.js';
import { LinkedProblems, type LinkedProblem } from './linked-problems.js';
import type { AnswerExplanationDto, GuidanceDto, RequestExplanationDto, UnsolicitedExplanationDto } from './supervision.dto.js';

const actorOf = (user: Principal) => ({ actorId: user.sub, actorName: user.displayName, actorRole: user.role });

/**
 * Written explanations (书面说明, 第十条): the Supervision Division asks an enterprise for one with
 * a reply date (policy.explanationReplyDays, or the request's own replyDays up to
 * policy.explanationReplyMaxDays), the enterprise answers with the situation and its
 * causes (or sends one unasked), and the officer may then give targeted guidance (针对性指导).
 * Every change is an event in issues.supervision_events; the reply date lives in the workflow.
 */
@Injectable()
export class ExplanationsService {
  constructor(
    private readonly db: DataSource,
    private readonly linked: LinkedProblems,
    private readonly workflows: ExplanationWorkflows,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  private async link(tx: EntityManager, id: string, problems: LinkedProblem[]): Promise<void> {
    await tx.query('INSERT INTO issues.explanation_problems (explanation_id, problem_id) SELECT $1, unnest($2::uuid[])', [id, problems.map((p) => p.id)]);
  }

  async request(body: RequestExplanationDto, user: Principal): Promise<string> {
    const id = randomUUID();
    const requestedAtMs = Date.now();
    const days = body.replyDays ?? this.policy.explanationReplyDays;
    if (days > this.policy.explanationReplyMaxDays) {
      throw new UnprocessableEntityException(`replyDays：回复期限最长 ${this.policy.explanationReplyMaxDays} 天`);
    }
    const replyBy = addDays(localDateOf(requestedAtMs, this.policy), days);
    await this.db.transaction(async (tx) => {
      await this.linked.enterpriseName(body.enterpriseCode, tx); // an unknown enterprise is refused here
      const problems = await this.linked.resolve(body.enterpriseCode, body.ledgerNos ?? [], tx);
      await tx.query(
        `INSERT INTO issues.explanations (id, enterprise_code, kind, topic, details, status, reply_by, confidential, requested_by, requested_by_name, requested_at)
         VALUES ($1, $2, 'requested', $3, $4, 'requested', $5, $6, $7, $8, $9)`,
        [id, body.enterpriseCode, body.topic, body.details, replyBy, problems.some((p) => p.confidentiality === 'confidential'), user.sub, user.displayName, new Date(requestedAtMs).toISOString()],
      );
      await this.link(tx, id, problems);
      await appendSupervisionEvent(tx, {
        subjectType: 'explanation', subjectId: id, kind: 'requested', key: `explanation:${id}:requested`, ...actorOf(user), reason: body.reason ?? null,
        payload: { enterpriseCode: body.enterpriseCode, topic: body.topic, replyBy, ledgerNos: problems.map((p) => p.ledger_no) }, at: new Date(requestedAtMs).toISOString(),
      });
      // Started before the commit: a request never exists without its timers (a failed start rolls it back).
      await this.workflows.start({ explanationId: id, enterpriseCode: body.enterpriseCode, replyBy, requestedAtMs, policy: this.policy });
    });
    return id;
  }

  async submitUnasked(body: UnsolicitedExplanationDto, user: Principal): Promise<string> {
    const code = user.enterpriseCode ?? '';
    const id = randomUUID();
    const at = new Date().toISOString();
    await this.db.transaction(async (tx) => {
      const problems = await this.linked.resolve(code, body.ledgerNos ?? [], tx);
      await tx.query(
        `INSERT INTO issues.explanations (id, enterprise_code, kind, topic, status, confidential, answer_content, answer_causes, answered_by_name, answered_at, answered_late)
         VALUES ($1, $2, 'unsolicited', $3, 'answered', $4, $5, $6, $7, $8, false)`,
        [id, code, body.topic, problems.some((p) => p.confidentiality === 'confidential'), body.content, body.causes, user.displayName, at],
      );
      await this.link(tx, id, problems);
      await appendSupervisionEvent(tx, {
        subjectType: 'explanation', subjectId: id, kind: 'submitted', key: `explanation:${id}:submitted`, ...actorOf(user), reason: body.reason ?? null,
        payload: { topic: body.topic, ledgerNos: problems.map((p) => p.ledger_no) }, at,
      });
    });
    return id;
  }

  /** The enterprise's answer: stored with its event, then the workflow is told (its timers end). */
  async answer(id: string, body: AnswerExplanationDto, user: Principal): Promise<void> {
    const at = new Date().toISOString();
    await this.db.transaction(async (tx) => {
      const rows: { status: ExplanationStatus; kind: string; enterprise_code: string }[] = await tx.query(
        'SELECT status, kind, enterprise_code FROM issues.explanations WHERE id = $1 FOR UPDATE',
        [id],
      );
      const row = rows[0];
      if (!row || row.enterprise_code !== user.enterpriseCode) throw new NotFoundException('书面说明不存在');
      if (row.status === 'answered') throw new ConflictException('该书面说明已提交，不能重复提交');
      const late = row.status === 'overdue';
      await tx.query(
        `UPDATE issues.explanations SET status = 'answered', answer_content = $2, answer_causes = $3, answered_by_name = $4, answered_at = $5, answered_late = $6 WHERE id = $1`,
        [id, body.content, body.causes, user.displayName, at, late],
      );
      await appendSupervisionEvent(tx, {
        subjectType: 'explanation', subjectId: id, kind: 'answered', key: `explanation:${id}:answered`, ...actorOf(user), reason: body.reason ?? null,
        payload: { late, statusBefore: row.status }, at,
      });
    });
    await this.workflows.answered(id, { id: user.sub, role: user.role });
  }

  /** 针对性指导 on an answered explanation, once. */
  async guide(id: string, body: GuidanceDto, user: Principal): Promise<void> {
    const at = new Date().toISOString();
    await this.db.transaction(async (tx) => {
      const rows: { status: ExplanationStatus; guidance: string | null }[] = await tx.query('SELECT status, guidance FROM issues.explanations WHERE id = $1 FOR UPDATE', [id]);
      const row = rows[0];
      if (!row) throw new NotFoundException('书面说明不存在');
      if (row.status !== 'answered') throw new ConflictException('企业尚未提交书面说明，暂不能给予针对性指导');
      if (row.guidance !== null) throw new ConflictException('已给予针对性指导');
      await tx.query('UPDATE issues.explanations SET guidance = $2, guidance_by_name = $3, guidance_at = $4 WHERE id = $1', [id, body.guidance, user.displayName, at]);
      await appendSupervisionEvent(tx, {
        subjectType: 'explanation', subjectId: id, kind: 'guidance', key: `explanation:${id}:guidance`, ...actorOf(user), reason: body.reason ?? null,
        payload: {}, at,
      });
    });
  }
}
