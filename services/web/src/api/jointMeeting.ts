import { download, get, post, put, query, upload } from './client.js';
import type { Page, PageRequest } from '@rectify/contracts';

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

export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface ResponseVersion {
  attachments?: Attachment[];
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
  attachments?: Attachment[];
  meetingId?: string | null;
  decisionIndex?: number | null;
  responses: ResponseVersion[];
}

export interface Notice {
  id: string;
  title: string;
  publishedBy: string;
  publishedAt: string;
  readByMe: boolean;
  readAt: string | null;
  readers: number;
}

export interface NoticeDetail extends Notice {
  content: string;
  problems: { ledgerNo: string; title?: string; stageLabel?: string }[];
}

export interface NoticeReceipts {
  units: { unitCode: string; unitName: string; read: boolean; firstReadAt: string | null; readers: { name: string; readAt: string }[] }[];
  unread: string[];
  otherReaders: { name: string; readAt: string }[];
}

export interface Meeting {
  id: string;
  heldOn: string;
  title: string;
  attendees: string[];
  agenda: string;
  minutes: string;
  decisions: { index: number; text: string; pushNo: string | null }[];
  recordedBy: string;
  recordedAt: string;
}

export interface CoordinationEntry {
  id: string;
  direction: 'in' | 'out';
  directionLabel: string;
  counterpart: string;
  counterpartLabel: string;
  transferredOn: string;
  subject: string;
  content: string;
  documentNo: string | null;
  ledgerNos: string[];
  recordedBy: string;
  recordedAt: string;
}

export interface SpecialReport {
  id: string;
  title: string;
  periodFrom: string;
  periodTo: string;
  summary: string;
  createdBy: string;
  createdAt: string;
}

export type NewPush = { subject: string; content: string; units: string[]; replyBy: string; ledgerNos?: string[]; attachmentIds?: string[]; meetingId?: string; decisionIndex?: number };

const base = '/api/joint-meeting/pushes';
const one = (n: string) => `${base}/${encodeURIComponent(n)}`;

export const jointMeetingApi = {
  /** The office's tracker; a member unit gets only the pushes addressed to it. */
  pushes: (p: PageRequest = {}) => get<Page<PushSummary>>(`${base}${query({ ...p })}`),
  push: (n: string) => get<PushDetail>(one(n)),
  create: (body: NewPush) => post<PushDetail>(base, body),
  draft: (n: string, body: { opinion: string; resolution: string; attachmentIds?: string[] }) => put<{ push: PushDetail }>(`${one(n)}/response`, body),
  submit: (n: string) => post<{ push: PushDetail }>(`${one(n)}/response/submit`),
  approve: (n: string, comment?: string) => post<{ push: PushDetail }>(`${one(n)}/response/approve`, comment ? { comment } : {}),
  returnForRevision: (n: string, comment: string) => post<{ push: PushDetail }>(`${one(n)}/response/return`, { comment }),
};

const jm = '/api/joint-meeting';
const enc = encodeURIComponent;

/** Attachments, notices (通报), meetings, the coordination log and special reports (专报) of §11. */
export const jointMeetingExtras = {
  uploadAttachment: (file: File) => upload<Attachment>(`${jm}/attachments`, file),
  downloadAttachment: (a: Attachment) => download(`${jm}/attachments/${enc(a.id)}`, a.fileName),
  notices: (p: PageRequest = {}) => get<Page<Notice>>(`${jm}/notices${query({ ...p })}`),
  notice: (id: string) => get<NoticeDetail>(`${jm}/notices/${enc(id)}`),
  publishNotice: (body: { title: string; content: string; ledgerNos?: string[] }) => post<NoticeDetail>(`${jm}/notices`, body),
  markRead: (id: string) => post<NoticeDetail>(`${jm}/notices/${enc(id)}/read`),
  receipts: (id: string) => get<NoticeReceipts>(`${jm}/notices/${enc(id)}/receipts`),
  meetings: () => get<Meeting[]>(`${jm}/meetings`),
  recordMeeting: (body: { heldOn: string; title: string; attendees: string[]; agenda: string; minutes: string; decisions: string[] }) => post<Meeting>(`${jm}/meetings`, body),
  coordination: (p: { direction?: string; counterpart?: string } = {}) => get<CoordinationEntry[]>(`${jm}/coordination${query(p)}`),
  recordCoordination: (body: Record<string, unknown>) => post<CoordinationEntry>(`${jm}/coordination`, body),
  reports: () => get<SpecialReport[]>(`${jm}/reports`),
  createReport: (body: { title: string; periodFrom: string; periodTo: string; summary: string }) => post<SpecialReport>(`${jm}/reports`, body),
  reportDocument: (r: SpecialReport) => download(`${jm}/reports/${enc(r.id)}/document`, `${r.title}.docx`),
  markReportRead: (id: string) => post<SpecialReport>(`${jm}/reports/${enc(id)}/read`),
  /** 待我处理: unread 通报 (members), unread 专报 (党委), the unit's pushes waiting for it; null where the role has none. */
  waiting: () => get<JointWaiting>(`${jm}/waiting`),
};

interface Listed<T> {
  total: number;
  items: T[];
}

export interface JointWaiting {
  notices: Listed<{ id: string; title: string; publishedAt: string }> | null;
  reports: Listed<{ id: string; title: string; periodFrom: string; periodTo: string; createdAt: string }> | null;
  pushes: Listed<{ pushNo: string; subject: string; replyBy: string; status: string; overdue: boolean }> | null;
}
