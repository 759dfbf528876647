import { Inject, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APPROVAL_STATUSES, SEPARATE_PROJECT_KINDS, separateProjectWorkflowId, type ApprovalStatus, type Principal, type SeparateProjectKind } from '@rectify/contracts';
import type { Policy } from '@rectify/domain';
import { POLICY } from '@rectify/platform';
import { createApprovalActivities } from '@rectify/activities';
import { EnterpriseDirectory } from '../problems/enterprise-directory.js';
import { LedgerRepository } from '../problems/ledger.repository.js';
import { ApprovalWorkflows } from './approval-workflows.js';
import type { ApprovalDecisionDto } from './decision.dto.js';
import { ActionRequests } from '../requests/action-requests.js';
import { approvalEvents, decisionOn, findProposal, listProposals, type ProposalSource } from './proposals.js';
import type { ProposeSeparateProjectDto, SeparateProjectListQuery } from './separate-project.dto.js';

interface ProjectRow {
  id: string;
  origin_problem_id: string;
  origin_ledger_no: string;
  origin_title: string;
  enterprise_code: string;
  kind: SeparateProjectKind;
  title: string;
  clue: string;
  reasons: string;
  status: ApprovalStatus;
  workflow_id: string;
  proposed_by_name: string;
  proposed_by_role: string;
  proposed_at: Date;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  approval_number: string | null;
}

const PROJECTS: ProposalSource = {
  select: `SELECT s.*, p.ledger_no AS origin_ledger_no, p.title AS origin_title
  FROM issues.separate_projects s JOIN issues.problems p ON p.id = s.origin_problem_id`,
  alias: 's',
  noun: '立项事项',
};

function projectView(r: ProjectRow) {
  return {
    id: r.id,
    kind: r.kind,
    kindLabel: SEPARATE_PROJECT_KINDS[r.kind],
    title: r.title,
    enterpriseCode: r.enterprise_code,
    origin: { ledgerNo: r.origin_ledger_no, title: r.origin_title },
    clue: r.clue,
    reasons: r.reasons,
    status: r.status,
    statusLabel: APPROVAL_STATUSES[r.status],
    proposedBy: r.proposed_by_name,
    proposedByRole: r.proposed_by_role,
    proposedAt: r.proposed_at,
    decidedBy: r.decided_by_name,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
    approvalNumber: r.approval_number,
    workflowId: r.workflow_id,
  };
}

/**
 * Separate projects (另行立项, policy 第十条): proposed by the Supervision Division or the
 * supervision group from a problem, decided by the party committee in the proposal's workflow.
 * Only the Commission's supervision side reads them (APPROVAL_READERS); enterprises never do.
 */
@Injectable()
export class SeparateProjectsService {
  /** The approval activities' own writers: the decision is written here and by the workflow alike, once. */
  private readonly records: ReturnType<typeof createApprovalActivities>;

  constructor(
    private readonly db: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly enterprises: EnterpriseDirectory,
    private readonly workflows: ApprovalWorkflows,
    private readonly requests: ActionRequests,
    @Inject(POLICY) private readonly policy: Policy,
  ) {
    this.records = createApprovalActivities({ db });
  }

  async propose(body: ProposeSeparateProjectDto, user: Principal) {
    const origin = await this.ledger.visible(body.originLedgerNo, user);
    if (!origin) throw new UnprocessableEntityException(`originLedgerNo：问题 ${body.originLedgerNo} 不存在`);
    const enterpriseCode = body.enterpriseCode ?? origin.enterprise_code;
    if (!(await this.enterprises.exists(enterpriseCode))) throw new UnprocessableEntityException(`enterpriseCode：企业 ${enterpriseCode} 不存在`);
    const id = randomUUID();
    const workflowId = separateProjectWorkflowId(id);
    const now = Date.now();
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO issues.separate_projects (id, origin_problem_id, enterprise_code, kind, title, clue, reasons, workflow_id, proposed_by, proposed_by_name, proposed_by_role, proposed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [id, origin.id, enterpriseCode, body.kind, body.title, body.clue, body.reasons, workflowId, user.sub, user.displayName, user.role, new Date(now).toISOString()],
      );
      await tx.query(
        `INSERT INTO issues.approval_events (key, subject_type, subject_id, kind, actor_id, actor_name, actor_role, reason, payload, at)
         VALUES ($1, 'separate_project', $2, 'proposed', $3, $4, $5, $6, $7, $8)`,
        [`${workflowId}:proposed`, id, user.sub, user.displayName, user.role, body.reasons, JSON.stringify({ kind: body.kind, originLedgerNo: origin.ledger_no, enterpriseCode }), new Date(now).toISOString()],
      );
      // Started before the commit: a workflow that cannot start leaves no proposal behind.
      await this.workflows.startSeparateProject({ projectId: id, originProblemId: origin.id, kind: body.kind, policy: this.policy, proposedAtMs: now });
    });
    return this.detail(id);
  }

  async list(q: SeparateProjectListQuery) {
    const rows = await listProposals<ProjectRow>(this.db, PROJECTS, { 's.status': q.status, 'p.ledger_no': q.originLedgerNo });
    return rows.map(projectView);
  }

  find(id: string): Promise<ProjectRow> {
    return findProposal<ProjectRow>(this.db, PROJECTS, id);
  }

  /** The project with its approval log and the problems registered under it. */
  async detail(id: string) {
    const row = await this.find(id);
    const [events, problems] = await Promise.all([
      approvalEvents(this.db, id),
      this.db.query(
        `SELECT ledger_no AS "ledgerNo", title, enterprise_code AS "enterpriseCode", stage, registered_at AS "registeredAt"
         FROM issues.problems WHERE separate_project_id = $1 ORDER BY registered_at`,
        [id],
      ),
    ]);
    return { ...projectView(row), events, problems };
  }

  async decide(id: string, body: ApprovalDecisionDto, user: Principal, idempotencyKey: string | null = null) {
    const row = await this.find(id);
    const decision = await decisionOn(this.requests, { type: 'separate_project', id: row.id, status: row.status }, body, user, idempotencyKey);
    // A repeated request whose decision is on record already: the same answer, nothing sent again.
    if (row.status === 'pending') {
      const taken = await this.workflows.decideSeparateProject(row.id, decision);
      // The workflow took the decision: its record is written here (only a pending proposal changes,
      // its log entry is keyed), so the detail read back shows it; the workflow's activity finds it written.
      if (taken.record) await this.records.decideSeparateProject(taken.record);
    }
    return this.detail(id);
  }

  async workflow(id: string) {
    const row = await this.find(id);
    return this.workflows.separateProjectView(row.id);
  }
}
