/**
 * Reads an uploaded xlsx ledger (SPEC §12) into problem registrations, naming every cell it cannot
 * read. See parseLedgerWorkbook.
 */
import {
  CONFIDENTIALITY,
  DOCUMENT_TYPES,
  PROBLEM_SOURCES,
  PROBLEM_TAGS,
  type Confidentiality,
  type DocumentType,
  type ProblemRegistration,
  type ProblemSource,
  type ProblemTag,
} from '@rectify/contracts';
import {
  LIST_SEPARATORS,
  IMPORT_COLUMNS,
  matchHeader,
  type AmountUnit,
  type ImportColumnKey,
  type LedgerColumn,
  type LedgerColumnKey,
} from './ledger-columns.js';
import {
  addMonths,
  amountFromNumber,
  amountFromText,
  dateFromCellDate,
  dateFromSerial,
  dateFromText,
  isLocalDate,
  isNoneMarker,
  quantityFromNumber,
  quantityFromText,
  type Parsed,
} from './ledger-values.js';
import { plainText, readWorkbookCells, sniffFormat, type SheetCell, type SheetCells, type WorkbookCells } from './xlsx-cells.js';
import { inputDateProblem } from '@rectify/domain';
import { workbookLimitRefusal } from './workbook-limits.js';

/** Most data rows one file may carry. */
export const LEDGER_MAX_ROWS = 5000;
export const TITLE_MAX_LENGTH = 200;
export const DESCRIPTION_MAX_LENGTH = 5000;
/** The header row is looked for among this many rows at the top of each sheet. */
export const HEADER_SCAN_ROWS = 30;
/** A row is the header when it names at least this many known columns (the most, if several do). */
const MIN_HEADER_MATCHES = 3;
/** The policy's hard limit (第八条): a deadline at most 6 months after the issue date. */
const DEFAULT_LIMIT_MONTHS = 6;

/**
 * Values for the whole file, used where a column is missing or a cell is empty — typically what
 * the upload form asks once (the document all rows come from, or the enterprise whose ledger it is).
 */
export interface LedgerImportDefaults {
  enterpriseCode: string;
  subsidiary: string;
  source: ProblemSource;
  documentType: DocumentType;
  documentNumber: string;
  issuer: string;
  /** 'YYYY-MM-DD' */
  issueDate: string;
  auditProject: string;
  category: string;
  /** Without a default, an empty 密级 cell (or a missing column) means non_confidential. */
  confidentiality: Confidentiality;
}

export interface LedgerImportOptions {
  /** The enterprise code for what the 被审计单位 cell says (a name or a code); null when unknown. */
  resolveEnterprise(text: string): string | null;
  defaults?: Partial<LedgerImportDefaults>;
  /** The policy's rectificationLimitMonths (6): a deadline may not be later than issue date + this. */
  rectificationLimitMonths?: number;
  /** The only enterprise the importing user may register for (an enterprise user's own); none for the Commission. */
  ownEnterprise?: string | null;
  /** Why an issue date cannot be (future, before the policy's earliest year), or null (libs/domain issueDateProblem). */
  issueDateProblem?: (issueDate: string) => string | null;
}

export interface LedgerImportRow {
  /** The row's number as Excel shows it (1-based). */
  rowNumber: number;
  registration: ProblemRegistration;
}

export interface LedgerImportError {
  /** The row as Excel shows it; the header row for a column problem; 0 for the file as a whole. */
  rowNumber: number;
  /** Cell address such as 'H5'; null when the error is not about one cell. */
  cell: string | null;
  /** The column's header as written in the file; null when the error is not about one column. */
  column: string | null;
  /** For the user, in Chinese, naming row, cell and column: 第5行 H5「涉及金额（万元）」：无法识别的金额 "12,3a". */
  message: string;
}

export interface LedgerImportResult {
  /** The sheet read (the first whose top rows hold a ledger header); null when none was found. */
  sheetName: string | null;
  headerRowNumber: number | null;
  /** The rows that are valid, in sheet order. */
  rows: LedgerImportRow[];
  /** Every problem found, in sheet order. */
  errors: LedgerImportError[];
}

