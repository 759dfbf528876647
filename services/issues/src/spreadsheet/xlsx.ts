/**
 * The little of exceljs the ledger needs to write a workbook (template, export), and shared styles.
 * The import reads cells without exceljs (xlsx-cells.ts).
 */
import ExcelJS from 'exceljs';
import type { Cell, DataValidation, Workbook, Worksheet } from 'exceljs';

export type { Cell, Workbook, Worksheet };

export function newWorkbook(): Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Rectify';
  workbook.created = new Date();
  return workbook;
}

export async function workbookToBuffer(workbook: Workbook): Promise<Buffer> {
  const data = await workbook.xlsx.writeBuffer();
  return Buffer.from(data as unknown as Uint8Array);
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
