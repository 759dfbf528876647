import { get, post, put } from './client.js';

/** The joint meeting's written pushes (§11), served by services/joint-meeting. */
export interface PushTarget {
  unitCode: string;
  unitName: string;
  status: 'pending' | 'drafting' | 'awaiting_approval' | 'answered';
  statusLabel: string;
  overdue: boolean;
  version: number;
  answeredAt: string | null;
  returns: number;
  reminders: number;
}

export interface PushSummary {
  pushNo: string;
  subject: string;
  replyBy: string;
  status: 'open' | 'closed';
  statusLabel: string;
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
  counts: { units: number; pending: number; drafting: number; awaitingApproval: number; answered: number; overdue: number };
  targets: PushTarget[];
}

export interface ResponseVersion {
  unitCode: string;
  version: number;
  status: 'draft' | 'submitted' | 'approved' | 'returned';
  statusLabel: string;
  opinion: string;
  resolution: string;
  draftedBy: string | null;
  draftedAt: string | null;
  submittedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
}

export interface PushDetail extends PushSummary {
  content: string;
  problems: { ledgerNo: string; title?: string }[];
  responses: ResponseVersion[];
}

const base = '/api/joint-meeting/pushes';
const one = (n: string) => `${base}/${encodeURIComponent(n)}`;

export const jointMeetingApi = {
  /** The office's tracker; a member unit gets only the pushes addressed to it. */
  pushes: () => get<PushSummary[]>(base),
  push: (n: string) => get<PushDetail>(one(n)),
  create: (body: { subject: string; content: string; units: string[]; replyBy: string; ledgerNos?: string[] }) => post<PushDetail>(base, body),
  draft: (n: string, body: { opinion: string; resolution: string }) => put<{ push: PushDetail }>(`${one(n)}/response`, body),
  submit: (n: string) => post<{ push: PushDetail }>(`${one(n)}/response/submit`),
  approve: (n: string, comment?: string) => post<{ push: PushDetail }>(`${one(n)}/response/approve`, comment ? { comment } : {}),
  returnForRevision: (n: string, comment: string) => post<{ push: PushDetail }>(`${one(n)}/response/return`, { comment }),
};