interface MappedColumn {
  column: LedgerColumn;
  /** 1-based column index. */
  index: number;
  /** The header as the file writes it, white space collapsed. */
  header: string;
  unit: AmountUnit | null;
}

interface HeaderMatch {
  rowNumber: number;
  columns: Map<LedgerColumnKey, MappedColumn>;
  duplicates: { first: MappedColumn; again: MappedColumn }[];
}

/**
 * Parses an xlsx ledger into problem registrations.
 *
 * The sheet read is the first whose top rows ({@link HEADER_SCAN_ROWS}) contain a header row: the
 * row naming the most known columns (title rows merged above it, a subtitle row and two-row headers
 * are fine). Columns are found by header name in any order (see ledger-columns.ts for the accepted
 * names and synonyms); unknown and export-only columns are ignored. Fully empty rows, 合计/小计 rows
 * and note rows made of one merged cell are skipped. Dates may be Excel dates, serial numbers or
 * text (2026-06-30, 2026/6/30, 2026.6.30, 2026年6月30日); amounts numbers or text with thousands
 * separators and an optional 元/万元, in the unit the header names (（元） or （万元）, converted
 * exactly to yuan); formula cells count with their saved result.
 *
 * Every row is validated fully and every error is collected, each naming its row, cell and column.
 * Optional fields are always present in a registration, null (or []) when empty.
 *
 * **The caller must import nothing when `errors` is not empty**: `rows` then holds only the rows
 * that were valid on their own, for preview; the user corrects the file and uploads it again.
 *
 * Never throws for a bad file: a file that is not an xlsx, an unreadable one, a missing header, a
 * missing required column or more than {@link LEDGER_MAX_ROWS} data rows each give one error.
 * The caller should limit the upload's size before calling. A workbook over the limits of
 * workbook-limits.ts (archive sizes and ratio, rows, cells, cell length) is refused before it is
 * loaded; the load itself is in memory and CPU-bound, so a server runs this off its event loop
 * (parseLedgerWorkbookOffThread).
 */
