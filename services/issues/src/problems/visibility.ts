import { canSeeProblem, CONFIDENTIAL_READERS, isEnterpriseRole, PROBLEM_NON_READERS, type Principal } from '@rectify/contracts';

export interface VisibilityRule {
  /** SQL condition on alias `p`, with `$n` placeholders numbered from `firstParam`. */
  sql: string;
  params: unknown[];
}

/** The problems `user` may see, as a SQL condition (appended to every ledger query). */
export function visibilityRule(user: Principal, firstParam: number): VisibilityRule {
  if (PROBLEM_NON_READERS.includes(user.role)) return { sql: 'false', params: [] };
  if (isEnterpriseRole(user.role)) return { sql: `p.enterprise_code = $${firstParam}`, params: [user.enterpriseCode ?? ''] };
  if (CONFIDENTIAL_READERS.includes(user.role)) return { sql: 'true', params: [] };
  return { sql: `p.confidentiality = 'non_confidential'`, params: [] };
}

/** The same rule for one loaded problem (libs/contracts, shared with the gateway's live events). */
export { canSeeProblem };
