import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it, jest } from '@jest/globals';
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from './password.js';
import { passwordProblems } from './password-policy.js';

// N=2^17 takes 0.3 s on an idle core and several seconds on a loaded CI machine.
jest.setTimeout(60_000);

describe('password hashing (scrypt)', () => {
  it('hashes at OWASP\'s minimum cost (N=2^17, r=8, p=1) and verifies the right password only', async () => {
    const stored = await hashPassword('正确的密码-1');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(needsRehash(stored)).toBe(false);
    expect(await verifyPassword('正确的密码-1', stored)).toBe(true);
    expect(await verifyPassword('正确的密码-2', stored)).toBe(false);
  });

  it('still verifies a hash made with the old cost, and marks it for rehashing', async () => {
    const salt = randomBytes(16);
    const old = ['scrypt', 16384, 8, 1, salt.toString('base64'), scryptSync('旧密码', salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64')].join('$');
    expect(await verifyPassword('旧密码', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('never accepts anything against the dummy hash, a malformed one, or one asking for absurd cost', async () => {
    expect(DUMMY_HASH).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('', DUMMY_HASH)).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$1073741824$8$1$AAAA$AAAA')).toBe(false);
  });
});

describe('password policy', () => {
  it('names the field and the reason for each problem', () => {
    expect(passwordProblems('short', 'jiandu')).toEqual(['newPassword：新密码至少 12 个字符']);
    expect(passwordProblems('zhangsan-long', 'ZHANGSAN-LONG')).toEqual(['newPassword：新密码不能与用户名相同']);
    expect(passwordProblems('Password1234', 'jiandu')).toEqual(['newPassword：新密码过于常见，请换一个不易猜到的密码']);
    expect(passwordProblems('同一个很长的密码啊啊啊啊啊', 'jiandu', '同一个很长的密码啊啊啊啊啊')).toEqual(['newPassword：新密码不能与当前密码相同']);
    expect(passwordProblems('整改台账-春天的第七个早晨', 'jiandu', 'rectify-demo')).toEqual([]);
  });
});
