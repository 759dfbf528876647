/**
 * Exports ledger rows to xlsx in the shape offices keep (SPEC §12), with the import's header names
 * so that an export can be imported again.
 */
import {
  CONFIDENTIALITY,
  DOCUMENT_TYPES,
  PROBLEM_SOURCES,
  PROBLEM_TAGS,
  type ProblemRegistration,
} from '@rectify/contracts';
import { DEFAULT_POLICY, localDateTimeOf } from '@rectify/domain';
import { LEDGER_COLUMNS, type LedgerColumnKey, type LedgerOutcomeLabel } from './ledger-columns.js';
import { LEDGER_FIRST_DATA_ROW, LEDGER_HEADER_ROW, writeLedgerFrame } from './ledger-layout.js';
import { amountCellValue, cellDateOf } from './ledger-values.js';
import { OVERDUE_FILL, THIN_BORDER, newWorkbook, workbookToBuffer } from './xlsx.js';

export const EXPORT_SHEET_NAME = '整改台账';

/** One problem as the export shows it. */
export interface LedgerExportRow {
  /** 台账编号 */
  ledgerNo: string;
  /** The enterprise's name, written to 被审计单位 (the import resolves it back to the code). */
  enterpriseName: string;
  registration: ProblemRegistration;
  /** 当前阶段, e.g. 推动整改 */
  stageLabel: string;
  /** 整改状态; null while no result is determined. */
  outcome: LedgerOutcomeLabel | null;
  /**
   * The deadline in force, written to 整改时限: after an approved extension it is later than
   * registration.deadline (and a re-import then refuses it as beyond the 6-month limit). Null:
   * registration.deadline is written.
   */
  deadline: string | null;
  overdue: boolean;
  /** 整改金额, yuan, exact decimal string. */
  correctedAmount: string | null;
  /** 整改措施 */
  measures: string | null;
  /** 整改进展: the latest progress. */
  progress: string | null;
  /** 证明材料: evidence file names or descriptions, one a line. */
  evidence: string[];
  remarks: string | null;
}

export interface LedgerExportMeta {
  title: string;
  /** What the rows were selected by, in Chinese (e.g. 企业：示例集团；状态：逾期). */
  filterDescription: string;
  /** When the export was made; the header shows it in Asia/Shanghai (e.g. 2026-07-01 09:30), whatever the server's TZ. */
  generatedAt: Date;
}

type CellWrite = string | number | Date | null;

function valueFor(key: LedgerColumnKey, row: LedgerExportRow): CellWrite {
  const r = row.registration;
  switch (key) {
    case 'ledgerNo':
      return row.ledgerNo;
    case 'itemNo':
      return r.itemNo;
    case 'documentNumber':
      return r.document.number;
    case 'auditProject':
      return r.auditProject ?? null;
    case 'enterprise':
      return row.enterpriseName;
    case 'subsidiary':
      return r.subsidiary ?? null;
    case 'source':
      return PROBLEM_SOURCES[r.source];
    case 'documentType':
      return DOCUMENT_TYPES[r.document.type];
    case 'issuer':
      return r.document.issuer;
    case 'issueDate':
      return cellDateOf(r.document.issueDate);
    case 'category':
      return r.category;
    case 'title':
      return r.title;
    case 'description':
      return r.description;
    case 'amount':
      return r.amount ? amountCellValue(r.amount) : null;
    case 'quantity':
      // As text: a quantity keeps its digits exactly as registered ('2.50' stays '2.50').
      return r.quantity ?? null;
    case 'quantityUnit':
      return r.quantityUnit ?? null;
    case 'legalBasis':
      return r.legalBasis ?? null;
    case 'recommendation':
      return r.recommendation ?? null;
    case 'measures':
      return row.measures;
    case 'departments':
      return r.responsibility
        ? [r.responsibility.leadDepartment, ...r.responsibility.cooperatingDepartments].join('、')
        : null;
    case 'responsiblePersons':
      return r.responsibility && r.responsibility.responsiblePersons.length > 0
        ? r.responsibility.responsiblePersons.join('、')
        : null;
    case 'deadline': {
      const deadline = row.deadline ?? r.deadline ?? null;
      return deadline ? cellDateOf(deadline) : null;
    }
    case 'progress':
      return row.progress;
    case 'outcome':
      return row.outcome;
    case 'correctedAmount':
      return row.correctedAmount ? amountCellValue(row.correctedAmount) : null;
    case 'evidence':
      return row.evidence.length > 0 ? row.evidence.join('\n') : null;
    case 'stage':
      return row.stageLabel;
    case 'overdue':
      return row.overdue ? '是' : '否';
    case 'confidentiality':
      return CONFIDENTIALITY[r.confidentiality];
    case 'tags':
      return r.tags.length > 0 ? r.tags.map((t) => PROBLEM_TAGS[t]).join('、') : null;
    case 'remarks':
      return row.remarks;
  }
}

/**
 * Builds the ledger export (xlsx): a merged title row, a row with the filter and the time of the
 * export, the header row (frozen, with an auto-filter) and one row per problem; overdue rows are
 * filled red.
 *
 * Amounts (涉及金额、整改金额) are in yuan with the number format '#,##0.00'. They are written as
 * numbers so that offices can sum them, which is exact for every amount of at most 15 significant
 * digits (below 10 000 000 000 000.00 yuan): such a decimal survives the double and reads back as
 * the same string. A larger amount is written as text so that no digit is lost.
 * Dates are real Excel dates ('yyyy-mm-dd'). The headers are the import's, so the file imports
 * again to the same registrations (enterprise names resolved back to codes by the importer).
 */
export async function buildLedgerExport(rows: readonly LedgerExportRow[], meta: LedgerExportMeta): Promise<Buffer> {
  const workbook = newWorkbook();
  const ws = workbook.addWorksheet(EXPORT_SHEET_NAME);
  const columns = LEDGER_COLUMNS;
  writeLedgerFrame(ws, columns, {
    title: meta.title,
    subtitle: `筛选条件：${meta.filterDescription || '全部'}　　生成时间：${localDateTimeOf(meta.generatedAt.getTime(), DEFAULT_POLICY)}　　共 ${rows.length} 条`,
    markRequired: false,
  });
  ws.autoFilter = { from: { row: LEDGER_HEADER_ROW, column: 1 }, to: { row: LEDGER_HEADER_ROW, column: columns.length } };

  const overdueColumn = columns.findIndex((c) => c.key === 'overdue') + 1;
  rows.forEach((row, i) => {
    const sheetRow = ws.getRow(LEDGER_FIRST_DATA_ROW + i);
    columns.forEach((column, c) => {
      const cell = sheetRow.getCell(c + 1);
      cell.value = valueFor(column.key, row);
      cell.border = THIN_BORDER;
      if (row.overdue) cell.fill = OVERDUE_FILL;
    });
    if (row.overdue) sheetRow.getCell(overdueColumn).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  return workbookToBuffer(workbook);
}
