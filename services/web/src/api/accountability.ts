import { download, get, post, put } from './client.js';

/** Accountability cases (问责, §12), served by services/issues accountability/. */
export interface SignOff {
  party: 'supervision' | 'discipline';
  partyLabel: string;
  signedBy: string;
  signedRole: string;
  signedAt: string;
  comment: string | null;
}

export interface Opinion {
  version: number;
  findings: string;
  responsibility: string;
  proposedMeasures: MeasureKind[];
  proposedMeasureLabels: string[];
  draftedBy: string;
  draftedAt: string;
  signOffs: SignOff[];
  fullySigned: boolean;
  missingSignOffs: ('supervision' | 'discipline')[];
}

export type MeasureKind = 'letter' | 'talk' | 'circular';

export interface Measure {
  id: string;
  kind: MeasureKind;
  kindLabel: string;
  opinionVersion: number;
  details: Record<string, unknown>;
  issuedBy: string;
  issuedRole: string;
  issuedAt: string;
  documentPath: string | null;
}

export interface CaseDetail {
  id: string;
  trigger: string;
  triggerLabel: string;
  cause: string;
  status: 'open' | 'opinion_drafted' | 'opinion_signed' | 'measures_issued' | 'closed';
  statusLabel: string;
  openedAt: string;
  opinionVersion: number;
  assessment: { year: number; marked: boolean; note: string | null; markedBy: string | null; markedAt: string | null };
  closing: { closedBy: string; closedAt: string; reason: string } | null;
  problem: { ledgerNo: string; title: string; stage: string; enterpriseCode: string; enterpriseName: string; confidentiality: string; document: { type: string; number: string; issuer: string; issueDate: string } };
  opinion: Opinion | null;
  opinionVersions: { version: number; draftedBy: string; draftedAt: string }[];
  measures: Measure[];
  transfers: { id: string; content: string; transferredBy: string; transferredAt: string; status: string; acceptedOn: string | null }[];
  events: { seq: number; action: string | null; actorName: string; actorRole: string; reason: string | null; payload: Record<string, unknown> | null; at: string }[];
}

const base = '/api/issues/accountability-cases';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;
type Issued = { case: CaseDetail };

export const accountabilityApi = {
  detail: (id: string) => get<CaseDetail>(one(id)),
  draftOpinion: (id: string, body: { findings: string; responsibility: string; proposedMeasures: MeasureKind[]; reason?: string }) => put<CaseDetail>(`${one(id)}/opinion`, body),
  signOff: (id: string, body: { version: number; comment?: string }) => post<CaseDetail>(`${one(id)}/opinion/sign-offs`, body),
  issue: (id: string, kind: MeasureKind, body: Record<string, unknown>) => post<Issued>(`${one(id)}/measures/${kind}`, body).then((r) => r.case),
  assessment: (id: string, body: { year: number; note?: string }) => put<CaseDetail>(`${one(id)}/assessment`, body),
  close: (id: string, body: { reason: string }) => post<CaseDetail>(`${one(id)}/close`, body),
  document: (m: Measure) => download(`/api/issues/${m.documentPath!}`, `${m.kindLabel}.docx`),
};
