import { CONFIDENTIAL_READERS, isEnterpriseRole, ROLES, type Role } from './roles.js';
import type { Principal } from './identity.js';

/** Roles that read no problem content at all (operators work in the Temporal UI). */
export const PROBLEM_NON_READERS: readonly Role[] = [ROLES.OPERATOR];

/**
 * The ledger's visibility rule for one problem: an enterprise's users see their own enterprise
 * only; 涉密 problems only the Commission's confidential readers; operators nothing. The issues
 * service applies it to every query, the gateway to every live event it sends.
 */
export function canSeeProblem(user: Principal, problem: { enterpriseCode: string; confidentiality: string }): boolean {
  if (PROBLEM_NON_READERS.includes(user.role)) return false;
  if (isEnterpriseRole(user.role)) return user.enterpriseCode === problem.enterpriseCode;
  return CONFIDENTIAL_READERS.includes(user.role) || problem.confidentiality === 'non_confidential';
}
