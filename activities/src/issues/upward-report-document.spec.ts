import { describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import { chineseCalendarDate as chineseDate } from '@rectify/documents';
import { renderUpwardReport, upwardReportTitle, type UpwardReportDocumentData } from './upward-report-document.js';

const data: UpwardReportDocumentData = {
  documentNumber: '市国资党委〔2026〕60号',
  enterpriseName: '市城市建设投资集团有限公司',
  ledgerNo: 'E001-2026-00042',
  title: '违规对外担保形成重大损失风险',
  description: '为无股权关系的民营企业提供担保 8000 万元。',
  sourceDocument: { number: '市审投决〔2026〕12号', issuer: '市审计局', issueDate: '2026-06-30' },
  amount: '80000000',
  confidential: true,
  ground: 'opinion_rejected',
  groundDetail: '企业陈述的理由：担保系历史遗留',
  approvedOn: '2026-11-30',
};

async function paragraphs(bytes: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return xml.split('</w:p>').map((p) => p.replace(/<[^>]+>/g, '')).filter((p) => p.length > 0);
}

describe('the upward report (第十三条) as docx', () => {
  it('is addressed to the three bodies and asks for the three measures, in order', async () => {
    const lines = await paragraphs(await renderUpwardReport(data));
    expect(lines.slice(0, 5)).toEqual(['涉密', '中共市国资委委员会文件', '市国资党委〔2026〕60号', upwardReportTitle(data), '市委、市政府，市纪委监委，市委组织部：']);
    expect(lines).toContain('涉及金额：80,000,000.00元。');
    expect(lines).toContain('问题来源：市审计局市审投决〔2026〕12号（2026年6月30日下达）。');
    expect(lines).toContain('企业不采纳市国资委监管意见。');
    const requests = lines.filter((l) => /^（[一二三]）/.test(l));
    expect(requests).toEqual(['（一）调整市城市建设投资集团有限公司主要负责人；', '（二）责令纠正违法违规事项；', '（三）追究相关领导人员责任。']);
    expect(lines.slice(-2)).toEqual(['中共市国资委委员会', '2026年11月30日']);
  });

  it('leaves out the confidentiality mark and the amount when there are none', async () => {
    const lines = await paragraphs(await renderUpwardReport({ ...data, confidential: false, amount: null, ground: 'N2', groundDetail: '' }));
    expect(lines.slice(0, 2)).toEqual(['中共市国资委委员会文件', '市国资党委〔2026〕60号']);
    expect(lines.some((l) => l.startsWith('涉及金额'))).toBe(false);
    expect(lines).toContain('整改结果认定为未整改：未采取整改措施。');
    expect(lines).toContain('企业未说明理由。');
    expect(chineseDate('2027-01-05')).toBe('2027年1月5日');
  });
});
