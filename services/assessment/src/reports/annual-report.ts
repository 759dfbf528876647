/**
 * The annual report on rectification to the People's Congress (SPEC §9): a Chinese Word document,
 * A4, set in 宋体 with 黑体 headings, laid out as 一、总体情况 … 五、考核评分. Pure: data in, bytes out.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
} from 'docx';
import { formatDays, formatInstant, formatRate, formatScore, formatYuan, NO_DATA, PUBLISHED_BASIS } from './format.js';
import type { IndicatorRow, LabelledRow, ReportData } from './report-data.js';

/** A4 in twips, and 2.54 cm margins (the text is 9026 twips wide). */
const A4 = { width: 11906, height: 16838 } as const;
const MARGIN = 1440;
const TEXT_WIDTH = A4.width - 2 * MARGIN;

const BODY_FONT = { ascii: 'SimSun', hAnsi: 'SimSun', cs: 'SimSun', eastAsia: 'SimSun' };
const HEADING_FONT = { ascii: 'SimHei', hAnsi: 'SimHei', cs: 'SimHei', eastAsia: 'SimHei' };
/** Half-points: 四号 (14 pt) for the text, 小四 (12 pt) in tables, 二号 (22 pt) for the title. */
const SIZE = { body: 28, table: 24, heading: 32, title: 44 } as const;

function run(text: string, options: Omit<IRunOptions, 'text'> = {}): TextRun {
  return new TextRun({ font: BODY_FONT, size: SIZE.body, ...options, text });
}

function heading(text: string): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_1,
    spacing: { before: 240, after: 120 },
    children: [run(text, { font: HEADING_FONT, size: SIZE.heading, bold: true, color: '000000' })],
  });
}

function body(text: string): Paragraph {
  return new Paragraph({
    indent: { firstLine: 2 * SIZE.body * 10 },
    spacing: { line: 480, after: 120 },
    alignment: AlignmentType.JUSTIFIED,
    children: [run(text)],
  });
}

/** A bordered table: a bold repeated header row, then the rows; the first column is `firstShare` of the width. */
function table(headers: string[], rows: string[][], firstShare = 0.25): Table {
  const first = Math.round(TEXT_WIDTH * firstShare);
  const other = Math.floor((TEXT_WIDTH - first) / Math.max(1, headers.length - 1));
  const widths = headers.map((_, i) => (i === 0 ? first : other));
  const cell = (text: string, i: number, bold: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? other, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      shading: bold ? { fill: 'D9D9D9' } : undefined,
      children: [
        new Paragraph({
          alignment: i === 0 && !bold ? AlignmentType.LEFT : AlignmentType.CENTER,
          children: [run(text, { size: SIZE.table, bold })],
        }),
      ],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((text, i) => cell(text, i, false)) })),
    ],
  });
}

/** A table of the rows, or a line saying there are none. */
function tableOrNone(headers: string[], rows: string[][], firstShare?: number): (Paragraph | Table)[] {
  return rows.length === 0 ? [body(`本期${NO_DATA}。`)] : [table(headers, rows, firstShare)];
}

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

/** The annual report to the People's Congress as a .docx file. */
export async function buildAnnualReport(data: ReportData): Promise<Buffer> {
  const { totals } = data;
  const accountabilityTotal = data.accountability.reduce((sum, a) => sum + a.count, 0);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [run(data.title, { font: HEADING_FONT, size: SIZE.title, bold: true })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 360 },
      children: [run(`统计期间：${data.period.from} 至 ${data.period.to}`)],
    }),
    ...(data.publication
      ? [
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run(`编号：${data.publication.number}　发布：${data.publication.publishedBy}`, { size: SIZE.table })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [run(PUBLISHED_BASIS, { size: SIZE.table })] }),
        ]
      : []),
    heading('一、总体情况'),
    body(overallParagraph(totals)),
    heading('二、分企业情况'),
    ...tableOrNone(['企业', ...GROUP_HEADERS], data.byEnterprise.map(groupRow), 0.28),
    heading('三、分来源情况'),
    ...tableOrNone(['来源', ...GROUP_HEADERS], data.bySource.map(groupRow), 0.28),
    heading('四、问责情况'),
    ...tableOrNone(
      ['情形', '说明', '案件数'],
      data.accountability.length === 0
        ? []
        : [...data.accountability.map((a) => [a.trigger, a.label, String(a.count)]), ['合计', '', String(accountabilityTotal)]],
      0.15,
    ),
    heading('五、考核评分'),
    ...tableOrNone(
      ['企业', '得分', '评分明细'],
      data.scores.map((s) => [
        s.enterpriseName,
        formatScore(s.score),
        s.lines.length === 0 ? '—' : s.lines.map((l) => `${l.item}：${l.value}，${formatScore(l.points)}分`).join('；'),
      ]),
      0.3,
    ),
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      spacing: { before: 480 },
      children: [run(`报告生成时间：${formatInstant(data.generatedAt)}`, { size: SIZE.table })],
    }),
  ];
  const document = new Document({
    title: data.title,
    creator: 'Rectify',
    description: `${data.period.from} 至 ${data.period.to}`,
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: { size: { width: A4.width, height: A4.height }, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ font: BODY_FONT, size: SIZE.table, children: ['第 ', PageNumber.CURRENT, ' 页'] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
