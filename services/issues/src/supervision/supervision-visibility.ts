import { CONFIDENTIAL_READERS, isEnterpriseRole, ROLES, type Principal } from '@rectify/contracts';
import type { VisibilityRule } from '../problems/visibility.js';

/**
 * Which supervision records or explanations (SQL alias given) `user` may see: an enterprise user
 * only its own enterprise's; the confidential readers all; anyone else only those that cover no
 * 涉密 problem (a record covering one is as confidential as the problem). Operators none.
 */
export function supervisionRule(user: Principal, alias: string, firstParam: number): VisibilityRule {
  if (user.role === ROLES.OPERATOR) return { sql: 'false', params: [] };
  if (isEnterpriseRole(user.role)) return { sql: `${alias}.enterprise_code = $${firstParam}`, params: [user.enterpriseCode ?? ''] };
  if (CONFIDENTIAL_READERS.includes(user.role)) return { sql: 'true', params: [] };
  return { sql: `NOT ${alias}.confidential`, params: [] };
}
