/** One Rectify 公文 as .docx bytes: the 版头, then the body, on the GB/T 9704-2012 page with page numbers. */
import { DocumentGridType, Document, Packer, type Paragraph, type Table } from 'docx';
import { FONTS, SIZES } from './fonts.js';
import { documentHead, type DocumentHead } from './head.js';
import { PAGE } from './page.js';
import { pageNumberFooters } from './page-number.js';

export interface OfficialDocument {
  /** The document's title (also its file title). */
  title: string;
  head: DocumentHead;
  /** Everything after the 版头: title, addressee, text, tables, signature (see `gw` and `table`). */
  body: (Paragraph | Table)[];
  /** Document properties: author (the issuing organ unless said) and description. */
  creator?: string;
  description?: string;
}

export async function renderOfficialDocument(d: OfficialDocument): Promise<Buffer> {
  const doc = new Document({
    title: d.title,
    creator: d.creator ?? d.head.organ,
    ...(d.description ? { description: d.description } : {}),
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: FONTS.body, size: SIZES.sanhao } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...PAGE.margin, footer: PAGE.footer, header: PAGE.footer },
          },
          grid: { type: DocumentGridType.LINES, linePitch: PAGE.line },
        },
        footers: pageNumberFooters(),
        children: [...documentHead(d.head), ...d.body],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
