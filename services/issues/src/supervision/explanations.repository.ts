import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EXPLANATION_STATUSES, explanationWorkflowId, type ExplanationStatus, type Principal, type Page } from '@rectify/contracts';
import { queryPage } from '@rectify/platform';
import { supervisionRule } from './supervision-visibility.js';
import type { ListExplanationsQuery } from './supervision.dto.js';

export interface ExplanationRow {
  id: string;
  enterprise_code: string;
  enterprise_name: string | null;
  kind: 'requested' | 'unsolicited';
  topic: string;
  details: string | null;
  status: ExplanationStatus;
  reply_by: string | null;
  confidential: boolean;
  requested_by_name: string | null;
  requested_at: Date | null;
  answer_content: string | null;
  answer_causes: string | null;
  answered_by_name: string | null;
  answered_at: Date | null;
  answered_late: boolean | null;
  guidance: string | null;
  guidance_by_name: string | null;
  guidance_at: Date | null;
  created_at: Date;
}

const COLUMNS = `x.*, x.reply_by::text AS reply_by, d.name AS enterprise_name`;
const FROM = `issues.explanations x LEFT JOIN identity.enterprise_directory d ON d.code = x.enterprise_code`;

export function explanationSummary(r: ExplanationRow) {
  return {
    id: r.id,
    enterpriseCode: r.enterprise_code,
    enterpriseName: r.enterprise_name ?? r.enterprise_code,
    kind: r.kind,
    topic: r.topic,
    status: r.status,
    statusLabel: EXPLANATION_STATUSES[r.status],
    replyBy: r.reply_by,
    requestedBy: r.requested_by_name,
    requestedAt: r.requested_at,
    answeredAt: r.answered_at,
    hasGuidance: r.guidance !== null,
    createdAt: r.created_at,
  };
}

export function explanationDetail(r: ExplanationRow) {
  return {
    ...explanationSummary(r),
    details: r.details,
    answer: r.answer_content === null ? null : { content: r.answer_content, causes: r.answer_causes, answeredBy: r.answered_by_name, answeredAt: r.answered_at, late: r.answered_late },
    guidance: r.guidance === null ? null : { guidance: r.guidance, givenBy: r.guidance_by_name, givenAt: r.guidance_at },
    workflowId: r.kind === 'requested' ? explanationWorkflowId(r.id) : null,
  };
}

/** Reads of explanations (书面说明), narrowed to what the caller may see. */
@Injectable()
export class ExplanationsRepository {
  constructor(private readonly db: DataSource) {}

  async list(query: ListExplanationsQuery, user: Principal): Promise<Page<ExplanationRow>> {
    const rule = supervisionRule(user, 'x', 1);
    const params: unknown[] = [...rule.params];
    const where = [rule.sql];
    if (query.enterpriseCode) {
      params.push(query.enterpriseCode);
      where.push(`x.enterprise_code = $${params.length}`);
    }
    if (query.status) {
      params.push(query.status);
      where.push(`x.status = $${params.length}`);
    }
    return queryPage(this.db, { select: COLUMNS, from: `${FROM} WHERE ${where.join(' AND ')}`, orderBy: 'x.created_at DESC, x.id DESC', params }, query);
  }

  async visible(id: string, user: Principal): Promise<ExplanationRow | undefined> {
    const rule = supervisionRule(user, 'x', 2);
    const rows: ExplanationRow[] = await this.db.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE x.id = $1 AND ${rule.sql}`, [id, ...rule.params]);
    return rows[0];
  }

  async problemsOf(explanationId: string) {
    return this.db.query(
      `SELECT p.ledger_no AS "ledgerNo", p.title, p.confidentiality FROM issues.explanation_problems ep
       JOIN issues.problems p ON p.id = ep.problem_id WHERE ep.explanation_id = $1 ORDER BY p.ledger_no`,
      [explanationId],
    );
  }
}
