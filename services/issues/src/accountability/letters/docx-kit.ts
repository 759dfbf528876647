/** The layout shared by the Commission's accountability documents: A4, 仿宋 text, 小标宋-like bold title. */
import { AlignmentType, Document, Packer, Paragraph, TextRun, type IRunOptions } from 'docx';

const BODY_FONT = { ascii: 'FangSong', hAnsi: 'FangSong', cs: 'FangSong', eastAsia: 'FangSong' };
const TITLE_FONT = { ascii: 'SimHei', hAnsi: 'SimHei', cs: 'SimHei', eastAsia: 'SimHei' };
/** Half-points: 三号 (16 pt) text, 二号 (22 pt) title. */
const SIZE = { body: 32, title: 44 } as const;

function run(text: string, options: Omit<IRunOptions, 'text'> = {}): TextRun {
  return new TextRun({ font: BODY_FONT, size: SIZE.body, ...options, text });
}

export const docx = {
  title: (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240, after: 360 }, children: [run(text, { font: TITLE_FONT, size: SIZE.title, bold: true })] }),
  right: (text: string) => new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 120 }, children: [run(text)] }),
  left: (text: string) => new Paragraph({ spacing: { line: 560, after: 0 }, children: [run(text)] }),
  heading: (text: string) => new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [run(text, { font: TITLE_FONT })] }),
  /** A body paragraph per line of `text`, each indented by two characters. */
  body: (text: string) =>
    text
      .split(/\r?\n/)
      .filter((line) => line.trim().length > 0)
      .map((line) => new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, alignment: AlignmentType.JUSTIFIED, children: [run(line.trim())] })),
};

/** 2026年11月30日, the date of an instant in Asia/Shanghai. */
export function chineseDate(at: Date | string): string {
  return new Date(at).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });
}

/** 2026年12月31日 from a calendar date 'YYYY-MM-DD'. */
export function chineseCalendarDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export async function pack(title: string, children: Paragraph[]): Promise<Buffer> {
  const doc = new Document({
    creator: '市国资委',
    title,
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE.body } } } },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
