import type { Principal } from '@rectify/contracts';
import { pageWindow } from '@rectify/platform';
import { SUMMARY_COLUMNS } from './problem.view.js';
import { visibilityRule } from './visibility.js';

/** Sort keys of the ledger page and their columns. */
export const SORTABLE = { registeredAt: 'p.registered_at', deadline: 'p.deadline', ledgerNo: 'p.ledger_no', amount: 'p.amount' } as const;

/** The ledger page counts matching problems up to this many, then says "more than". */
export const COUNT_CAP = 10_000;

/** The filters of GET /problems (validated by ListProblemsQuery). */
export interface LedgerQuery {
  enterpriseCode?: string;
  source?: string;
  stage?: string;
  outcome?: string;
  overdue?: boolean;
  deadlineFrom?: string;
  deadlineTo?: string;
  confidentiality?: string;
  tag?: string;
  q?: string;
  sort?: keyof typeof SORTABLE;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

export interface LedgerFilter {
  where: string;
  params: unknown[];
}

/** The WHERE clause of a filtered ledger for `user` (shared by the page, the count and the export). */
export function ledgerFilter(query: LedgerQuery, user: Principal): LedgerFilter {
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

/** The two statements of one ledger page: its rows and its (capped) count. */
export function ledgerPageSql(query: LedgerQuery, user: Principal) {
  const { where, params } = ledgerFilter(query, user);
  const { page, pageSize, limit, offset } = pageWindow(query);
  const sort = SORTABLE[query.sort ?? 'registeredAt'];
  const order = query.order === 'asc' ? 'ASC' : 'DESC';
  // Only amount can be null; the other sort keys are NOT NULL, so their index serves the order.
  const nulls = query.sort === 'amount' ? ' NULLS LAST' : '';
  return {
    rows: `SELECT ${SUMMARY_COLUMNS} FROM issues.problems p WHERE ${where}
         ORDER BY ${sort} ${order}${nulls}, p.id ${order} LIMIT ${limit} OFFSET ${offset}`,
    // Counting stops past COUNT_CAP: "10000+" is as useful to a reader as the exact figure.
    count: `SELECT count(*)::int AS total FROM (SELECT 1 FROM issues.problems p WHERE ${where} LIMIT ${COUNT_CAP + 1}) capped`,
    params,
    page,
    pageSize,
  };
}
