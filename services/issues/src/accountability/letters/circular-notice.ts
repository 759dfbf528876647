/** 通报 (circulated notice, §12) of an accountability case, as a Word document. Pure: data in, bytes out. */
import { TRIGGERS, type TriggerCode } from '@rectify/domain';
import { chineseDate, docx, pack } from './docx-kit.js';

export interface CircularData {
  enterpriseName: string;
  ledgerNo: string;
  title: string;
  trigger: TriggerCode;
  scope: string;
  text: string;
  issuedAt: Date | string;
}

export function circularTitle(d: Pick<CircularData, 'enterpriseName'>): string {
  return `关于${d.enterpriseName}审计整改问题问责情况的通报`;
}

export async function circularNotice(d: CircularData): Promise<Buffer> {
  const title = circularTitle(d);
  return pack(title, [
    docx.title(title),
    docx.left(`${d.scope}：`),
    ...docx.body(`${d.enterpriseName}审计整改问题“${d.title}”（整改台账编号 ${d.ledgerNo}）存在“${TRIGGERS[d.trigger]}”的情形。经市国资委研究，现予以通报。`),
    ...docx.body(d.text),
    ...docx.body('各单位要引以为戒，切实履行审计整改主体责任，确保整改到位。'),
    docx.right('市国资委'),
    docx.right(chineseDate(d.issuedAt)),
  ]);
}
