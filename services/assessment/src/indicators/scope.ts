import { CONFIDENTIAL_READERS, isEnterpriseRole, ROLES, type Principal, type Role } from '@rectify/contracts';

/** Roles that may read indicators: the Commission side and an enterprise's audit and leadership. */
export const INDICATOR_READERS: Role[] = [
  ROLES.SUPERVISION_OFFICER, ROLES.SUPERVISION_LEAD, ROLES.PARTY_COMMITTEE, ROLES.DISCIPLINE_GROUP, ROLES.JOINT_OFFICE,
  ROLES.ASSESSMENT_DIVISION, ROLES.CADRE_DIVISION, ROLES.COMMISSION_DIVISION, ROLES.SUPERVISION_GROUP,
  ROLES.ENTERPRISE_AUDIT, ROLES.ENTERPRISE_LEADER,
];

/** Roles that may read the reports (the People's Congress report and the indicator workbook). */
export const REPORT_READERS: Role[] = [
  ROLES.SUPERVISION_OFFICER, ROLES.SUPERVISION_LEAD, ROLES.PARTY_COMMITTEE, ROLES.ASSESSMENT_DIVISION, ROLES.CADRE_DIVISION, ROLES.DISCIPLINE_GROUP,
];

/** Who publishes the official outputs: the Supervision Division (its officers and the supervision lead). */
export const PUBLISHERS: Role[] = [ROLES.SUPERVISION_OFFICER, ROLES.SUPERVISION_LEAD];

/** The Commission-side indicator readers: every reader of an official output's file. */
export const COMMISSION_INDICATOR_READERS: Role[] = INDICATOR_READERS.filter((r) => !isEnterpriseRole(r));

/** Everything: the scope of a published snapshot, which counts every problem (涉密 ones only in totals). */
export const EVERY_PROBLEM: AssessmentScope = { nonConfidentialOnly: false };

export interface AssessmentScope {
  enterpriseCode?: string;
  nonConfidentialOnly: boolean;
}

/**
 * What a caller's figures may count: an enterprise user only its own enterprise (whatever it asks
 * for), the Commission any enterprise; 涉密 problems only for the readers of SPEC §9.
 */
export function assessmentScope(user: Principal, requestedEnterprise?: string): AssessmentScope {
  const own = isEnterpriseRole(user.role);
  return {
    enterpriseCode: own ? (user.enterpriseCode ?? '') : requestedEnterprise,
    nonConfidentialOnly: !own && !CONFIDENTIAL_READERS.includes(user.role),
  };
}

/** The SQL condition of a scope on issues.assessment_facts, with parameters from `$first`. */
export function scopeSql(scope: AssessmentScope, first: number): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (scope.enterpriseCode) {
    params.push(scope.enterpriseCode);
    parts.push(`enterprise_code = $${first}`);
  }
  if (scope.nonConfidentialOnly) parts.push(`confidentiality = 'non_confidential'`);
  return { sql: parts.length ? ` AND ${parts.join(' AND ')}` : '', params };
}
