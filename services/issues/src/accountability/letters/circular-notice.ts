/** 通报 (circulated notice, §12) of an accountability case, as a 公文 (GB/T 9704-2012). Pure: data in, bytes out. */
import { TRIGGERS, type TriggerCode } from '@rectify/domain';
import { chineseDate, gw, renderOfficialDocument } from '@rectify/documents';

export interface CircularData {
  /** 发文字号, given when the 通报 was issued (absent on 通报 issued before it was numbered). */
  circularNo: string | null;
  enterpriseName: string;
  ledgerNo: string;
  title: string;
  trigger: TriggerCode;
  /** The problem is 涉密: the document carries the 密级 marking. */
  confidential: boolean;
  scope: string;
  text: string;
  issuedAt: Date | string;
}

export function circularTitle(d: Pick<CircularData, 'enterpriseName'>): string {
  return `关于${d.enterpriseName}审计整改问题问责情况的通报`;
}

export async function circularNotice(d: CircularData): Promise<Buffer> {
  const title = circularTitle(d);
  return renderOfficialDocument({
    title,
    head: { organ: '市国资委文件', number: d.circularNo, classification: d.confidential ? '涉密' : null },
    body: [
      ...gw.title(title),
      gw.addressee(d.scope),
      ...gw.body(`${d.enterpriseName}审计整改问题“${d.title}”（整改台账编号 ${d.ledgerNo}）存在“${TRIGGERS[d.trigger]}”的情形。经市国资委研究，现予以通报。`),
      ...gw.body(d.text),
      ...gw.body('各单位要引以为戒，切实履行审计整改主体责任，确保整改到位。'),
      ...gw.signature('市国资委', chineseDate(d.issuedAt)),
    ],
  });
}
