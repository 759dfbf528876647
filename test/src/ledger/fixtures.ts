import { randomUUID } from 'node:crypto';
import { api, login } from '../harness/index.js';

/** A registration body with a document number no other test uses. */
export function registration(overrides: Record<string, unknown> = {}) {
  const unique = randomUUID().slice(0, 8);
  return {
    enterpriseCode: 'E001',
    source: 'routine_audit',
    document: { type: 'decision', number: `测试审决〔2026〕${unique}号`, issuer: '市审计局', issueDate: '2026-10-15' },
    itemNo: '1',
    title: '违规发放交通补贴',
    description: '2025 年度违规向职工发放交通补贴，未履行决策程序。',
    category: '财务管理',
    amount: '1000000.00',
    confidentiality: 'non_confidential',
    tags: [],
    ...overrides,
  };
}

export async function register(as: string, overrides: Record<string, unknown> = {}) {
  const res = await api('POST', '/api/issues/problems', { token: await login(as), body: registration(overrides) });
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.problem as { ledgerNo: string; id: string; stage: string };
}

/** POST a stage action on a problem as `as`. */
export async function act(as: string, ledgerNo: string, path: string, body: unknown) {
  return api('POST', `/api/issues/problems/${ledgerNo}/${path}`, { token: await login(as), body });
}

export const approval = (body: 'party_committee' | 'board') => ({
  body,
  meeting: body === 'board' ? '2026年第8次董事会' : '2026年第9次党委会',
  meetingDate: '2026-11-20',
  resolutionNo: `${body === 'board' ? '董决' : '党决'}〔2026〕18号`,
});
