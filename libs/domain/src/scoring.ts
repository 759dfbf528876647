/**
 * The assessment score (SPEC §10, policy §8 "纳入业绩考核", §12): turns an enterprise's indicators
 * for a year and its accountability cases into its input to the annual performance assessment.
 * The weights are policy data: DEFAULT_SCORING holds Rectify's defaults (the policy text names
 * the indicators, not their weights), and the assessment service can override them (SCORING_JSON).
 */
export interface ScoringPolicy {
  /** Points for a 100 % rectification rate by count. */
  rateByCount: number;
  /** Points for a 100 % rectification rate by amount. */
  rateByAmount: number;
  /** Points for a 100 % on-time rate. */
  onTimeRate: number;
  /** Points for a 100 % close-out rate. */
  closeOutRate: number;
  /** Points for completing within `fastDays` on average, falling linearly to 0 at `slowDays`. */
  speed: number;
  fastDays: number;
  slowDays: number;
  /** Deducted per accountability case, at most `caseDeductionCap` in all. */
  perCase: number;
  caseDeductionCap: number;
  /** Deducted per problem confirmed 未整改, at most `notRectifiedCap` in all. */
  perNotRectified: number;
  notRectifiedCap: number;
}

export const DEFAULT_SCORING: Readonly<ScoringPolicy> = Object.freeze({
  rateByCount: 40,
  rateByAmount: 20,
  onTimeRate: 20,
  closeOutRate: 10,
  speed: 10,
  fastDays: 90,
  slowDays: 180,
  perCase: 5,
  caseDeductionCap: 30,
  perNotRectified: 2,
  notRectifiedCap: 20,
});

/** The indicators the score reads (a row of GET /indicators). */
export interface ScoredIndicators {
  due: number;
  notRectified: number;
  rectificationRate: number | null;
  rectificationRateByAmount: number | null;
  onTimeRate: number | null;
  closeOutRate: number | null;
  meanDaysToCompletion: number | null;
  accountabilityCases: number;
}

export interface ScoreLine {
  item: string;
  /** The indicator's value as shown (e.g. 66.67%, 无数据). */
  value: string;
  points: number;
}

export interface Score {
  /** Null when nothing was due: no data, not zero. */
  score: number | null;
  lines: ScoreLine[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const pct = (r: number | null) => (r === null ? '无数据' : `${(r * 100).toFixed(2)}%`);

/**
 * The score, line by line. A rate with no data earns no points (its line says 无数据); a year
 * in which nothing was due has no score at all. Never below 0.
 */
export function scoreEnterprise(ind: ScoredIndicators, policy: ScoringPolicy = DEFAULT_SCORING): Score {
  const lines: ScoreLine[] = [];
  const rate = (item: string, r: number | null, weight: number) => lines.push({ item, value: pct(r), points: r === null ? 0 : round2(weight * r) });
  rate('整改率（按数量）', ind.rectificationRate, policy.rateByCount);
  rate('整改率（按金额）', ind.rectificationRateByAmount, policy.rateByAmount);
  rate('按期整改率', ind.onTimeRate, policy.onTimeRate);
  rate('销号率', ind.closeOutRate, policy.closeOutRate);
  const days = ind.meanDaysToCompletion;
  const speedShare = days === null ? 0 : days <= policy.fastDays ? 1 : days >= policy.slowDays ? 0 : (policy.slowDays - days) / (policy.slowDays - policy.fastDays);
  lines.push({ item: '平均整改用时', value: days === null ? '无数据' : `${days} 天`, points: round2(policy.speed * speedShare) });
  lines.push({ item: '问责事项扣分', value: `${ind.accountabilityCases} 件`, points: -Math.min(policy.caseDeductionCap, ind.accountabilityCases * policy.perCase) });
  lines.push({ item: '未整改问题扣分', value: `${ind.notRectified} 个`, points: -Math.min(policy.notRectifiedCap, ind.notRectified * policy.perNotRectified) });
  if (ind.due === 0) return { score: null, lines };
  return { score: Math.max(0, round2(lines.reduce((sum, l) => sum + l.points, 0))), lines };
}

/** Problems with a scoring override (empty when fine). */
export function validateScoring(p: unknown): string[] {
  if (typeof p !== 'object' || p === null) return ['scoring must be an object'];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(DEFAULT_SCORING)) {
    const v = (p as Record<string, unknown>)[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) problems.push(`${key} must be a non-negative number (default ${value})`);
  }
  const q = p as ScoringPolicy;
  if (q.slowDays <= q.fastDays) problems.push('slowDays must be greater than fastDays');
  return problems;
}
