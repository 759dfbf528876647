/**
 * The little of exceljs the ledger needs: loading and writing a workbook, reading a cell's content
 * whatever form it takes (rich text, formula result, hyperlink, merged cell), and shared styles.
 */
import ExcelJS from 'exceljs';
import type { Cell, CellValue, DataValidation, Workbook, Worksheet } from 'exceljs';

export type { Cell, Workbook, Worksheet };

/** A cell's content, reduced to what the ledger reads. */
export type CellContent =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; value: Date }
  | { kind: 'boolean'; value: boolean }
  /** An Excel error value such as #N/A or #DIV/0!. */
  | { kind: 'error'; text: string }
  /** A formula whose result the file does not carry (saved without calculation). */
  | { kind: 'formulaWithoutResult'; formula: string };

const EMPTY: CellContent = { kind: 'empty' };

/** Reads a cell value: formula cells give their cached result, rich text and hyperlinks their text. */
export function contentOf(value: CellValue | undefined): CellContent {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'string') return value.trim() === '' ? EMPTY : { kind: 'text', text: value };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return { kind: 'date', value };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined || result === null) {
      const formula = 'formula' in value ? value.formula : value.sharedFormula;
      return { kind: 'formulaWithoutResult', formula: String(formula ?? '') };
    }
    return contentOf(result as CellValue);
  }
  if ('richText' in value) return contentOf(value.richText.map((run) => run.text).join(''));
  if ('error' in value) return { kind: 'error', text: String(value.error) };
  if ('text' in value) {
    const text: unknown = value.text;
    if (typeof text === 'string') return contentOf(text);
    if (typeof text === 'object' && text !== null && 'richText' in text) return contentOf(text as CellValue);
  }
  return EMPTY;
}

/**
 * The content of a cell. A cell inside a merged range reads as the range's top-left cell (exceljs
 * does this), so a document number merged down over several problems applies to each of them.
 */
export function cellContent(cell: Cell): CellContent {
  return contentOf(cell.value);
}

/** True for a cell that is not the hidden part of a merged range. */
export function isOwnCell(cell: Cell): boolean {
  return !cell.isMerged || cell.master === cell || cell.master.address === cell.address;
}

/** The text of a cell as the user sees it (for headers and free-text fields). */
export function plainText(content: CellContent): string {
  switch (content.kind) {
    case 'empty':
    case 'formulaWithoutResult':
      return '';
    case 'text':
    case 'error':
      return content.text;
    case 'number':
      return String(content.value);
    case 'boolean':
      return content.value ? '是' : '否';
    case 'date':
      return content.value.toISOString().slice(0, 10);
  }
}

export function newWorkbook(): Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Rectify';
  workbook.created = new Date();
  return workbook;
}

export async function loadWorkbook(buffer: Buffer): Promise<Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its parameter as its own Buffer (an ArrayBuffer); at run time it takes Node's.
  await workbook.xlsx.load(buffer as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  return workbook;
}

export async function workbookToBuffer(workbook: Workbook): Promise<Buffer> {
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as unknown as Uint8Array);
}

/** What the first bytes say a file is. */
export function sniffFormat(buffer: Uint8Array): 'zip' | 'ole' | 'other' {
  if (buffer.length >= 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && buffer[2] === 0x03 && buffer[3] === 0x04) {
    return 'zip';
  }
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (buffer.length >= ole.length && ole.every((b, i) => buffer[i] === b)) return 'ole';
  return 'other';
}

export const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } } as const;
export const OVERDUE_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } } as const;
export const THIN_BORDER = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
} as const;

/** The worksheet's data validations (exceljs has them at run time but does not type them). */
export function dataValidations(worksheet: Worksheet): {
  add(range: string, validation: DataValidation): void;
} {
  return (worksheet as unknown as { dataValidations: { add(range: string, validation: DataValidation): void } })
    .dataValidations;
}
