/**
 * The indicator workbook (SPEC §10) as .xlsx: sheets 总体, 按企业, 按来源, 按类别, 问责 and 评分, each
 * with a title row naming the period and a bold, frozen header row. Figures stay numbers so they can
 * be summed and charted: rates as fractions shown '0.00%', amounts in yuan shown '#,##0.00'. A rate
 * without data is an empty cell, never 0; an amount a double cannot hold exactly (more than 15
 * significant digits) is written as its decimal string. Pure: data in, bytes out.
 */
import ExcelJS from 'exceljs';
import type { Cell, Workbook, Worksheet } from 'exceljs';
import { formatInstant, parseDecimal, PUBLISHED_BASIS } from './format.js';
import type { IndicatorRow, LabelledRow, ReportData } from './report-data.js';

export const SHEETS = { overall: '总体', enterprise: '按企业', source: '按来源', category: '按类别', accountability: '问责', scores: '评分' } as const;

export const FORMATS = { count: '0', amount: '#,##0.00', rate: '0.00%', days: '0.0', score: '0.00' } as const;

/** The most significant digits a double carries exactly through a decimal round trip. */
export const MAX_EXACT_DIGITS = 15;

type Kind = 'text' | keyof typeof FORMATS;
type Value = string | number | null;

interface Indicator {
  header: string;
  kind: Kind;
  value: (r: IndicatorRow) => Value;
}

/** Every indicator of a row, in the order the sheets show them. */
const INDICATORS: Indicator[] = [
  { header: '应整改', kind: 'count', value: (r) => r.due },
  { header: '已整改', kind: 'count', value: (r) => r.completed },
  { header: '按期整改', kind: 'count', value: (r) => r.onTime },
  { header: '逾期', kind: 'count', value: (r) => r.overdue },
  { header: '部分整改', kind: 'count', value: (r) => r.partial },
  { header: '未整改', kind: 'count', value: (r) => r.notRectified },
  { header: '已销号', kind: 'count', value: (r) => r.closed },
  { header: '应整改金额（元）', kind: 'amount', value: (r) => r.amountDue },
  { header: '已整改金额（元）', kind: 'amount', value: (r) => r.amountCompleted },
  { header: '整改率', kind: 'rate', value: (r) => r.rectificationRate },
  { header: '按金额整改率', kind: 'rate', value: (r) => r.rectificationRateByAmount },
  { header: '按期整改率', kind: 'rate', value: (r) => r.onTimeRate },
  { header: '平均整改天数', kind: 'days', value: (r) => r.meanDaysToCompletion },
  { header: '销号率', kind: 'rate', value: (r) => r.closeOutRate },
  { header: '问责案件', kind: 'count', value: (r) => r.accountabilityCases },
];

/**
 * The number an exact decimal string stands for, when a double holds it exactly to the cent as
 * written (at most 15 significant digits); otherwise null, and the string should be written as text.
 */
export function exactAmount(s: string): number | null {
  const { negative, integer, fraction } = parseDecimal(s);
  const digits = (integer + fraction).replace(/^0+/, '').replace(/0+$/, '');
  if (digits.length > MAX_EXACT_DIGITS) return null;
  const n = Number(`${negative ? '-' : ''}${integer}.${fraction || '0'}`);
  return n === 0 ? 0 : n;
}

/** Writes a value the way its kind asks; null leaves the cell empty. */
function put(cell: Cell, kind: Kind, value: Value): void {
  if (value === null) return;
  if (kind === 'text') {
    cell.value = String(value);
    return;
  }
  if (kind === 'amount' && typeof value === 'string') {
    const n = exactAmount(value);
    if (n === null) {
      cell.value = value.trim();
      cell.alignment = { horizontal: 'right' };
      return;
    }
    value = n;
  }
  cell.value = typeof value === 'number' ? value : Number(value);
  cell.numFmt = FORMATS[kind];
}

interface Column<T> {
  header: string;
  /** The column's kind, or each row's own (the 总体 sheet lists indicators of every kind in one column). */
  kind: Kind | ((row: T) => Kind);
  width: number;
  value: (row: T) => Value;
}

/** A sheet: title row (merged across the columns), bold frozen header row, then the rows. */
function addSheet<T>(workbook: Workbook, name: string, data: ReportData, columns: Column<T>[], rows: T[], total?: T): Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }] });
  sheet.columns = columns.map((c) => ({ key: c.header, width: c.width }));
  const title = sheet.getCell(1, 1);
  title.value = `${data.title}——${name}（统计期间：${data.period.from} 至 ${data.period.to}）`;
  title.font = { bold: true, size: 14 };
  if (columns.length > 1) sheet.mergeCells(1, 1, 1, columns.length);
  const header = sheet.getRow(2);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
  });
  const write = (row: T, bold: boolean) => {
    const line = sheet.addRow([]);
    columns.forEach((c, i) => {
      const cell = line.getCell(i + 1);
      put(cell, typeof c.kind === 'function' ? c.kind(row) : c.kind, c.value(row));
      if (bold) cell.font = { bold: true };
    });
  };
  rows.forEach((r) => write(r, false));
  if (total !== undefined) write(total, true);
  return sheet;
}

