import { afterAll, describe, expect, it } from '@jest/globals';
import { api, closeDb, login } from '../harness/index.js';
import { closeBrowser, screenshot } from './browser.js';
import { fillDate, fillTags, openProblem, startAction, submitAction, Users } from './console.js';

const users = new Users();

afterAll(async () => {
  await users.close();
  await closeBrowser();
  await closeDb();
});

/** Fills and records one approval of the plan or the report (党委会 first: the form offers the bodies still to approve). */
async function approve(username: string, ledgerNo: string, action: 'approvePlan' | 'approveReport', body: '党委会' | '董事会', stageAfter: string) {
  const page = await users.as(username);
  await openProblem(page, ledgerNo);
  await startAction(page, action);
  await page.getByTestId(`form-${action}`).getByText(body, { exact: true }).click();
  await page.locator('#act_meeting').fill(`2026年第9次${body}`);
  await fillDate(page, 'act_meetingDate', '2026-11-20');
  await page.locator('#act_resolutionNo').fill(`${body === '党委会' ? '党决' : '董决'}〔2026〕18号`);
  await submitAction(page, stageAfter);
}

/**
 * One problem through all eight stages in the browser, each step by the demo user whose role the
 * policy gives it; validation messages in Chinese on the way, and the server's field errors shown
 * next to the field.
 */
