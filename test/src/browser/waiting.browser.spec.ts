import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { addDays, DEFAULT_POLICY, localDateOf } from '@rectify/domain';
import { api, closeDb, login } from '../harness/index.js';
import { act, register } from '../ledger/fixtures.js';
import { closeBrowser, screenshot } from './browser.js';
import { Users } from './console.js';

const users = new Users();

afterAll(async () => {
  await users.close();
  await closeBrowser();
  await closeDb();
});

describe('我的待办 › 待我处理', () => {
  it('lists a transfer for 纪检组, and a 专报 for the 党委 until its 已阅 receipt', async () => {
    const problem = await register('e001-audit');
    expect((await act('jiandu', problem.ledgerNo, 'discipline-transfers', { content: '涉嫌违规，移送纪检组' })).status).toBe(200);
    const today = localDateOf(Date.now(), DEFAULT_POLICY);
    const title = `关于联席会议工作情况的专报（浏览器测试 ${randomUUID().slice(0, 8)}）`;
    const report = await api('POST', '/api/joint-meeting/reports', { token: await login('lianxi'), body: { title, periodFrom: addDays(today, -7), periodTo: today, summary: '本期运转正常。' } });
    expect(report.status).toBe(201);

    const jijian = await users.as('jijian');
    await jijian.goto('/work?tab=waiting');
    await jijian.getByTestId('waiting-transfers').getByRole('link', { name: problem.ledgerNo }).waitFor();

    const dangwei = await users.as('dangwei');
    await dangwei.goto('/work');
    const listed = dangwei.getByTestId('waiting-reports').locator('.ant-list-item').filter({ hasText: title });
    await listed.waitFor();
    await screenshot(dangwei, 'waiting-special-report');
    await listed.getByRole('button', { name: /^已\s*阅$/ }).click(); // antd spaces two-character button labels
    await listed.waitFor({ state: 'detached' });
    const reads = await api('GET', '/api/joint-meeting/waiting', { token: await login('dangwei') });
    expect((reads.body.reports.items as { title: string }[]).map((r) => r.title)).not.toContain(title);
  });
});
