import { afterAll, describe, expect, it } from '@jest/globals';
import { api, closeDb, login } from '../harness/index.js';
import { registration } from '../ledger/fixtures.js';
import { closeBrowser, newPage, screenshot, signIn } from './browser.js';
import { Users } from './console.js';

const users = new Users();

afterAll(async () => {
  await users.close();
  await closeBrowser();
  await closeDb();
});

async function menuOf(username: string): Promise<string[]> {
  const page = await users.as(username);
  await page.goto('/');
  const menu = page.getByTestId('main-menu');
  await menu.waitFor();
  return (await menu.locator('li[role=menuitem]').allInnerTexts()).map((t) => t.replace(/\s*\d+\+?$/, '').trim() /* the unread badge: 7, or 99+ past 99 */);
}

describe('who sees what in the console', () => {
  it('shows an enterprise user neither another enterprise\'s problem nor it in the ledger', async () => {
    const res = await api('POST', '/api/issues/problems', { token: await login('e001-audit'), body: registration({ title: '仅限E001可见的问题（浏览器测试）' }) });
    expect(res.status).toBe(201);
    const ledgerNo: string = res.body.problem.ledgerNo;

    const own = await users.as('e001-business');
    await own.goto(`/problems/${ledgerNo}`);
    await own.getByTestId('problem-ledger-no').filter({ hasText: ledgerNo }).waitFor();

    const other = await users.as('e002-audit');
    await other.goto(`/problems/${ledgerNo}`);
    await other.getByTestId('problem-error').waitFor();
    expect(await other.getByTestId('problem-error').innerText()).toContain('问题不存在，或您无权查看');
    expect(await other.getByText('仅限E001可见的问题').count()).toBe(0);
    await screenshot(other, 'other-enterprise-refused');

    await other.goto(`/ledger?q=${encodeURIComponent(ledgerNo)}`);
    await other.getByTestId('ledger-table').waitFor();
    await other.getByTestId('ledger-table').locator('.ant-empty-description').filter({ hasText: '暂无数据' }).waitFor();
    await other.getByTestId('ledger-table').locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    expect(await other.getByText(ledgerNo).count()).toBe(0);

    // The same search finds it for its own enterprise: the empty answer above is the rule, not the search.
    await own.goto(`/ledger?q=${encodeURIComponent(ledgerNo)}`);
    await own.getByTestId('ledger-table').getByRole('link', { name: ledgerNo }).waitFor();
  });

  it('shows each role only the pages it may use, and refuses the others in Chinese', async () => {
    expect(await menuOf('jiandu')).toEqual(['整改台账', '我的待办', '督办看板', '书面说明', '督办汇总分析', '委党委审议', '联席会议', '指标看板']);
    expect(await menuOf('e001-business')).toEqual(['整改台账', '我的待办', '书面说明']);
    expect(await menuOf('e001-audit')).toEqual(['整改台账', '我的待办', '书面说明', '指标看板']);
    expect(await menuOf('lianxi')).toEqual(['整改台账', '我的待办', '书面说明', '督办汇总分析', '联席会议', '指标看板']);
    expect(await menuOf('yunwei')).toEqual(['我的待办', '运维']);

    const business = await users.as('e001-business');
    await business.goto('/supervision');
    await business.getByText('当前角色无权使用此页面').waitFor();
    await business.goto('/ledger');
    expect(await business.getByRole('button', { name: /问题挂号/ }).count()).toBe(0);
  });

  it('refuses a wrong password in Chinese and keeps the API closed without a token', async () => {
    const { context, page } = await newPage();
    await page.goto('/login');
    await page.locator('#username').fill('jiandu');
    await page.locator('#password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').filter({ hasText: '用户名或密码错误' }).waitFor();
    await signIn(page, 'jiandu');
    await context.close();

    // The console's files are public; every /api route still needs a token.
    expect((await api('GET', '/ledger')).status).toBe(200);
    expect((await api('GET', '/api/console-config')).status).toBe(401);
    expect((await api('GET', '/api/issues/problems')).status).toBe(401);
    expect((await api('GET', '/api/no-such-route')).status).toBe(404);
    const config = await api('GET', '/api/console-config', { token: await login('yunwei') });
    expect(config.body).toMatchObject({ namespace: expect.any(String), temporalUiUrl: expect.stringMatching(/^http/) });
  });
});
