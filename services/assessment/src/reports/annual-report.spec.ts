import { describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import { buildAnnualReport } from './annual-report.js';
import { sampleReport } from './report-fixture.js';
import type { ReportData } from './report-data.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITIES[name] ?? '');

/** The text of a piece of WordprocessingML: its w:t runs, joined. */
function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1] ?? '')).join('');
}

interface Parsed {
  xml: string;
  paragraphs: string[];
  /** Tables in document order, each as rows of cell texts. */
  tables: string[][][];
}

async function parse(data: ReportData): Promise<Parsed> {
  const buffer = await buildAnnualReport(data);
  const zip = await JSZip.loadAsync(buffer);
  const file = zip.file('word/document.xml');
  if (!file) throw new Error('word/document.xml is missing');
  const xml = await file.async('string');
  const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => textOf(m[0]));
  const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => textOf(c[0]))),
  );
  return { xml, paragraphs, tables };
}

describe('buildAnnualReport', () => {
  it('is a zip (docx) whose body carries the title, period, five headings in order and the generation time', async () => {
    const buffer = await buildAnnualReport(sampleReport());
    expect(buffer.subarray(0, 2).toString('latin1')).toBe('PK');
    const { paragraphs } = await parse(sampleReport());
    // The 版头 (red mark, no 发文字号 before publication), then the title.
    expect(paragraphs.slice(0, 4)).toEqual(['市国资委文件', '', '2026年度审计整改情况报告', '统计期间：2026-01-01 至 2026-12-31']);
    const headings = ['一、总体情况', '二、分企业情况', '三、分来源情况', '四、问责情况', '五、考核评分'].map((h) => paragraphs.indexOf(h));
    expect(headings.every((i) => i > 1)).toBe(true);
    expect([...headings].sort((a, b) => a - b)).toEqual(headings);
    expect(paragraphs[paragraphs.length - 1]).toBe('报告生成时间：2027-01-15 09:30');
  });

  it('sums up the totals in prose: counts, rates by count and amount, amounts in yuan, days and accountability', async () => {
    const { paragraphs } = await parse(sampleReport());
    const prose = paragraphs[paragraphs.indexOf('一、总体情况') + 1] ?? '';
    expect(prose).toContain('应整改问题12个');
    expect(prose).toContain('已整改完毕8个');
    expect(prose).toContain('按数量计算的整改率为66.67%');
    expect(prose).toContain('应整改金额1,234,567.80 元');
    expect(prose).toContain('已整改金额1,000.50 元');
    expect(prose).toContain('按金额计算的整改率为0.08%');
    expect(prose).toContain('按期整改率为50.00%');
    expect(prose).toContain('逾期未整改2个，部分整改1个，未整改1个');
    expect(prose).toContain('平均整改用时45.5 天');
    expect(prose).toContain('销号率为62.50%');
    expect(prose).toContain('启动问责3起');
  });

  it('says 无数据 in the prose for a period with nothing due', async () => {
    const data = sampleReport();
    data.totals = { ...data.totals, due: 0, completed: 0, rectificationRate: null, rectificationRateByAmount: null, onTimeRate: null, meanDaysToCompletion: null, closeOutRate: null };
    const { paragraphs } = await parse(data);
    const prose = paragraphs[paragraphs.indexOf('一、总体情况') + 1] ?? '';
    expect(prose).toContain('按数量计算的整改率为无数据');
    expect(prose).toContain('平均整改用时无数据');
    expect(prose).not.toContain('%');
  });

  it('tabulates each enterprise, with formatted rates and 无数据 where a rate has no data', async () => {
    const { tables } = await parse(sampleReport());
    const enterprises = tables[0] ?? [];
    expect(enterprises[0]).toEqual(['企业', '应整改', '已整改', '整改率', '按金额整改率', '按期整改率', '逾期', '问责']);
    expect(enterprises.slice(1)).toEqual([
      ['市城市建设投资集团有限公司', '6', '4', '66.67%', '0.08%', '50.00%', '1', '2'],
      ['市公交集团 & 子公司', '0', '0', '无数据', '无数据', '无数据', '0', '1'],
      ['市投资控股有限公司', '6', '4', '100.00%', '0.00%', '0.00%', '1', '0'],
    ]);
  });

  it('tabulates each source', async () => {
    const { tables } = await parse(sampleReport());
    const sources = tables[1] ?? [];
    expect(sources[0]?.[0]).toBe('来源');
    expect(sources.slice(1).map((r) => [r[0], r[3], r[5]])).toEqual([
      ['国家审计', '71.43%', '42.86%'],
      ['内部审计', '60.00%', '无数据'],
    ]);
  });

  it('tabulates accountability cases by trigger with a total', async () => {
    const { tables } = await parse(sampleReport());
    expect(tables[2]).toEqual([
      ['情形', '说明', '案件数'],
      ['T1', '未在整改期限内全部完成整改且无特殊原因', '2'],
      ['T2', '部分整改经延期后，问题下发6个月仍未完成', '0'],
      ['T3', '拒不认账或未整改', '1'],
      ['T4', '虚假整改', '0'],
      ['合计', '', '3'],
    ]);
  });

  it('tabulates scores with their lines, and 无数据 for an enterprise without a score', async () => {
    const { tables } = await parse(sampleReport());
    expect(tables[3]).toEqual([
      ['企业', '得分', '评分明细'],
      ['市城市建设投资集团有限公司', '92.5', '整改率：66.67%，40分；按期整改率：50.00%，52.5分'],
      ['市公交集团 & 子公司', '无数据', '—'],
    ]);
  });

  it('writes a line instead of an empty table when a section has no rows', async () => {
    const data = { ...sampleReport(), byEnterprise: [], scores: [] };
    const { paragraphs, tables } = await parse(data);
    expect(tables).toHaveLength(2);
    expect(tables[0]?.[0]?.[0]).toBe('来源');
    expect(paragraphs[paragraphs.indexOf('二、分企业情况') + 1]).toBe('本期无数据。');
    expect(paragraphs[paragraphs.indexOf('五、考核评分') + 1]).toBe('本期无数据。');
  });

  it('is laid out on A4 in CJK fonts and escapes XML special characters', async () => {
    const { xml } = await parse(sampleReport());
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('市公交集团 &amp; 子公司');
    expect(xml).not.toContain('市公交集团 & 子公司');
  });

  it('prints the generation time in Asia/Shanghai whatever the server’s TZ, and a published snapshot’s number and basis', async () => {
    const saved = process.env['TZ'];
    try {
      for (const tz of ['UTC', 'America/New_York']) {
        process.env['TZ'] = tz;
        const { paragraphs } = await parse({ ...sampleReport(), generatedAt: '2026-12-31T16:30:00.000Z' });
        expect([tz, paragraphs[paragraphs.length - 1]]).toEqual([tz, '报告生成时间：2027-01-01 00:30']);
      }
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
    const { paragraphs } = await parse({ ...sampleReport(), publication: { number: '2026-报告-002', publishedBy: '王监督' } });
    expect(paragraphs.slice(0, 2)).toEqual(['市国资委文件', '2026-报告-002']);
    expect(paragraphs[4]).toBe('发布：王监督');
    expect(paragraphs[5]).toContain('涉密问题计入数量，不列明细');
  });
});
