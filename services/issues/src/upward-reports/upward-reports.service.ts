import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APPROVAL_STATUSES, UPWARD_REPORT_GROUNDS, type ApprovalStatus, type Principal, type UpwardReportGround } from '@rectify/contracts';
import { ApprovalWorkflows } from '../separate-projects/approval-workflows.js';
import type { ApprovalDecisionDto } from '../separate-projects/decision.dto.js';
import { ActionRequests } from '../requests/action-requests.js';
import { approvalEvents, decisionOn, findProposal, listProposals, type ProposalSource } from '../separate-projects/proposals.js';
import type { UpwardReportListQuery } from './upward-report.dto.js';

interface ProposalRow {
  id: string;
  problem_id: string;
  ledger_no: string;
  problem_title: string;
  enterprise_code: string;
  workflow_id: string;
  ground: UpwardReportGround;
  status: ApprovalStatus;
  proposed_at: Date;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  document_number: string | null;
  report_id: string | null;
  report_title: string | null;
  produced_at: Date | null;
}

const PROPOSALS: ProposalSource = {
  select: `SELECT u.*, p.ledger_no, p.title AS problem_title, p.enterprise_code, r.id AS report_id, r.title AS report_title, r.produced_at
  FROM issues.upward_report_proposals u JOIN issues.problems p ON p.id = u.problem_id
  LEFT JOIN issues.upward_reports r ON r.proposal_id = u.id`,
  alias: 'u',
  noun: '上报事项',
};

function proposalView(r: ProposalRow) {
  return {
    id: r.id,
    problem: { ledgerNo: r.ledger_no, title: r.problem_title, enterpriseCode: r.enterprise_code },
    ground: r.ground,
    groundLabel: UPWARD_REPORT_GROUNDS[r.ground],
    status: r.status,
    statusLabel: APPROVAL_STATUSES[r.status],
    proposedAt: r.proposed_at,
    decidedBy: r.decided_by_name,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
    documentNumber: r.document_number,
    report: r.report_id ? { id: r.report_id, title: r.report_title, producedAt: r.produced_at, download: `/api/issues/upward-reports/${r.id}/report.docx` } : null,
    workflowId: r.workflow_id,
  };
}

/**
 * Upward reports (上报, policy 第十三条): proposed by a problem's workflow, decided by the party
 * committee, produced and dispatched only after approval. Read only by APPROVAL_READERS.
 */
@Injectable()
export class UpwardReportsService {
  constructor(
    private readonly db: DataSource,
    private readonly workflows: ApprovalWorkflows,
    private readonly requests: ActionRequests,
  ) {}

  async list(q: UpwardReportListQuery) {
    const rows = await listProposals<ProposalRow>(this.db, PROPOSALS, { 'u.status': q.status, 'p.ledger_no': q.ledgerNo });
    return rows.map(proposalView);
  }

  find(id: string): Promise<ProposalRow> {
    return findProposal<ProposalRow>(this.db, PROPOSALS, id);
  }

  /** The proposal with its approval log, the report (after approval) and its dispatch. */
  async detail(id: string) {
    const row = await this.find(id);
    const [events, dispatches] = await Promise.all([
      approvalEvents(this.db, id),
      row.report_id
        ? this.db.query(
            `SELECT recipient, document_number AS "documentNumber", dispatched_by_name AS "dispatchedBy", dispatched_by_role AS "dispatchedByRole", dispatched_at AS "dispatchedAt"
             FROM issues.upward_report_dispatches WHERE report_id = $1 ORDER BY id`,
            [row.report_id],
          )
        : Promise.resolve([]),
    ]);
    return { ...proposalView(row), events, dispatches };
  }

  async decide(id: string, body: ApprovalDecisionDto, user: Principal, idempotencyKey: string | null = null) {
    const row = await this.find(id);
    const decision = await decisionOn(this.requests, { type: 'upward_report', id: row.id, status: row.status }, body, user, idempotencyKey);
    // A repeated request whose decision is on record already: the same answer, nothing sent again.
    if (row.status === 'pending') await this.workflows.decideUpwardReport(row.ledger_no, decision);
    return this.detail(id);
  }

  async workflow(id: string) {
    const row = await this.find(id);
    return this.workflows.upwardReportView(row.ledger_no);
  }

  /** The produced report (docx); none exists before approval or after a rejection. */
  async document(id: string): Promise<{ docx: Buffer; title: string }> {
    const row = await this.find(id);
    const rows: { docx: Buffer; title: string }[] = await this.db.query('SELECT docx, title FROM issues.upward_reports WHERE proposal_id = $1', [row.id]);
    if (!rows[0]) throw new NotFoundException('该上报事项尚未形成报告（须经委党委审议通过）');
    return rows[0];
  }
}