describe('the console takes a problem through the eight stages', () => {
  it('registers, assigns, plans, rectifies, reports, determines, follows up and closes out', async () => {
    // 1 问题挂号 — enterprise internal audit, through the ledger's registration form.
    const audit = await users.as('e001-audit');
    await audit.goto('/ledger');
    await audit.getByRole('button', { name: /问题挂号/ }).click();
    const docNo = `浏览器测试审决〔2026〕${Date.now() % 1_000_000}号`;
    await audit.getByTestId('register-submit').click();
    await audit.getByText('请填写文号').waitFor();
    await audit.locator('#register_document_number').fill(docNo);
    await audit.locator('#register_document_issuer').fill('市审计局');
    await fillDate(audit, 'register_document_issueDate', '2026-10-15');
    await audit.locator('#register_category').fill('财务管理');
    await audit.locator('#register_amount').fill('1000000.00');
    await audit.locator('#register_title').fill('违规发放交通补贴（浏览器测试）');
    await audit.locator('#register_description').fill('2025 年度违规向职工发放交通补贴，未履行决策程序。');
    await audit.getByTestId('register-submit').click();
    await audit.waitForURL(/\/problems\/E001-\d{4}-\d{5}$/);
    const ledgerNo = decodeURIComponent(audit.url().split('/problems/')[1]!);
    await audit.getByTestId('problem-stage').filter({ hasText: '责任分解' }).waitFor();

    // 2 责任分解 — a missing field is refused in Chinese before anything is sent.
    await startAction(audit, 'assignResponsibility');
    await audit.getByTestId('action-submit').click();
    await audit.getByText('请填写牵头部门').waitFor();
    await audit.locator('#act_responsibility_leadDepartment').fill('财务部');
    await fillTags(audit, 'act_responsibility_responsiblePersons', ['王五']);
    await submitAction(audit, '制定方案');
    await screenshot(audit, 'problem-page-plan-stage');

    // The business department sees no approval action on its own plan.
    const business = await users.as('e001-business');
    await openProblem(business, ledgerNo);
    expect(await business.getByTestId('action-approvePlan').count()).toBe(0);

    // 3 制定方案, approved by 党委会 and 董事会 (enterprise leadership).
    await startAction(business, 'submitPlan');
    await business.locator('#act_measures').fill('清退已发放补贴并完善制度');
    await fillDate(business, 'act_targetDate', '2027-02-28');
    await submitAction(business, '制定方案');
    await approve('e001-leader', ledgerNo, 'approvePlan', '党委会', '制定方案');
    await approve('e001-leader', ledgerNo, 'approvePlan', '董事会', '推动整改');

    // 4 推动整改 — evidence uploaded and attached; an amount beyond the problem's is refused by the
    // server, and its reason shows under the field.
    await openProblem(business, ledgerNo);
    await business.getByRole('tab', { name: /证明材料/ }).click();
    await business.locator('input[type=file]').setInputFiles({ name: '整改说明.txt', mimeType: 'text/plain', buffer: Buffer.from('补贴已全部清退，附银行回单。\n', 'utf8') });
    await business.getByTestId('evidence-table').getByText('整改说明.txt').waitFor();
    await startAction(business, 'reportProgress');
    await business.locator('#act_progress').fill('已清退全部补贴');
    await business.locator('#act_correctedAmount').fill('1000000.01');
    await business.getByTestId('action-submit').click();
    const refusal = business.locator('#act_correctedAmount_help');
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/整改金额|问题金额/);
    await business.locator('#act_correctedAmount').fill('1000000.00');
    await business.locator('#act_evidenceIds').click();
    await business.locator('.ant-select-item-option').filter({ hasText: '整改说明.txt' }).click();
    await business.keyboard.press('Escape');
    await submitAction(business, '推动整改');

    // 5 阶段报告 + approvals.
    await openProblem(audit, ledgerNo);
    await startAction(audit, 'submitReport');
    await audit.locator('#act_content').fill('整改报告：补贴已全部清退，制度已修订。');
    await submitAction(audit, '阶段报告');
    await approve('e001-leader', ledgerNo, 'approveReport', '董事会', '阶段报告');
    await approve('e001-leader', ledgerNo, 'approveReport', '党委会', '结果认定');

    // 6 结果认定 — the criterion picker shows each requirement; C1 with a short amount is refused
    // (the same rule as the server's), then the full amount is accepted.
    await openProblem(audit, ledgerNo);
    await startAction(audit, 'determine');
    await audit.locator('label').filter({ hasText: '具体问题金额或事实已调整或纠正完毕' }).click();
    expect(await audit.getByTestId('criterion-requirement').innerText()).toContain('已整改金额须等于问题金额');
    await audit.locator('#act_correctedAmount').fill('999999.99');
    await audit.locator('#act_basis').fill('已全额纠正');
    await audit.getByTestId('action-submit').click();
    expect(await audit.locator('#act_correctedAmount_help').innerText()).toContain('整改金额必须等于问题金额');
    await audit.locator('#act_correctedAmount').fill('1000000.00');
    await screenshot(audit, 'determination-criterion-picker');
    await submitAction(audit, '结果认定');

    // The Supervision Division reviews.
    const officer = await users.as('jiandu');
    await openProblem(officer, ledgerNo);
    await startAction(officer, 'reviewDetermination');
    await officer.getByText('认可企业认定').click();
    await submitAction(officer, '后续审计');

    // 7 后续审计.
    await openProblem(audit, ledgerNo);
    await startAction(audit, 'recordFollowUp');
    await audit.getByText('整改结果经得起检验').click();
    await audit.locator('#act_findings').fill('后续审计确认整改到位');
    await submitAction(audit, '问题销号');

    // 8 销号 — the officer may not; the supervision lead accepts. The lead sees the workflow link.
    await openProblem(officer, ledgerNo);
    expect(await officer.getByTestId('action-acceptCloseOut').count()).toBe(0);
    const lead = await users.as('fenguan');
    await openProblem(lead, ledgerNo);
    const link = await lead.getByTestId('temporal-link').getAttribute('href');
    expect(link).toContain(`/workflows/problem-${ledgerNo}`);
    await startAction(lead, 'acceptCloseOut');
    await lead.locator('#act_opinion').fill('同意销号');
    await submitAction(lead, '已销号');
    await lead.getByTestId('timeline').getByText('销号验收').waitFor();
    await screenshot(lead, 'problem-page-closed');

    // What the browser did is what the ledger recorded.
    const detail = (await api('GET', `/api/issues/problems/${ledgerNo}`, { token: await login('jiandu') })).body;
    expect(detail.stage).toBe('closed');
    expect(detail.history.map((e: { action: string | null }) => e.action).filter((a: string | null) => a !== null)).toEqual([
      'register', 'assignResponsibility', 'submitPlan', 'approvePlan', 'approvePlan', 'reportProgress',
      'submitReport', 'approveReport', 'approveReport', 'determine', 'reviewDetermination', 'recordFollowUp', 'acceptCloseOut',
    ]);
    expect(detail.determinations[0]).toMatchObject({ criterion: 'C1', review: 'accepted' });
    expect(detail.correctedAmount).toBe('1000000.00');
    const timelineEvents = await lead.getByTestId('timeline-event').count();
    expect(timelineEvents).toBe(detail.history.length);
  }, 300_000);
});
