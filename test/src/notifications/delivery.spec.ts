import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { addDays, compressedPolicy, localDateOf } from '@rectify/domain';
import { createNotificationActivities } from '@rectify/activities';
import { actOn, api, closeDb, closeTemporal, driveToDetermination, eventually, login, seedProblem, stack } from '../harness/index.js';

const policy = compressedPolicy(86_400);
const today = () => localDateOf(Date.now(), policy);

interface Mail {
  id: string;
  subject: string;
  to: { address: string }[];
  text: string;
  html: string;
}

async function mails(ledgerNo: string): Promise<Mail[]> {
  const res = await fetch(`${stack().urls.mailbox}/api/email`);
  return ((await res.json()) as Mail[]).filter((m) => m.subject.includes(ledgerNo));
}

const recipientsOf = (list: Mail[]) => list.flatMap((m) => m.to.map((t) => t.address)).sort();

afterAll(async () => {
  await closeDb();
  await closeTemporal();
});

describe('notices reach people, exactly once (real SMTP sink, real inbox)', () => {
  it('e-mails each reminder once to the responsible people, with a Chinese subject, both parts and the link', async () => {
    const problem = await seedProblem({ policy, enterpriseCode: 'E001', issueDate: addDays(today(), -1), deadline: addDays(today(), 9), hardLimit: addDays(today(), 60) });
    const seven = await eventually('the 7-day reminder e-mails', async () => {
      const found = (await mails(problem.ledgerNo)).filter((m) => m.subject.includes('还剩 7 天'));
      return found.length >= 2 ? found : undefined;
    }, 30_000);
    expect(recipientsOf(seven)).toEqual(['e001-audit@rectify.local', 'e001-business@rectify.local']);
    const link = `${stack().urls.gateway}/problems/${problem.ledgerNo}`;
    for (const m of seven) {
      expect(m.subject).toBe(`【审计整改】整改时限提醒（还剩 7 天）：${problem.ledgerNo} 工作流测试问题`);
      expect(m.text).toContain(link);
      expect(m.html).toContain(`href="${link}"`);
    }
    const source = await (await fetch(`${stack().urls.mailbox}/api/email/${seven[0]!.id}/source`)).text();
    expect(source).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
    expect(source).toMatch(/multipart\/alternative/);

    // Later reminders and the overdue notice do not repeat the first one.
    await eventually('the 1-day reminder and overdue e-mails', async () => {
      const sent = await mails(problem.ledgerNo);
      return sent.filter((m) => m.subject.includes('还剩 1 天')).length >= 2 && sent.filter((m) => m.subject.includes('整改逾期')).length >= 3;
    }, 30_000);
    await new Promise((r) => setTimeout(r, 1500)); // time for a duplicate to show up, were there one
    const all = await mails(problem.ledgerNo);
    expect(all.filter((m) => m.subject.includes('还剩 7 天'))).toHaveLength(2);
    expect(all.filter((m) => m.subject.includes('还剩 1 天'))).toHaveLength(2);
    expect(recipientsOf(all.filter((m) => m.subject.includes('整改逾期')))).toEqual(['e001-audit@rectify.local', 'e001-leader@rectify.local', 'jiandu@rectify.local']);
    // The overdue problem opened accountability case T1, and its notice went to leadership, the Division and 纪检组.
    const accountability = await eventually('the accountability e-mails', async () => {
      const found = (await mails(problem.ledgerNo)).filter((m) => m.subject.includes('启动问责'));
      return found.length >= 3 ? found : undefined;
    }, 20_000);
    expect(recipientsOf(accountability)).toEqual(['e001-leader@rectify.local', 'jiandu@rectify.local', 'jijian@rectify.local']);
    expect(accountability[0]!.text).toContain('T1');

    // The same notices are in the in-app inbox, and the delivery log shows them sent.
    const business = await login('e001-business');
    const inbox = await api('GET', '/api/notifications/inbox?pageSize=100', { token: business });
    const mine = (inbox.body.items as { id: number; title: string; readAt: string | null }[]).filter((i) => i.title.includes(problem.ledgerNo));
    expect(mine).toHaveLength(2);
    const unread = inbox.body.unread as number;
    const marked = await api('POST', `/api/notifications/inbox/${mine[0]!.id}/read`, { token: business });
    expect(marked.body.unread).toBe(unread - 1);
    expect((await api('POST', `/api/notifications/inbox/${mine[1]!.id}/read`, { token: await login('e002-business') })).status).toBe(404);
    const log = await eventually('the delivery log', async () => {
      const res = await api('GET', `/api/notifications/deliveries?ledgerNo=${problem.ledgerNo}`, { token: await login('jiandu') });
      const rows = res.body as { type: string; emailStatus: string }[];
      return rows.length >= 7 && rows.every((r) => r.emailStatus === 'sent') ? rows : undefined;
    }, 20_000);
    expect(log.filter((r) => r.type === 'reminder')).toHaveLength(4);
  });

  it('never sends a second copy when the activity is retried with the same key', async () => {
    const problem = await seedProblem({ policy: compressedPolicy(1), enterpriseCode: 'E001', issueDate: today(), deadline: addDays(today(), 90), hardLimit: addDays(today(), 120) });
    const db = new DataSource({ type: 'postgres', url: stack().infra.databaseUrl });
    await db.initialize();
    try {
      const { sendNotification } = createNotificationActivities({ db, consoleUrl: stack().urls.gateway });
      const request = { key: `${problem.workflowId}:close_out_accepted:99`, type: 'close_out_accepted' as const, problemId: problem.id, audience: [{ scope: 'enterprise' as const, roles: ['enterprise_leader' as const] }], facts: { opinion: '同意销号' } };
      const first = await sendNotification(request);
      const retried = await sendNotification(request);
      expect(first).toMatchObject({ duplicate: false, recipients: 1, emails: 1 });
      expect(retried.duplicate).toBe(true);
    } finally {
      await db.destroy();
    }
    await eventually('the e-mail', async () => (await mails(problem.ledgerNo)).length > 0, 20_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(recipientsOf(await mails(problem.ledgerNo))).toEqual(['e001-leader@rectify.local']);
  });

  it('writes a timer\'s trail entry and its notice in one transaction: once when retried, neither when it fails half-way', async () => {
    const problem = await seedProblem({ policy: compressedPolicy(1), enterpriseCode: 'E001', issueDate: today(), deadline: addDays(today(), 90), hardLimit: addDays(today(), 120) });
    const db = new DataSource({ type: 'postgres', url: stack().infra.databaseUrl });
    await db.initialize();
    try {
      const { recordEventWithNotice } = createNotificationActivities({ db, consoleUrl: stack().urls.gateway });
      const [{ state }] = (await db.query('SELECT state FROM issues.problems WHERE id = $1', [problem.id])) as { state: never }[];
      const deadline = problem.input.deadline;
      // The workflow's first event (it waits 83 real days for its own): a 7-day reminder.
      const event = { problemId: problem.id, workflowId: problem.workflowId, seq: 1, kind: 'reminder' as const, action: null, actor: null, reason: null, payload: { offsetDays: 7, deadline }, stateBefore: state, stateAfter: state, atMs: Date.now() };
      const notice = { key: `${problem.workflowId}:reminder:1`, type: 'reminder' as const, problemId: problem.id, audience: [{ scope: 'enterprise' as const, roles: ['enterprise_audit' as const] }], facts: { deadline, daysLeft: 7 } };
      const written = async () => {
        const [row] = (await db.query(
          `SELECT (SELECT count(*) FROM issues.problem_events WHERE problem_id = $1 AND kind = 'reminder')::int AS events,
                  (SELECT last_seq FROM issues.problems WHERE id = $1) AS last_seq,
                  (SELECT count(*) FROM notifications.notices WHERE key = $2)::int AS notices,
                  (SELECT count(*) FROM notifications.email_outbox o JOIN notifications.notices n ON n.id = o.notice_id WHERE n.key = $2)::int AS emails`,
          [problem.id, notice.key],
        )) as { events: number; last_seq: number; notices: number; emails: number }[];
        return row!;
      };

      // The notice fails after the trail entry was appended in the same transaction: neither stays.
      await expect(recordEventWithNotice({ event, notice: { ...notice, type: 'no_such_notice' as never } })).rejects.toThrow(/unknown notice type/);
      expect(await written()).toEqual({ events: 0, last_seq: 0, notices: 0, emails: 0 });

      const first = await recordEventWithNotice({ event, notice });
      const retried = await recordEventWithNotice({ event, notice });
      expect(first).toMatchObject({ written: true, duplicate: false, undeliverable: false });
      expect(first.emails).toBeGreaterThanOrEqual(1);
      expect(retried).toMatchObject({ written: false, duplicate: true });
      expect(await written()).toEqual({ events: 1, last_seq: 1, notices: 1, emails: first.emails });
    } finally {
      await db.destroy();
    }
    const verify = await api<{ intact: boolean }>('GET', `/api/issues/audit/verify?ledgerNo=${problem.ledgerNo}`, { token: await login('jiandu') });
    expect(verify.body.intact).toBe(true);
  });

  it('still e-mails each reminder once when the notifications service is killed while they fall due', async () => {
    const problem = await seedProblem({ policy, enterpriseCode: 'E001', issueDate: addDays(today(), -1), deadline: addDays(today(), 8), hardLimit: addDays(today(), 60) });
    const pidOf = () => (JSON.parse(readFileSync(join(stack().stateDir, 'children.json'), 'utf8')) as { name: string; pid: number }[]).find((c) => c.name === 'notifications')!.pid;
    const before = pidOf();
    process.kill(before, 'SIGKILL');
    await eventually('the launcher to restart the notifications service', async () => pidOf() !== before, 15_000);
    await eventually('both 1-day reminders', async () => (await mails(problem.ledgerNo)).filter((m) => m.subject.includes('还剩 1 天')).length >= 2, 40_000);
    await new Promise((r) => setTimeout(r, 1500));
    const all = await mails(problem.ledgerNo);
    expect(recipientsOf(all.filter((m) => m.subject.includes('还剩 7 天')))).toEqual(['e001-audit@rectify.local', 'e001-business@rectify.local']);
    expect(recipientsOf(all.filter((m) => m.subject.includes('还剩 1 天')))).toEqual(['e001-audit@rectify.local', 'e001-business@rectify.local']);
  });

  it('shows the Supervision Division a notice nobody could receive', async () => {
    const problem = await seedProblem({ policy, enterpriseCode: 'NOBODY', issueDate: addDays(today(), -1), deadline: addDays(today(), 8), hardLimit: addDays(today(), 60) });
    const listed = await eventually('an undeliverable notice', async () => {
      const res = await api('GET', '/api/notifications/notices/undeliverable', { token: await login('jiandu') });
      const rows = (res.body as { ledgerNo: string; type: string }[]).filter((r) => r.ledgerNo === problem.ledgerNo);
      return rows.length > 0 ? rows : undefined;
    }, 30_000);
    expect(listed[0]!.type).toBe('reminder');
    expect((await api('GET', '/api/notifications/notices/undeliverable', { token: await login('e001-audit') })).status).toBe(403);
  });

  it('lets a user turn off e-mail of optional notices only, and still puts them in the inbox', async () => {
    const token = await login('e002-business');
    const refused = await api('PUT', '/api/notifications/preferences', { token, body: { type: 'reminder', emailEnabled: false } });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/^type：/);
    const set = await api('PUT', '/api/notifications/preferences', { token, body: { type: 'extension_decided', emailEnabled: false } });
    expect((set.body as { type: string; emailEnabled: boolean }[]).find((p) => p.type === 'extension_decided')?.emailEnabled).toBe(false);
    try {
      const problem = await seedProblem({ policy: compressedPolicy(1), enterpriseCode: 'E002', issueDate: today(), deadline: addDays(today(), 30), hardLimit: addDays(today(), 120) });
      await driveToDetermination(problem, 'P1', 'partial');
      await actOn(problem, 'audit', 'requestExtension', { requestedDeadline: addDays(today(), 60) }, { reason: '客观原因' });
      await actOn(problem, 'lead', 'decideExtension', { approve: true });
      const decided = await eventually('the decision e-mail to internal audit', async () => {
        const found = (await mails(problem.ledgerNo)).filter((m) => m.subject.includes('延期申请已批准'));
        return found.length > 0 ? found : undefined;
      }, 20_000);
      await new Promise((r) => setTimeout(r, 1500));
      expect(recipientsOf(decided)).toEqual(['e002-audit@rectify.local']);
      const inbox = await api('GET', '/api/notifications/inbox?pageSize=100', { token });
      expect((inbox.body.items as { title: string }[]).some((i) => i.title.includes(problem.ledgerNo) && i.title.includes('延期'))).toBe(true);
    } finally {
      await api('PUT', '/api/notifications/preferences', { token, body: { type: 'extension_decided', emailEnabled: true } });
    }
  });
});
