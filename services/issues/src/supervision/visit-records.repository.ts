import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { monthRange, SUPERVISION_TOPIC_LIST, SUPERVISION_TOPICS, type Principal, type Page } from '@rectify/contracts';
import { queryPage } from '@rectify/platform';
import { supervisionRule } from './supervision-visibility.js';
import type { ListVisitsQuery } from './supervision.dto.js';

export interface VisitRow {
  id: string;
  enterprise_code: string;
  enterprise_name: string | null;
  visit_date: string;
  team: string[];
  topics: Record<string, string>;
  findings: string;
  confidential: boolean;
  recorded_by_name: string;
  recorded_at: Date;
}

const COLUMNS = `r.id, r.enterprise_code, d.name AS enterprise_name, r.visit_date::text AS visit_date, r.team, r.topics, r.findings,
  r.confidential, r.recorded_by_name, r.recorded_at`;
const FROM = `issues.supervision_records r LEFT JOIN identity.enterprise_directory d ON d.code = r.enterprise_code`;

export function visitSummary(r: VisitRow) {
  return {
    id: r.id,
    enterpriseCode: r.enterprise_code,
    enterpriseName: r.enterprise_name ?? r.enterprise_code,
    visitDate: r.visit_date,
    team: r.team,
    findings: r.findings,
    confidential: r.confidential,
    recordedBy: r.recorded_by_name,
    recordedAt: r.recorded_at,
  };
}

export function visitTopics(r: VisitRow) {
  return SUPERVISION_TOPIC_LIST.map((key) => ({ key, label: SUPERVISION_TOPICS[key], finding: r.topics[key] ?? '' }));
}

/** Reads of supervision records (督办记录), always narrowed to what the caller may see. */
@Injectable()
export class VisitRecordsRepository {
  constructor(private readonly db: DataSource) {}

  async list(query: ListVisitsQuery, user: Principal): Promise<Page<VisitRow>> {
    const rule = supervisionRule(user, 'r', 1);
    const params: unknown[] = [...rule.params];
    const where = [rule.sql];
    if (query.enterpriseCode) {
      params.push(query.enterpriseCode);
      where.push(`r.enterprise_code = $${params.length}`);
    }
    if (query.ledgerNo) {
      params.push(query.ledgerNo);
      where.push(`EXISTS (SELECT 1 FROM issues.supervision_record_problems rp JOIN issues.problems p ON p.id = rp.problem_id
                          WHERE rp.record_id = r.id AND p.ledger_no = $${params.length})`);
    }
    if (query.month) {
      const { from, to } = monthRange(query.month);
      params.push(from, to);
      where.push(`r.visit_date BETWEEN $${params.length - 1}::date AND $${params.length}::date`);
    }
    return queryPage(this.db, { select: COLUMNS, from: `${FROM} WHERE ${where.join(' AND ')}`, orderBy: 'r.visit_date DESC, r.recorded_at DESC, r.id DESC', params }, query);
  }

  /** One record, or undefined when it does not exist or the caller may not see it. */
  async visible(id: string, user: Principal): Promise<VisitRow | undefined> {
    const rule = supervisionRule(user, 'r', 2);
    const rows: VisitRow[] = await this.db.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE r.id = $1 AND ${rule.sql}`, [id, ...rule.params]);
    return rows[0];
  }

  async problemsOf(recordId: string) {
    return this.db.query(
      `SELECT p.ledger_no AS "ledgerNo", p.title, p.confidentiality, p.stage, p.deadline::text AS deadline
       FROM issues.supervision_record_problems rp JOIN issues.problems p ON p.id = rp.problem_id
       WHERE rp.record_id = $1 ORDER BY p.ledger_no`,
      [recordId],
    );
  }

  /** The records covering one problem that the caller may see (for the problem's detail). */
  async forProblem(problemId: string, user: Principal) {
    const rule = supervisionRule(user, 'r', 2);
    const rows: VisitRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM ${FROM} JOIN issues.supervision_record_problems rp ON rp.record_id = r.id
       WHERE rp.problem_id = $1 AND ${rule.sql} ORDER BY r.visit_date DESC, r.recorded_at DESC`,
      [problemId, ...rule.params],
    );
    return rows.map((r) => ({ ...visitSummary(r), topics: visitTopics(r) }));
  }
}
