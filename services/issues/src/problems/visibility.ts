import { CONFIDENTIAL_READERS, isEnterpriseRole, ROLES, type Principal, type Role } from '@rectify/contracts';

/** Roles that read no problem content at all (operators work in the Temporal UI). */
const NO_READ: readonly Role[] = [ROLES.OPERATOR];

export interface VisibilityRule {
  /** SQL condition on alias `p`, with `$n` placeholders numbered from `firstParam`. */
  sql: string;
  params: unknown[];
}

/** The problems `user` may see, as a SQL condition (appended to every ledger query). */
export function visibilityRule(user: Principal, firstParam: number): VisibilityRule {
  if (NO_READ.includes(user.role)) return { sql: 'false', params: [] };
  if (isEnterpriseRole(user.role)) return { sql: `p.enterprise_code = $${firstParam}`, params: [user.enterpriseCode ?? ''] };
  if (CONFIDENTIAL_READERS.includes(user.role)) return { sql: 'true', params: [] };
  return { sql: `p.confidentiality = 'non_confidential'`, params: [] };
}

/** The same rule for one loaded problem. */
export function canSeeProblem(user: Principal, problem: { enterpriseCode: string; confidentiality: string }): boolean {
  if (NO_READ.includes(user.role)) return false;
  if (isEnterpriseRole(user.role)) return user.enterpriseCode === problem.enterpriseCode;
  return CONFIDENTIAL_READERS.includes(user.role) || problem.confidentiality === 'non_confidential';
}
