import type { LifecycleState, Outcome, Stage } from '@rectify/domain';
import type { Page } from '@rectify/contracts';

/** A ledger row as GET /api/issues/problems returns it. */
export interface ProblemSummary {
  id: string;
  ledgerNo: string;
  enterpriseCode: string;
  subsidiary: string | null;
  source: string;
  documentNumber: string;
  issueDate: string;
  itemNo: string;
  title: string;
  category: string;
  amount: string | null;
  confidentiality: 'confidential' | 'non_confidential';
  tags: string[];
  deadline: string;
  stage: Stage;
  stageLabel: string;
  outcome: Outcome | null;
  outcomeLabel: string | null;
  criterion: string | null;
  overdue: boolean;
  extended: boolean;
  correctedAmount: string;
  registeredAt: string;
  /** False until the problem's workflow has started (an imported ledger's start behind the import). */
  workflowStarted: boolean;
}

export type LedgerPage = Page<ProblemSummary>;

export interface HistoryEvent {
  seq: number;
  kind: string;
  action: string | null;
  actorName: string;
  actorRole: string;
  reason: string | null;
  payload: Record<string, unknown> | null;
  stageBefore: string | null;
  stageAfter: string | null;
  at: string;
}

export interface DeterminationRow {
  id: string;
  seq: number;
  criterion: string;
  outcome: Outcome;
  details: Record<string, unknown>;
  determinedBy: string;
  determinedAt: string;
  review: 'pending' | 'accepted' | 'rejected';
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
}

export interface ExtensionRow {
  id: string;
  seq: number;
  requestedDeadline: string;
  reason: string;
  specialReason: string | null;
  status: 'pending' | 'approved' | 'rejected';
  requestedBy: string;
  requestedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionComment: string | null;
}

export interface TransferRow {
  id: string;
  content: string;
  transferredBy: string;
  transferredAt: string;
  status: 'pending' | 'accepted' | 'declined' | string;
  acceptedOn: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface CaseRow {
  id: string;
  ledgerNo?: string;
  enterpriseCode?: string;
  trigger: string;
  triggerLabel?: string;
  cause: string;
  status: string;
  statusLabel?: string;
  openedAt: string;
}

export interface ApprovalRecord {
  body: string;
  meeting: string;
  meetingDate: string;
  resolutionNo: string;
}

export interface ProblemDetail extends ProblemSummary {
  document: { type: string; number: string; issuer: string; issueDate: string };
  auditProject: string | null;
  description: string;
  quantity: string | null;
  quantityUnit: string | null;
  legalBasis: string | null;
  recommendation: string | null;
  originalDeadline: string;
  hardLimit: string;
  specialReason: string | null;
  responsibility: { leadDepartment: string; cooperatingDepartments: string[]; responsiblePersons: string[] } | null;
  plan: { measures?: string; milestones?: { title: string; dueDate: string }[]; targetDate?: string; approvals?: ApprovalRecord[] } | null;
  report: { content?: string; approvals?: ApprovalRecord[] } | null;
  state: LifecycleState;
  completedAt: string | null;
  closedAt: string | null;
  workflowId: string;
  history: HistoryEvent[];
  determinations: DeterminationRow[];
  extensions: ExtensionRow[];
  transfers: TransferRow[];
  accountabilityCases: CaseRow[];
  /** Links of separate projects (§10) and upward reports (§13); the last two only for APPROVAL_READERS. */
  origin?: { ledgerNo: string; title: string; enterpriseCode: string } | null;
  separateProject?: ProblemProjectLink | null;
  derivedProblems?: { ledgerNo: string; title: string; enterpriseCode: string; stage: string; separateProjectId?: string | null }[];
  separateProjects?: ProblemProjectLink[];
  upwardReports?: { id: string; ground: string; groundLabel: string; status: string; statusLabel: string; documentNumber: string | null; proposedAt: string; decidedAt: string | null }[];
}

export interface ProblemProjectLink {
  id: string;
  kind: string;
  kindLabel: string;
  title: string;
  status: string;
  statusLabel: string;
  approvalNumber: string | null;
  enterpriseCode: string;
  proposedAt: string;
}

export interface EvidenceFile {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface InboxItem {
  id: number;
  type: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface Preference {
  type: string;
  label: string;
  mandatory: boolean;
  emailEnabled: boolean;
}

export interface Enterprise {
  code: string;
  name: string;
}

export interface IndicatorRow {
  group: string;
  due: number;
  completed: number;
  onTime: number;
  overdue: number;
  partial: number;
  notRectified: number;
  closed: number;
  amountDue: string;
  amountCompleted: string;
  rectificationRate: number | null;
  rectificationRateByAmount: number | null;
  onTimeRate: number | null;
  meanDaysToCompletion: number | null;
  closeOutRate: number | null;
  accountabilityCases: number;
}

export interface TrendPoint {
  month: string;
  due: number;
  completed: number;
  rectificationRate: number | null;
}

export interface AgeingBucket {
  bucket: string;
  count: number;
}

export interface ConsoleConfig {
  temporalUiUrl: string | null;
  namespace: string;
}

/** One bad cell of an imported ledger (422 of POST /api/issues/ledger/import). */
export interface ImportRowError {
  rowNumber: number;
  cell: string | null;
  column: string | null;
  message: string;
}

export interface ImportResult {
  imported: number;
  alreadyRegistered: number;
  ledgerNos: string[];
}
