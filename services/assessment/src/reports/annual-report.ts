/**
 * The annual report on rectification to the People's Congress (SPEC §9) as a 公文 (GB/T 9704-2012,
 * libs/documents), laid out as 一、总体情况 … 五、考核评分. Pure: data in, bytes out.
 */
import type { Paragraph, Table } from 'docx';
import { gw, renderOfficialDocument, SIZES, table, tableOr } from '@rectify/documents';
import { formatDays, formatInstant, formatRate, formatScore, formatYuan, NO_DATA, PUBLISHED_BASIS } from './format.js';
import type { IndicatorRow, LabelledRow, ReportData } from './report-data.js';

/** The enterprise and source tables have eight columns: 五号. */
const WIDE = { size: SIZES.wuhao, firstShare: 0.28 };

/** The prose of 一、总体情况. */
export function overallParagraph(t: IndicatorRow): string {
  return (
    `统计期间内，应整改问题${t.due}个，已整改完毕${t.completed}个，按数量计算的整改率为${formatRate(t.rectificationRate)}；` +
    `应整改金额${formatYuan(t.amountDue)}，已整改金额${formatYuan(t.amountCompleted)}，按金额计算的整改率为${formatRate(t.rectificationRateByAmount)}。` +
    `按期整改${t.onTime}个，按期整改率为${formatRate(t.onTimeRate)}；逾期未整改${t.overdue}个，部分整改${t.partial}个，未整改${t.notRectified}个。` +
    `已整改问题平均整改用时${formatDays(t.meanDaysToCompletion)}，已销号${t.closed}个，销号率为${formatRate(t.closeOutRate)}。` +
    `期内启动问责${t.accountabilityCases}起。`
  );
}

const GROUP_HEADERS = ['应整改', '已整改', '整改率', '按金额整改率', '按期整改率', '逾期', '问责'];

function groupRow(r: LabelledRow): string[] {
  return [
    r.label,
    String(r.due),
    String(r.completed),
    formatRate(r.rectificationRate),
    formatRate(r.rectificationRateByAmount),
    formatRate(r.onTimeRate),
    String(r.overdue),
    String(r.accountabilityCases),
  ];
}

/** The annual report to the People's Congress as a .docx file; a published report carries its number as 发文字号. */
export async function buildAnnualReport(data: ReportData): Promise<Buffer> {
  const { totals } = data;
  const accountabilityTotal = data.accountability.reduce((sum, a) => sum + a.count, 0);
  const none = `本期${NO_DATA}。`;
  const body: (Paragraph | Table)[] = [
    ...gw.title(data.title),
    gw.subtitle(`统计期间：${data.period.from} 至 ${data.period.to}`),
    ...(data.publication ? [gw.subtitle(`发布：${data.publication.publishedBy}`), gw.subtitle(PUBLISHED_BASIS)] : []),
    gw.blank(),
    gw.heading1('一、总体情况'),
    ...gw.body(overallParagraph(totals)),
    gw.heading1('二、分企业情况'),
    ...tableOr(none, ['企业', ...GROUP_HEADERS], data.byEnterprise.map(groupRow), WIDE),
    gw.heading1('三、分来源情况'),
    ...tableOr(none, ['来源', ...GROUP_HEADERS], data.bySource.map(groupRow), WIDE),
    gw.heading1('四、问责情况'),
    ...(data.accountability.length === 0
      ? gw.body(none)
      : [table(['情形', '说明', '案件数'], [...data.accountability.map((a) => [a.trigger, a.label, String(a.count)]), ['合计', '', String(accountabilityTotal)]], { firstShare: 0.15 })]),
    gw.heading1('五、考核评分'),
    ...tableOr(
      none,
      ['企业', '得分', '评分明细'],
      data.scores.map((s) => [
        s.enterpriseName,
        formatScore(s.score),
        s.lines.length === 0 ? '—' : s.lines.map((l) => `${l.item}：${l.value}，${formatScore(l.points)}分`).join('；'),
      ]),
      { firstShare: 0.3 },
    ),
    gw.note(`报告生成时间：${formatInstant(data.generatedAt)}`),
  ];
  return renderOfficialDocument({
    title: data.title,
    creator: '市国资委',
    description: `${data.period.from} 至 ${data.period.to}`,
    head: { organ: '市国资委文件', number: data.publication?.number ?? null },
    body,
  });
}
