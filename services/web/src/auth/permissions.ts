import { APPROVAL_READERS, CASE_READERS, EXPLANATION_READERS, JOINT_OFFICE_READERS, MEMBER_UNIT_ROLES, ROLES, SEPARATE_PROJECT_PROPOSERS, SUMMARY_READERS, VISIT_RECORDERS, type Role } from '@rectify/contracts';
import { ACTIONS, type ActionName, type Stage } from '@rectify/domain';

/**
 * What each role may open in the console. These lists mirror the services' @Roles (the server stays
 * the authority: a hidden page is a convenience, a refused request is the rule).
 */
const COMMISSION_READERS: Role[] = [
  ROLES.SUPERVISION_OFFICER, ROLES.SUPERVISION_GROUP, ROLES.SUPERVISION_LEAD, ROLES.PARTY_COMMITTEE, ROLES.DISCIPLINE_GROUP,
  ROLES.JOINT_OFFICE, ROLES.MEMBER_UNIT_OFFICER, ROLES.MEMBER_UNIT_LEADER, ROLES.ASSESSMENT_DIVISION, ROLES.CADRE_DIVISION,
  ROLES.COMMISSION_DIVISION,
];
const ENTERPRISE: Role[] = [ROLES.ENTERPRISE_AUDIT, ROLES.ENTERPRISE_BUSINESS, ROLES.ENTERPRISE_LEADER];

/** Read the ledger (operators read no problem content: services/issues visibility.ts). */
export const LEDGER_READERS: Role[] = [...COMMISSION_READERS, ...ENTERPRISE];
/** POST /api/issues/problems and /ledger/import. */
export const REGISTRARS: Role[] = [ROLES.ENTERPRISE_AUDIT, ROLES.SUPERVISION_OFFICER];
/** Evidence upload (services/issues evidence.controller.ts). */
export const EVIDENCE_UPLOADERS: Role[] = [ROLES.ENTERPRISE_BUSINESS, ROLES.ENTERPRISE_AUDIT, ROLES.SUPERVISION_GROUP, ROLES.SUPERVISION_OFFICER];
/** The Supervision Division board (§10): the division, the group, the lead, the 党委 and 纪检组. */
export const SUPERVISION_BOARD: Role[] = [ROLES.SUPERVISION_OFFICER, ROLES.SUPERVISION_GROUP, ROLES.SUPERVISION_LEAD, ROLES.PARTY_COMMITTEE, ROLES.DISCIPLINE_GROUP];
/** The joint meeting (§11): the office and those who follow its pushes, and the member units. */
export const JOINT_MEETING: Role[] = [...JOINT_OFFICE_READERS, ...MEMBER_UNIT_ROLES];
/** The joint-meeting page: also 纪检组 (notices, coordination log) and the 党委 (special reports). */
export const JOINT_MEETING_PAGE: Role[] = [...JOINT_MEETING, ROLES.DISCIPLINE_GROUP, ROLES.PARTY_COMMITTEE];
/** services/assessment scope.ts INDICATOR_READERS. */
export const INDICATOR_READERS: Role[] = [
  ROLES.SUPERVISION_OFFICER, ROLES.SUPERVISION_LEAD, ROLES.PARTY_COMMITTEE, ROLES.DISCIPLINE_GROUP, ROLES.JOINT_OFFICE,
  ROLES.ASSESSMENT_DIVISION, ROLES.CADRE_DIVISION, ROLES.COMMISSION_DIVISION, ROLES.SUPERVISION_GROUP,
  ROLES.ENTERPRISE_AUDIT, ROLES.ENTERPRISE_LEADER,
];
/** services/assessment reports.controller.ts REPORT_READERS. */
export const REPORT_READERS: Role[] = [ROLES.SUPERVISION_OFFICER, ROLES.SUPERVISION_LEAD, ROLES.PARTY_COMMITTEE, ROLES.ASSESSMENT_DIVISION, ROLES.CADRE_DIVISION, ROLES.DISCIPLINE_GROUP];
/** An accountability case's page (services/issues CASE_READERS). */
export const CASE_PAGE: readonly Role[] = CASE_READERS;
/** 委党委审议事项: separate projects and upward reports (APPROVAL_READERS; never enterprises). */
export const APPROVALS: readonly Role[] = APPROVAL_READERS;
/** Propose a separate project from a problem. */
export const PROJECT_PROPOSERS: readonly Role[] = SEPARATE_PROJECT_PROPOSERS;
/** Written explanations: the division's side and the enterprise's own people. */
export const EXPLANATIONS: readonly Role[] = EXPLANATION_READERS;
/** Monthly supervision summaries. */
export const SUMMARIES: readonly Role[] = SUMMARY_READERS;
/** Record an on-site visit (supervision group). */
export const VISIT_RECORDING: readonly Role[] = VISIT_RECORDERS;
/** A supervision record's page: every role that reads problems. */
export const VISIT_PAGE: Role[] = LEDGER_READERS;

/** Who sees the link to a problem's workflow in the Temporal UI. */
export const WORKFLOW_VIEWERS: Role[] = [ROLES.OPERATOR, ROLES.SUPERVISION_OFFICER, ROLES.SUPERVISION_LEAD];

export const can = (role: Role, roles: readonly Role[]) => roles.includes(role);

/** The stages at which each action can be taken (libs/domain checkAction decides exactly). */
const ACTION_STAGES: Partial<Record<ActionName, Stage[]>> = {
  assignResponsibility: ['assign'],
  submitPlan: ['plan'],
  approvePlan: ['plan'],
  reportProgress: ['rectify', 'report'],
  submitReport: ['rectify'],
  approveReport: ['report'],
  determine: ['determine'],
  reviewDetermination: ['determine'],
  proposeHandling: ['rectify'],
  recordFollowUp: ['follow_up'],
  acceptCloseOut: ['close_out'],
  rejectOpinion: ['assign', 'plan', 'rectify', 'report', 'determine'],
  requestExtension: [],
  transferToDiscipline: [],
  decideTransfer: [],
  decideExtension: [],
};

/** The stages at which `role` has stage work to do: what "my work" lists. */
export function workStages(role: Role): Stage[] {
  const stages = new Set<Stage>();
  for (const [action, spec] of Object.entries(ACTIONS) as [ActionName, (typeof ACTIONS)[ActionName]][]) {
    if ((spec.roles as readonly Role[]).includes(role)) (ACTION_STAGES[action] ?? []).forEach((s) => stages.add(s));
  }
  return [...stages];
}

/** Who has a 待我处理 list (joint meeting, 专报, transfers to discipline inspection): the members, 纪检组 and the 党委. */
export const WAITING_READERS: Role[] = [...MEMBER_UNIT_ROLES, ROLES.DISCIPLINE_GROUP, ROLES.PARTY_COMMITTEE];
