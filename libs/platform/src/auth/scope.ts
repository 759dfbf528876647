import { NotFoundException } from '@nestjs/common';
import { isEnterpriseRole, type Principal } from '@rectify/contracts';

/**
 * Whether the caller may see data of `enterpriseCode`. Enterprise users see only their own
 * enterprise; Commission users see every enterprise (confidentiality is checked separately).
 */
export function canSeeEnterprise(user: Principal, enterpriseCode: string): boolean {
  return !isEnterpriseRole(user.role) || user.enterpriseCode === enterpriseCode;
}

/**
 * Refuses another enterprise's object with 404, never 403: a user must not learn that an object
 * of another enterprise exists.
 */
export function assertEnterpriseVisible(user: Principal, enterpriseCode: string, what = '对象'): void {
  if (!canSeeEnterprise(user, enterpriseCode)) throw new NotFoundException(`${what}不存在`);
}
