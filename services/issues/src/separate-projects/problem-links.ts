import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { APPROVAL_READERS, APPROVAL_STATUSES, PROBLEM_SOURCES, ROLES, SEPARATE_PROJECT_KINDS, UPWARD_REPORT_GROUNDS, type ApprovalStatus, type Principal, type ProblemRegistration, type SeparateProjectKind, type UpwardReportGround } from '@rectify/contracts';
import { canSeeProblem, visibilityRule } from '../problems/visibility.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a registration links the new problem to (resolved ids, or null). */
export interface ProblemLink {
  originProblemId: string | null;
  separateProjectId: string | null;
}

export const NO_LINK: ProblemLink = { originProblemId: null, separateProjectId: null };

interface OriginRow {
  id: string;
  ledger_no: string;
  title: string;
  enterprise_code: string;
  confidentiality: string;
}

/**
 * The links between problems that separate projects create (policy 第十条: the project's problems
 * enter the ledger linked to the original). Registration checks them; the problem detail shows
 * them both ways.
 *
 * Rules: a problem registered under a separate project must be registered by the Supervision
 * Division (enterprises never see projects), with source `supervision_project`, for the enterprise
 * the party committee approved the project for — the origin's enterprise by default, or another
 * enterprise named explicitly in the proposal. Without a project, a problem may name a visible
 * origin problem of the same enterprise only.
 */
@Injectable()
export class ProblemLinks {
  constructor(private readonly db: DataSource) {}

  async resolve(r: ProblemRegistration, user: Principal, tx: EntityManager = this.db.manager): Promise<ProblemLink> {
    if (r.separateProjectId) {
      const projects: { id: string; status: ApprovalStatus; enterprise_code: string; origin_problem_id: string; origin_ledger_no: string }[] =
        user.role === ROLES.SUPERVISION_OFFICER && UUID.test(r.separateProjectId)
          ? await tx.query(
              `SELECT s.id, s.status, s.enterprise_code, s.origin_problem_id, p.ledger_no AS origin_ledger_no
               FROM issues.separate_projects s JOIN issues.problems p ON p.id = s.origin_problem_id WHERE s.id = $1`,
              [r.separateProjectId],
            )
          : [];
      const project = projects[0];
      if (!project) throw new UnprocessableEntityException(`separateProjectId：立项事项 ${r.separateProjectId} 不存在`);
      if (project.status !== 'approved') throw new UnprocessableEntityException(`separateProjectId：该立项事项${APPROVAL_STATUSES[project.status]}，不能登记问题`);
      if (r.source !== 'supervision_project') throw new UnprocessableEntityException(`source：单独立项发现的问题，来源应为 supervision_project（${PROBLEM_SOURCES.supervision_project}）`);
      if (r.enterpriseCode !== project.enterprise_code) throw new UnprocessableEntityException(`enterpriseCode：该立项针对企业 ${project.enterprise_code}`);
      if (r.originLedgerNo && r.originLedgerNo !== project.origin_ledger_no) throw new UnprocessableEntityException(`originLedgerNo：该立项的原问题是 ${project.origin_ledger_no}`);
      return { originProblemId: project.origin_problem_id, separateProjectId: project.id };
    }
    if (r.originLedgerNo) {
      const rows: OriginRow[] = await tx.query('SELECT id, ledger_no, title, enterprise_code, confidentiality FROM issues.problems WHERE ledger_no = $1', [r.originLedgerNo]);
      const origin = rows[0];
      if (!origin || !canSeeProblem(user, { enterpriseCode: origin.enterprise_code, confidentiality: origin.confidentiality })) {
        throw new UnprocessableEntityException(`originLedgerNo：问题 ${r.originLedgerNo} 不存在`);
      }
      if (origin.enterprise_code !== r.enterpriseCode) throw new UnprocessableEntityException('originLedgerNo：原问题属于其他企业；跨企业关联须经明确针对该企业的单独立项');
      return { originProblemId: origin.id, separateProjectId: null };
    }
    return NO_LINK;
  }

  /** The links of one problem as its detail shows them, limited to what `user` may see. */
  async of(row: { id: string; origin_problem_id?: string | null; separate_project_id?: string | null }, user: Principal) {
    const approvals = APPROVAL_READERS.includes(user.role);
    const rule = visibilityRule(user, 2);
    const [origins, derived, projects, reports] = await Promise.all([
      row.origin_problem_id
        ? (this.db.query('SELECT id, ledger_no, title, enterprise_code, confidentiality FROM issues.problems WHERE id = $1', [row.origin_problem_id]) as Promise<OriginRow[]>)
        : Promise.resolve([] as OriginRow[]),
      this.db.query(
        `SELECT p.ledger_no AS "ledgerNo", p.title, p.enterprise_code AS "enterpriseCode", p.stage, p.separate_project_id AS "separateProjectId"
         FROM issues.problems p WHERE p.origin_problem_id = $1 AND ${rule.sql} ORDER BY p.registered_at`,
        [row.id, ...rule.params],
      ) as Promise<{ ledgerNo: string; title: string; enterpriseCode: string; stage: string; separateProjectId: string | null }[]>,
      approvals
        ? (this.db.query(
            `SELECT id, kind, title, status, approval_number AS "approvalNumber", enterprise_code AS "enterpriseCode", proposed_at AS "proposedAt",
                    origin_problem_id AS "originProblemId"
             FROM issues.separate_projects WHERE origin_problem_id = $1 OR id = $2 ORDER BY proposed_at`,
            [row.id, row.separate_project_id ?? null],
          ) as Promise<{ id: string; kind: SeparateProjectKind; title: string; status: ApprovalStatus; originProblemId: string }[]>)
        : Promise.resolve([]),
      approvals
        ? (this.db.query(
            `SELECT u.id, u.ground, u.status, u.document_number AS "documentNumber", u.proposed_at AS "proposedAt", u.decided_at AS "decidedAt"
             FROM issues.upward_report_proposals u WHERE u.problem_id = $1 ORDER BY u.proposed_at`,
            [row.id],
          ) as Promise<{ id: string; ground: UpwardReportGround; status: ApprovalStatus }[]>)
        : Promise.resolve([]),
    ]);
    const o = origins[0];
    const originVisible = o && canSeeProblem(user, { enterpriseCode: o.enterprise_code, confidentiality: o.confidentiality });
    const project = projects.find((p) => p.id === row.separate_project_id);
    const label = (p: { kind: SeparateProjectKind; status: ApprovalStatus }) => ({ ...p, kindLabel: SEPARATE_PROJECT_KINDS[p.kind], statusLabel: APPROVAL_STATUSES[p.status] });
    return {
      origin: originVisible ? { ledgerNo: o.ledger_no, title: o.title, enterpriseCode: o.enterprise_code } : null,
      /** The separate project this problem was registered under (supervision side only). */
      separateProject: project ? label(project) : null,
      derivedProblems: derived.map((d) => (approvals ? d : { ...d, separateProjectId: undefined })),
      ...(approvals
        ? {
            /** Separate projects proposed from this problem. */
            separateProjects: projects.filter((p) => p.originProblemId === row.id).map(label),
            upwardReports: reports.map((r) => ({ ...r, groundLabel: UPWARD_REPORT_GROUNDS[r.ground], statusLabel: APPROVAL_STATUSES[r.status] })),
          }
        : {}),
    };
  }
}
