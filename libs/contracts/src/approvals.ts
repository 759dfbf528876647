import { ROLES, type Role } from './roles.js';
import type { Actor } from './problem-workflow.js';

/**
 * The two approvals of the Commission party committee (委党委) that Rectify runs as workflows:
 * a separate project opened from a major clue found while supervising (policy 第十条, SPEC §7),
 * and the upward report on an enterprise that refuses to rectify a problem risking major
 * state-asset loss (policy 第十三条, SPEC §6).
 */

/** Kinds of separate project (单独立项): verification, audit, major asset-loss investigation. */
export const SEPARATE_PROJECT_KINDS = {
  verification: '专项核查',
  audit: '专项审计',
  asset_loss_investigation: '重大资产损失责任追究专项调查',
} as const;
export type SeparateProjectKind = keyof typeof SEPARATE_PROJECT_KINDS;

/** Where a proposal stands. */
export const APPROVAL_STATUSES = { pending: '待委党委审议', approved: '委党委审议通过', rejected: '委党委未予通过' } as const;
export type ApprovalStatus = keyof typeof APPROVAL_STATUSES;

/** Why an upward report is proposed (第十三条: 拒不整改、不采纳市国资委监管意见). */
export const UPWARD_REPORT_GROUNDS = {
  N1: '整改结果认定为未整改：拒不认账',
  N2: '整改结果认定为未整改：未采取整改措施',
  opinion_rejected: '企业不采纳市国资委监管意见',
} as const;
export type UpwardReportGround = keyof typeof UPWARD_REPORT_GROUNDS;

/** The addressees of an upward report (第十三条: 市委市政府及市纪委、市委组织部). */
export const UPWARD_REPORT_RECIPIENTS = ['市委、市政府', '市纪委监委', '市委组织部'] as const;

/** What an upward report asks for (第十三条). */
export const UPWARD_REPORT_REQUESTS = ['调整企业主要负责人', '责令纠正违法违规事项', '追究相关领导人员责任'] as const;

/** Who proposes a separate project: the Supervision Division and the supervision group. */
export const SEPARATE_PROJECT_PROPOSERS: readonly Role[] = [ROLES.SUPERVISION_OFFICER, ROLES.SUPERVISION_GROUP];
/** Who decides either approval: the Commission party committee only. */
export const APPROVAL_DECIDERS: readonly Role[] = [ROLES.PARTY_COMMITTEE];
/** Who reads proposals, decisions and reports (never enterprise users). */
export const APPROVAL_READERS: readonly Role[] = [
  ROLES.SUPERVISION_OFFICER,
  ROLES.SUPERVISION_GROUP,
  ROLES.SUPERVISION_LEAD,
  ROLES.PARTY_COMMITTEE,
  ROLES.DISCIPLINE_GROUP,
];

export const SEPARATE_PROJECT_WORKFLOW = 'separateProjectWorkflow';
export const UPWARD_REPORT_WORKFLOW = 'upwardReportWorkflow';

/** Workflow id of a separate-project proposal. */
export function separateProjectWorkflowId(projectId: string): string {
  return `separate-project-${projectId}`;
}

/** Workflow id of a problem's upward report (at most one per problem). */
export function upwardReportWorkflowId(ledgerNo: string): string {
  return `upward-report-${ledgerNo}`;
}

/** Update carrying the party committee's decision; its validator refuses a second one. */
export const APPROVAL_DECIDE_UPDATE = 'decide';
/** Query returning the approval's state. */
export const APPROVAL_STATE_QUERY = 'approvalState';

/**
 * The party committee's decision, as the issues service sends it to the workflow: ids and flags
 * only. The reason and the approving document's number are stored first in issues.action_requests
 * under `requestId`, where the activity recording the decision reads them. Decisions recorded
 * before requests were stored carry `reason` and `documentNumber` inline.
 */
export interface ApprovalDecision {
  approve: boolean;
  /** Id and role only. */
  actor: Actor;
  requestId?: string;
  /** Whether the request gives a reason (required when rejecting). */
  reasonGiven?: boolean;
  /** Whether the request gives the approving document's number, 立项文号 / 报告文号 (required when approving). */
  documentNumberGiven?: boolean;
  /** @deprecated recorded histories only */
  reason?: string | null;
  /** @deprecated recorded histories only */
  documentNumber?: string | null;
}
