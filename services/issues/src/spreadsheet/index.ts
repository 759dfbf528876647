/** The spreadsheet ledger (SPEC §12): import, template and export of xlsx ledgers. */
export * from './ledger-columns.js';
export {
  parseLedgerWorkbook,
  LEDGER_MAX_ROWS,
  TITLE_MAX_LENGTH,
  DESCRIPTION_MAX_LENGTH,
  type LedgerImportDefaults,
  type LedgerImportOptions,
  type LedgerImportRow,
  type LedgerImportError,
  type LedgerImportResult,
} from './ledger-import.js';
export { buildLedgerTemplate, TEMPLATE_EXAMPLE, TEMPLATE_SHEET_NAME, TEMPLATE_GUIDE_SHEET_NAME } from './ledger-template.js';
export { buildLedgerExport, type LedgerExportRow, type LedgerExportMeta } from './ledger-export.js';
export { parseLedgerWorkbookOffThread, MAX_CONCURRENT_IMPORTS, IMPORT_HEAP_MB, type ThreadedImportInput } from './ledger-import-thread.js';
export { workbookLimitRefusal, LEDGER_ZIP_LIMITS, MAX_CELL_CHARS, MAX_CELLS } from './workbook-limits.js';
