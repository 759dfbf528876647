import { describe, expect, it } from '@jest/globals';
import { ROLES, type Principal } from '@rectify/contracts';
import { InvalidTokenError, signAccessToken, verifyAccessToken } from './tokens.js';
import { assertEnterpriseVisible, canSeeEnterprise } from './scope.js';

const secret = 's'.repeat(40);
const auditor: Principal = {
  sub: 'u1',
  username: 'e001-audit',
  displayName: '内审',
  role: ROLES.ENTERPRISE_AUDIT,
  enterpriseCode: 'E001',
  unitCode: null,
};

describe('access tokens', () => {
  it('round-trips the claims', () => {
    expect(verifyAccessToken(signAccessToken(auditor, secret), secret)).toEqual(auditor);
  });

  it('refuses an expired token with a message saying so', () => {
    expect(() => verifyAccessToken(signAccessToken(auditor, secret, -1), secret)).toThrow('访问令牌已过期，请重新登录');
  });

  it('refuses a token signed with another secret', () => {
    expect(() => verifyAccessToken(signAccessToken(auditor, 'o'.repeat(40)), secret)).toThrow(InvalidTokenError);
  });
});

describe('enterprise scope', () => {
  it('lets an enterprise user see only its own enterprise', () => {
    expect(canSeeEnterprise(auditor, 'E001')).toBe(true);
    expect(canSeeEnterprise(auditor, 'E002')).toBe(false);
  });

  it('lets the Commission side see every enterprise', () => {
    expect(canSeeEnterprise({ ...auditor, role: ROLES.SUPERVISION_OFFICER, enterpriseCode: null }, 'E002')).toBe(true);
  });

  it('answers another enterprise with 404, not 403', () => {
    expect(() => assertEnterpriseVisible(auditor, 'E002', '问题')).toThrow(expect.objectContaining({ status: 404 }));
  });
});
