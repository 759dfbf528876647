import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@rectify/contracts';
import { SORTABLE, type ListProblemsQuery } from './list-query.dto.js';
import { SUMMARY_COLUMNS, type ProblemRow } from './problem.view.js';
import { canSeeProblem, visibilityRule } from './visibility.js';

/** The ledger page counts matching problems up to this many, then says "more than". */
export const COUNT_CAP = 10_000;

export interface LedgerFilter {
  where: string;
  params: unknown[];
}

/** Reads of the ledger, always narrowed to what the caller may see. */
@Injectable()
export class LedgerRepository {
  constructor(private readonly db: DataSource) {}

  /** The WHERE clause of a filtered ledger for `user` (shared by the page, the count and the export). */
  filter(query: ListProblemsQuery, user: Principal): LedgerFilter {
    const params: unknown[] = [];
    const rule = visibilityRule(user, 1);
    params.push(...rule.params);
    const where = [rule.sql];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (query.enterpriseCode) add((n) => `p.enterprise_code = $${n}`, query.enterpriseCode);
    if (query.source) add((n) => `p.source = $${n}`, query.source);
    if (query.stage) add((n) => `p.stage = $${n}`, query.stage);
    if (query.outcome) add((n) => `p.outcome = $${n}`, query.outcome);
    if (query.overdue !== undefined) add((n) => `p.overdue = $${n}`, query.overdue);
    if (query.deadlineFrom) add((n) => `p.deadline >= $${n}`, query.deadlineFrom);
    if (query.deadlineTo) add((n) => `p.deadline <= $${n}`, query.deadlineTo);
    if (query.confidentiality) add((n) => `p.confidentiality = $${n}`, query.confidentiality);
    if (query.tag) add((n) => `p.tags @> ARRAY[$${n}]::text[]`, query.tag);
    if (query.q) {
      const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // Letters, digits and hyphens only: a ledger number (or part of one); anything else: the texts.
      if (/^[A-Za-z0-9-]+$/.test(query.q)) add((n) => `p.ledger_no ILIKE $${n}`, pattern);
      else add((n) => `(p.title || ' ' || p.description) ILIKE $${n}`, pattern);
    }
    return { where: where.join(' AND '), params };
  }

  async page(query: ListProblemsQuery, user: Principal) {
    const { where, params } = this.filter(query, user);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const sort = SORTABLE[query.sort ?? 'registeredAt'];
    const order = query.order === 'asc' ? 'ASC' : 'DESC';
    // Only amount can be null; the other sort keys are NOT NULL, so their index serves the order.
    const nulls = query.sort === 'amount' ? ' NULLS LAST' : '';
    const [rows, count] = await Promise.all([
      this.db.query(
        `SELECT ${SUMMARY_COLUMNS} FROM issues.problems p WHERE ${where}
         ORDER BY ${sort} ${order}${nulls}, p.id ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        params,
      ) as Promise<ProblemRow[]>,
      // Counting stops past COUNT_CAP: "10000+" is as useful to a reader as the exact figure.
      this.db.query(`SELECT count(*)::int AS total FROM (SELECT 1 FROM issues.problems p WHERE ${where} LIMIT ${COUNT_CAP + 1}) capped`, params) as Promise<{ total: number }[]>,
    ]);
    const total = count[0]?.total ?? 0;
    return { rows, total: Math.min(total, COUNT_CAP), totalIsExact: total <= COUNT_CAP, page, pageSize };
  }

  /** One problem by ledger number, or undefined when it does not exist or the caller may not see it. */
  async visible(ledgerNo: string, user: Principal): Promise<ProblemRow | undefined> {
    const rows: ProblemRow[] = await this.db.query('SELECT * FROM issues.problems WHERE ledger_no = $1', [ledgerNo]);
    const row = rows[0];
    if (!row || !canSeeProblem(user, { enterpriseCode: row.enterprise_code, confidentiality: row.confidentiality })) return undefined;
    return row;
  }

  async history(problemId: string) {
    return this.db.query(
      `SELECT seq, kind, action, actor_name AS "actorName", actor_role AS "actorRole", reason, payload,
              state_before->>'stage' AS "stageBefore", state_after->>'stage' AS "stageAfter", at, hash
       FROM issues.problem_events WHERE problem_id = $1 ORDER BY seq`,
      [problemId],
    );
  }

  async determinations(problemId: string) {
    return this.db.query('SELECT * FROM issues.determinations WHERE problem_id = $1 ORDER BY seq', [problemId]);
  }

  async extensions(problemId: string) {
    return this.db.query('SELECT * FROM issues.extensions WHERE problem_id = $1 ORDER BY seq', [problemId]);
  }

  async accountabilityCases(problemId: string) {
    return this.db.query('SELECT id, trigger, cause, status, opened_at AS "openedAt" FROM issues.accountability_cases WHERE problem_id = $1 ORDER BY opened_at, id', [problemId]);
  }
}
