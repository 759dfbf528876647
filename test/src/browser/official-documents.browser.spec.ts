/**
 * The console offers each official document for download where its readers see it, and what it
 * hands over is the 公文 (red 发文机关标志, exact 28.95 pt lines). The 函告, 上报 and 专报 are
 * downloaded in case-and-approvals.browser.spec.ts; here the 通报, the supervision summary and the
 * People's Congress report. The layout itself is checked from the PDF in test/src/documents.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import type { Page } from 'playwright-core';
import { DEFAULT_POLICY, localDateOf } from '@rectify/domain';
import { onCase, OPINION, openCase } from '../accountability/fixtures.js';
import { api, closeDb, eventually, login } from '../harness/index.js';
import { closeBrowser, screenshot } from './browser.js';
import { Users } from './console.js';

const signedIn = new Users();
const as = async (username: string) => {
  const page = await signedIn.as(username);
  page.setDefaultTimeout(45_000);
  return page;
};

let caseId: string;
let summaryId: string;

beforeAll(async () => {
  const c = await openCase();
  caseId = c.caseId;
  await onCase('jiandu', 'PUT', caseId, 'opinion', OPINION);
  await onCase('jiandu', 'POST', caseId, 'opinion/sign-offs', { version: 1 });
  await onCase('jijian', 'POST', caseId, 'opinion/sign-offs', { version: 1 });
  expect((await onCase('jiandu', 'POST', caseId, 'measures/circular', { scope: '各监管企业', text: '该企业对审计指出问题不整改。' })).status).toBe(200);
  const month = localDateOf(Date.now(), DEFAULT_POLICY).slice(0, 7);
  const started = await api('POST', '/api/issues/supervision/summaries', { token: await login('jiandu'), body: { month } });
  expect(started.status).toBe(202);
  summaryId = (
    await eventually('the supervision summary', async () => {
      const res = await api<{ items: { id: string; workflowId: string }[] }>('GET', `/api/issues/supervision/summaries?month=${month}`, { token: await login('jiandu') });
      return res.body.items.find((s) => s.workflowId === started.body.workflowId);
    })
  ).id;
}, 120_000);

afterAll(async () => {
  await signedIn.close();
  await closeBrowser();
  await closeDb();
});

/** Clicks a download button and returns the file's name and its word/document.xml. */
async function downloadDocx(page: Page, testId: string): Promise<{ name: string; xml: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).first().click()]);
  const xml = await (await JSZip.loadAsync(readFileSync((await download.path())!))).file('word/document.xml')!.async('string');
  return { name: download.suggestedFilename(), xml };
}

/** The 公文 marks every document carries: the organ in red 小标宋, the body in 仿宋_GB2312 on exact 28.95 pt lines. */
function expectOfficialLayout(xml: string, organ: string): void {
  const mark = /<w:p>(?:(?!<\/w:p>)[\s\S])*?<\/w:p>/.exec(xml)![0];
  expect(mark).toContain(`>${organ}</w:t>`);
  expect(mark).toContain('<w:color w:val="FF0000"/>');
  expect(mark).toContain('w:eastAsia="方正小标宋简体"');
  expect(xml).toContain('w:line="579" w:lineRule="exact"');
  expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
}

describe('official documents downloaded from the console', () => {
  it('the 通报 from its case, numbered', async () => {
    const officer = await as('jiandu');
    await officer.goto(`/accountability-cases/${caseId}`);
    const { name, xml } = await downloadDocx(officer, 'measure-download-circular');
    expect(name).toMatch(/\.docx$/);
    expectOfficialLayout(xml, '市国资委文件');
    expect(xml).toMatch(/国资监督通〔\d{4}〕\d+号/);
    await screenshot(officer, 'official-documents-circular');
  }, 120_000);

  it('the supervision summary from its page', async () => {
    const officer = await as('jiandu');
    await officer.goto(`/supervision/summaries/${summaryId}`);
    const { name, xml } = await downloadDocx(officer, 'summary-download');
    expect(name).toMatch(/^督办情况汇总分析.*\.docx$/);
    expectOfficialLayout(xml, '市国资委监督处');
  }, 120_000);

  it('the People’s Congress report from the indicators', async () => {
    const officer = await as('jiandu');
    await officer.goto('/indicators');
    const { name, xml } = await downloadDocx(officer, 'download-annual');
    expect(name).toBe('审计整改情况报告.docx');
    expectOfficialLayout(xml, '市国资委文件');
    expect(xml).toContain('审计整改情况报告');
  }, 120_000);
});