function groupSheet(workbook: Workbook, name: string, labelHeader: string, data: ReportData, rows: LabelledRow[]): void {
  const columns: Column<LabelledRow>[] = [
    { header: labelHeader, kind: 'text', width: 28, value: (r) => r.label },
    { header: '编码', kind: 'text', width: 14, value: (r) => r.group },
    ...INDICATORS.map((ind) => ({ header: ind.header, kind: ind.kind, width: ind.kind === 'amount' ? 20 : 12, value: ind.value })),
  ];
  const sheet = addSheet(workbook, name, data, columns, rows, { ...data.totals, label: '合计', group: '' });
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
}

/** The 评分 sheet: one row per score line; the first row of an enterprise carries its total score. */
function scoreSheet(workbook: Workbook, data: ReportData): void {
  interface ScoreRow { code: string; name: string; score: number | null; item: string | null; value: string | null; points: number | null }
  const scoreRows: ScoreRow[] = data.scores.flatMap((s): ScoreRow[] => {
    const head = { code: s.enterpriseCode, name: s.enterpriseName, score: s.score };
    if (s.lines.length === 0) return [{ ...head, item: null, value: null, points: null }];
    return s.lines.map((l, i) => ({ ...(i === 0 ? head : { ...head, score: null }), item: l.item, value: l.value, points: l.points }));
  });
  addSheet<ScoreRow>(
    workbook,
    SHEETS.scores,
    data,
    [
      { header: '企业编码', kind: 'text', width: 14, value: (r) => r.code },
      { header: '企业名称', kind: 'text', width: 28, value: (r) => r.name },
      { header: '得分', kind: 'score', width: 10, value: (r) => r.score },
      { header: '评分项', kind: 'text', width: 24, value: (r) => r.item },
      { header: '指标值', kind: 'text', width: 16, value: (r) => r.value },
      { header: '分项得分', kind: 'score', width: 10, value: (r) => r.points },
    ],
    scoreRows,
  );
}

/** The year's scores alone (the 评分 sheet) as an .xlsx file: what a published score snapshot carries. */
export async function buildScoreWorkbook(data: ReportData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Rectify';
  workbook.title = data.title;
  scoreSheet(workbook, data);
  if (data.publication) {
    const sheet = workbook.getWorksheet(SHEETS.scores)!;
    sheet.addRow([]);
    sheet.addRow([`编号：${data.publication.number}　发布：${data.publication.publishedBy}　发布时间：${formatInstant(data.generatedAt)}`]);
    sheet.addRow([PUBLISHED_BASIS]);
  }
  return toBuffer(workbook);
}

/** The indicator workbook as an .xlsx file. */
export async function buildIndicatorWorkbook(data: ReportData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Rectify';
  workbook.title = data.title;

  interface OverallRow { header: string; kind: Kind; value: Value }
  const overall: OverallRow[] = [
    ...INDICATORS.map((ind) => ({ header: ind.header, kind: ind.kind, value: ind.value(data.totals) })),
    { header: '报告生成时间', kind: 'text', value: formatInstant(data.generatedAt) },
    ...(data.publication
      ? ([
          { header: '发布编号', kind: 'text', value: data.publication.number },
          { header: '发布人', kind: 'text', value: data.publication.publishedBy },
          { header: '统计口径', kind: 'text', value: PUBLISHED_BASIS },
        ] satisfies OverallRow[])
      : []),
  ];
  addSheet<OverallRow>(
    workbook,
    SHEETS.overall,
    data,
    [
      { header: '指标', kind: 'text', width: 22, value: (r) => r.header },
      { header: '数值', kind: (r) => r.kind, width: 22, value: (r) => r.value },
    ],
    overall,
  );

  groupSheet(workbook, SHEETS.enterprise, '企业', data, data.byEnterprise);
  groupSheet(workbook, SHEETS.source, '来源', data, data.bySource);
  groupSheet(workbook, SHEETS.category, '类别', data, data.byCategory);

  type Case = ReportData['accountability'][number];
  addSheet<Case>(
    workbook,
    SHEETS.accountability,
    data,
    [
      { header: '情形', kind: 'text', width: 10, value: (a) => a.trigger },
      { header: '说明', kind: 'text', width: 60, value: (a) => a.label },
      { header: '案件数', kind: 'count', width: 10, value: (a) => a.count },
    ],
    data.accountability,
    { trigger: '合计', label: '', count: data.accountability.reduce((sum, a) => sum + a.count, 0) },
  );

  scoreSheet(workbook, data);

  return toBuffer(workbook);
}

async function toBuffer(workbook: Workbook): Promise<Buffer> {
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes as unknown as Uint8Array);
}
