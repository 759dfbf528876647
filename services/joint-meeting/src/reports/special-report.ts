/**
 * The joint meeting's special report (专报) to the Commission 党委 (§11): a Chinese Word document,
 * A4, 宋体 text with 黑体 headings. Pure: data in, bytes out.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type IRunOptions } from 'docx';

export interface SpecialReportFacts {
  pushes: { pushNo: string; subject: string; units: number; answered: number; overdue: number; status: string }[];
  notices: { title: string; publishedOn: string }[];
  transfers: { transferredOn: string; directionLabel: string; counterpartLabel: string; subject: string }[];
  meetings: { heldOn: string; title: string; decisions: number }[];
}

export interface SpecialReportData {
  title: string;
  periodFrom: string;
  periodTo: string;
  summary: string;
  createdOn: string;
  facts: SpecialReportFacts;
}

const BODY_FONT = { ascii: 'SimSun', hAnsi: 'SimSun', cs: 'SimSun', eastAsia: 'SimSun' };
const HEADING_FONT = { ascii: 'SimHei', hAnsi: 'SimHei', cs: 'SimHei', eastAsia: 'SimHei' };
const SIZE = { body: 28, table: 24, heading: 32, title: 44 } as const;

const run = (text: string, options: Omit<IRunOptions, 'text'> = {}) => new TextRun({ font: BODY_FONT, size: SIZE.body, ...options, text });
const heading = (text: string) => new Paragraph({ spacing: { before: 240, after: 120 }, children: [run(text, { font: HEADING_FONT, size: SIZE.heading, bold: true })] });
const body = (text: string) => new Paragraph({ indent: { firstLine: 560 }, spacing: { line: 480, after: 120 }, alignment: AlignmentType.JUSTIFIED, children: [run(text)] });

function table(headers: string[], rows: string[][]): Table {
  const cell = (text: string, bold: boolean) => new TableCell({ children: [new Paragraph({ children: [run(text, { size: SIZE.table, bold })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, children: headers.map((h) => cell(h, true)) }), ...rows.map((r) => new TableRow({ children: r.map((t) => cell(t, false)) }))],
  });
}

/** The 专报 as docx bytes. */
export async function specialReport(d: SpecialReportData): Promise<Buffer> {
  const f = d.facts;
  const answered = f.pushes.reduce((n, p) => n + p.answered, 0);
  const units = f.pushes.reduce((n, p) => n + p.units, 0);
  const overdue = f.pushes.reduce((n, p) => n + p.overdue, 0);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run('监督联席会议专报', { font: HEADING_FONT, size: SIZE.title, bold: true, color: 'C00000' })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(`联席会议办公室　${d.createdOn}`)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [run(d.title, { font: HEADING_FONT, size: SIZE.heading, bold: true })] }),
    new Paragraph({ children: [run('委党委：')] }),
    body(`现将 ${d.periodFrom} 至 ${d.periodTo} 监督联席会议工作情况报告如下。`),
    heading('一、总体情况'),
    ...d.summary.split(/\r?\n/).filter((l) => l.trim() !== '').map(body),
    heading('二、书面推送办理情况'),
    body(`期间共书面推送事项 ${f.pushes.length} 项，涉及成员单位 ${units} 个（次），已书面反馈 ${answered} 个（次），逾期未反馈 ${overdue} 个（次）。`),
  ];
  if (f.pushes.length > 0) {
    children.push(table(['推送编号', '推送事项', '推送单位数', '已反馈', '逾期', '状态'], f.pushes.map((p) => [p.pushNo, p.subject, String(p.units), String(p.answered), String(p.overdue), p.status])));
  }
  children.push(heading('三、通报情况'), body(f.notices.length > 0 ? `期间向成员单位发布通报 ${f.notices.length} 期：${f.notices.map((n) => `《${n.title}》（${n.publishedOn}）`).join('；')}。` : '期间未发布通报。'));
  children.push(heading('四、线索移送与协作情况'));
  if (f.transfers.length > 0) {
    children.push(body(`期间与市委审计办、市审计局、市纪委监委移送线索 ${f.transfers.length} 件。`));
    children.push(table(['日期', '方向', '协作单位', '线索或事项'], f.transfers.map((t) => [t.transferredOn, t.directionLabel, t.counterpartLabel, t.subject])));
  } else children.push(body('期间无线索移送。'));
  children.push(heading('五、联席会议召开情况'));
  children.push(body(f.meetings.length > 0 ? `期间召开联席会议 ${f.meetings.length} 次：${f.meetings.map((m) => `${m.heldOn}《${m.title}》（议定事项 ${m.decisions} 项）`).join('；')}。` : '期间未召开联席会议。'));
  children.push(body('特此报告。'));
  const doc = new Document({
    creator: '审计整改监督系统',
    title: d.title,
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
