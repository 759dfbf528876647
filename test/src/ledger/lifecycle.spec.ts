import { describe, expect, it } from '@jest/globals';
import { api, login } from '../harness/index.js';
import { act, approval, register } from './fixtures.js';

/**
 * One problem through all eight stages over HTTP, each step by the right role; at every step a
 * wrong role (403) or a wrong order (409) is refused with a message and changes nothing.
 */
describe('a problem through the eight stages', () => {
  it('goes from registration to close-out, refusing wrong roles and wrong order on the way', async () => {
    const problem = await register('e001-audit');
    const n = problem.ledgerNo;
    expect(n).toMatch(/^E001-\d{4}-\d{5}$/);
    expect(problem.stage).toBe('assign');

    const detail = async () => (await api('GET', `/api/issues/problems/${n}`, { token: await login('jiandu') })).body;
    const expectUnchanged = async (before: { stage: string; history: unknown[] }) => {
      const now = await detail();
      expect(now.stage).toBe(before.stage);
      expect(now.history).toHaveLength(before.history.length);
    };

    // Wrong order: a plan before responsibility is assigned.
    let before = await detail();
    const early = await act('e001-business', n, 'plan', { measures: '清退补贴', milestones: [], targetDate: '2027-01-31' });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('责任分解');
    await expectUnchanged(before);

    // 2 责任分解 — not by the business department.
    const responsibility = { responsibility: { leadDepartment: '财务部', cooperatingDepartments: ['人力资源部'], responsiblePersons: ['王五'] } };
    expect((await act('e001-business', n, 'responsibility', responsibility)).status).toBe(403);
    const assigned = await act('e001-audit', n, 'responsibility', responsibility);
    expect(assigned.status).toBe(200);
    expect(assigned.body.stage).toBe('plan');

    // 3 制定方案 + approvals of 党委会 and 董事会; the business department cannot approve its own plan.
    expect((await act('e001-business', n, 'plan', { measures: '清退已发放补贴并完善制度', milestones: [{ title: '清退完毕', dueDate: '2027-01-31' }], targetDate: '2027-02-28' })).status).toBe(200);
    expect((await act('e001-business', n, 'plan/approvals', approval('party_committee'))).status).toBe(403);
    expect((await act('e001-leader', n, 'plan/approvals', approval('party_committee'))).body.stage).toBe('plan');
    before = await detail();
    const twice = await act('e001-leader', n, 'plan/approvals', approval('party_committee'));
    expect(twice.status).toBe(409);
    await expectUnchanged(before);
    const approved = await act('e001-leader', n, 'plan/approvals', approval('board'));
    expect(approved.body.stage).toBe('rectify');
    expect(approved.body.plan.approvals).toHaveLength(2);

    // 4 推动整改: progress with a corrected amount; more than the problem's amount is refused.
    const tooMuch = await act('e001-business', n, 'progress', { progress: '已清退', correctedAmount: '1000000.01' });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.message).toContain('correctedAmount');
    const progressed = await act('e001-business', n, 'progress', { progress: '已清退全部补贴', correctedAmount: '1000000.00' });
    expect(progressed.body.correctedAmount).toBe('1000000.00');

    // 5 阶段报告 + approvals.
    expect((await act('e001-audit', n, 'report', { content: '整改报告：补贴已全部清退，制度已修订。' })).body.stage).toBe('report');
    await act('e001-leader', n, 'report/approvals', approval('board'));
    expect((await act('e001-leader', n, 'report/approvals', approval('party_committee'))).body.stage).toBe('determine');

    // 6 结果认定: a C1 without the full corrected amount is refused, naming the field.
    const lacking = await act('e001-audit', n, 'determination', { criterion: 'C1', basis: '已全额纠正', correctedAmount: '999999.99' });
    expect(lacking.status).toBe(422);
    expect(JSON.stringify(lacking.body.message)).toContain('correctedAmount');
    expect((await act('e001-audit', n, 'determination', { criterion: 'C1', basis: '已全额纠正', correctedAmount: '1000000' })).status).toBe(200);
    expect((await act('e001-audit', n, 'determination/review', { accept: true })).status).toBe(403);
    const reviewed = await act('jiandu', n, 'determination/review', { accept: true, comment: '认可' });
    expect(reviewed.body).toMatchObject({ stage: 'follow_up', outcome: 'completed', criterion: 'C1' });

    // 7 后续审计, 8 销号 — only the supervision lead accepts the close-out.
    expect((await act('e001-audit', n, 'follow-up', { holds: true, findings: '后续审计确认整改到位' })).body.stage).toBe('close_out');
    expect((await act('jiandu', n, 'close-out', { opinion: '同意销号' })).status).toBe(403);
    const closed = await act('fenguan', n, 'close-out', { opinion: '同意销号' });
    expect(closed.body.stage).toBe('closed');

    const final = await detail();
    expect(final.history.map((e: { action: string | null }) => e.action)).toEqual([
      'register', 'assignResponsibility', 'submitPlan', 'approvePlan', 'approvePlan', 'reportProgress',
      'submitReport', 'approveReport', 'approveReport', 'determine', 'reviewDetermination', 'recordFollowUp', 'acceptCloseOut',
    ]);
    expect(final.history.every((e: { actorName: string }) => e.actorName.length > 0)).toBe(true);
    expect(final.determinations[0]).toMatchObject({ criterion: 'C1', review: 'accepted' });
    expect(final.accountabilityCases).toEqual([]);

    // A closed problem takes no more actions.
    expect((await act('e001-business', n, 'progress', { progress: '补充' })).status).toBe(409);

    // The trail verifies.
    const verdict = await api('GET', `/api/issues/audit/verify?ledgerNo=${n}`, { token: await login('jiandu') });
    expect(verdict.body).toMatchObject({ intact: true, eventsChecked: 13 });
  });
});
