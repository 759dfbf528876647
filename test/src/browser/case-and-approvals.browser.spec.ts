import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import { api, closeDb, eventually, login } from '../harness/index.js';
import { register } from '../ledger/fixtures.js';
import { openCase } from '../accountability/fixtures.js';
import { closeBrowser, screenshot } from './browser.js';
import { fillDate, fillTags, openProblem, Users } from './console.js';

const signedIn = new Users();
/** The demo users' pages, with room for a busy machine (the forms start workflows before answering). */
const users = {
  as: async (username: string) => {
    const page = await signedIn.as(username);
    page.setDefaultTimeout(45_000);
    return page;
  },
  close: () => signedIn.close(),
};
let opened: { ledgerNo: string; caseId: string };

beforeAll(async () => {
  // The fast way the API suites take: a problem driven over HTTP to an accepted N2 determination opens a T3 case.
  opened = await openCase();
}, 90_000);

afterAll(async () => {
  await users.close();
  await closeBrowser();
  await closeDb();
});

describe('an accountability case in the console', () => {
  it('has its opinion drafted, signed by both parties and a 函告 issued whose docx names the problem', async () => {
    const { ledgerNo, caseId } = opened;

    // jiandu reaches the case from the problem page.
    const officer = await users.as('jiandu');
    await openProblem(officer, ledgerNo);
    await officer.getByRole('tab', { name: /问责案件/ }).click();
    await officer.getByTestId(`case-link-${caseId}`).click();
    await officer.getByTestId('case-status').filter({ hasText: '已启动' }).waitFor();

    // Drafts the handling opinion (Chinese validation first).
    await officer.getByTestId('case-action-opinion').click();
    await officer.getByTestId('opinion-submit').click();
    await officer.getByText('请填写查明的问题与事实').waitFor();
    await officer.getByText('请至少选择一项问责措施').waitFor();
    await officer.locator('#opinion_findings').fill('经查，该企业对审计指出的问题未采取任何整改措施。');
    await officer.locator('#opinion_responsibility').fill('企业主要负责人负领导责任，财务部负责人负直接责任。');
    await officer.getByTestId('form-opinion').getByText('函告', { exact: true }).click();
    await officer.getByTestId('opinion-submit').click();
    await officer.getByTestId('case-status').filter({ hasText: '处理意见已起草' }).waitFor();

    // Signs for the Supervision Division.
    await officer.getByTestId('case-action-signoff').click();
    await officer.getByTestId('signoff-submit').click();
    await officer.getByTestId('signoff-submit').waitFor({ state: 'detached' });
    await officer.getByTestId('case-signoffs').getByText('监督处：', { exact: false }).waitFor();
    await officer.getByTestId('case-signoffs').getByText('待纪检组会签').waitFor();
    expect(await officer.getByTestId('case-action-signoff').count()).toBe(0);

    // 纪检组 signs.
    const discipline = await users.as('jijian');
    await discipline.goto(`/accountability-cases/${caseId}`);
    await discipline.getByTestId('case-action-signoff').click();
    await discipline.locator('#signoff_comment').fill('同意');
    await discipline.getByTestId('signoff-submit').click();
    await discipline.getByTestId('case-status').filter({ hasText: '处理意见已会签' }).waitFor();
    expect(await discipline.getByTestId('case-action-letter').count()).toBe(0);

    // jiandu issues the 函告 and downloads it.
    await officer.reload();
    await officer.getByTestId('case-action-letter').click();
    await officer.getByTestId('letter-submit').click();
    await officer.getByText('请填写整改要求').waitFor();
    await officer.locator('#letter_requiredCorrections').fill('请于收函后 30 日内完成整改并书面报告。');
    await officer.getByTestId('letter-submit').click();
    await officer.getByTestId('case-status').filter({ hasText: '已采取问责措施' }).waitFor();
    await screenshot(officer, 'accountability-case');
    const [download] = await Promise.all([officer.waitForEvent('download'), officer.getByTestId('measure-download-letter').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const bytes = readFileSync((await download.path())!);
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    expect(xml).toContain(ledgerNo);
  }, 120_000);
});

describe('a separate project in the console', () => {
  it('is proposed by jiandu from the problem page and approved by the party committee', async () => {
    const { ledgerNo } = opened;
    const officer = await users.as('jiandu');
    await openProblem(officer, ledgerNo);
    await officer.getByTestId('problem-propose-project').click();
    await officer.getByTestId('project-submit').click();
    await officer.getByText('请选择立项类型').waitFor();
    await officer.locator('#project_kind').click();
    await officer.locator('.ant-select-item-option').filter({ hasText: '专项核查' }).click();
    const title = `关于${ledgerNo}相关股权转让问题的专项核查`;
    await officer.locator('#project_title').fill(title);
    await officer.locator('#project_clue').fill('督办中发现该企业股权转让价格明显偏低，可能造成国有资产流失。');
    await officer.locator('#project_reasons').fill('线索重大，超出原问题范围，需单独立项核查。');
    await officer.getByTestId('project-submit').click();
    await officer.getByTestId('project-status').or(officer.getByTestId('form-error')).first().waitFor();
    if (await officer.getByTestId('form-error').count()) throw new Error(`proposal refused: ${await officer.getByTestId('form-error').innerText()}`);
    await officer.getByTestId('project-status').filter({ hasText: '待委党委审议' }).waitFor();
    expect(await officer.getByTestId('project-decide').count()).toBe(0);
    const url = new URL(officer.url()).pathname;

    // The party committee finds it in its list and approves it with the document number.
    const committee = await users.as('dangwei');
    await committee.goto('/approvals');
    await committee.getByTestId('project-table').getByText(title).click();
    await committee.waitForURL(url);
    await committee.getByTestId('project-decide').click();
    await committee.getByTestId('form-decision').getByText('审议通过', { exact: true }).click();
    await committee.getByTestId('decision-submit').click();
    await committee.getByText('请填写立项文号').waitFor();
    await committee.locator('#decision_documentNumber').fill('市国资党委〔2026〕77号');
    await committee.getByTestId('decision-submit').click();
    await committee.getByTestId('project-status').filter({ hasText: '委党委审议通过' }).waitFor();
    expect(await committee.getByTestId('project-number').innerText()).toBe('市国资党委〔2026〕77号');
    await screenshot(committee, 'separate-project');

    // jiandu registers what the project found: linked to the project and to the original problem.
    await officer.reload();
    await officer.getByTestId('project-register').click();
    await officer.locator('#register_document_number').fill(`监督核查〔2026〕${Date.now() % 100000}号`);
    await officer.locator('#register_document_issuer').fill('市国资委监督处');
    await fillDate(officer, 'register_document_issueDate', new Date().toISOString().slice(0, 10));
    await officer.locator('#register_category').fill('产权管理');
    await officer.locator('#register_title').fill('股权转让价格明显偏低（专项核查发现）');
    await officer.locator('#register_description').fill('专项核查发现股权转让未经评估备案，价格明显偏低。');
    await officer.getByTestId('register-submit').click();
    await officer.getByTestId('problem-stage').waitFor();
    await officer.getByRole('tab', { name: '关联事项' }).click();
    await officer.getByTestId('problem-links').getByRole('link', { name: ledgerNo, exact: true }).waitFor();

    // The problem page lists the project.
    await openProblem(officer, ledgerNo);
    await officer.getByRole('tab', { name: '关联事项' }).click();
    await officer.getByTestId('problem-projects').getByText('委党委审议通过').waitFor();
    await officer.getByTestId('problem-links').getByText('股权转让价格明显偏低（专项核查发现）').waitFor();
    await screenshot(officer, 'problem-links');
    await committee.goto('/approvals');
    await committee.getByTestId('project-table').waitFor();
    await screenshot(committee, 'approvals');
  }, 120_000);
});

describe('an upward report in the console', () => {
  it('follows the enterprise leader refusing the opinion in the browser and is approved by the party committee, report downloaded', async () => {
    const p = await register('e001-audit', { tags: ['major_asset_loss_risk'], title: '违规对外担保形成重大损失风险' });

    // e001-leader records that the enterprise refuses the Commission's opinion (rejectOpinion).
    const leader = await users.as('e001-leader');
    await openProblem(leader, p.ledgerNo);
    await leader.getByTestId('action-rejectOpinion').click();
    await leader.getByTestId('form-rejectOpinion').waitFor();
    await leader.getByTestId('action-submit').click();
    await leader.getByText('请填写不采纳的理由').waitFor();
    await leader.locator('#act_opinion').fill('监督处关于解除违规担保的整改意见');
    await leader.locator('#act_reason').fill('担保系历史遗留，企业认为无需解除');
    await leader.getByTestId('action-submit').click();
    await leader.getByTestId('action-submit').waitFor({ state: 'detached' });
    await leader.getByTestId('timeline').getByText('登记不采纳市国资委监管意见').waitFor();
    expect(await leader.getByTestId('action-rejectOpinion').count()).toBe(0);

    const id = await eventually('the upward-report proposal', async () => {
      const res = await api('GET', `/api/issues/upward-reports?ledgerNo=${p.ledgerNo}`, { token: await login('dangwei') });
      return (res.body as { id: string }[])[0]?.id;
    }, 30_000);

    // The party committee opens it from the problem page and approves it.
    const committee = await users.as('dangwei');
    await openProblem(committee, p.ledgerNo);
    await committee.getByRole('tab', { name: '关联事项' }).click();
    await committee.getByTestId('problem-reports').getByText('企业不采纳市国资委监管意见').click();
    await committee.waitForURL(`/approvals/upward-reports/${id}`);
    await committee.getByTestId('report-decide').click();
    await committee.getByTestId('form-decision').getByText('审议通过', { exact: true }).click();
    await committee.locator('#decision_documentNumber').fill('市国资党委〔2026〕78号');
    await committee.getByTestId('decision-submit').click();
    await committee.getByTestId('report-status').filter({ hasText: '委党委审议通过' }).waitFor();
    const [download] = await Promise.all([committee.waitForEvent('download'), committee.getByTestId('report-download').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const xml = await (await JSZip.loadAsync(readFileSync((await download.path())!))).file('word/document.xml')!.async('string');
    expect(xml).toContain(p.ledgerNo);
    await screenshot(committee, 'upward-report');
  }, 120_000);
});

describe('supervision and joint-meeting forms in the console', () => {
  it('record a visit with evidence, an explanation answered and guided, a notice read with its receipt', async () => {
    const { ledgerNo } = opened;
    const today = new Date().toISOString().slice(0, 10);

    // The supervision group records a visit from the problem page and attaches evidence to it.
    const group = await users.as('dudao');
    await openProblem(group, ledgerNo);
    await group.getByTestId('problem-visit').click();
    await group.getByTestId('visit-submit').click();
    await group.getByText('请选择督办日期').waitFor();
    await fillDate(group, 'visit_visitDate', today);
    await fillTags(group, 'visit_team', ['张督导', '李督导']);
    for (const topic of ['organisation', 'plan', 'decisions', 'progress', 'results']) await group.locator(`#visit_topics_${topic}`).fill('已查阅相关材料，情况属实。');
    await group.locator('#visit_findings').fill('整改进度滞后，需加快推进。');
    await group.getByTestId('visit-submit').click();
    await group.waitForURL(/\/supervision\/records\//);
    await group.locator('input[type=file]').setInputFiles({ name: '督办照片说明.txt', mimeType: 'text/plain', buffer: Buffer.from('现场督办记录。\n', 'utf8') });
    await group.getByTestId('visit-evidence').getByText('督办照片说明.txt').waitFor();
    await screenshot(group, 'supervision-visit');

    // jiandu asks E001 for a written explanation; e001-audit answers; jiandu gives guidance.
    const officer = await users.as('jiandu');
    await officer.goto('/supervision/explanations');
    await officer.getByTestId('explanation-request').click();
    await officer.getByTestId('explain-submit').click();
    await officer.getByText('请选择企业').waitFor();
    await officer.locator('#explain_enterpriseCode').click();
    await officer.locator('.ant-select-item-option').filter({ hasText: 'E001' }).click();
    await officer.locator('#explain_topic').fill('整改进度滞后');
    await officer.locator('#explain_details').fill('请说明交通补贴问题整改进度滞后的原因。');
    await officer.getByTestId('explain-submit').click();
    await officer.waitForURL(/\/supervision\/explanations\/[0-9a-f-]{36}/);
    const explanation = new URL(officer.url()).pathname;
    const enterprise = await users.as('e001-audit');
    await enterprise.goto(explanation);
    await enterprise.getByTestId('explanation-answer').click();
    await enterprise.locator('#answer_content').fill('补贴清退涉及人员较多，正在逐人核对。');
    await enterprise.locator('#answer_causes').fill('前期对整改难度估计不足。');
    await enterprise.getByTestId('answer-submit').click();
    await enterprise.getByTestId('explanation-basics').getByText('前期对整改难度估计不足。').waitFor();
    await officer.reload();
    await officer.getByTestId('explanation-guidance').click();
    await officer.locator('#guidance_guidance').fill('请制定逐人清退台账，每月报送进展。');
    await officer.getByTestId('guidance-submit').click();
    await officer.getByTestId('explanation-basics').getByText('请制定逐人清退台账，每月报送进展。').waitFor();
    await screenshot(officer, 'explanation');

    // The office publishes a notice; 企业改革处 reads it; the office sees the receipt.
    const title = `关于部分企业整改进度滞后问题的通报（浏览器测试 ${Date.now() % 100000}）`;
    const office = await users.as('lianxi');
    await office.goto('/joint-meeting?tab=notices');
    await office.getByTestId('notice-create').click();
    await office.locator('#notice_title').fill(title);
    await office.locator('#notice_content').fill('部分企业整改进度滞后，请各成员单位督促推进。');
    await office.getByTestId('notice-submit').click();
    await office.getByTestId('notice-table').getByText(title).waitFor();
    const member = await users.as('gaige');
    await member.goto('/joint-meeting?tab=notices');
    await member.getByTestId('notice-table').getByText(title).click();
    await member.getByTestId('notice-read').click();
    await member.getByTestId('notice-drawer').getByText('已阅（', { exact: false }).waitFor();
    await office.getByTestId('notice-table').getByText(title).click();
    await office.getByTestId('notice-receipts').locator('tr', { hasText: '企业改革处' }).getByText('已阅').waitFor();
    await screenshot(office, 'joint-meeting-notice');
  }, 120_000);
});

describe('the other new pages', () => {
  it('open in Chinese; a meeting decision becomes a push with an attachment; a special report is written and downloaded', async () => {
    const officer = await users.as('jiandu');
    await officer.goto('/supervision/explanations');
    await officer.getByTestId('explanation-request').click();
    await officer.getByTestId('explain-submit').click();
    await officer.getByText('请选择企业').waitFor();
    await officer.getByText('请填写说明事项').waitFor();
    await screenshot(officer, 'explanations');
    await officer.goto('/supervision/summaries');
    await officer.getByTestId('summary-table').waitFor();
    await screenshot(officer, 'supervision-summaries');

    const office = await users.as('lianxi');
    for (const tab of ['notices', 'coordination']) {
      await office.goto(`/joint-meeting?tab=${tab}`);
      await office.locator('.ant-tabs-tab-active').waitFor();
      await screenshot(office, `joint-meeting-${tab}`);
    }

    // A meeting with one decision, turned into a push to 企业改革处.
    const meeting = `监督联席会议（浏览器测试 ${Date.now() % 100000}）`;
    await office.goto('/joint-meeting?tab=meetings');
    await office.getByTestId('meeting-create').click();
    await fillDate(office, 'meeting_heldOn', new Date().toISOString().slice(0, 10));
    await office.locator('#meeting_title').fill(meeting);
    await fillTags(office, 'meeting_attendees', ['监督处', '企业改革处']);
    await office.locator('#meeting_agenda').fill('研究整改进度滞后问题。');
    await office.locator('#meeting_minutes').fill('会议听取了监督处的汇报。');
    await office.getByText('添加议定事项').click();
    await office.locator('#meeting_decisions_0').fill('请企业改革处协调推进补贴清退。');
    await office.getByTestId('meeting-submit').click();
    await office.getByTestId('meeting-table').getByText(meeting).waitFor();
    await office.getByTestId('meeting-table').locator('tr', { hasText: meeting }).locator('.ant-table-row-expand-icon').click();
    await office.getByTestId('decision-push-0').click();
    await office.locator('#push_units').click();
    await office.locator('.ant-select-item-option').filter({ hasText: '企业改革处' }).click();
    await office.keyboard.press('Escape');
    await fillDate(office, 'push_replyBy', '2027-01-15');
    await office.locator('input[type=file]').last().setInputFiles({ name: '会议纪要.txt', mimeType: 'text/plain', buffer: Buffer.from('会议纪要。\n', 'utf8') });
    await office.getByText('已上传 会议纪要.txt').waitFor();
    await office.getByTestId('push-submit').click();
    await office.getByTestId('push-drawer').getByTestId('push-attachments').getByText('会议纪要.txt').waitFor();
    await screenshot(office, 'joint-meeting-meetings');

    // A special report, downloaded as Word.
    await office.goto('/joint-meeting?tab=reports');
    await office.getByTestId('report-create').waitFor();
    // The browser asks for reduced motion (browser.ts): the dialog opens without its zoom animation
    // (every animated phase lasts 0 s), so nothing is clicked half-way through it.
    await office.evaluate(`(() => {
      const animated = (window.rectifyAnimated = []);
      new MutationObserver((changes) => {
        for (const c of changes) {
          if (c.target instanceof Element && /-(appear|enter)-active\\b/.test(String(c.target.className))) animated.push(getComputedStyle(c.target).animationDuration);
        }
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['class'] });
    })()`);
    await office.getByTestId('report-create').click();
    await office.getByTestId('form-report').waitFor();
    expect(((await office.evaluate('window.rectifyAnimated')) as string[]).filter((duration) => duration !== '0s')).toEqual([]);
    await office.getByTestId('report-submit').click();
    await office.getByText('请填写专报标题').waitFor();
    await office.locator('#report_title').fill('关于本季度监督联席会议工作情况的专报');
    await fillDate(office, 'report_periodFrom', '2026-10-01');
    await fillDate(office, 'report_periodTo', new Date().toISOString().slice(0, 10));
    await office.locator('#report_summary').fill('本季度联席会议推送事项均已按期反馈。');
    const [report] = await Promise.all([office.waitForEvent('download'), office.getByTestId('report-submit').click()]);
    expect(report.suggestedFilename()).toMatch(/\.docx$/);
    await office.getByTestId('special-report-table').getByText('关于本季度监督联席会议工作情况的专报').first().waitFor();
    await screenshot(office, 'joint-meeting-reports');
  }, 120_000);
});