export async function parseLedgerWorkbook(buffer: Buffer, options: LedgerImportOptions): Promise<LedgerImportResult> {
  const result: LedgerImportResult = { sheetName: null, headerRowNumber: null, rows: [], errors: [] };
  const fileError = (message: string): LedgerImportResult => {
    result.errors.push({ rowNumber: 0, cell: null, column: null, message });
    return result;
  };

  const defaults = options.defaults ?? {};
  const defaultProblems = checkDefaults(defaults);
  if (defaultProblems.length > 0) return fileError(`导入参数有误：${defaultProblems.join('；')}`);

  if (!buffer || buffer.length === 0) return fileError('文件为空，请选择要导入的 xlsx 台账文件');
  const format = sniffFormat(buffer);
  if (format === 'ole') return fileError('这是旧版 Excel（.xls）或加密的文件，请在 Excel 中另存为 .xlsx 格式（且不设密码）后再导入');
  if (format !== 'zip') return fileError('文件不是 xlsx 格式的 Excel 工作簿，请上传 .xlsx 文件');

  // Before any cell is read: the archive's declared sizes, rows, cells and cell lengths.
  const overLimit = workbookLimitRefusal(buffer, { maxDataRows: LEDGER_MAX_ROWS, otherRows: HEADER_SCAN_ROWS + 20 });
  if (overLimit) return fileError(overLimit);

  let workbook: WorkbookCells;
  try {
    workbook = readWorkbookCells(buffer);
  } catch {
    return fileError('无法读取该文件：不是有效的 xlsx 工作簿，或文件已损坏');
  }
  if (workbook.sheets.length === 0) return fileError('无法读取该文件：不是有效的 xlsx 工作簿（其中没有工作表）');

  let sheet: SheetCells | null = null;
  let header: HeaderMatch | null = null;
  for (const ws of workbook.sheets) {
    header = findHeader(ws);
    if (header) {
      sheet = ws;
      break;
    }
  }
  if (!sheet || !header) {
    return fileError(`未找到表头行：各工作表前 ${HEADER_SCAN_ROWS} 行中没有包含「序号」「问题摘要」「具体描述」等列名的行`);
  }
  result.sheetName = sheet.name;
  result.headerRowNumber = header.rowNumber;

  // The header itself: duplicated and missing columns make every row unreadable, so stop there.
  for (const { first, again } of header.duplicates) {
    result.errors.push({
      rowNumber: header.rowNumber,
      cell: cellAddress(again.index, header.rowNumber),
      column: again.header,
      message: `第${header.rowNumber}行 ${cellAddress(again.index, header.rowNumber)}「${again.header}」：与 ${cellAddress(first.index, header.rowNumber)}「${first.header}」是同一列，请只保留一列`,
    });
  }
  const missing = IMPORT_COLUMNS.filter(
    (c) =>
      !header.columns.has(c.key) &&
      (c.requirement === 'always' || (c.requirement === 'unlessDefault' && defaultFor(c.key, defaults) === undefined)),
  );
  if (missing.length > 0) {
    result.errors.push({
      rowNumber: header.rowNumber,
      cell: null,
      column: null,
      message: `第${header.rowNumber}行（表头）缺少必需的列：${missing.map((c) => `「${c.header}」`).join('')}`,
    });
  }
  if (result.errors.length > 0) return result;

  const dataRows: number[] = [];
  for (let r = header.rowNumber + 1; r <= sheet.rowCount; r++) {
    if (isDataRow(sheet, r, header)) dataRows.push(r);
  }
  if (dataRows.length > LEDGER_MAX_ROWS) {
    return fileError(`数据行过多：共 ${dataRows.length} 行，一次最多导入 ${LEDGER_MAX_ROWS} 行，请拆分为多个文件`);
  }

  const date1904 = workbook.date1904;
  const limitMonths = options.rectificationLimitMonths ?? DEFAULT_LIMIT_MONTHS;
  const firstRowOf = new Map<string, number>();
  for (const rowNumber of dataRows) {
    const reader = new RowReader(sheet, rowNumber, header, date1904, result.errors);
    const registration = readRegistration(reader, options, defaults, limitMonths);

    const documentNumber = registration?.document.number ?? reader.seen.documentNumber;
    const itemNo = registration?.itemNo ?? reader.seen.itemNo;
    if (documentNumber && itemNo) {
      const key = `${documentNumber}\u0000${itemNo}`;
      const first = firstRowOf.get(key);
      if (first === undefined) {
        firstRowOf.set(key, rowNumber);
      } else {
        reader.fail(
          header.columns.get('itemNo') ?? header.columns.get('documentNumber'),
          `与第${first}行重复：同一文号（${documentNumber}）下序号 ${itemNo} 出现了两次`,
        );
      }
    }
    reader.flush();
    if (registration && !reader.failed) result.rows.push({ rowNumber, registration });
  }
  return result;
}

function checkDefaults(defaults: Partial<LedgerImportDefaults>): string[] {
  const problems: string[] = [];
  if (defaults.issueDate !== undefined && !isLocalDate(defaults.issueDate)) {
    problems.push(`默认发文日期 "${defaults.issueDate}" 不是 YYYY-MM-DD 格式的日期`);
  }
  if (defaults.source !== undefined && !(defaults.source in PROBLEM_SOURCES)) {
    problems.push(`未知的默认问题来源 "${defaults.source}"`);
  }
  if (defaults.documentType !== undefined && !(defaults.documentType in DOCUMENT_TYPES)) {
    problems.push(`未知的默认文书类型 "${defaults.documentType}"`);
  }
  if (defaults.confidentiality !== undefined && !(defaults.confidentiality in CONFIDENTIALITY)) {
    problems.push(`未知的默认密级 "${defaults.confidentiality}"`);
  }
  return problems;
}

/** The file-wide default that stands in for a column, if the caller gave one. */
function defaultFor(key: LedgerColumnKey, defaults: Partial<LedgerImportDefaults>): string | undefined {
  switch (key) {
    case 'enterprise':
      return defaults.enterpriseCode;
    case 'subsidiary':
      return defaults.subsidiary;
    case 'source':
      return defaults.source;
    case 'documentType':
      return defaults.documentType;
    case 'documentNumber':
      return defaults.documentNumber;
    case 'issuer':
      return defaults.issuer;
    case 'issueDate':
      return defaults.issueDate;
    case 'auditProject':
      return defaults.auditProject;
    case 'category':
      return defaults.category;
    case 'confidentiality':
      return defaults.confidentiality;
    default:
      return undefined;
  }
}

