/**
 * The upward report (上报, policy 第十三条) as a Chinese Word document: addressed to 市委、市政府,
 * 市纪委监委 and 市委组织部, it sets out the problem and the enterprise's refusal and asks to adjust
 * the principal, order correction and pursue responsibility. A 上行文 in 公文 format (GB/T 9704-2012,
 * libs/documents). Pure: data in, bytes out.
 */
import type { Paragraph } from 'docx';
import { UPWARD_REPORT_GROUNDS, UPWARD_REPORT_RECIPIENTS, UPWARD_REPORT_REQUESTS, type UpwardReportGround } from '@rectify/contracts';
import { chineseCalendarDate as chineseDate, gw, renderOfficialDocument } from '@rectify/documents';

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

const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** '1234567.8' → '1,234,567.80' (exact: string arithmetic, no floating point). */
function yuan(amount: string): string {
  const [whole = '0', fraction = ''] = amount.split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

export function upwardReportTitle(d: Pick<UpwardReportDocumentData, 'enterpriseName'>): string {
  return `关于${d.enterpriseName}拒不整改可能造成严重国有资产损失问题的报告`;
}

/** The paragraphs of the report after its 版头, in order. */
export function upwardReportBody(d: UpwardReportDocumentData): Paragraph[] {
  const refusal = d.ground === 'opinion_rejected' ? '不采纳市国资委监管意见' : '拒不整改';
  const facts = [
    `台账编号：${d.ledgerNo}。`,
    `问题来源：${d.sourceDocument.issuer}${d.sourceDocument.number}（${chineseDate(d.sourceDocument.issueDate)}下达）。`,
    `问题摘要：${d.title}。`,
    `具体情况：${d.description}`,
  ];
  if (d.amount !== null) facts.push(`涉及金额：${yuan(d.amount)}元。`);
  return [
    ...gw.title(upwardReportTitle(d)),
    gw.addressee(UPWARD_REPORT_RECIPIENTS.join('，')),
    ...gw.body(
      `根据审计整改上报制度，对企业存在重大问题可能造成严重国有资产损失，且拒不整改、不采纳市国资委监管意见的，经市国资委党委审议通过，及时向市委市政府及市纪委监委、市委组织部报告。${d.enterpriseName}存在可能造成严重国有资产损失的问题，且${refusal}。现将有关情况报告如下。`,
    ),
    gw.heading1('一、问题基本情况'),
    ...facts.flatMap(gw.body),
    gw.heading1(`二、企业${refusal}情况`),
    ...gw.body(`${UPWARD_REPORT_GROUNDS[d.ground]}。`),
    ...gw.body(d.groundDetail.trim() === '' ? '企业未说明理由。' : `具体情况：${d.groundDetail.trim()}`),
    gw.heading1('三、有关建议'),
    ...gw.body(`经${chineseDate(d.approvedOn)}市国资委党委审议通过，提请：`),
    ...UPWARD_REPORT_REQUESTS.flatMap((r, i) => gw.body(`（${CHINESE_NUMBERS[i]}）${r.replace('企业', d.enterpriseName)}${i === UPWARD_REPORT_REQUESTS.length - 1 ? '。' : '；'}`)),
    ...gw.body('特此报告。'),
    ...gw.signature('中共市国资委委员会', chineseDate(d.approvedOn)),
  ];
}

/**
 * Renders the report as .docx bytes in 公文 format (libs/documents): the party committee's red
 * mark, the report's number (a 上行文: on the left), 涉密 when the problem is.
 */
export async function renderUpwardReport(d: UpwardReportDocumentData): Promise<Buffer> {
  return renderOfficialDocument({
    title: upwardReportTitle(d),
    creator: '中共市国资委委员会',
    head: { organ: '中共市国资委委员会文件', number: d.documentNumber, upward: true, classification: d.confidential ? '涉密' : null },
    body: upwardReportBody(d),
  });
}
