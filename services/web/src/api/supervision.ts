import { download, get, post, query, upload } from './client.js';
import type { EvidenceFile } from './types.js';
import { ifAvailable } from './pending.js';
import type { Page, PageRequest } from '@rectify/contracts';

/** Supervision records (督办记录) and written explanations (书面说明) of §10, served by services/issues. */
export interface VisitRecord {
  id: string;
  enterpriseCode: string;
  enterpriseName: string;
  visitDate: string;
  team: string;
  findings: string;
  confidential: boolean;
  recordedBy: string;
  recordedAt: string;
}

export interface ExplanationRecord {
  id: string;
  enterpriseCode: string;
  enterpriseName: string;
  kind: string;
  topic: string;
  status: string;
  statusLabel: string;
  replyBy: string | null;
  requestedBy: string | null;
  requestedAt: string | null;
  answeredAt: string | null;
  hasGuidance: boolean;
}

export interface LinkedProblem {
  ledgerNo: string;
  title: string;
  stage: string;
  deadline?: string;
}

export interface SupervisionEvent {
  kind?: string;
  action?: string;
  actorName: string;
  actorRole: string;
  reason: string | null;
  at: string;
}

export interface VisitDetail extends VisitRecord {
  topics: { key: string; label: string; finding: string }[];
  problems: LinkedProblem[];
  evidence: EvidenceFile[];
  events: SupervisionEvent[];
}

export interface ExplanationDetail extends ExplanationRecord {
  details: string | null;
  answer: { content: string; causes: string; answeredBy: string; answeredAt: string; late: boolean } | null;
  guidance: { guidance: string; givenBy: string; givenAt: string } | null;
  problems: LinkedProblem[];
  events: SupervisionEvent[];
}

export interface SummaryRow {
  id: string;
  workflowId: string;
  month: string;
  monthLabel: string;
  generatedAt: string;
  fileName: string;
  totals: Record<string, number> | null;
}

export interface SummaryDetail {
  id: string;
  month: string;
  monthLabel: string;
  generatedAt: string;
  fileName: string;
  asOf: string;
  totals: Record<string, number>;
  enterprises: ({ code: string; name: string } & Record<string, number | string>)[];
  overdueProblems: { ledgerNo: string; enterpriseName: string; title: string; stageLabel: string; deadline: string; daysSinceProgress: number }[];
  slowProblems: { ledgerNo: string; enterpriseName: string; title: string; stageLabel: string; deadline: string; daysSinceProgress: number }[];
  analysis: string[];
}

const base = '/api/issues/supervision';
/** The first page (at most 200, newest first) of a list, for the overviews that show the latest few. */
const items = <T>(path: string) => get<Page<T>>(path).then((r) => r.items);

/** Each call answers "not available" (404) instead of failing where a deployment lacks the route. */
export const supervisionApi = {
  visits: (p: { ledgerNo?: string; enterpriseCode?: string; month?: string } = {}) => ifAvailable(() => items<VisitRecord>(`${base}/records${query({ ...p, pageSize: 200 })}`)),
  explanations: (p: { enterpriseCode?: string; status?: string } = {}) => ifAvailable(() => items<ExplanationRecord>(`${base}/explanations${query({ ...p, pageSize: 200 })}`)),
};

const enc = encodeURIComponent;

/** The supervision forms: visits and their evidence, explanations, monthly summaries. */
export const supervisionActions = {
  recordVisit: (body: { enterpriseCode: string; visitDate: string; team: string[]; ledgerNos: string[]; topics: Record<string, string>; findings: string }) => post<VisitDetail>(`${base}/records`, body),
  visit: (id: string) => get<VisitDetail>(`${base}/records/${enc(id)}`),
  uploadVisitEvidence: (id: string, file: File) => upload<EvidenceFile>(`${base}/records/${enc(id)}/evidence`, file),
  downloadVisitEvidence: (id: string, f: EvidenceFile) => download(`${base}/records/${enc(id)}/evidence/${enc(f.id)}`, f.fileName),
  explanationList: (p: { enterpriseCode?: string; status?: string } & PageRequest = {}) => get<Page<ExplanationRecord>>(`${base}/explanations${query({ ...p })}`),
  explanation: (id: string) => get<ExplanationDetail>(`${base}/explanations/${enc(id)}`),
  requestExplanation: (body: { enterpriseCode: string; topic: string; details: string; ledgerNos?: string[] }) => post<ExplanationDetail>(`${base}/explanations`, body),
  unsolicited: (body: { topic: string; content: string; causes: string; ledgerNos?: string[] }) => post<ExplanationDetail>(`${base}/explanations/unsolicited`, body),
  answer: (id: string, body: { content: string; causes: string }) => post<ExplanationDetail>(`${base}/explanations/${enc(id)}/answer`, body),
  guidance: (id: string, body: { guidance: string }) => post<ExplanationDetail>(`${base}/explanations/${enc(id)}/guidance`, body),
  summaries: () => items<SummaryRow>(`${base}/summaries`),
  summary: (id: string) => get<SummaryDetail>(`${base}/summaries/${enc(id)}`),
  triggerSummary: (month: string) => post<{ workflowId: string; month: string; monthLabel: string }>(`${base}/summaries`, { month }),
  summaryDocument: (r: { id: string; fileName: string }) => download(`${base}/summaries/${enc(r.id)}/document`, r.fileName),
};
