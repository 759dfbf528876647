import type { DataSource } from 'typeorm';
import { EXPLANATION_STATUSES, monthLabel, monthRange, type ExplanationStatus } from '@rectify/contracts';
import { STAGE_LABELS, type Stage } from '@rectify/domain';
import type { EnterpriseProgress, SupervisionSummaryData, SummaryCounts } from './supervision-summary-data.js';

/** How many problems each list of the summary shows at most (the counts cover all). */
export const SUMMARY_LIST_LIMIT = 200;

interface CountRow {
  code: string;
  name: string | null;
  open: number;
  completed: number;
  overdue: number;
  slow: number;
  visits: number;
  explanations_requested: number;
  explanations_open: number;
}

interface ProblemRow {
  ledger_no: string;
  enterprise_name: string;
  title: string;
  stage: Stage;
  deadline: string;
  last_progress_on: string;
  days_since: number;
  confidential: boolean;
}

/**
 * Per problem: completed once its completed result was accepted or it was closed out; open
 * otherwise. Its last progress is the last action recorded in its trail (registration included).
 */
const PROBLEM_FACTS = `
  SELECT p.id, p.ledger_no, p.enterprise_code, p.title, p.stage, p.deadline::text AS deadline, p.confidentiality,
         (p.completed_at IS NOT NULL OR p.stage = 'closed') AS completed,
         p.overdue AND p.completed_at IS NULL AND p.stage <> 'closed' AS overdue_now,
         (SELECT max(e.at) FROM issues.problem_events e WHERE e.problem_id = p.id AND e.kind = 'action') AS last_action_at
  FROM issues.problems p`;

/**
 * The month's summary, in SQL over the issues schema: per enterprise its open, completed, overdue
 * and slow problems as of `asOf`, the visits made and explanations asked in the month; then the
 * overdue and slow problems, the visits and the explanations themselves.
 */
