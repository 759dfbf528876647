import { afterAll, describe, expect, it } from '@jest/globals';
import { addDays, compressedPolicy, localDateOf } from '@rectify/domain';
import { monthLabel, previousMonthOf } from '@rectify/contracts';
import { api, closeDb, closeTemporal, db, eventually, login, seedProblem, temporal } from '../harness/index.js';
import { docxText, download, insertStaleProblem, recordVisit } from './fixtures.js';

afterAll(async () => {
  await closeDb();
  await closeTemporal();
});

const today = () => localDateOf(Date.now(), { utcOffsetMinutes: 480 });

interface SummaryItem {
  id: string;
  workflowId: string;
  month: string;
  totals: { visits: number; overdue: number; slow: number };
}

async function summaryOf(workflowId: string, month: string): Promise<SummaryItem> {
  return eventually(`summary ${workflowId}`, async () => {
    const res = await api<{ items: SummaryItem[] }>('GET', `/api/issues/supervision/summaries?month=${month}`, { token: await login('jiandu') });
    return res.body.items.find((s) => s.workflowId === workflowId);
  }, 30_000);
}

describe('supervision summary (督办情况汇总分析)', () => {
  it('exists as a monthly Temporal Schedule that starts the summary workflow', async () => {
    const description = await (await temporal()).schedule.getHandle('supervision-summary').describe();
    expect(description.action).toMatchObject({ type: 'startWorkflow', workflowType: 'supervisionSummaryWorkflow' });
    expect(description.spec.timezone).toBe('Asia/Shanghai');
    expect(JSON.stringify(description.spec.calendars)).toContain('"dayOfMonth":[{"start":1,"end":1,"step":1}]');
  });

  it('summarises a month on demand: overdue and slow problems, visits, as a Word document that reads back', async () => {
    const month = today().slice(0, 7);
    const policy = compressedPolicy(86_400);
    const overdue = await seedProblem({ policy, enterpriseCode: 'E002', issueDate: addDays(today(), -200), deadline: addDays(today(), -100), hardLimit: addDays(today(), 60) });
    await eventually('the seeded problem to be overdue', async () => (await db().query('SELECT overdue FROM issues.problems WHERE id = $1', [overdue.id])).rows[0]?.overdue === true, 20_000);
    const stale = await insertStaleProblem('E001', 45);
    const visit = await recordVisit('E001', [stale.ledgerNo]);

    // Only the Supervision Division and operators may start one; bad months are refused.
    expect((await api('POST', '/api/issues/supervision/summaries', { token: await login('e001-audit'), body: { month } })).status).toBe(403);
    const bad = await api('POST', '/api/issues/supervision/summaries', { token: await login('jiandu'), body: { month: '2026-13' } });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual([{ field: 'month', reasons: [expect.stringContaining('YYYY-MM')] }]);
    const future = await api('POST', '/api/issues/supervision/summaries', { token: await login('jiandu'), body: { month: `${Number(month.slice(0, 4)) + 1}-01` } });
    expect(future.status).toBe(400);

    const started = await api('POST', '/api/issues/supervision/summaries', { token: await login('yunwei'), body: { month } });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ month, monthLabel: monthLabel(month) });
    const summary = await summaryOf(started.body.workflowId, month);
    expect(summary.totals.visits).toBeGreaterThanOrEqual(1);

    const detail = await api('GET', `/api/issues/supervision/summaries/${summary.id}`, { token: await login('jiandu') });
    expect(detail.status).toBe(200);
    expect(detail.body.overdueProblems.map((p: { ledgerNo: string }) => p.ledgerNo)).toContain(overdue.ledgerNo);
    expect(detail.body.slowProblems.map((p: { ledgerNo: string }) => p.ledgerNo)).toContain(stale.ledgerNo);
    expect(detail.body.slowProblems.map((p: { ledgerNo: string }) => p.ledgerNo)).not.toContain(overdue.ledgerNo); // registered today
    const e001 = detail.body.enterprises.find((e: { code: string }) => e.code === 'E001');
    expect(e001.visits).toBeGreaterThanOrEqual(1);
    expect(e001.slow).toBeGreaterThanOrEqual(1);

    const doc = await download('jiandu', `/api/issues/supervision/summaries/${summary.id}/document`);
    expect(doc.status).toBe(200);
    expect(doc.headers.get('content-type')).toContain('wordprocessingml');
    const text = await docxText(doc.body);
    for (const expected of [`督办情况汇总分析（${monthLabel(month)}）`, '一、总体情况', '二、分企业整改进展', '三、逾期问题', '四、进展缓慢问题', '五、入户督办情况', '六、书面说明情况',
      overdue.ledgerNo, stale.ledgerNo, '市城市建设投资集团有限公司', visit.findings, '张督导、李督导']) {
      expect(text).toContain(expected);
    }
    // Operators start runs but read no content; enterprises read none of it.
    expect((await download('yunwei', `/api/issues/supervision/summaries/${summary.id}/document`)).status).toBe(403);
    expect((await download('e001-audit', `/api/issues/supervision/summaries/${summary.id}/document`)).status).toBe(403);
    expect((await download('chushi', `/api/issues/supervision/summaries/${summary.id}`)).status).toBe(403);

    // The Supervision Division is told it is ready.
    const notice = await eventually('summary_ready notice', async () => {
      const rows = (await db().query(
        `SELECT u.username, i.title FROM notifications.inbox_items i JOIN notifications.notices n ON n.id = i.notice_id
         JOIN identity.user_directory u ON u.id = i.user_id WHERE n.key = $1`,
        [`${started.body.workflowId}:summary_ready`],
      )).rows as { username: string; title: string }[];
      return rows.length > 0 ? rows : undefined;
    });
    expect(notice.map((n) => n.username)).toContain('jiandu');
    expect(notice.map((n) => n.username)).not.toContain('e001-audit');
    expect(notice[0]!.title).toContain('督办情况汇总分析');
  });

  it('summarises the month just ended when the schedule fires', async () => {
    const handle = (await temporal()).schedule.getHandle('supervision-summary');
    const before = (await handle.describe()).info.recentActions.length;
    await handle.trigger();
    const run = await eventually('a scheduled run', async () => {
      const d = await handle.describe();
      return d.info.recentActions.length > before ? d.info.recentActions.at(-1) : undefined;
    });
    const workflowId = run.action.workflow.workflowId;
    const summary = await summaryOf(workflowId, previousMonthOf(today()));
    expect(summary.month).toBe(previousMonthOf(today()));
  });
});
