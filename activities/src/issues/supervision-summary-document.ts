/**
 * The supervision summary and analysis (督办情况汇总分析, policy 第十条) as a 公文 (GB/T 9704-2012,
 * libs/documents): 一、总体情况 … 六、书面说明情况; marked 涉密 when it lists a 涉密 problem.
 * Pure: data in, bytes out.
 */
import type { Paragraph, Table } from 'docx';
import { gw, renderOfficialDocument, SIZES, tableOr } from '@rectify/documents';
import { DEFAULT_POLICY, localDateTimeOf } from '@rectify/domain';
import type { SupervisionSummaryData } from './supervision-summary-data.js';

/** The tables have five to seven columns: 五号. */
const TABLE = { size: SIZES.wuhao };

/** `generatedAt` is an ISO instant; the document prints it in Asia/Shanghai ('2026-12-01 08:00'), whatever the server's TZ. */
function generatedAtText(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? localDateTimeOf(ms, DEFAULT_POLICY) : iso;
}

/** The analysis sentences of 一、总体情况, from the counts. */
export function summaryAnalysis(d: Omit<SupervisionSummaryData, 'analysis' | 'generatedAt'>): string[] {
  const t = d.totals;
  const sentences = [
    `截至${d.asOf}，纳入督办的企业共${t.enterprises}户，未完成整改问题${t.open}个，已完成整改问题${t.completed}个；其中逾期未完成整改问题${t.overdue}个，连续${d.slowProgressDays}天以上无整改进展的进展缓慢问题${t.slow}个。`,
    `${d.monthLabel}督导组入户督办${t.visits}次，要求企业书面说明情况${t.explanationsRequested}次，尚未提交或已逾期的书面说明${t.explanationsOpen}件。`,
  ];
  const lagging = d.enterprises.filter((e) => e.overdue + e.slow > 0).sort((a, b) => b.overdue + b.slow - (a.overdue + a.slow));
  if (lagging.length > 0) {
    sentences.push(
      `整改推进较慢的企业为：${lagging.slice(0, 5).map((e) => `${e.name}（逾期${e.overdue}个、进展缓慢${e.slow}个）`).join('；')}。建议对上述企业加大督办力度，必要时要求其书面说明情况及原因，并给予针对性指导。`,
    );
  } else {
    sentences.push('各企业整改总体按期推进，暂无逾期或进展缓慢的问题。');
  }
  const unvisited = d.enterprises.filter((e) => e.visits === 0 && e.overdue + e.slow > 0);
  if (unvisited.length > 0) sentences.push(`本月尚未入户督办但存在逾期或进展缓慢问题的企业：${unvisited.map((e) => e.name).join('、')}，建议列入下月入户督办计划。`);
  return sentences;
}

/** The month's summary as a .docx file. */
export async function buildSupervisionSummaryDocument(d: SupervisionSummaryData): Promise<Buffer> {
  const title = `督办情况汇总分析（${d.monthLabel}）`;
  const confidential = [...d.overdueProblems, ...d.slowProblems].some((p) => p.confidential);
  const body: (Paragraph | Table)[] = [
    ...gw.title(title),
    gw.subtitle(`统计期间：${d.from} 至 ${d.to}　数据截至：${d.asOf}`),
    gw.blank(),
    gw.heading1('一、总体情况'),
    ...d.analysis.flatMap(gw.body),
    gw.heading1('二、分企业整改进展'),
    ...tableOr(
      '本期无纳入督办的企业。',
      ['企业', '未完成', '已完成', '逾期', '进展缓慢', '入户督办', '书面说明'],
      d.enterprises.map((e) => [e.name, String(e.open), String(e.completed), String(e.overdue), String(e.slow), String(e.visits), String(e.explanationsRequested)]),
      TABLE,
    ),
    gw.heading1('三、逾期问题'),
    ...tableOr(
      '本期无逾期问题。',
      ['台账编号', '企业', '问题', '整改期限', '当前阶段'],
      d.overdueProblems.map((p) => [p.ledgerNo, p.enterpriseName, p.title, p.deadline, p.stageLabel]),
      TABLE,
    ),
    gw.heading1('四、进展缓慢问题'),
    ...tableOr(
      `本期无连续${d.slowProgressDays}天以上无进展的问题。`,
      ['台账编号', '企业', '问题', '最近进展', '未更新天数'],
      d.slowProblems.map((p) => [p.ledgerNo, p.enterpriseName, p.title, p.lastProgressOn, `${p.daysSinceProgress}天`]),
      TABLE,
    ),
    gw.heading1('五、入户督办情况'),
    ...tableOr(
      '本月未开展入户督办。',
      ['督办日期', '企业', '督导组成员', '涉及问题', '督办发现'],
      d.visits.map((v) => [v.visitDate, v.enterpriseName, v.team, `${v.problems}个`, v.findings]),
      TABLE,
    ),
    gw.heading1('六、书面说明情况'),
    ...tableOr(
      '本月无书面说明事项。',
      ['企业', '说明事项', '状态', '提交期限'],
      d.explanations.map((x) => [x.enterpriseName, x.topic, x.statusLabel, x.replyBy ?? '—']),
      TABLE,
    ),
    gw.note(`生成时间：${generatedAtText(d.generatedAt)}`),
  ];
  return renderOfficialDocument({
    title,
    description: `${d.from} 至 ${d.to}`,
    head: { organ: '市国资委监督处', classification: confidential ? '涉密' : null },
    body,
  });
}
