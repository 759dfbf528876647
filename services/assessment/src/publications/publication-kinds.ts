import { isEnterpriseRole, type Role } from '@rectify/contracts';
import { COMMISSION_INDICATOR_READERS, REPORT_READERS } from '../indicators/scope.js';

/** The official outputs the Supervision Division publishes for a year. */
export const PUBLICATION_KINDS = {
  scores: { label: '考核评分', numberTag: '成绩', title: (year: number) => `${year}年度审计整改考核评分`, extension: 'xlsx' },
  annual_report: { label: '人大报告', numberTag: '报告', title: (year: number) => `${year}年度审计整改情况报告`, extension: 'docx' },
  indicator_workbook: { label: '指标工作簿', numberTag: '指标', title: (year: number) => `${year}年度审计整改指标`, extension: 'xlsx' },
} as const;

export type PublicationKind = keyof typeof PUBLICATION_KINDS;

export const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** A publication's number: 2026-成绩-001. */
export function publicationNumber(kind: PublicationKind, year: number, seq: number): string {
  return `${year}-${PUBLICATION_KINDS[kind].numberTag}-${String(seq).padStart(3, '0')}`;
}

/**
 * Who reads a kind's published file: whoever reads its live equivalent on the Commission side (the
 * scores: every Commission indicator reader; the reports: the report readers). An enterprise user
 * reads its own enterprise's line of the published scores, not the file of every enterprise.
 */
export function mayReadFile(kind: PublicationKind, role: Role): boolean {
  return (kind === 'scores' ? COMMISSION_INDICATOR_READERS : REPORT_READERS).includes(role);
}

export function mayReadFigures(kind: PublicationKind, role: Role): boolean {
  return mayReadFile(kind, role) || (kind === 'scores' && isEnterpriseRole(role));
}

export function readableKinds(role: Role): PublicationKind[] {
  return (Object.keys(PUBLICATION_KINDS) as PublicationKind[]).filter((k) => mayReadFigures(k, role));
}
