import { STAGE_LABELS, OUTCOMES, type Stage, type Outcome } from '@rectify/domain';

/** A ledger row as the database returns it (snake_case). */
export interface ProblemRow {
  id: string;
  ledger_no: string;
  enterprise_code: string;
  subsidiary: string | null;
  source: string;
  doc_type: string;
  doc_number: string;
  doc_issuer: string;
  doc_issue_date: string;
  item_no: string;
  audit_project: string | null;
  title: string;
  description: string;
  category: string;
  amount: string | null;
  quantity: string | null;
  quantity_unit: string | null;
  legal_basis: string | null;
  recommendation: string | null;
  confidentiality: string;
  tags: string[];
  deadline: string;
  original_deadline: string;
  hard_limit: string;
  special_reason: string | null;
  responsibility: unknown;
  plan: unknown;
  report: unknown;
  stage: Stage;
  outcome: Outcome | null;
  criterion: string | null;
  overdue: boolean;
  extended: boolean;
  corrected_amount: string;
  completed_at: Date | null;
  closed_at: Date | null;
  state: unknown;
  last_seq: number;
  workflow_started: boolean;
  registered_by: string;
  registered_at: Date;
  updated_at: Date;
  /** The problem this one was found from, and the separate project that found it (null for most). */
  origin_problem_id?: string | null;
  separate_project_id?: string | null;
}

/** Columns selected for a ledger page (no long texts). */
export const SUMMARY_COLUMNS = `p.id, p.ledger_no, p.enterprise_code, p.subsidiary, p.source, p.doc_number, p.doc_issue_date, p.item_no,
  p.title, p.category, p.amount, p.confidentiality, p.tags, p.deadline, p.stage, p.outcome, p.criterion, p.overdue,
  p.extended, p.corrected_amount, p.registered_at, p.workflow_started`;

export function problemSummary(r: Partial<ProblemRow>) {
  return {
    id: r.id,
    ledgerNo: r.ledger_no,
    enterpriseCode: r.enterprise_code,
    subsidiary: r.subsidiary ?? null,
    source: r.source,
    documentNumber: r.doc_number,
    issueDate: r.doc_issue_date,
    itemNo: r.item_no,
    title: r.title,
    category: r.category,
    amount: r.amount ?? null,
    confidentiality: r.confidentiality,
    tags: r.tags,
    deadline: r.deadline,
    stage: r.stage,
    stageLabel: r.stage ? STAGE_LABELS[r.stage] : undefined,
    outcome: r.outcome ?? null,
    outcomeLabel: r.outcome ? OUTCOMES[r.outcome] : null,
    criterion: r.criterion ?? null,
    overdue: r.overdue,
    extended: r.extended,
    correctedAmount: r.corrected_amount,
    registeredAt: r.registered_at,
    /** False until the problem's workflow (its deadlines, reminders, escalation) has started: the console shows 时限监控启动中. */
    workflowStarted: r.workflow_started,
  };
}

export function problemDetail(r: ProblemRow) {
  return {
    ...problemSummary(r),
    document: { type: r.doc_type, number: r.doc_number, issuer: r.doc_issuer, issueDate: r.doc_issue_date },
    auditProject: r.audit_project,
    description: r.description,
    quantity: r.quantity,
    quantityUnit: r.quantity_unit,
    legalBasis: r.legal_basis,
    recommendation: r.recommendation,
    originalDeadline: r.original_deadline,
    hardLimit: r.hard_limit,
    specialReason: r.special_reason,
    responsibility: r.responsibility,
    plan: r.plan,
    report: r.report,
    state: r.state,
    completedAt: r.completed_at,
    closedAt: r.closed_at,
    workflowId: `problem-${r.ledger_no}`,
    updatedAt: r.updated_at,
  };
}
