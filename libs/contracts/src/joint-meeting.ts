import { ROLES, type Role } from './roles.js';

/**
 * The joint meeting's shared vocabulary (SPEC §8, policy 第十一条): written pushes (书面推送) from
 * the office to member units, their written responses (书面反馈) and the push workflow's names.
 */

/** Push numbers: JM-<year>-<four or more digits>, e.g. JM-2026-0007. */
export const PUSH_NO = /^JM-\d{4}-\d{4,6}$/;

/** Workflow id of a push's workflow (DESIGN: one workflow per push). */
export function pushWorkflowId(pushNo: string): string {
  return `push-${pushNo}`;
}

export const PUSH_WORKFLOW = 'pushWorkflow';
/** Update carrying one step of a unit's response; its validator refuses an illegal step. */
export const PUSH_RESPOND_UPDATE = 'respond';
/** Query returning the workflow's tracker of the push. */
export const PUSH_STATE_QUERY = 'pushState';

/**
 * Where a target unit stands on a push: not started, drafting its response, waiting for its
 * division leader's approval, answered (an approved response reached the office).
 */
export const TARGET_STATUSES = {
  pending: '待办理',
  drafting: '起草中',
  awaiting_approval: '待分管领导审核',
  answered: '已反馈',
} as const;
export type TargetStatus = keyof typeof TARGET_STATUSES;

/** Label of an unanswered target past its reply date. */
export const OVERDUE_LABEL = '已逾期';

/** One step of a unit's response, as the joint-meeting service sends it to the push workflow. */
export const RESPONSE_STEPS = {
  draft: '起草/修改反馈',
  submit: '提交分管领导审核',
  approve: '分管领导审核通过',
  return: '分管领导退回修改',
} as const;
export type ResponseStep = keyof typeof RESPONSE_STEPS;

/** Status of one version of a unit's response. */
export const RESPONSE_VERSION_STATUSES = {
  draft: '草稿',
  submitted: '待审核',
  approved: '已审核',
  returned: '已退回',
} as const;
export type ResponseVersionStatus = keyof typeof RESPONSE_VERSION_STATUSES;

/** Kinds of member unit (成员单位): the business divisions of the two commissions and 纪检组. */
export const MEMBER_KINDS = {
  division: '委内业务处室',
  discipline: '纪检组',
} as const;
export type MemberKind = keyof typeof MEMBER_KINDS;

/** Outside bodies the joint meeting exchanges clues with (§11 coordination). */
export const COORDINATION_COUNTERPARTS = {
  audit_office: '市委审计办',
  audit_bureau: '市审计局',
  discipline_commission: '市纪委监委',
} as const;
export type CoordinationCounterpart = keyof typeof COORDINATION_COUNTERPARTS;

export const COORDINATION_DIRECTIONS = { in: '移入', out: '移出' } as const;
export type CoordinationDirection = keyof typeof COORDINATION_DIRECTIONS;

/** The joint-meeting office: writes pushes, notices, meeting records, the coordination log, special reports. */
export const JOINT_OFFICE_ROLES: readonly Role[] = [ROLES.JOINT_OFFICE];
/** Who follows every push and its approved responses: the office, its director (the supervision lead) and the Supervision Division. */
export const JOINT_OFFICE_READERS: readonly Role[] = [ROLES.JOINT_OFFICE, ROLES.SUPERVISION_LEAD, ROLES.SUPERVISION_OFFICER];
/** Everyone the meeting's notices go to: the office side and every member (units and 纪检组). */
export const JOINT_MEETING_MEMBERS: readonly Role[] = [...JOINT_OFFICE_READERS, ROLES.MEMBER_UNIT_OFFICER, ROLES.MEMBER_UNIT_LEADER, ROLES.DISCIPLINE_GROUP];

/** The workflow that delivers, once, the notice of something the joint-meeting office published (a 通报 to members, a 专报 to the 党委). */
export const ANNOUNCEMENT_WORKFLOW = 'announcementWorkflow';
export type AnnouncedSubject = 'notice' | 'special_report';

/** Workflow id (and the notice's idempotency key) of the announcement of one published 通报 or 专报. */
export function announcementWorkflowId(subject: AnnouncedSubject, id: string): string {
  return `announcement-${subject === 'notice' ? 'notice' : 'special-report'}-${id}`;
}
