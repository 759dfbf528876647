/**
 * What the report builders take: the indicators of SPEC §10 for one period, already computed (see
 * docs/assessment.md for their definitions). Rates are 0..1 and `null` means "no data" (an empty
 * denominator); amounts are yuan as exact decimal strings, never floats.
 */
export interface IndicatorRow {
  group: string; due: number; completed: number; onTime: number; overdue: number; partial: number; notRectified: number; closed: number;
  amountDue: string; amountCompleted: string;            // yuan, exact decimal strings
  rectificationRate: number | null; rectificationRateByAmount: number | null; onTimeRate: number | null; // 0..1, null = no data
  meanDaysToCompletion: number | null; closeOutRate: number | null; accountabilityCases: number;
}
export interface LabelledRow extends IndicatorRow { label: string }   // e.g. enterprise name, source label, category
export interface ScoreLine { enterpriseCode: string; enterpriseName: string; score: number | null; lines: { item: string; value: string; points: number }[] }
export interface ReportData {
  title: string;                 // e.g. 2026年度审计整改情况报告
  period: { from: string; to: string };  // 'YYYY-MM-DD'
  generatedAt: string;           // an ISO instant; the documents print it in Asia/Shanghai ('2027-01-15 09:30')
  /** Set on a published snapshot: its number (e.g. 2026-报告-001) and who published it. */
  publication?: { number: string; publishedBy: string };
  totals: IndicatorRow;
  byEnterprise: LabelledRow[];
  bySource: LabelledRow[];
  byCategory: LabelledRow[];
  accountability: { trigger: string; label: string; count: number }[];
  scores: ScoreLine[];
}
