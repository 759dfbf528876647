import type { ApprovalDecision, Actor, UpwardReportGround } from '@rectify/contracts';

/** The two approvals of the party committee, as the log names them. */
export type ApprovalSubject = 'separate_project' | 'upward_report';

/** One entry of the append-only approval log (issues.approval_events). */
export interface ApprovalEventRecord {
  /** Idempotency key: `<workflow id>:<event>`; the same key is written once. */
  key: string;
  subjectType: ApprovalSubject;
  subjectId: string;
  kind: 'proposed' | 'reminder' | 'approved' | 'rejected' | 'produced' | 'dispatched';
  actor: Actor | null;
  reason: string | null;
  payload: Record<string, unknown>;
  /** Policy-time instant of the event. */
  atMs: number;
}

export interface ApprovalReminderRecord {
  subjectType: ApprovalSubject;
  subjectId: string;
  workflowId: string;
  reminderNo: number;
  atMs: number;
}

export interface DecisionRecord {
  workflowId: string;
  decision: ApprovalDecision;
  atMs: number;
}

export interface UpwardReportProposalRecord {
  workflowId: string;
  problemId: string;
  ground: UpwardReportGround;
  problemEventSeq: number;
  atMs: number;
}
