import { download, get, post, query } from './client.js';
import type { AgeingBucket, IndicatorRow, TrendPoint } from './types.js';

const base = '/api/assessment';

export type Grouping = 'enterprise' | 'source' | 'category' | 'all';

export type PublicationKind = 'scores' | 'annual_report' | 'indicator_workbook';

/** A published official output (numbered, immutable; every reader downloads the same file). */
export interface Publication {
  id: string; kind: PublicationKind; kindLabel: string; year: number; number: string; current: boolean;
  publishedBy: string; publishedRoleLabel: string; publishedAt: string; fileName: string; size: number; sha256: string;
}

export const assessmentApi = {
  indicators: (p: { from: string; to: string; groupBy?: Grouping; enterpriseCode?: string }) =>
    get<{ basis: 'live-per-reader'; from: string; to: string; groupBy: Grouping; rows: IndicatorRow[] }>(`${base}/indicators${query(p)}`),
  trend: (p: { fromMonth: string; toMonth: string; enterpriseCode?: string }) => get<TrendPoint[]>(`${base}/dashboard/trend${query(p)}`),
  ageing: (p: { enterpriseCode?: string }) => get<AgeingBucket[]>(`${base}/dashboard/ageing${query(p)}`),
  annualReport: (p: { from: string; to: string }) => download(`${base}/reports/annual.docx${query(p)}`, '审计整改情况报告.docx'),
  indicatorWorkbook: (p: { from: string; to: string }) => download(`${base}/reports/indicators.xlsx${query(p)}`, '整改指标.xlsx'),
  publications: (p: { year?: number; kind?: PublicationKind }) => get<Publication[]>(`${base}/publications${query(p)}`),
  publish: (kind: PublicationKind, year: number) => post<Publication>(`${base}/publications`, { kind, year }),
  publicationFile: (p: Publication) => download(`${base}/publications/${p.id}/file`, p.fileName),
};
