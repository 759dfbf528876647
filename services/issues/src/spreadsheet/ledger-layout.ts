/**
 * The sheet layout the template and the export share: a merged title row, a merged subtitle row,
 * then the header row (bold, filled, frozen), so that what Rectify writes looks like what offices
 * keep and can be read back by the import.
 */
import type { LedgerColumn } from './ledger-columns.js';
import type { Style } from 'exceljs';
import { HEADER_FILL, THIN_BORDER, type Worksheet } from './xlsx.js';

/** Rows above the data: title, subtitle, header. */
export const LEDGER_HEADER_ROW = 3;
export const LEDGER_FIRST_DATA_ROW = LEDGER_HEADER_ROW + 1;

export const AMOUNT_NUMBER_FORMAT = '#,##0.00';
export const DATE_NUMBER_FORMAT = 'yyyy-mm-dd';

/** The header a sheet writes for a column; required columns get a leading * in the template. */
export function headerLabel(column: LedgerColumn, markRequired: boolean): string {
  const required = column.requirement === 'always' || column.requirement === 'unlessDefault';
  return markRequired && required ? `*${column.header}` : column.header;
}

/** The style of a column's data cells: number formats for amounts and dates, wrapped text otherwise. */
export function columnStyle(column: LedgerColumn): Partial<Style> {
  switch (column.kind) {
    case 'amount':
      return { numFmt: AMOUNT_NUMBER_FORMAT, alignment: { horizontal: 'right', vertical: 'top' } };
    case 'date':
      return { numFmt: DATE_NUMBER_FORMAT, alignment: { horizontal: 'center', vertical: 'top' } };
    case 'decimal':
      return { alignment: { horizontal: 'right', vertical: 'top' } };
    default:
      return { alignment: { wrapText: true, vertical: 'top' } };
  }
}

export function writeLedgerFrame(
  ws: Worksheet,
  columns: readonly LedgerColumn[],
  opts: { title: string; subtitle: string; markRequired: boolean },
): void {
  const width = columns.length;
  // Column styles first: cells created afterwards inherit them (title and header override theirs).
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width, style: columnStyle(c) }));

  ws.mergeCells(1, 1, 1, width);
  const title = ws.getCell(1, 1);
  title.value = opts.title;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 32;

  ws.mergeCells(2, 1, 2, width);
  const subtitle = ws.getCell(2, 1);
  subtitle.value = opts.subtitle;
  subtitle.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };
  ws.getRow(2).height = 36;

  const header = ws.getRow(LEDGER_HEADER_ROW);
  columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = headerLabel(column, opts.markRequired);
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN_BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  header.height = 30;

  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: LEDGER_HEADER_ROW, topLeftCell: `A${LEDGER_FIRST_DATA_ROW}` }];
}
