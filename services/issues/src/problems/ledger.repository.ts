import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@rectify/contracts';
import type { ListProblemsQuery } from './list-query.dto.js';
import { COUNT_CAP, ledgerFilter, ledgerPageSql, type LedgerFilter } from './ledger-query.js';
import type { ProblemRow } from './problem.view.js';
import { canSeeProblem } from './visibility.js';

/** Reads of the ledger, always narrowed to what the caller may see. */
@Injectable()
export class LedgerRepository {
  constructor(private readonly db: DataSource) {}

  filter(query: ListProblemsQuery, user: Principal): LedgerFilter {
    return ledgerFilter(query, user);
  }

  async page(query: ListProblemsQuery, user: Principal) {
    const sql = ledgerPageSql(query, user);
    const [rows, count] = await Promise.all([
      this.db.query(sql.rows, sql.params) as Promise<ProblemRow[]>,
      this.db.query(sql.count, sql.params) as Promise<{ total: number }[]>,
    ]);
    const total = count[0]?.total ?? 0;
    return { rows, total: Math.min(total, COUNT_CAP), totalIsExact: total <= COUNT_CAP, page: sql.page, pageSize: sql.pageSize };
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
    return this.db.query(
      `SELECT id::text, seq, criterion, outcome, details, determined_by AS "determinedBy", determined_at AS "determinedAt", review,
              reviewed_by AS "reviewedBy", reviewed_at AS "reviewedAt", review_comment AS "reviewComment"
       FROM issues.determinations WHERE problem_id = $1 ORDER BY seq`,
      [problemId],
    );
  }

  async extensions(problemId: string) {
    return this.db.query(
      `SELECT id::text, seq, requested_deadline AS "requestedDeadline", reason, special_reason AS "specialReason", status,
              requested_by AS "requestedBy", requested_at AS "requestedAt", decided_by AS "decidedBy", decided_at AS "decidedAt",
              decision_comment AS "decisionComment"
       FROM issues.extensions WHERE problem_id = $1 ORDER BY seq`,
      [problemId],
    );
  }

  async transfers(problemId: string) {
    return this.db.query(
      `SELECT id::text, content, transferred_by AS "transferredBy", transferred_at AS "transferredAt", status, accepted_on::text AS "acceptedOn",
              decided_by AS "decidedBy", decided_at AS "decidedAt", decision_note AS "decisionNote"
       FROM issues.discipline_transfers WHERE problem_id = $1 ORDER BY seq`,
      [problemId],
    );
  }

  async accountabilityCases(problemId: string) {
    return this.db.query('SELECT id, trigger, cause, status, opened_at AS "openedAt" FROM issues.accountability_cases WHERE problem_id = $1 ORDER BY opened_at, id', [problemId]);
  }
}
