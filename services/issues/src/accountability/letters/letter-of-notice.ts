/**
 * 函告 (letter of notice, §12) to the enterprise, as a 公文 (GB/T 9704-2012): cites the problem's
 * ledger number, its source document and the trigger, the signed handling opinion, and the
 * corrections required. Pure: data in, bytes out.
 */
import { DOCUMENT_TYPES, type DocumentType } from '@rectify/contracts';
import { chineseCalendarDate, chineseDate, gw, renderOfficialDocument } from '@rectify/documents';
import { TRIGGERS, type TriggerCode } from '@rectify/domain';

export interface LetterData {
  letterNo: string;
  enterpriseName: string;
  ledgerNo: string;
  title: string;
  /** The problem is 涉密: the letter carries the 密级 marking. */
  confidential: boolean;
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
  return renderOfficialDocument({
    title,
    head: { organ: '市国资委', number: d.letterNo, classification: d.confidential ? '涉密' : null },
    body: [
      ...gw.title(title),
      gw.addressee(d.enterpriseName),
      ...gw.body(
        `你单位审计整改问题“${d.title}”（整改台账编号 ${d.ledgerNo}），出自${d.document.issuer}${docType}（${d.document.number}，${chineseCalendarDate(d.document.issueDate)}下达）。` +
          `经核查，该问题存在“${TRIGGERS[d.trigger]}”的情形（问责情形 ${d.trigger}）。根据审计整改监督工作有关规定第十二条，经市国资委监督处会同市纪委驻国资两委纪检组研究，现函告如下。`,
      ),
      gw.heading1('一、查明的问题'),
      ...gw.body(d.findings),
      gw.heading1('二、责任认定'),
      ...gw.body(d.responsibility),
      gw.heading1('三、整改要求'),
      ...gw.body(d.requiredCorrections),
      ...gw.body(
        (d.replyBy ? `请你单位于${chineseCalendarDate(d.replyBy)}前将整改落实情况书面报送市国资委监督处。` : '请你单位按上述要求抓紧整改，并将整改落实情况书面报送市国资委监督处。') +
          `本次问责情况纳入${d.assessmentYear}年度企业领导人员业绩考核。`,
      ),
      ...gw.signature('市国资委', chineseDate(d.issuedAt)),
    ],
  });
}
