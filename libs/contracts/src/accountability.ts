import { ROLES, type Role } from './roles.js';

/**
 * Accountability cases (问责, policy §12): what a case goes through after a trigger (T1–T4) opened
 * it, the measures it can issue, and who does what.
 */

/** Case states, in order; `open` is the state a trigger opens the case in. */
export const CASE_STATUSES = {
  open: '已启动',
  opinion_drafted: '处理意见已起草',
  opinion_signed: '处理意见已会签',
  measures_issued: '已采取问责措施',
  closed: '已结案',
} as const;
export type CaseStatus = keyof typeof CASE_STATUSES;

/** The measures of §12: 函告 letter of notice, 约谈 admonitory talk, 通报 circulated notice. */
export const MEASURE_KINDS = {
  letter: '函告',
  talk: '约谈',
  circular: '通报',
} as const;
export type MeasureKind = keyof typeof MEASURE_KINDS;
export const MEASURE_KIND_LIST = Object.keys(MEASURE_KINDS) as MeasureKind[];

/** The two parties that must both sign the current version of a handling opinion. */
export const SIGNOFF_PARTIES = {
  supervision: '监督处',
  discipline: '纪检组',
} as const;
export type SignoffParty = keyof typeof SIGNOFF_PARTIES;

/** Who reads cases: the supervision side, 纪检组, the divisions that use them, and the enterprise's own people. */
export const CASE_READERS: readonly Role[] = [
  ROLES.SUPERVISION_OFFICER,
  ROLES.SUPERVISION_LEAD,
  ROLES.SUPERVISION_GROUP,
  ROLES.PARTY_COMMITTEE,
  ROLES.DISCIPLINE_GROUP,
  ROLES.JOINT_OFFICE,
  ROLES.ASSESSMENT_DIVISION,
  ROLES.CADRE_DIVISION,
  ROLES.ENTERPRISE_AUDIT,
  ROLES.ENTERPRISE_BUSINESS,
  ROLES.ENTERPRISE_LEADER,
];
/** A supervision officer drafts and edits the handling opinion. */
export const OPINION_DRAFTERS: readonly Role[] = [ROLES.SUPERVISION_OFFICER];
/** The party each role signs for; other roles cannot sign. */
export const SIGNOFF_PARTY_OF: Partial<Record<Role, SignoffParty>> = {
  [ROLES.SUPERVISION_OFFICER]: 'supervision',
  [ROLES.SUPERVISION_LEAD]: 'supervision',
  [ROLES.DISCIPLINE_GROUP]: 'discipline',
};
/** The Supervision Division issues and records the measures and marks the assessment year. */
export const MEASURE_ISSUERS: readonly Role[] = [ROLES.SUPERVISION_OFFICER, ROLES.SUPERVISION_LEAD];
/** The supervision lead closes a case. */
export const CASE_CLOSERS: readonly Role[] = [ROLES.SUPERVISION_LEAD];

export const ACCOUNTABILITY_NOTICE_WORKFLOW = 'accountabilityNoticeWorkflow';

/** Workflow id (and notice idempotency key) of the notice of a case's event number `eventNo`. */
export function accountabilityNoticeWorkflowId(caseId: string, eventNo: number): string {
  return `accountability-notice-${caseId}-${eventNo}`;
}