export async function querySupervisionSummary(db: DataSource, input: { month: string; asOf: string; asOfIso: string; slowProgressDays: number }): Promise<Omit<SupervisionSummaryData, 'analysis' | 'generatedAt'>> {
  const { from, to } = monthRange(input.month);
  const slowBefore = `($1::timestamptz - make_interval(days => $2::int))`;
  const counts: CountRow[] = await db.query(
    `WITH facts AS (${PROBLEM_FACTS}),
     per_problem AS (
       SELECT enterprise_code AS code,
              count(*) FILTER (WHERE NOT completed)::int AS open,
              count(*) FILTER (WHERE completed)::int AS completed,
              count(*) FILTER (WHERE overdue_now)::int AS overdue,
              count(*) FILTER (WHERE NOT completed AND last_action_at < ${slowBefore})::int AS slow
       FROM facts GROUP BY enterprise_code),
     per_visit AS (
       SELECT enterprise_code AS code, count(*)::int AS visits FROM issues.supervision_records
       WHERE visit_date BETWEEN $3::date AND $4::date GROUP BY enterprise_code),
     per_explanation AS (
       SELECT enterprise_code AS code,
              count(*) FILTER (WHERE kind = 'requested' AND (requested_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $3::date AND $4::date)::int AS explanations_requested,
              count(*) FILTER (WHERE status <> 'answered')::int AS explanations_open
       FROM issues.explanations GROUP BY enterprise_code),
     codes AS (SELECT code FROM per_problem UNION SELECT code FROM per_visit UNION SELECT code FROM per_explanation)
     SELECT c.code, d.name,
            coalesce(pp.open, 0) AS open, coalesce(pp.completed, 0) AS completed, coalesce(pp.overdue, 0) AS overdue, coalesce(pp.slow, 0) AS slow,
            coalesce(pv.visits, 0) AS visits, coalesce(pe.explanations_requested, 0) AS explanations_requested, coalesce(pe.explanations_open, 0) AS explanations_open
     FROM codes c
     LEFT JOIN per_problem pp ON pp.code = c.code
     LEFT JOIN per_visit pv ON pv.code = c.code
     LEFT JOIN per_explanation pe ON pe.code = c.code
     LEFT JOIN identity.enterprise_directory d ON d.code = c.code
     ORDER BY c.code`,
    [input.asOfIso, input.slowProgressDays, from, to],
  );
  const enterprises: EnterpriseProgress[] = counts.map((r) => ({
    code: r.code,
    name: r.name ?? r.code,
    open: r.open,
    completed: r.completed,
    overdue: r.overdue,
    slow: r.slow,
    visits: r.visits,
    explanationsRequested: r.explanations_requested,
    explanationsOpen: r.explanations_open,
  }));
  const sum = (k: keyof SummaryCounts) => enterprises.reduce((n, e) => n + e[k], 0);

  // $1 is the date the days are counted to; the condition may use further parameters.
  const problems = async (where: string, params: unknown[]): Promise<ProblemRow[]> =>
    db.query(
      `WITH facts AS (${PROBLEM_FACTS})
       SELECT f.ledger_no, coalesce(d.name, f.enterprise_code) AS enterprise_name, f.title, f.stage, f.deadline,
              f.confidentiality = 'confidential' AS confidential,
              (f.last_action_at AT TIME ZONE 'Asia/Shanghai')::date::text AS last_progress_on,
              ($1::date - (f.last_action_at AT TIME ZONE 'Asia/Shanghai')::date)::int AS days_since
       FROM facts f LEFT JOIN identity.enterprise_directory d ON d.code = f.enterprise_code
       WHERE ${where}
       ORDER BY f.enterprise_code, f.deadline, f.ledger_no LIMIT ${SUMMARY_LIST_LIMIT}`,
      [input.asOf, ...params],
    );
  const toProblem = (r: ProblemRow) => ({
    ledgerNo: r.ledger_no,
    enterpriseName: r.enterprise_name,
    title: r.title,
    stageLabel: STAGE_LABELS[r.stage] ?? r.stage,
    deadline: r.deadline,
    lastProgressOn: r.last_progress_on,
    daysSinceProgress: r.days_since,
    confidential: r.confidential,
  });
  const overdueProblems = (await problems('f.overdue_now', [])).map(toProblem);
  const slowProblems = (await problems(`NOT f.completed AND f.last_action_at < ($2::timestamptz - make_interval(days => $3::int))`, [input.asOfIso, input.slowProgressDays])).map(toProblem);

  const visits: { visit_date: string; enterprise_name: string; team: string[]; problems: number; findings: string }[] = await db.query(
    `SELECT r.visit_date::text AS visit_date, coalesce(d.name, r.enterprise_code) AS enterprise_name, r.team, r.findings,
            (SELECT count(*)::int FROM issues.supervision_record_problems rp WHERE rp.record_id = r.id) AS problems
     FROM issues.supervision_records r LEFT JOIN identity.enterprise_directory d ON d.code = r.enterprise_code
     WHERE r.visit_date BETWEEN $1::date AND $2::date ORDER BY r.visit_date, r.recorded_at`,
    [from, to],
  );
  const explanations: { enterprise_name: string; topic: string; status: ExplanationStatus; reply_by: string | null }[] = await db.query(
    `SELECT coalesce(d.name, x.enterprise_code) AS enterprise_name, x.topic, x.status, x.reply_by::text AS reply_by
     FROM issues.explanations x LEFT JOIN identity.enterprise_directory d ON d.code = x.enterprise_code
     WHERE (x.created_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN $1::date AND $2::date OR x.status <> 'answered'
     ORDER BY x.created_at`,
    [from, to],
  );

  return {
    month: input.month,
    monthLabel: monthLabel(input.month),
    from,
    to,
    asOf: input.asOf,
    slowProgressDays: input.slowProgressDays,
    totals: {
      enterprises: enterprises.length,
      open: sum('open'),
      completed: sum('completed'),
      overdue: sum('overdue'),
      slow: sum('slow'),
      visits: sum('visits'),
      explanationsRequested: sum('explanationsRequested'),
      explanationsOpen: sum('explanationsOpen'),
    },
    enterprises,
    overdueProblems,
    slowProblems,
    visits: visits.map((v) => ({ visitDate: v.visit_date, enterpriseName: v.enterprise_name, team: v.team.join('、'), problems: v.problems, findings: v.findings })),
    explanations: explanations.map((x) => ({ enterpriseName: x.enterprise_name, topic: x.topic, statusLabel: EXPLANATION_STATUSES[x.status], replyBy: x.reply_by })),
  };
}
