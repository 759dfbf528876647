/**
 * The paragraphs of a 公文 body (GB/T 9704-2012 §7.3): every line on the 28.95 pt grid (exact line
 * spacing), 三号 仿宋_GB2312 condensed to 28 characters a line, first lines indented two characters.
 */
import { AlignmentType, LineRuleType, Paragraph, TextRun, type IRunOptions } from 'docx';
import { FONTS, SIZES } from './fonts.js';
import { lines, PAGE } from './page.js';

type RunOptions = Omit<IRunOptions, 'text' | 'children'>;
type Alignment = (typeof AlignmentType)[keyof typeof AlignmentType];

/** One character of 三号 text, condensed, in twips. */
const CHAR = 320 + PAGE.bodyCharacterSpacing;
const ON_GRID = { line: PAGE.line, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;

/** A run of 三号 仿宋 text (the default), condensed to the 28-character line. */
export function run(text: string, options: RunOptions = {}): TextRun {
  return new TextRun({ font: FONTS.body, size: SIZES.sanhao, characterSpacing: PAGE.bodyCharacterSpacing, ...options, text });
}

/**
 * A paragraph on the grid. Widow control is off: it would end a page a line early to keep two lines
 * of a paragraph together, and a 公文 page holds 22 lines. A full-width punctuation mark after the
 * 28th character may hang past the right edge (the renderers' default, as in Word and WPS), so a
 * line never starts with 「，」 or 「。」.
 */
function line(text: string, alignment: Alignment, options: RunOptions = {}, indent: { left?: number; right?: number; firstLine?: number } = {}): Paragraph {
  return new Paragraph({ alignment, indent, widowControl: false, spacing: ON_GRID, children: [run(text, options)] });
}

/** The non-empty lines of a user's text, trimmed. */
export function textLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

/** Width of a text in characters of the grid: Chinese characters 1, Latin letters and digits ½. */
export function charWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1;
  return n;
}

export const gw = {
  /** 标题: 二号小标宋, centred, below the 红头 by two blank lines and followed by one. */
  title: (text: string): Paragraph[] =>
    textLines(text).map((t, i, all) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { ...ON_GRID, line: lines(1.2), before: i === 0 ? lines(2) : 0, after: i === all.length - 1 ? lines(1) : 0 },
        children: [run(t, { font: FONTS.title, size: SIZES.erhao, characterSpacing: 0 })],
      }),
    ),
  /** A centred line of 三号 text under the title (统计期间, 编号 …). */
  subtitle: (text: string): Paragraph => line(text, AlignmentType.CENTER),
  /** 主送机关: flush left, ending with a full-width colon. */
  addressee: (text: string): Paragraph => line(text.endsWith('：') ? text : `${text}：`, AlignmentType.LEFT),
  /** A body paragraph per non-empty line of `text`, each indented by two characters. */
  body: (text: string): Paragraph[] => textLines(text).map((t) => line(t, AlignmentType.JUSTIFIED, {}, { firstLine: 2 * CHAR })),
  /** 一级标题 「一、」: 三号黑体, indented two characters. */
  heading1: (text: string): Paragraph => line(text, AlignmentType.LEFT, { font: FONTS.heading1 }, { firstLine: 2 * CHAR }),
  /** 二级标题 「（一）」: 三号楷体_GB2312, indented two characters. */
  heading2: (text: string): Paragraph => line(text, AlignmentType.LEFT, { font: FONTS.heading2 }, { firstLine: 2 * CHAR }),
  /** An empty line of the grid. */
  blank: (): Paragraph => new Paragraph({ spacing: ON_GRID, children: [] }),
  /**
   * 发文机关署名 and 成文日期 of an unsealed document (GB/T 9704 §7.3.5.2): one blank line after the
   * text; the organ right-aligned, the date on the next line starting two characters to the right of
   * the organ's first character and ending two characters from the right edge (the organ moves left
   * when the date is the longer).
   */
  signature: (organ: string, date: string): Paragraph[] => {
    const organIndent = Math.max(2, 4 + charWidth(date) - charWidth(organ));
    const dateIndent = organIndent + charWidth(organ) - 2 - charWidth(date);
    return [
      new Paragraph({ spacing: ON_GRID, children: [] }),
      line(organ, AlignmentType.RIGHT, {}, { right: Math.round(organIndent * CHAR) }),
      line(date, AlignmentType.RIGHT, {}, { right: Math.round(dateIndent * CHAR) }),
    ];
  },
  /** A right-aligned note in smaller type (生成时间 …), off the grid. */
  note: (text: string): Paragraph =>
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: lines(1) }, children: [run(text, { size: SIZES.xiaosi, characterSpacing: 0 })] }),
};
