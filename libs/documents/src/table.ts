/**
 * Tables inside a 公文 body: the full 版心 width (156 mm), 仿宋 in 小四 (or 五号 for many columns),
 * a shaded header row repeated on every page, rows never split across pages.
 */
import { AlignmentType, Paragraph, Table, TableCell, TableRow, VerticalAlignTable, WidthType } from 'docx';
import { FONTS, SIZES } from './fonts.js';
import { PAGE } from './page.js';
import { gw, run } from './text.js';

export interface TableOptions {
  /** The first column's share of the width (the others share the rest equally); equal columns when absent. */
  firstShare?: number;
  /** Type size, half-points (小四 unless said). */
  size?: number;
}

export function table(headers: string[], rows: string[][], options: TableOptions = {}): Table {
  const size = options.size ?? SIZES.xiaosi;
  const equal = Math.floor(PAGE.textWidth / headers.length);
  const first = options.firstShare === undefined ? equal : Math.round(PAGE.textWidth * options.firstShare);
  const other = options.firstShare === undefined ? equal : Math.floor((PAGE.textWidth - first) / Math.max(1, headers.length - 1));
  const widths = headers.map((_, i) => (i === 0 ? first : other));
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? other, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      shading: header ? { fill: 'D9D9D9' } : undefined,
      children: [
        new Paragraph({
          alignment: i === 0 && !header ? AlignmentType.LEFT : AlignmentType.CENTER,
          children: [run(text, { size, bold: header, font: header ? FONTS.heading1 : FONTS.body, characterSpacing: 0 })],
        }),
      ],
    });
  return new Table({
    width: { size: PAGE.textWidth, type: WidthType.DXA },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => cell(h, i, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((text, i) => cell(text, i, false)) })),
    ],
  });
}

/** The table of `rows`, or a body line saying `none` when there are none. */
export function tableOr(none: string, headers: string[], rows: string[][], options?: TableOptions): (Paragraph | Table)[] {
  return rows.length === 0 ? gw.body(none) : [table(headers, rows, options)];
}