function cellAddress(column: number, row: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/** A header as the file writes it; a header wrapped onto two lines reads as one ('涉及金额（万元）'). */
function headerText(cell: SheetCell): string {
  return plainText(cell.content)
    .replace(/\s*\n\s*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function findHeader(ws: SheetCells): HeaderMatch | null {
  let best: HeaderMatch | null = null;
  const last = Math.min(ws.rowCount, HEADER_SCAN_ROWS);
  for (let r = 1; r <= last; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    const columns = new Map<LedgerColumnKey, MappedColumn>();
    const duplicates: HeaderMatch['duplicates'] = [];
    const width = row.cellCount;
    for (let c = 1; c <= width; c++) {
      const text = headerText(row.getCell(c));
      if (text === '') continue;
      const match = matchHeader(text);
      if (!match) continue;
      const mapped: MappedColumn = { column: match.column, index: c, header: text, unit: match.unit };
      const first = columns.get(match.column.key);
      if (!first) {
        columns.set(match.column.key, mapped);
      } else if (first.header !== text || !row.getCell(c).isMerged) {
        // (a header merged across columns reads the same in each of them: that is one column)
        duplicates.push({ first, again: mapped });
      }
    }
    if (columns.size >= MIN_HEADER_MATCHES && (!best || columns.size > best.columns.size)) {
      best = { rowNumber: r, columns, duplicates };
    }
  }
  return best;
}

const TOTAL_ROW = /^(合\s*计|总\s*计|小\s*计)[:：]?$/;

/**
 * True for a row that records a problem: not fully empty, not a 合计/小计 line and not a note made
 * of one merged cell spanning several columns (e.g. 填报人：… at the foot of the sheet). Cells
 * merged down from the row above do not make a row non-empty.
 */
function isDataRow(ws: SheetCells, r: number, header: HeaderMatch): boolean {
  const row = ws.findRow(r);
  if (!row) return false;
  const filled: SheetCell[] = [];
  const width = row.cellCount;
  for (let c = 1; c <= width; c++) {
    const cell = row.getCell(c);
    if (cell.master === cell && cell.content.kind !== 'empty') filled.push(cell);
  }
  if (filled.length === 0) return false;
  const first = filled[0]!;
  const itemColumn = header.columns.get('itemNo');
  const firstText = plainText((itemColumn ? row.getCell(itemColumn.index) : first).content).trim();
  if (TOTAL_ROW.test(firstText) || TOTAL_ROW.test(plainText(first.content).trim())) return false;
  if (filled.length === 1 && first.isMerged) {
    let span = 0;
    for (let c = 1; c <= width; c++) if (row.getCell(c).master === first) span++;
    if (span >= 3) return false;
  }
  return true;
}

/** Reads the cells of one row, recording each problem as an error that names row, cell and column. */
class RowReader {
  failed = false;
  /** This row's errors with their column index, reported in column order by flush(). */
  private readonly pending: { index: number; error: LedgerImportError }[] = [];
  /** What was read of the identifying cells, for the duplicate check even when other cells fail. */
  readonly seen: { documentNumber?: string; itemNo?: string } = {};

  constructor(
    private readonly ws: SheetCells,
    readonly rowNumber: number,
    private readonly header: HeaderMatch,
    private readonly date1904: boolean,
    private readonly errors: LedgerImportError[],
  ) {}

  fail(mapped: MappedColumn | undefined, reason: string): undefined {
    this.failed = true;
    if (!mapped) {
      const message = `第${this.rowNumber}行：${reason}`;
      this.pending.push({ index: 0, error: { rowNumber: this.rowNumber, cell: null, column: null, message } });
      return undefined;
    }
    const cell = cellAddress(mapped.index, this.rowNumber);
    this.pending.push({
      index: mapped.index,
      error: {
        rowNumber: this.rowNumber,
        cell,
        column: mapped.header,
        message: `第${this.rowNumber}行 ${cell}「${mapped.header}」：${reason}`,
      },
    });
    return undefined;
  }

  /** Reports this row's errors, left to right. */
  flush(): void {
    this.pending.sort((a, b) => a.index - b.index);
    this.errors.push(...this.pending.map((p) => p.error));
    this.pending.length = 0;
  }

  mapped(key: ImportColumnKey): MappedColumn | undefined {
    return this.header.columns.get(key);
  }

  /**
   * The raw text of a column's cell: '' when the column is absent or the cell empty, undefined
   * (after recording the error) for an error value or a formula without a saved result.
   */
  private content(key: ImportColumnKey) {
    const mapped = this.mapped(key);
    if (!mapped) return { mapped, content: { kind: 'empty' } as const };
    const content = this.ws.findRow(this.rowNumber)?.getCell(mapped.index).content ?? ({ kind: 'empty' } as const);
    if (content.kind === 'error') return this.fail(mapped, `单元格是错误值 ${content.text}，请更正`);
    if (content.kind === 'formulaWithoutResult') {
      return this.fail(mapped, `公式 =${content.formula} 没有计算结果，请在 Excel 中打开、重新计算并保存后再导入`);
    }
    return { mapped, content };
  }

  /**
   * A text cell. Empty → `fallback` if given, else an error when required, else null.
   * Short fields have their white space collapsed; long ones keep their line breaks.
   */
  text(
    key: ImportColumnKey,
    opts: { required?: boolean; fallback?: string; maxLength?: number; multiline?: boolean } = {},
  ): string | null | undefined {
    const read = this.content(key);
    if (!read) return undefined;
    const raw = plainText(read.content).replace(/\r\n?/g, '\n');
    const text = opts.multiline ? raw.trim() : raw.replace(/\s+/g, ' ').trim();
    if (text === '') {
      if (opts.fallback !== undefined) return opts.fallback;
      if (opts.required) return this.fail(read.mapped, '必填项为空');
      return null;
    }
    if (opts.maxLength !== undefined) {
      const length = [...text].length;
      if (length > opts.maxLength) return this.fail(read.mapped, `超过 ${opts.maxLength} 字（现有 ${length} 字）`);
    }
    return text;
  }

  /** An enum cell: its Chinese label (or the key itself) → the key. */
  choice<K extends string>(
    key: ImportColumnKey,
    labels: Readonly<Record<K, string>>,
    opts: { fallback?: K; aliases?: Readonly<Record<string, K>> } = {},
  ): K | undefined {
    const text = this.text(key, { required: opts.fallback === undefined, fallback: opts.fallback });
    if (text === undefined || text === null) return undefined;
    if (text === opts.fallback) return opts.fallback;
    const wanted = text.replace(/\s/g, '');
    for (const [k, label] of Object.entries(labels) as [K, string][]) {
      if (label === wanted || k === wanted) return k;
    }
    const alias = opts.aliases?.[wanted];
    if (alias !== undefined) return alias;
    return this.fail(this.mapped(key), `无法识别的值 "${text}"，应为：${Object.values<string>(labels).join('、')}`);
  }

  /** A date cell: an Excel date, a serial number or text. */
  date(key: ImportColumnKey, opts: { required?: boolean; fallback?: string } = {}): string | null | undefined {
    const read = this.content(key);
    if (!read) return undefined;
    const { mapped, content } = read;
    let parsed: Parsed<string> | null;
    switch (content.kind) {
      case 'date':
        parsed = dateFromCellDate(content.value);
        break;
      case 'number':
        parsed = dateFromSerial(content.value, this.date1904);
        break;
      case 'text':
        parsed = content.text.trim() === '' || isNoneMarker(content.text) ? null : dateFromText(content.text, this.date1904);
        break;
      case 'boolean':
        parsed = { ok: false, reason: `无法识别的日期 "${plainText(content)}"` };
        break;
      default:
        parsed = null;
    }
    if (parsed === null) {
      if (opts.fallback !== undefined) return opts.fallback;
      return opts.required ? this.fail(mapped, '必填项为空') : null;
    }
    if (!parsed.ok) return this.fail(mapped, parsed.reason);
    const outOfRange = inputDateProblem(parsed.value);
    return outOfRange ? this.fail(mapped, outOfRange) : parsed.value;
  }

  /** An amount cell, in yuan with two decimals. */
  amount(key: ImportColumnKey): string | null | undefined {
    const read = this.content(key);
    if (!read || !read.mapped) return read ? null : undefined;
    const { mapped, content } = read;
    let parsed: Parsed<string | null>;
    switch (content.kind) {
      case 'number':
        parsed = amountFromNumber(content.value, mapped.unit);
        break;
      case 'text':
        parsed = amountFromText(content.text, mapped.unit);
        break;
      case 'empty':
        return null;
      default:
        parsed = { ok: false, reason: `无法识别的金额 "${plainText(content)}"` };
    }
    return parsed.ok ? parsed.value : this.fail(mapped, parsed.reason);
  }

  /** A quantity cell, as a plain decimal string. */
  quantity(key: ImportColumnKey): string | null | undefined {
    const read = this.content(key);
    if (!read || !read.mapped) return read ? null : undefined;
    const { mapped, content } = read;
    let parsed: Parsed<string | null>;
    switch (content.kind) {
      case 'number':
        parsed = quantityFromNumber(content.value);
        break;
      case 'text':
        parsed = quantityFromText(content.text);
        break;
      case 'empty':
        return null;
      default:
        parsed = { ok: false, reason: `无法识别的数量 "${plainText(content)}"` };
    }
    return parsed.ok ? parsed.value : this.fail(mapped, parsed.reason);
  }

  /** A list cell: values separated by 、 , ， ; ； or line breaks, without repeats. */
  list(key: ImportColumnKey): string[] | undefined {
    const text = this.text(key, { multiline: true });
    if (text === undefined) return undefined;
    if (text === null || isNoneMarker(text)) return [];
    return [...new Set(text.split(LIST_SEPARATORS).map((s) => s.trim()).filter((s) => s !== ''))];
  }
}

const CONFIDENTIALITY_ALIASES: Readonly<Record<string, Confidentiality>> = {
  是: 'confidential',
  否: 'non_confidential',
  秘密: 'confidential',
  公开: 'non_confidential',
};

/** One row → a registration, or undefined when any cell failed (the errors are recorded). */
function readRegistration(
  reader: RowReader,
  options: LedgerImportOptions,
  defaults: Partial<LedgerImportDefaults>,
  limitMonths: number,
): ProblemRegistration | undefined {
  const itemNo = reader.text('itemNo', { required: true, maxLength: 50 });
  const documentNumber = reader.text('documentNumber', { required: true, fallback: defaults.documentNumber });
  reader.seen.itemNo = itemNo ?? undefined;
  reader.seen.documentNumber = documentNumber ?? undefined;

  const auditProject = reader.text('auditProject', { fallback: defaults.auditProject });
  const enterpriseCode = readEnterprise(reader, options, defaults);
  const subsidiary = reader.text('subsidiary', { fallback: defaults.subsidiary });
  const source = reader.choice('source', PROBLEM_SOURCES, { fallback: defaults.source });
  const documentType = reader.choice('documentType', DOCUMENT_TYPES, { fallback: defaults.documentType });
  const issuer = reader.text('issuer', { required: true, fallback: defaults.issuer });
  const issueDate = readIssueDate(reader, options, defaults);
  const category = reader.text('category', { required: true, fallback: defaults.category });
  const title = reader.text('title', { required: true, maxLength: TITLE_MAX_LENGTH });
  const description = reader.text('description', { required: true, maxLength: DESCRIPTION_MAX_LENGTH, multiline: true });
  const amount = reader.amount('amount');
  const quantity = reader.quantity('quantity');
  const quantityUnit = reader.text('quantityUnit');
  const legalBasis = reader.text('legalBasis', { multiline: true });
  const recommendation = reader.text('recommendation', { multiline: true });
  const departments = reader.list('departments');
  const responsiblePersons = reader.list('responsiblePersons');
  const deadline = reader.date('deadline');
  const confidentiality = reader.choice('confidentiality', CONFIDENTIALITY, {
    fallback: defaults.confidentiality ?? 'non_confidential',
    aliases: CONFIDENTIALITY_ALIASES,
  });
  const tags = readTags(reader);

  if (quantityUnit && quantity === null) reader.fail(reader.mapped('quantity'), '填写了数量单位但未填写数量');
  if (departments && responsiblePersons && departments.length === 0 && responsiblePersons.length > 0) {
    reader.fail(reader.mapped('departments'), '填写了责任人但未填写责任部门');
  }
  if (deadline && issueDate) {
    const latest = addMonths(issueDate, limitMonths);
    if (deadline < issueDate) {
      reader.fail(reader.mapped('deadline'), `整改时限 ${deadline} 早于发文日期 ${issueDate}`);
    } else if (deadline > latest) {
      reader.fail(
        reader.mapped('deadline'),
        `整改时限 ${deadline} 晚于发文日期后 ${limitMonths} 个月（最迟 ${latest}）；延长整改时限须另行报批`,
      );
    }
  }

  if (
    reader.failed ||
    itemNo == null ||
    documentNumber == null ||
    enterpriseCode === undefined ||
    source === undefined ||
    documentType === undefined ||
    issuer == null ||
    issueDate == null ||
    category == null ||
    title == null ||
    description == null ||
    amount === undefined ||
    quantity === undefined ||
    quantityUnit === undefined ||
    auditProject === undefined ||
    subsidiary === undefined ||
    legalBasis === undefined ||
    recommendation === undefined ||
    departments === undefined ||
    responsiblePersons === undefined ||
    deadline === undefined ||
    confidentiality === undefined ||
    tags === undefined
  ) {
    return undefined;
  }

  const [leadDepartment, ...cooperatingDepartments] = departments;
  return {
    enterpriseCode,
    subsidiary,
    source,
    document: { type: documentType, number: documentNumber, issuer, issueDate },
    itemNo,
    auditProject,
    title,
    description,
    category,
    amount,
    quantity,
    quantityUnit,
    legalBasis,
    recommendation,
    confidentiality,
    tags,
    deadline,
    responsibility: leadDepartment ? { leadDepartment, cooperatingDepartments, responsiblePersons } : null,
  };
}

function readEnterprise(
  reader: RowReader,
  options: LedgerImportOptions,
  defaults: Partial<LedgerImportDefaults>,
): string | undefined {
  const text = reader.text('enterprise');
  if (text === undefined) return undefined;
  if (text === null) {
    return defaults.enterpriseCode ?? reader.fail(reader.mapped('enterprise'), '必填项为空');
  }
  const code = options.resolveEnterprise(text);
  if (code === null) return reader.fail(reader.mapped('enterprise'), `系统中没有名称或代码为 "${text}" 的企业`);
  if (options.ownEnterprise && code !== options.ownEnterprise) {
    return reader.fail(reader.mapped('enterprise'), `只能为本企业登记问题，"${text}" 不是本企业`);
  }
  return code;
}

/** The issue date, refused in the future and before the policy's earliest year (options.issueDateProblem). */
function readIssueDate(reader: RowReader, options: LedgerImportOptions, defaults: Partial<LedgerImportDefaults>): string | null | undefined {
  const issueDate = reader.date('issueDate', { required: true, fallback: defaults.issueDate });
  if (!issueDate) return issueDate;
  const problem = options.issueDateProblem?.(issueDate) ?? null;
  return problem ? reader.fail(reader.mapped('issueDate'), problem) : issueDate;
}

function readTags(reader: RowReader): ProblemTag[] | undefined {
  const labels = reader.list('tags');
  if (labels === undefined) return undefined;
  const tags: ProblemTag[] = [];
  const unknown: string[] = [];
  for (const label of labels) {
    const tag = (Object.entries(PROBLEM_TAGS) as [ProblemTag, string][]).find(([k, l]) => l === label || k === label)?.[0];
    if (tag) {
      if (!tags.includes(tag)) tags.push(tag);
    } else {
      unknown.push(label);
    }
  }
  if (unknown.length > 0) {
    return reader.fail(
      reader.mapped('tags'),
      `无法识别的标签 ${unknown.map((u) => `"${u}"`).join('、')}，应为：${Object.values(PROBLEM_TAGS).join('、')}`,
    );
  }
  return tags;
}
