import { afterAll, describe, expect, it } from '@jest/globals';
import { addDays, DEFAULT_POLICY, localDateOf } from '@rectify/domain';
import { randomUUID } from 'node:crypto';
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

  it('tells every member of a 通报 the office publishes, and lists it for each until its receipt', async () => {
    const title = `关于整改进度滞后问题的通报 ${randomUUID().slice(0, 8)}`;
    const published = await api('POST', '/api/joint-meeting/notices', { token: await login('lianxi'), body: { title, content: '以下问题整改进度滞后。' } });
    expect(published.status).toBe(201);
    const id = published.body.id as string;
    for (const member of ['gaige', 'chanquan-lingdao', 'jijian-lianluo', 'jijian']) {
      const told = await eventually(`the 通报 in ${member}'s inbox`, async () => (await inboxOf(member, 'notice_published')).find((n) => n.title === `联席会议通报：${title}`), 20_000);
      expect(told.link).toMatch(/\/joint-meeting\?tab=notices$/);
    }
    expect(await inboxOf('lianxi', 'notice_published')).not.toContainEqual(expect.objectContaining({ title: `联席会议通报：${title}` }));
    const mail = (await db().query(
      `SELECT DISTINCT o.subject FROM notifications.email_outbox o JOIN notifications.notices n ON n.id = o.notice_id WHERE n.key = $1`,
      [`announcement-notice-${id}`],
    )).rows as { subject: string }[];
    expect(mail.map((m) => m.subject)).toEqual([`【审计整改】联席会议通报：${title}`]);

    const waiting = async (who: string) => {
      const res = await api('GET', '/api/joint-meeting/waiting', { token: await login(who) });
      expect(res.status).toBe(200);
      return res.body as { notices: { items: { id: string }[] } | null; reports: unknown };
    };
    expect((await waiting('gaige')).notices!.items.map((n) => n.id)).toContain(id);
    expect((await waiting('gaige')).reports).toBeNull();
    expect((await api('POST', `/api/joint-meeting/notices/${id}/read`, { token: await login('gaige') })).status).toBe(200);
    expect((await waiting('gaige')).notices!.items.map((n) => n.id)).not.toContain(id);
    expect((await waiting('chanquan')).notices!.items.map((n) => n.id)).toContain(id); // a receipt is each reader's own
    expect((await api('GET', '/api/joint-meeting/waiting', { token: await login('jiandu') })).status).toBe(403);
  });

  it('e-mails a 通报 that names a 涉密 problem as a notice without its title', async () => {
    const secret = await register('e001-audit', { confidentiality: 'confidential' });
    const title = `关于涉密问题整改情况的通报 ${randomUUID().slice(0, 8)}`;
    const published = await api('POST', '/api/joint-meeting/notices', { token: await login('lianxi'), body: { title, content: '涉密问题整改情况。', ledgerNos: [secret.ledgerNo] } });
    expect(published.status).toBe(201);
    const key = `announcement-notice-${published.body.id as string}`;
    const sent = await eventually('the 通报 e-mails', async () => {
      const rows = (await db().query(
        `SELECT o.subject, o.text_body FROM notifications.email_outbox o JOIN notifications.notices n ON n.id = o.notice_id WHERE n.key = $1`,
        [key],
      )).rows as { subject: string; text_body: string }[];
      return rows.length > 0 && rows;
    }, 20_000);
    for (const m of sent) {
      expect(m.subject).toBe('【审计整改】联席会议办公室的一份通报 有一条新的通知');
      expect(m.text_body).not.toContain(title);
    }
    // members read it in the console: the inbox names it
    const told = await eventually('the 通报 in the inbox', async () => (await inboxOf('gaige', 'notice_published')).find((n) => n.title === `联席会议通报：${title}`), 20_000);
    expect(told).toBeDefined();
  });

  it('tells the 党委 of a 专报 and lists it until read', async () => {
    const today = localDateOf(Date.now(), DEFAULT_POLICY);
    const title = `关于监督联席会议工作情况的专报 ${randomUUID().slice(0, 8)}`;
    const report = await api('POST', '/api/joint-meeting/reports', { token: await login('lianxi'), body: { title, periodFrom: addDays(today, -7), periodTo: today, summary: '本期联席会议运转正常。' } });
    expect(report.status).toBe(201);
    const id = report.body.id as string;
    const told = await eventually('the 专报 in the 党委 inbox', async () => (await inboxOf('dangwei', 'special_report_received')).find((n) => n.title === `联席会议专报：${title}`), 20_000);
    expect(told.link).toMatch(/\/joint-meeting\?tab=reports$/);
    const mail = (await db().query(
      `SELECT DISTINCT o.subject FROM notifications.email_outbox o JOIN notifications.notices n ON n.id = o.notice_id WHERE n.key = $1`,
      [`announcement-special-report-${id}`],
    )).rows as { subject: string }[];
    expect(mail.map((m) => m.subject)).toEqual([`【审计整改】联席会议专报：${title}`]);
    expect(await inboxOf('gaige', 'special_report_received')).toEqual([]);

    const unread = async () => ((await api('GET', '/api/joint-meeting/waiting', { token: await login('dangwei') })).body as { reports: { items: { id: string }[] } }).reports.items.map((r) => r.id);
    expect(await unread()).toContain(id);
    expect((await api('POST', `/api/joint-meeting/reports/${id}/read`, { token: await login('gaige') })).status).toBe(403);
    expect((await api('POST', `/api/joint-meeting/reports/${id}/read`, { token: await login('dangwei') })).status).toBe(200);
    expect(await unread()).not.toContain(id);
  });

  it("lists a unit's pushes waiting for its answer to its officer, and for approval to its leader", async () => {
    const push = await seedPush({ policy: DEFAULT_POLICY, replyBy: addDays(localDateOf(Date.now(), DEFAULT_POLICY), 20), units: [UNITS.reform.code] });
    const pushes = async (who: string) =>
      ((await api('GET', '/api/joint-meeting/waiting', { token: await login(who) })).body as { pushes: { items: { pushNo: string; status: string }[] } }).pushes.items.filter((p) => p.pushNo === push.pushNo);
    expect(await pushes(UNITS.reform.officer)).toEqual([expect.objectContaining({ status: 'pending' })]);
    expect(await pushes(UNITS.reform.leader)).toEqual([]);
    expect(await pushes(UNITS.property.officer)).toEqual([]);
  });
});
