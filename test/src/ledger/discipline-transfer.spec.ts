import { describe, expect, it } from '@jest/globals';
import { api, login } from '../harness/index.js';
import { act, approval, register } from './fixtures.js';

/** §7 C3: 移送纪检部门并已受理 — over HTTP, as the roles that do it. */
describe('transfer to discipline inspection and determination C3', () => {
  it('refuses C3 until 纪检组 has accepted a transfer of the problem, then takes it', async () => {
    const { ledgerNo: n } = await register('e001-audit');
    await act('e001-audit', n, 'responsibility', { responsibility: { leadDepartment: '财务部', cooperatingDepartments: [], responsiblePersons: ['王五'] } });
    await act('e001-business', n, 'plan', { measures: '追责问责', milestones: [], targetDate: '2027-02-28' });
    await act('e001-leader', n, 'plan/approvals', approval('party_committee'));
    await act('e001-leader', n, 'plan/approvals', approval('board'));
    await act('e001-audit', n, 'report', { content: '已移送纪检' });
    await act('e001-leader', n, 'report/approvals', approval('party_committee'));
    expect((await act('e001-leader', n, 'report/approvals', approval('board'))).body.stage).toBe('determine');

    const c3 = (transferId: string, acceptedDate: string) => ({ criterion: 'C3', basis: '已移送纪检组并受理', transfer: { transferId, acceptedDate } });
    const early = await act('e001-audit', n, 'determination', c3('1', '2026-11-20'));
    expect(early.status).toBe(422);
    expect(early.body.message).toMatch(/^transfer：/);

    const sent = await act('jiandu', n, 'discipline-transfers', { content: '涉嫌违规发放补贴，移送纪检组' });
    expect(sent.status).toBe(200);
    expect((await act('e001-audit', n, 'discipline-transfers/decision', { accept: true, acceptedOn: '2026-11-20' })).status).toBe(403);
    expect((await act('jijian', n, 'discipline-transfers/decision', { accept: true })).status).toBe(422); // the date is missing
    const decided = await act('jijian', n, 'discipline-transfers/decision', { accept: true, acceptedOn: '2026-11-20' });
    expect(decided.status).toBe(200);

    expect((await act('jijian', n, 'discipline-transfers/decision', { accept: true, acceptedOn: '2026-11-20' })).status).toBe(409); // nothing pending any more
    const detail = await api('GET', `/api/issues/problems/${n}`, { token: await login('jiandu') });
    expect(detail.body.transfers).toEqual([expect.objectContaining({ status: 'accepted', acceptedOn: '2026-11-20', content: '涉嫌违规发放补贴，移送纪检组' })]);
    const id = detail.body.transfers[0].id as string;
    const wrongId = await act('e001-audit', n, 'determination', c3(`${id}9`, '2026-11-20'));
    expect(wrongId.status).toBe(422);
    expect(wrongId.body.message).toMatch(/^transfer\.transferId：/);
    expect((await act('e001-audit', n, 'determination', c3(id, '2026-11-21'))).body.message).toMatch(/^transfer\.acceptedDate/);
    const determined = await act('e001-audit', n, 'determination', c3(id, '2026-11-20'));
    expect(determined.status).toBe(200);
    const reviewed = await act('jiandu', n, 'determination/review', { accept: true });
    expect(reviewed.body).toMatchObject({ stage: 'follow_up', outcome: 'completed', criterion: 'C3' });
  });
});
