import { describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import { circularNotice } from './circular-notice.js';
import { letterOfNotice } from './letter-of-notice.js';

async function textOf(bytes: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe('letter of notice (函告)', () => {
  const base = {
    letterNo: '国资监督函〔2026〕3号',
    enterpriseName: '市交通运输发展集团有限公司',
    ledgerNo: 'E002-2026-00017',
    title: '工程款超付未追回',
    confidential: false,
    document: { type: 'rectification_notice', number: '审整〔2026〕9号', issuer: '市审计局', issueDate: '2026-03-05' },
    trigger: 'T1' as const,
    findings: '工程款超付 120 万元。\n至整改期限仍未追回。',
    responsibility: '分管副总经理负主要领导责任。',
    requiredCorrections: '一个月内追回超付款项。',
    replyBy: null,
    assessmentYear: 2026,
    issuedAt: '2026-11-30T02:00:00Z',
  };

  it('is addressed to the enterprise and cites the ledger number, the document, the trigger and the corrections', async () => {
    const text = await textOf(await letterOfNotice(base));
    for (const expected of ['国资监督函〔2026〕3号', '关于对市交通运输发展集团有限公司审计整改问题问责的函', '市交通运输发展集团有限公司：', 'E002-2026-00017', '市审计局整改通知书（审整〔2026〕9号，2026年3月5日下达）', '无特殊理由未按期全部整改完毕', '问责情形 T1', '工程款超付 120 万元。', '至整改期限仍未追回。', '一个月内追回超付款项。', '纳入2026年度企业领导人员业绩考核', '2026年11月30日']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('前将整改落实情况'); // no reply date given
    expect(text.startsWith('市国资委国资监督函〔2026〕3号')).toBe(true); // the 版头: red mark, 发文字号; no 密级
  });

  it('carries the 密级 marking first when the problem is 涉密', async () => {
    expect((await textOf(await letterOfNotice({ ...base, confidential: true }))).startsWith('涉密市国资委国资监督函〔2026〕3号')).toBe(true);
  });

  it('names the reply date when there is one', async () => {
    expect(await textOf(await letterOfNotice({ ...base, replyBy: '2027-01-15' }))).toContain('请你单位于2027年1月15日前将整改落实情况书面报送市国资委监督处');
  });
});

describe('circulated notice (通报)', () => {
  it('carries the scope, the case and the text', async () => {
    const text = await textOf(await circularNotice({ circularNo: '国资监督通〔2026〕1号', confidential: false, enterpriseName: '市水务集团', ledgerNo: 'E003-2026-00001', title: '虚增营业收入', trigger: 'T4', scope: '各监管企业', text: '性质恶劣，予以通报批评。', issuedAt: '2026-12-31T17:00:00Z' }));
    for (const expected of ['市国资委文件国资监督通〔2026〕1号', '关于市水务集团审计整改问题问责情况的通报', '各监管企业：', 'E003-2026-00001', '虚假整改敷衍应付', '性质恶劣，予以通报批评。', '2027年1月1日']) expect(text).toContain(expected);
  });
});
