/**
 * 函告 (letter of notice, §12) to the enterprise: cites the problem's ledger number, its source
 * document and the trigger, the signed handling opinion, and the corrections required. Pure: data in, bytes out.
 */
import { DOCUMENT_TYPES, type DocumentType } from '@rectify/contracts';
import { TRIGGERS, type TriggerCode } from '@rectify/domain';
import { chineseCalendarDate, chineseDate, docx, pack } from './docx-kit.js';

export interface LetterData {
  letterNo: string;
  enterpriseName: string;
  ledgerNo: string;
  title: string;
  document: { type: string; number: string; issuer: string; issueDate: string };
  trigger: TriggerCode;
  findings: string;
  responsibility: string;
  requiredCorrections: string;
  replyBy: string | null;
  assessmentYear: number;
  issuedAt: Date | string;
}

export function letterTitle(d: Pick<LetterData, 'enterpriseName'>): string {
  return `关于对${d.enterpriseName}审计整改问题问责的函`;
}

export async function letterOfNotice(d: LetterData): Promise<Buffer> {
  const docType = DOCUMENT_TYPES[d.document.type as DocumentType] ?? d.document.type;
  const title = letterTitle(d);
  return pack(title, [
    docx.right(d.letterNo),
    docx.title(title),
    docx.left(`${d.enterpriseName}：`),
    ...docx.body(
      `你单位审计整改问题“${d.title}”（整改台账编号 ${d.ledgerNo}），出自${d.document.issuer}${docType}（${d.document.number}，${chineseCalendarDate(d.document.issueDate)}下达）。` +
        `经核查，该问题存在“${TRIGGERS[d.trigger]}”的情形（问责情形 ${d.trigger}）。根据审计整改监督工作有关规定第十二条，经市国资委监督处会同市纪委驻国资两委纪检组研究，现函告如下。`,
    ),
    docx.heading('一、查明的问题'),
    ...docx.body(d.findings),
    docx.heading('二、责任认定'),
    ...docx.body(d.responsibility),
    docx.heading('三、整改要求'),
    ...docx.body(d.requiredCorrections),
    ...docx.body(
      (d.replyBy ? `请你单位于${chineseCalendarDate(d.replyBy)}前将整改落实情况书面报送市国资委监督处。` : '请你单位按上述要求抓紧整改，并将整改落实情况书面报送市国资委监督处。') +
        `本次问责情况纳入${d.assessmentYear}年度企业领导人员业绩考核。`,
    ),
    docx.right('市国资委'),
    docx.right(chineseDate(d.issuedAt)),
  ]);
}
