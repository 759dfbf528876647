import { api, eventually, login } from '../harness/index.js';
import { act, approval, register } from '../ledger/fixtures.js';

/** Registers a problem of E001 and drives it over HTTP to an accepted N2 determination, which opens a T3 case; returns the case. */
export async function openCase(overrides: Record<string, unknown> = {}): Promise<{ ledgerNo: string; problemId: string; caseId: string }> {
  const { ledgerNo: n, id } = await register('e001-audit', overrides);
  await act('e001-audit', n, 'responsibility', { responsibility: { leadDepartment: '财务部', cooperatingDepartments: [], responsiblePersons: ['张三'] } });
  await act('e001-business', n, 'plan', { measures: '清退补贴', milestones: [], targetDate: '2027-02-28' });
  await act('e001-leader', n, 'plan/approvals', approval('party_committee'));
  await act('e001-leader', n, 'plan/approvals', approval('board'));
  await act('e001-audit', n, 'report', { content: '未采取整改措施' });
  await act('e001-leader', n, 'report/approvals', approval('party_committee'));
  await act('e001-leader', n, 'report/approvals', approval('board'));
  const determined = await act('e001-audit', n, 'determination', { criterion: 'N2', basis: '未采取任何整改措施' });
  if (determined.status !== 200) throw new Error(`determination failed: ${determined.status} ${JSON.stringify(determined.body)}`);
  const reviewed = await act('jiandu', n, 'determination/review', { accept: true });
  if (reviewed.status !== 200) throw new Error(`review failed: ${reviewed.status} ${JSON.stringify(reviewed.body)}`);
  const caseId = await eventually('the T3 case', async () => {
    const detail = await api('GET', `/api/issues/problems/${n}`, { token: await login('jiandu') });
    return (detail.body.accountabilityCases as { id: string; trigger: string }[] | undefined)?.find((c) => c.trigger === 'T3')?.id;
  });
  return { ledgerNo: n, problemId: id, caseId };
}

export async function onCase(as: string, method: 'GET' | 'POST' | 'PUT', caseId: string, path = '', body?: unknown) {
  return api(method, `/api/issues/accountability-cases/${caseId}${path ? `/${path}` : ''}`, { token: await login(as), body });
}

export const OPINION = {
  findings: '经查，该企业对审计指出的违规发放交通补贴问题未采取任何整改措施。',
  responsibility: '企业主要负责人负领导责任，财务部负责人负直接责任。',
  proposedMeasures: ['letter', 'talk', 'circular'],
};
