/**
 * The page of GB/T 9704-2012 (党政机关公文格式), in twips (1/20 pt; 1 mm = 56.69 twips): A4, 天头
 * (top margin) 37 mm, bottom 35 mm, 订口 (left) 28 mm, right 26 mm, so the 版心 (text area) is
 * 156 mm × 225 mm and holds 22 lines of 28 characters of 三号 text.
 */
const mm = (x: number) => Math.round((x * 1440) / 25.4);

export const PAGE = {
  width: mm(210),
  height: mm(297),
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
  /** 版心 width, 156 mm. */
  textWidth: mm(210) - mm(28) - mm(26),
  /** 版心 height, 225 mm. */
  textHeight: mm(297) - mm(37) - mm(35),
  linesPerPage: 22,
  charsPerLine: 28,
  /**
   * The fixed line pitch: 28.95 pt (579 twips), set as exact line spacing (`lineRule="exact"`), so
   * 22 lines take 636.9 pt of the 637.8 pt 版心 and a 23rd does not fit.
   */
  line: 579,
  /**
   * Character spacing of 三号 text, in twips: -0.25 pt condenses the 16 pt glyph to 15.75 pt, so 28
   * characters take 441 pt of the 442.2 pt 版心 width and a 29th does not fit.
   */
  bodyCharacterSpacing: -5,
  /**
   * Footer distance from the bottom edge: puts the page number's 一字线 about 7 mm below the 版心
   * (GB/T 9704 §7.5), 28 mm above the bottom edge.
   */
  footer: mm(25),
} as const;

/** n lines of the grid, in twips (for spacing before/after). */
export const lines = (n: number) => Math.round(n * PAGE.line);
