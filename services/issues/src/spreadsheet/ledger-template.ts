/**
 * The downloadable ledger template: the import's columns with a worked example row, drop-down lists
 * for the fixed vocabularies, and a 填写说明 sheet explaining each column.
 */
import { CONFIDENTIALITY, DOCUMENT_TYPES, PROBLEM_SOURCES } from '@rectify/contracts';
import { IMPORT_COLUMNS, LEDGER_COLUMNS, type ImportColumnKey, type LedgerColumn } from './ledger-columns.js';
import { LEDGER_MAX_ROWS, TITLE_MAX_LENGTH, DESCRIPTION_MAX_LENGTH } from './ledger-import.js';
import { LEDGER_FIRST_DATA_ROW, headerLabel, writeLedgerFrame } from './ledger-layout.js';
import { amountCellValue, cellDateOf } from './ledger-values.js';
import { HEADER_FILL, THIN_BORDER, dataValidations, newWorkbook, workbookToBuffer, type Worksheet } from './xlsx.js';

export const TEMPLATE_SHEET_NAME = '整改台账';
export const TEMPLATE_GUIDE_SHEET_NAME = '填写说明';

/** The example row's values as written (dates as 'YYYY-MM-DD', the amount in yuan). */
export const TEMPLATE_EXAMPLE: Readonly<Record<ImportColumnKey, string>> = Object.freeze({
  itemNo: '1',
  documentNumber: '市审投决〔2026〕12号',
  auditProject: '示例集团有限公司2025年度财务收支审计',
  enterprise: '示例集团有限公司',
  subsidiary: '示例建设工程有限公司',
  source: PROBLEM_SOURCES.routine_audit,
  documentType: DOCUMENT_TYPES.decision,
  issuer: '市审计局',
  issueDate: '2026-03-16',
  category: '财务管理',
  title: '在管理费用中列支应由个人负担的费用',
  description:
    '2025年，示例建设工程有限公司在管理费用中列支应由个人负担的通讯费、交通费等共计123,456.78元，' +
    '不符合企业财务管理规定。',
  amount: '123456.78',
  quantity: '',
  quantityUnit: '',
  legalBasis: '《企业财务通则》第四十六条',
  recommendation: '追回应由个人负担的费用，完善费用报销审批制度。',
  departments: '财务部、综合办公室',
  responsiblePersons: '张三、李四',
  deadline: '2026-09-16',
  confidentiality: CONFIDENTIALITY.non_confidential,
  tags: '',
});

function validationList(labels: readonly string[], title: string): {
  type: 'list';
  allowBlank: true;
  formulae: string[];
  showErrorMessage: true;
  errorStyle: 'stop';
  errorTitle: string;
  error: string;
} {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${labels.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: title,
    error: `请从下拉列表中选择：${labels.join('、')}`,
  };
}

function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function requirementText(column: LedgerColumn): string {
  switch (column.requirement) {
    case 'always':
      return '必填';
    case 'unlessDefault':
      return '必填（导入时已统一指定的可不填）';
    case 'optional':
      return '选填';
    case 'exportOnly':
      return '仅导出';
  }
}

/** Builds the template workbook (xlsx) offices download, fill in and import. */
export async function buildLedgerTemplate(): Promise<Buffer> {
  const workbook = newWorkbook();
  const ws = workbook.addWorksheet(TEMPLATE_SHEET_NAME);
  const columns = IMPORT_COLUMNS;
  writeLedgerFrame(ws, columns, {
    title: '审计整改问题台账',
    subtitle:
      '填写说明：带 * 的列为必填；第4行为填写示例，导入前请删除；金额单位见列标题（也可将列标题改为“涉及金额（万元）”）；' +
      '日期可填写 2026-06-30、2026/6/30 或 2026年6月30日。各列要求详见“填写说明”工作表。',
    markRequired: true,
  });

  const example = ws.getRow(LEDGER_FIRST_DATA_ROW);
  columns.forEach((column, i) => {
    const cell = example.getCell(i + 1);
    const value = TEMPLATE_EXAMPLE[column.key as ImportColumnKey];
    if (value === '') return;
    if (column.kind === 'date') {
      cell.value = cellDateOf(value);
    } else if (column.kind === 'amount') {
      cell.value = amountCellValue(value);
    } else {
      cell.value = value;
    }
    cell.font = { italic: true, color: { argb: 'FF7F7F7F' } };
    cell.border = THIN_BORDER;
  });

  // Drop-down lists for the fixed vocabularies, over every row an import may carry.
  const lastRow = LEDGER_FIRST_DATA_ROW + LEDGER_MAX_ROWS - 1;
  columns.forEach((column, i) => {
    if (column.key === 'source' || column.key === 'documentType' || column.key === 'confidentiality') {
      const letter = columnLetter(i + 1);
      dataValidations(ws).add(
        `${letter}${LEDGER_FIRST_DATA_ROW}:${letter}${lastRow}`,
        validationList(column.labels ?? [], column.header),
      );
    }
  });

  writeGuide(workbook.addWorksheet(TEMPLATE_GUIDE_SHEET_NAME));
  return workbookToBuffer(workbook);
}

function writeGuide(ws: Worksheet): void {
  ws.columns = [{ width: 28 }, { width: 26 }, { width: 90 }];
  ws.mergeCells(1, 1, 1, 3);
  const title = ws.getCell(1, 1);
  title.value = '审计整改问题台账填写说明';
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };

  const notes = [
    '1. 一行登记一个问题；请勿修改“整改台账”工作表表头的列名，列的顺序可以调整，多余的列导入时忽略。',
    '2. 第4行为填写示例，导入前请删除；空行自动跳过。',
    `3. 一次最多导入 ${LEDGER_MAX_ROWS} 行；问题摘要不超过 ${TITLE_MAX_LENGTH} 字，具体描述不超过 ${DESCRIPTION_MAX_LENGTH} 字。`,
    '4. 同一文号下的序号不得重复；文号和序号共同确定一个问题。',
    '5. 任何一个单元格有误时整个文件都不会导入，系统会列出每个有误单元格的位置和原因，请改正后重新上传。',
  ];
  notes.forEach((note, i) => {
    ws.mergeCells(2 + i, 1, 2 + i, 3);
    const cell = ws.getCell(2 + i, 1);
    cell.value = note;
    cell.alignment = { wrapText: true, vertical: 'top' };
  });

  const tableTop = 2 + notes.length + 1;
  const header = ws.getRow(tableTop);
  ['列名', '是否必填', '填写要求'].forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN_BORDER;
  });
  const listed = [...IMPORT_COLUMNS, ...LEDGER_COLUMNS.filter((c) => c.requirement === 'exportOnly')];
  listed.forEach((column, i) => {
    const row = ws.getRow(tableTop + 1 + i);
    const synonyms = column.names.filter((n) => n !== column.header && `${n}（元）` !== column.header);
    row.getCell(1).value = headerLabel(column, true);
    row.getCell(2).value = requirementText(column);
    row.getCell(3).value = synonyms.length > 0 ? `${column.hint}\n也可使用列名：${synonyms.join('、')}` : column.hint;
    for (let c = 1; c <= 3; c++) {
      row.getCell(c).border = THIN_BORDER;
      row.getCell(c).alignment = { wrapText: true, vertical: 'top' };
    }
  });
}
