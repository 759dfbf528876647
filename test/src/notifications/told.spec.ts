import { afterAll, describe, expect, it } from '@jest/globals';
import { addDays, DEFAULT_POLICY, localDateOf } from '@rectify/domain';
import { api, closeDb, closeTemporal, db, eventually, login } from '../harness/index.js';
import { act, register } from '../ledger/fixtures.js';
import { answer, seedPush, UNITS } from '../joint-meeting/fixtures.js';

/** People who must act are told (issue: every action counted once — people who are never told). */
afterAll(async () => {
  await closeDb();
  await closeTemporal();
});

/** The notices of `type` among the newest in `username`'s inbox. */
async function inboxOf(username: string, type: string): Promise<{ title: string; link: string | null }[]> {
  const res = await api('GET', '/api/notifications/inbox?pageSize=100', { token: await login(username) });
  expect(res.status).toBe(200);
  return (res.body.items as { type: string; title: string; link: string | null }[]).filter((i) => i.type === type);
}

describe('those who must act are told', () => {
  it('tells 纪检组 of a transfer waiting for its decision and lists it until decided', async () => {
    const problem = await register('e001-audit');
    expect((await act('jiandu', problem.ledgerNo, 'discipline-transfers', { content: '涉嫌违规发放补贴，移送纪检组' })).status).toBe(200);

    const told = await eventually('the notice to 纪检组', async () => (await inboxOf('jijian', 'transfer_requested')).find((n) => n.link?.endsWith(problem.ledgerNo)), 20_000);
    expect(told.title).toBe(`移送纪检待受理：${problem.ledgerNo} 违规发放交通补贴`);
    const mail = (await db().query(
      `SELECT o.subject FROM notifications.email_outbox o JOIN notifications.notices n ON n.id = o.notice_id WHERE n.type = 'transfer_requested' AND n.ledger_no = $1`,
      [problem.ledgerNo],
    )).rows as { subject: string }[];
    expect(mail.map((m) => m.subject)).toEqual([`【审计整改】移送纪检待受理：${problem.ledgerNo} 违规发放交通补贴`]);

    const waiting = await api('GET', '/api/issues/discipline-transfers?status=pending&pageSize=200', { token: await login('jijian') });
    expect(waiting.status).toBe(200);
    expect((waiting.body.items as { ledgerNo: string }[]).map((t) => t.ledgerNo)).toContain(problem.ledgerNo);
    expect((await api('GET', '/api/issues/discipline-transfers', { token: await login('e001-audit') })).status).toBe(403);

    expect((await act('jijian', problem.ledgerNo, 'discipline-transfers/decision', { accept: true, acceptedOn: localDateOf(Date.now(), DEFAULT_POLICY) })).status).toBe(200);
    const after = await api('GET', '/api/issues/discipline-transfers?status=pending&pageSize=200', { token: await login('jijian') });
    expect((after.body.items as { ledgerNo: string }[]).map((t) => t.ledgerNo)).not.toContain(problem.ledgerNo);
  });

  it("tells the joint-meeting office when a unit's answer is approved", async () => {
    const push = await seedPush({ policy: DEFAULT_POLICY, replyBy: addDays(localDateOf(Date.now(), DEFAULT_POLICY), 20), units: [UNITS.property.code] });
    await answer('property', push.pushNo, '已协调解决产权登记');
    const told = await eventually('the notice to the office', async () => (await inboxOf('lianxi', 'response_approved')).find((n) => n.link?.endsWith(push.pushNo)), 20_000);
    expect(told.title).toBe(`书面反馈已报送：产权管理处 ${`工作流测试推送 ${push.pushNo}`}`);
  });
});
