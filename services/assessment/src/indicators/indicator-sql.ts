/**
 * The indicators of SPEC §10, as one SQL statement over issues.assessment_facts. Definitions
 * (docs/assessment.md says the same in words):
 *
 * - a problem is **due** in the period when its deadline in force falls in [from, to];
 * - **completed**: the Commission confirmed the result 整改完毕 (outcome = completed);
 * - **rectification rate** = completed / due, by count, and by amount over the problems with an amount;
 * - **on-time rate** = completed on or before its deadline / due;
 * - **overdue**, **partial**, **not rectified**: due problems currently overdue / confirmed partial /
 *   confirmed not rectified;
 * - **mean days to completion** = mean of (completion date − document issue date) over completed;
 * - **close-out rate** = closed out / completed;
 * - **accountability cases**: cases opened in the period, by the problem's enterprise / source / category;
 *   for a year's score (`casesInYear`), the cases marked for that year's assessment (`assessment_year`).
 *
 * An empty denominator yields NULL ("no data"), never 0 % or NaN.
 */
export const GROUPINGS = { enterprise: 'enterprise_code', source: 'source', category: 'category', all: `'all'` } as const;
export type Grouping = keyof typeof GROUPINGS;

export interface IndicatorFilter {
  /** 'YYYY-MM-DD', inclusive. */
  from: string;
  to: string;
  enterpriseCode?: string;
  /** Count only non-confidential problems (for readers who may not see 涉密 ones). */
  nonConfidentialOnly: boolean;
  /** Count the cases marked for this year's assessment instead of those opened in the period. */
  casesInYear?: number;
}

export function indicatorSql(groupBy: Grouping, filter: IndicatorFilter): { sql: string; params: unknown[] } {
  const key = GROUPINGS[groupBy];
  const params: unknown[] = [];
  const param = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const from = param(filter.from);
  const to = param(filter.to);
  const enterprise =
    (filter.enterpriseCode ? ` AND enterprise_code = ${param(filter.enterpriseCode)}` : '') +
    (filter.nonConfidentialOnly ? ` AND confidentiality = 'non_confidential'` : '');
  const sql = `
    WITH due AS (
      SELECT ${key} AS grp, * FROM issues.assessment_facts
      WHERE deadline BETWEEN ${from}::date AND ${to}::date${enterprise}
    ), cases AS (
      SELECT ${key} AS grp, count(*)::int AS n FROM issues.accountability_facts
      WHERE ${filter.casesInYear === undefined ? `opened_on BETWEEN ${from}::date AND ${to}::date` : `assessment_year = ${param(filter.casesInYear)}`}${enterprise}
      GROUP BY 1
    ), per_group AS (
      SELECT grp,
        count(*)::int AS due,
        count(*) FILTER (WHERE outcome = 'completed')::int AS completed,
        count(*) FILTER (WHERE outcome = 'completed' AND completed_on <= deadline)::int AS on_time,
        count(*) FILTER (WHERE overdue AND outcome IS DISTINCT FROM 'completed')::int AS overdue,
        count(*) FILTER (WHERE outcome = 'partial')::int AS partial,
        count(*) FILTER (WHERE outcome = 'not_rectified')::int AS not_rectified,
        count(*) FILTER (WHERE stage = 'closed' AND outcome = 'completed')::int AS closed,
        coalesce(sum(amount), 0)::numeric(20,2) AS amount_due,
        coalesce(sum(amount) FILTER (WHERE outcome = 'completed'), 0)::numeric(20,2) AS amount_completed,
        count(amount)::int AS with_amount,
        avg(completed_on - issue_date) FILTER (WHERE outcome = 'completed')::numeric(10,1) AS mean_days
      FROM due GROUP BY grp
    )
    SELECT coalesce(g.grp, c.grp) AS "group",
      coalesce(g.due, 0) AS due, coalesce(g.completed, 0) AS completed, coalesce(g.on_time, 0) AS "onTime",
      coalesce(g.overdue, 0) AS overdue, coalesce(g.partial, 0) AS partial, coalesce(g.not_rectified, 0) AS "notRectified",
      coalesce(g.closed, 0) AS closed, coalesce(g.amount_due, 0)::numeric(20,2)::text AS "amountDue", coalesce(g.amount_completed, 0)::numeric(20,2)::text AS "amountCompleted",
      round(g.completed::numeric / nullif(g.due, 0), 4)::float8 AS "rectificationRate",
      round(g.amount_completed / nullif(g.amount_due, 0), 4)::float8 AS "rectificationRateByAmount",
      round(g.on_time::numeric / nullif(g.due, 0), 4)::float8 AS "onTimeRate",
      g.mean_days::float8 AS "meanDaysToCompletion",
      round(g.closed::numeric / nullif(g.completed, 0), 4)::float8 AS "closeOutRate",
      coalesce(c.n, 0) AS "accountabilityCases"
    FROM per_group g FULL JOIN cases c ON c.grp = g.grp
    ORDER BY 1`;
  return { sql, params };
}
