import { afterAll, describe, expect, it } from '@jest/globals';
import { api, closeDb, login } from '../harness/index.js';
import { closeBrowser, screenshot } from './browser.js';
import { fillDate, Users } from './console.js';

const users = new Users();

afterAll(async () => {
  await users.close();
  await closeBrowser();
  await closeDb();
});

/** Opens a push from the joint-meeting table. */
async function openPush(username: string, subject: string) {
  const page = await users.as(username);
  await page.goto('/joint-meeting');
  await page.getByTestId('push-table').getByText(subject).click();
  await page.getByTestId('push-drawer').waitFor();
  return page;
}

describe('a joint-meeting push in the console', () => {
  it('is pushed by the office, answered by a member unit, approved by its leader and tracked', async () => {
    const subject = `协调解决历史遗留产权登记问题（浏览器测试 ${Date.now() % 100000}）`;

    // The office pushes a written matter to 企业改革处.
    const office = await users.as('lianxi');
    await office.goto('/joint-meeting');
    await office.getByTestId('push-create').click();
    await office.getByTestId('push-submit').click();
    await office.getByText('请填写推送事项').waitFor();
    await office.locator('#push_subject').fill(subject);
    await office.locator('#push_content').fill('请企业改革处就该企业历史遗留产权登记问题提出意见并协助解决。');
    await office.locator('#push_units').click();
    await office.locator('.ant-select-item-option').filter({ hasText: '企业改革处' }).click();
    await office.keyboard.press('Escape');
    await fillDate(office, 'push_replyBy', '2027-01-15');
    await office.getByTestId('push-submit').click();
    await office.getByTestId('push-drawer').getByTestId('target-U-REFORM').filter({ hasText: '待办理' }).waitFor();

    // Another unit does not see it.
    const property = await users.as('chanquan');
    await property.goto('/joint-meeting');
    await property.getByTestId('push-table').waitFor();
    await property.getByTestId('push-table').locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    expect(await property.getByText(subject).count()).toBe(0);

    // The unit's officer drafts the answer and submits it to the division leader.
    const officer = await openPush('gaige', subject);
    await officer.getByTestId('response-submit').click();
    await officer.getByText('请填写本单位意见').waitFor();
    await officer.locator('#response_opinion').fill('同意由企业补办产权登记，我处负责协调登记机关。');
    await officer.locator('#response_resolution').fill('已与登记机关沟通，企业已提交补办材料。');
    await officer.getByTestId('response-submit').click();
    await officer.getByTestId('push-drawer').getByTestId('target-U-REFORM').filter({ hasText: '待分管领导审核' }).waitFor();
    expect(await officer.getByTestId('response-form').count()).toBe(0);

    // The leader approves; the answer goes to the office.
    const leader = await openPush('gaige-lingdao', subject);
    await leader.getByTestId('push-responses').getByText('已与登记机关沟通').waitFor();
    await leader.locator('#approval_comment').fill('同意报送');
    await leader.getByTestId('response-approve').click();
    await leader.getByTestId('push-drawer').getByTestId('target-U-REFORM').filter({ hasText: '已反馈' }).waitFor();

    // The office's tracker shows the unit answered, with the approved answer.
    const tracked = await openPush('lianxi', subject);
    await tracked.getByTestId('push-drawer').getByTestId('target-U-REFORM').filter({ hasText: '已反馈' }).waitFor();
    await tracked.getByTestId('push-responses').getByText('同意由企业补办产权登记').waitFor();
    await screenshot(tracked, 'joint-meeting-push-answered');

    const pushes = (await api('GET', '/api/joint-meeting/pushes?pageSize=200', { token: await login('lianxi') })).body.items as { subject: string; targets: { unitCode: string; status: string }[] }[];
    expect(pushes.find((p) => p.subject === subject)?.targets).toEqual([expect.objectContaining({ unitCode: 'U-REFORM', status: 'answered' })]);
  }, 240_000);
});
