/**
 * 页码 (GB/T 9704-2012 §7.5): 「— N —」 in 四号 宋体 below the 版心, odd pages right-aligned one
 * character in from the right edge, even pages left-aligned one character in from the left.
 */
import { AlignmentType, Footer, PageNumber, Paragraph, TextRun } from 'docx';
import { FONTS, SIZES } from './fonts.js';

const ONE_CHAR = SIZES.sihao * 10;

function pageNumber(odd: boolean): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: odd ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: odd ? { right: ONE_CHAR } : { left: ONE_CHAR },
        children: [new TextRun({ font: FONTS.pageNumber, size: SIZES.sihao, children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

/** The section's footers; the document must set `evenAndOddHeaderAndFooters`. */
export const pageNumberFooters = () => ({ default: pageNumber(true), even: pageNumber(false) });
