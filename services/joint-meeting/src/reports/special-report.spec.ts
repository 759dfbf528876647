import { describe, expect, it } from '@jest/globals';
import JSZip from 'jszip';
import { specialReport } from './special-report.js';

async function text(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

describe('special report (专报) to the party committee', () => {
  it('writes the period, the summary paragraphs and every section in Chinese', async () => {
    const out = await text(
      await specialReport({
        title: '关于第四季度监督联席会议工作情况的专报',
        periodFrom: '2026-10-01',
        periodTo: '2026-12-31',
        summary: '第一段。\n\n第二段。',
        createdOn: '2027-01-05',
        issueNo: '2027年第1期',
        facts: {
          pushes: [{ pushNo: 'JM-2026-0001', subject: '产权登记', units: 3, answered: 2, overdue: 1, status: '办理中' }],
          notices: [{ title: '整改滞后通报', publishedOn: '2026-11-02' }],
          transfers: [{ transferredOn: '2026-11-03', directionLabel: '移出', counterpartLabel: '市纪委监委', subject: '违规决策线索' }],
          meetings: [{ heldOn: '2026-11-20', title: '第四次联席会议', decisions: 2 }],
        },
      }),
    );
    for (const s of ['监督联席会议专报', '2027年第1期', '监督联席会议办公室', '2027年1月5日', '委党委：', '2026-10-01 至 2026-12-31', '第一段。', '第二段。', '一、总体情况', '共书面推送事项 1 项，涉及成员单位 3 个（次），已书面反馈 2 个（次），逾期未反馈 1 个（次）', 'JM-2026-0001', '《整改滞后通报》（2026-11-02）', '市纪委监委', '违规决策线索', '2026-11-20《第四次联席会议》（议定事项 2 项）', '特此报告。']) {
      expect(out).toContain(s);
    }
  });

  it('says so when a section has nothing to report', async () => {
    const out = await text(await specialReport({ title: 't', periodFrom: '2026-01-01', periodTo: '2026-01-31', summary: 's', createdOn: '2026-02-01', issueNo: '2026年第1期', facts: { pushes: [], notices: [], transfers: [], meetings: [] } }));
    expect(out).toContain('期间未发布通报。');
    expect(out).toContain('期间无线索移送。');
    expect(out).toContain('期间未召开联席会议。');
  });
});
