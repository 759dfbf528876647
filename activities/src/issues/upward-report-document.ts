/**
 * The upward report (上报, policy 第十三条) as a Chinese Word document: addressed to 市委、市政府,
 * 市纪委监委 and 市委组织部, it sets out the problem and the enterprise's refusal and asks to adjust
 * the principal, order correction and pursue responsibility. Pure: data in, bytes out.
 */
import { AlignmentType, Document, Packer, Paragraph, TextRun, type IRunOptions } from 'docx';
import { UPWARD_REPORT_GROUNDS, UPWARD_REPORT_RECIPIENTS, UPWARD_REPORT_REQUESTS, type UpwardReportGround } from '@rectify/contracts';

export interface UpwardReportDocumentData {
  /** 报告文号, given by the party committee's approval. */
  documentNumber: string;
  enterpriseName: string;
  ledgerNo: string;
  title: string;
  description: string;
  /** The document that issued the problem. */
  sourceDocument: { number: string; issuer: string; issueDate: string };
  /** Yuan, exact decimal string, or null. */
  amount: string | null;
  confidential: boolean;
  ground: UpwardReportGround;
  /** The determination's basis, or the enterprise's stated reasons for refusing. */
  groundDetail: string;
  /** 'YYYY-MM-DD' of the party committee's approval. */
  approvedOn: string;
}

const BODY_FONT = { ascii: 'SimSun', hAnsi: 'SimSun', cs: 'SimSun', eastAsia: 'SimSun' };
const TITLE_FONT = { ascii: 'SimHei', hAnsi: 'SimHei', cs: 'SimHei', eastAsia: 'SimHei' };
/** Half-points: 三号 (16 pt) for the text, 二号 (22 pt) for the title. */
const SIZE = { body: 32, title: 44 } as const;
const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function run(text: string, options: Omit<IRunOptions, 'text'> = {}): TextRun {
  return new TextRun({ font: BODY_FONT, size: SIZE.body, ...options, text });
}

function line(text: string, alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT, options: Omit<IRunOptions, 'text'> = {}): Paragraph {
  return new Paragraph({ alignment, spacing: { line: 560 }, children: [run(text, options)] });
}

function body(text: string): Paragraph {
  return new Paragraph({ indent: { firstLine: 2 * SIZE.body * 10 }, spacing: { line: 560 }, alignment: AlignmentType.JUSTIFIED, children: [run(text)] });
}

function heading(text: string): Paragraph {
  return new Paragraph({ indent: { firstLine: 2 * SIZE.body * 10 }, spacing: { line: 560 }, children: [run(text, { font: TITLE_FONT })] });
}

/** '2026-11-30' → '2026年11月30日' */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** '1234567.8' → '1,234,567.80' (exact: string arithmetic, no floating point). */
function yuan(amount: string): string {
  const [whole = '0', fraction = ''] = amount.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

export function upwardReportTitle(d: Pick<UpwardReportDocumentData, 'enterpriseName'>): string {
  return `关于${d.enterpriseName}拒不整改可能造成严重国有资产损失问题的报告`;
}

/** The paragraphs of the report, in order (also what the tests read back). */
export function upwardReportParagraphs(d: UpwardReportDocumentData): Paragraph[] {
  const refusal = d.ground === 'opinion_rejected' ? '不采纳市国资委监管意见' : '拒不整改';
  const facts = [
    `台账编号：${d.ledgerNo}。`,
    `问题来源：${d.sourceDocument.issuer}${d.sourceDocument.number}（${chineseDate(d.sourceDocument.issueDate)}下达）。`,
    `问题摘要：${d.title}。`,
    `具体情况：${d.description}`,
  ];
  if (d.amount !== null) facts.push(`涉及金额：${yuan(d.amount)}元。`);
  return [
    ...(d.confidential ? [line('涉密', AlignmentType.LEFT, { font: TITLE_FONT })] : []),
    line(d.documentNumber, AlignmentType.CENTER),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240, line: 640 }, children: [run(upwardReportTitle(d), { font: TITLE_FONT, size: SIZE.title })] }),
    line(`${UPWARD_REPORT_RECIPIENTS.join('，')}：`),
    body(
      `根据审计整改上报制度，对企业存在重大问题可能造成严重国有资产损失，且拒不整改、不采纳市国资委监管意见的，经市国资委党委审议通过，及时向市委市政府及市纪委监委、市委组织部报告。${d.enterpriseName}存在可能造成严重国有资产损失的问题，且${refusal}。现将有关情况报告如下。`,
    ),
    heading('一、问题基本情况'),
    ...facts.map(body),
    heading(`二、企业${refusal}情况`),
    body(`${UPWARD_REPORT_GROUNDS[d.ground]}。`),
    body(d.groundDetail.trim() === '' ? '企业未说明理由。' : `具体情况：${d.groundDetail.trim()}`),
    heading('三、有关建议'),
    body(`经${chineseDate(d.approvedOn)}市国资委党委审议通过，提请：`),
    ...UPWARD_REPORT_REQUESTS.map((r, i) => body(`（${CHINESE_NUMBERS[i]}）${r.replace('企业', d.enterpriseName)}${i === UPWARD_REPORT_REQUESTS.length - 1 ? '。' : '；'}`)),
    body('特此报告。'),
    line('中共市国资委委员会', AlignmentType.RIGHT),
    line(chineseDate(d.approvedOn), AlignmentType.RIGHT),
  ];
}

/** Renders the report as .docx bytes (A4, 三号仿宋-style body in 宋体, 黑体 title). */
export async function renderUpwardReport(d: UpwardReportDocumentData): Promise<Buffer> {
  const doc = new Document({
    creator: '审计整改监督系统',
    title: upwardReportTitle(d),
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } }, children: upwardReportParagraphs(d) }],
  });
  return Packer.toBuffer(doc);
}
