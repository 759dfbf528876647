import { download, get, query } from './client.js';
import type { AgeingBucket, IndicatorRow, TrendPoint } from './types.js';

const base = '/api/assessment';

export type Grouping = 'enterprise' | 'source' | 'category' | 'all';

export const assessmentApi = {
  indicators: (p: { from: string; to: string; groupBy?: Grouping; enterpriseCode?: string }) =>
    get<{ from: string; to: string; groupBy: Grouping; rows: IndicatorRow[] }>(`${base}/indicators${query(p)}`),
  trend: (p: { fromMonth: string; toMonth: string; enterpriseCode?: string }) => get<TrendPoint[]>(`${base}/dashboard/trend${query(p)}`),
  ageing: (p: { enterpriseCode?: string }) => get<AgeingBucket[]>(`${base}/dashboard/ageing${query(p)}`),
  annualReport: (p: { from: string; to: string }) => download(`${base}/reports/annual.docx${query(p)}`, '审计整改情况报告.docx'),
  indicatorWorkbook: (p: { from: string; to: string }) => download(`${base}/reports/indicators.xlsx${query(p)}`, '整改指标.xlsx'),
};
