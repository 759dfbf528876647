import { download, get, post } from './client.js';

/** 委党委审议 (§10 另行立项, §13 上报), served by services/issues separate-projects/ and upward-reports/. */
export type ApprovalStatus = 'pending' | 'approved' | 'rejected';

export interface ApprovalEvent {
  kind: string;
  actorName: string;
  actorRole: string;
  reason: string | null;
  payload: Record<string, unknown> | null;
  at: string;
}

export interface SeparateProject {
  id: string;
  kind: 'verification' | 'audit' | 'asset_loss_investigation';
  kindLabel: string;
  title: string;
  enterpriseCode: string;
  origin: { ledgerNo: string; title: string };
  clue: string;
  reasons: string;
  status: ApprovalStatus;
  statusLabel: string;
  proposedBy: string;
  proposedByRole: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  approvalNumber: string | null;
}

export interface SeparateProjectDetail extends SeparateProject {
  events: ApprovalEvent[];
  problems: { ledgerNo: string; title: string; enterpriseCode: string; stage: string; registeredAt: string }[];
}

export interface UpwardReport {
  id: string;
  problem: { ledgerNo: string; title: string; enterpriseCode: string };
  ground: string;
  groundLabel: string;
  status: ApprovalStatus;
  statusLabel: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  documentNumber: string | null;
  report: { id: string; title: string; producedAt: string; download: string } | null;
}

export interface UpwardReportDetail extends UpwardReport {
  events: ApprovalEvent[];
  dispatches: { recipient: string; documentNumber: string; dispatchedBy: string; dispatchedByRole: string; dispatchedAt: string }[];
}

export interface Decision {
  approve: boolean;
  documentNumber?: string;
  reason?: string;
}

const projects = '/api/issues/separate-projects';
const reports = '/api/issues/upward-reports';
const enc = encodeURIComponent;

export const approvalsApi = {
  projects: () => get<SeparateProject[]>(projects),
  project: (id: string) => get<SeparateProjectDetail>(`${projects}/${enc(id)}`),
  propose: (body: { originLedgerNo: string; kind: string; title: string; clue: string; reasons: string; enterpriseCode?: string }) => post<SeparateProjectDetail>(projects, body),
  decideProject: (id: string, body: Decision) => post<SeparateProjectDetail>(`${projects}/${enc(id)}/decision`, body),
  reports: () => get<UpwardReport[]>(reports),
  report: (id: string) => get<UpwardReportDetail>(`${reports}/${enc(id)}`),
  decideReport: (id: string, body: Decision) => post<UpwardReportDetail>(`${reports}/${enc(id)}/decision`, body),
  reportDocument: (r: UpwardReport) => download(`${reports}/${enc(r.id)}/report.docx`, `${r.report?.title ?? '上报报告'}.docx`),
};
