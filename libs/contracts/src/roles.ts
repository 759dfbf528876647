/**
 * Every role a Rectify user can hold (SPEC §11). A user holds exactly one role; enterprise roles
 * also carry the user's enterprise, member-unit roles the unit they belong to.
 */
export const ROLES = {
  /** 监督处干部: Supervision Division officer. */
  SUPERVISION_OFFICER: 'supervision_officer',
  /** 督导组: supervision group member who visits enterprises. */
  SUPERVISION_GROUP: 'supervision_group',
  /** 分管委员: Commission party-committee member in charge of supervision. */
  SUPERVISION_LEAD: 'supervision_lead',
  /** 委党委: the Commission party committee. */
  PARTY_COMMITTEE: 'party_committee',
  /** 纪检组: the stationed discipline-inspection group. */
  DISCIPLINE_GROUP: 'discipline_group',
  /** 联席会议办公室: the joint-meeting office (sits in the Supervision Division). */
  JOINT_OFFICE: 'joint_office',
  /** 成员单位联络人: a member unit's officer who drafts answers to pushes. */
  MEMBER_UNIT_OFFICER: 'member_unit_officer',
  /** 成员单位分管领导: a member unit's division leader who approves its answers. */
  MEMBER_UNIT_LEADER: 'member_unit_leader',
  /** 业绩考核处: performance-assessment division. */
  ASSESSMENT_DIVISION: 'assessment_division',
  /** 干部管理处: cadre-management division. */
  CADRE_DIVISION: 'cadre_division',
  /** 委内其他业务处室: any other Commission division (reads non-confidential problems). */
  COMMISSION_DIVISION: 'commission_division',
  /** 企业内审部门: an enterprise's internal-audit department. */
  ENTERPRISE_AUDIT: 'enterprise_audit',
  /** 企业业务部门: an enterprise's business department. */
  ENTERPRISE_BUSINESS: 'enterprise_business',
  /** 企业领导班子: an enterprise's leadership (records 党委会/董事会 approvals). */
  ENTERPRISE_LEADER: 'enterprise_leader',
  /** 运维: operator of the running system. */
  OPERATOR: 'operator',
} as const;

export type Role = (typeof ROLES)[keyof typeof ROLES];

export const ALL_ROLES: readonly Role[] = Object.values(ROLES);

/** Roles whose users belong to one enterprise and see only that enterprise's data. */
export const ENTERPRISE_ROLES: readonly Role[] = [
  ROLES.ENTERPRISE_AUDIT,
  ROLES.ENTERPRISE_BUSINESS,
  ROLES.ENTERPRISE_LEADER,
];

/** Roles whose users belong to a joint-meeting member unit. */
export const MEMBER_UNIT_ROLES: readonly Role[] = [ROLES.MEMBER_UNIT_OFFICER, ROLES.MEMBER_UNIT_LEADER];

/** Roles of the Commission side (every role that is not an enterprise role). */
export const COMMISSION_ROLES: readonly Role[] = ALL_ROLES.filter((r) => !ENTERPRISE_ROLES.includes(r));

/** Chinese names shown in the console. */
export const ROLE_LABELS: Record<Role, string> = {
  supervision_officer: '监督处干部',
  supervision_group: '督导组',
  supervision_lead: '分管监督工作的党委委员',
  party_committee: '委党委',
  discipline_group: '纪检组',
  joint_office: '联席会议办公室',
  member_unit_officer: '成员单位联络人',
  member_unit_leader: '成员单位分管领导',
  assessment_division: '业绩考核处',
  cadre_division: '干部管理处',
  commission_division: '委内业务处室',
  enterprise_audit: '企业内审部门',
  enterprise_business: '企业业务部门',
  enterprise_leader: '企业领导班子',
  operator: '系统运维',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ALL_ROLES as readonly string[]).includes(value);
}

export function isEnterpriseRole(role: Role): boolean {
  return ENTERPRISE_ROLES.includes(role);
}

/**
 * Who may read 涉密 (confidential) problems (SPEC §9): the Supervision Division (its officers, the
 * joint-meeting office that sits in it, and the standing supervision group), the supervision lead,
 * the Commission party committee and the discipline-inspection group — besides the enterprise's
 * own people.
 */
export const CONFIDENTIAL_READERS: readonly Role[] = [
  ROLES.SUPERVISION_OFFICER,
  ROLES.JOINT_OFFICE,
  ROLES.SUPERVISION_GROUP,
  ROLES.SUPERVISION_LEAD,
  ROLES.PARTY_COMMITTEE,
  ROLES.DISCIPLINE_GROUP,
];

/**
 * Roles that may decode Temporal payloads through the gateway's codec endpoint (/api/codec): the
 * operator, who reads workflow histories in the Temporal UI, and the Supervision Division, which
 * owns the confidential problems those histories are about (docs/security.md).
 */
export const PAYLOAD_DECODERS: readonly Role[] = [ROLES.OPERATOR, ROLES.SUPERVISION_OFFICER];
