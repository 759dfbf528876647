import { describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import { buildSupervisionSummaryDocument, summaryAnalysis } from './supervision-summary-document.js';
import type { SupervisionSummaryData } from './supervision-summary-data.js';

const counts = { open: 0, completed: 0, overdue: 0, slow: 0, visits: 0, explanationsRequested: 0, explanationsOpen: 0 };

function data(overrides: Partial<SupervisionSummaryData> = {}): Omit<SupervisionSummaryData, 'analysis' | 'generatedAt'> {
  return {
    month: '2026-11',
    monthLabel: '2026年11月',
    from: '2026-11-01',
    to: '2026-11-30',
    asOf: '2026-12-01',
    slowProgressDays: 30,
    totals: { ...counts, enterprises: 2, open: 5, completed: 3, overdue: 2, slow: 1, visits: 1, explanationsRequested: 1, explanationsOpen: 1 },
    enterprises: [
      { ...counts, code: 'E001', name: '市城市建设投资集团有限公司', open: 3, completed: 1, overdue: 2, slow: 1, explanationsRequested: 1, explanationsOpen: 1 },
      { ...counts, code: 'E002', name: '市交通运输发展集团有限公司', open: 2, completed: 2, visits: 1 },
    ],
    overdueProblems: [{ ledgerNo: 'E001-2026-00007', enterpriseName: '市城市建设投资集团有限公司', title: '工程款超付未追回', stageLabel: '推动整改', deadline: '2026-10-31', lastProgressOn: '2026-11-20', daysSinceProgress: 11 }],
    slowProblems: [{ ledgerNo: 'E001-2026-00003', enterpriseName: '市城市建设投资集团有限公司', title: '闲置土地未盘活', stageLabel: '制定方案', deadline: '2027-03-31', lastProgressOn: '2026-09-01', daysSinceProgress: 91 }],
    visits: [{ visitDate: '2026-11-18', enterpriseName: '市交通运输发展集团有限公司', team: '张督导、李督导', problems: 2, findings: '整改台账更新不及时' }],
    explanations: [{ enterpriseName: '市城市建设投资集团有限公司', topic: '整改进度滞后', statusLabel: '待说明', replyBy: '2026-12-10' }],
    ...overrides,
  };
}

describe('supervision summary analysis', () => {
  it('states the counts and names the lagging enterprises, the worst first', () => {
    const sentences = summaryAnalysis(data());
    expect(sentences[0]).toBe('截至2026-12-01，纳入督办的企业共2户，未完成整改问题5个，已完成整改问题3个；其中逾期未完成整改问题2个，连续30天以上无整改进展的进展缓慢问题1个。');
    expect(sentences[1]).toContain('2026年11月督导组入户督办1次');
    expect(sentences[2]).toContain('市城市建设投资集团有限公司（逾期2个、进展缓慢1个）');
    expect(sentences[2]).not.toContain('市交通运输发展集团有限公司');
    // E001 lags and was not visited this month: proposed for next month's visits.
    expect(sentences[3]).toBe('本月尚未入户督办但存在逾期或进展缓慢问题的企业：市城市建设投资集团有限公司，建议列入下月入户督办计划。');
  });

  it('says so when nothing lags', () => {
    const calm = data({ enterprises: [{ ...counts, code: 'E002', name: '市交通运输发展集团有限公司', open: 1 }] });
    expect(summaryAnalysis(calm)).toContain('各企业整改总体按期推进，暂无逾期或进展缓慢的问题。');
  });
});

describe('supervision summary document', () => {
  it('is a Word document with the title, the six parts, the tables and the analysis in Chinese', async () => {
    const d = data();
    const bytes = await buildSupervisionSummaryDocument({ ...d, analysis: summaryAnalysis(d), generatedAt: '2026-12-01T00:00:00.000Z' });
    const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const expected of ['督办情况汇总分析（2026年11月）', '统计期间：2026-11-01 至 2026-11-30', '一、总体情况', '二、分企业整改进展', '三、逾期问题', '四、进展缓慢问题',
      '五、入户督办情况', '六、书面说明情况', 'E001-2026-00007', '工程款超付未追回', 'E001-2026-00003', '91天', '张督导、李督导', '整改进度滞后', '待说明', '进展缓慢问题1个']) {
      expect(text).toContain(expected);
    }
  });

  it('prints the time it was generated in Asia/Shanghai, whatever the server’s TZ', async () => {
    const d = data();
    const saved = process.env['TZ'];
    try {
      for (const tz of ['UTC', 'America/New_York']) {
        process.env['TZ'] = tz;
        const bytes = await buildSupervisionSummaryDocument({ ...d, analysis: summaryAnalysis(d), generatedAt: '2026-11-30T16:30:00.000Z' });
        const text = (await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
        expect([tz, text]).toEqual([tz, expect.stringContaining('生成时间：2026-12-01 00:30')]);
      }
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });

  it('says there is nothing rather than printing empty tables', async () => {
    const d = data({ overdueProblems: [], slowProblems: [], visits: [], explanations: [] });
    const bytes = await buildSupervisionSummaryDocument({ ...d, analysis: summaryAnalysis(d), generatedAt: '2026-12-01T00:00:00.000Z' });
    const text = (await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    for (const expected of ['本期无逾期问题。', '本期无连续30天以上无进展的问题。', '本月未开展入户督办。', '本月无书面说明事项。']) expect(text).toContain(expected);
  });
});
