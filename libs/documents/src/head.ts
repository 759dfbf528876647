/**
 * The 版头 (GB/T 9704-2012 §7.2) of a document's first page: the 密级 top left when the document
 * concerns a 涉密 problem, the 发文机关标志 in red 小标宋 35 mm below the top of the 版心, the 发文字号
 * two lines below it, and the red separator line 4 mm under the 发文字号, as wide as the 版心.
 */
import { AlignmentType, BorderStyle, LineRuleType, Paragraph } from 'docx';
import { FONTS, RED, SIZES } from './fonts.js';
import { lines, PAGE } from './page.js';
import { run } from './text.js';

export interface DocumentHead {
  /** 发文机关标志, e.g. 「市国资委文件」. */
  organ: string;
  /** 发文字号, e.g. 「国资监督函〔2026〕3号」; omitted when the document has none. */
  number?: string | null;
  /**
   * 上行文 (a report upward: 上报, 专报): the 发文字号 goes left, one character in, with the 签发人 on
   * the right; 下行文 and 平行文 centre it.
   */
  upward?: boolean;
  /** 签发人 of an upward document. */
  signer?: string | null;
  /** 密级 (e.g. 「涉密」) when the document concerns a confidential problem; nothing otherwise. */
  classification?: string | null;
}

/** 35 mm, the 发文机关标志's distance below the top of the 版心 (80 mm for an upward document). */
const ORGAN_OFFSET = { down: Math.round((35 * 1440) / 25.4), up: Math.round((80 * 1440) / 25.4) };
/** 4 mm between the 发文字号 and the red line, in points (what a paragraph border's `space` takes). */
const RULE_SPACE_PT = 11;

export function documentHead(h: DocumentHead): Paragraph[] {
  const out: Paragraph[] = [];
  let used = 0;
  if (h.classification) {
    out.push(new Paragraph({ spacing: { line: PAGE.line, lineRule: LineRuleType.EXACT }, children: [run(h.classification, { font: FONTS.heading1 })] }));
    used = PAGE.line;
  }
  const organLine = Math.round(SIZES.xiaochu * 10 * 1.2);
  out.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: organLine, lineRule: LineRuleType.EXACT, before: Math.max(0, ORGAN_OFFSET[h.upward ? 'up' : 'down'] - used), after: 0 },
      children: [run(h.organ, { font: FONTS.title, size: SIZES.xiaochu, color: RED, characterSpacing: 0 })],
    }),
  );
  const numberText = h.upward ? `${h.number ?? ''}${h.signer ? `\t签发人：${h.signer}` : ''}` : (h.number ?? '');
  out.push(
    new Paragraph({
      alignment: h.upward ? AlignmentType.LEFT : AlignmentType.CENTER,
      indent: h.upward ? { firstLine: 320 } : {},
      tabStops: h.upward ? [{ type: 'right', position: PAGE.textWidth - 320 }] : [],
      spacing: { line: PAGE.line, lineRule: LineRuleType.EXACT, before: lines(2), after: 0 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 16, color: RED, space: RULE_SPACE_PT } },
      children: [run(numberText)],
    }),
  );
  return out;
}
