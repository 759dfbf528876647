/**
 * The spreadsheet ledger's columns as data (SPEC §2, §12): which Chinese headers audit teams write
 * for each field of a ProblemRegistration, which are required, and how the template, the import and
 * the export name, size and explain them. The import, the template and the export all read this one
 * table, so an exported ledger can be imported again.
 */
import { CONFIDENTIALITY, DOCUMENT_TYPES, PROBLEM_SOURCES, PROBLEM_TAGS } from '@rectify/contracts';

/** Columns the import reads into a ProblemRegistration. */
export type ImportColumnKey =
  | 'itemNo'
  | 'documentNumber'
  | 'auditProject'
  | 'enterprise'
  | 'subsidiary'
  | 'source'
  | 'documentType'
  | 'issuer'
  | 'issueDate'
  | 'category'
  | 'title'
  | 'description'
  | 'amount'
  | 'quantity'
  | 'quantityUnit'
  | 'legalBasis'
  | 'recommendation'
  | 'departments'
  | 'responsiblePersons'
  | 'deadline'
  | 'confidentiality'
  | 'tags';

/** Columns only the export writes; the import recognises and ignores them. */
export type ExportOnlyColumnKey =
  | 'ledgerNo'
  | 'measures'
  | 'progress'
  | 'outcome'
  | 'correctedAmount'
  | 'evidence'
  | 'stage'
  | 'overdue'
  | 'remarks';

export type LedgerColumnKey = ImportColumnKey | ExportOnlyColumnKey;

/** How a cell's value is read and written. */
export type LedgerValueKind =
  | 'text'
  | 'longText'
  | 'date'
  /** Money; the header says the unit: （元） or （万元）. */
  | 'amount'
  | 'decimal'
  | 'enum'
  /** Several values separated by 、 , ， ; ； or line breaks. */
  | 'list';

/**
 * - `always`: the column must be present and every row must fill it;
 * - `unlessDefault`: as `always`, unless the caller supplies a default for the whole file
 *   (see LedgerImportDefaults), which then fills missing columns and empty cells;
 * - `optional`: may be absent or empty;
 * - `exportOnly`: written by the export, ignored by the import.
 */
export type LedgerRequirement = 'always' | 'unlessDefault' | 'optional' | 'exportOnly';

export interface LedgerColumn {
  key: LedgerColumnKey;
  /** The header the template and the export write (amount headers include the unit). */
  header: string;
  /**
   * Headers accepted on import, compared after normalisation (see normaliseHeader): without spaces,
   * line breaks, required-markers (*) or the unit in parentheses.
   */
  names: readonly string[];
  /** Where the value goes: a path in ProblemRegistration, or what an export-only column shows. */
  field: string;
  kind: LedgerValueKind;
  requirement: LedgerRequirement;
  /** Accepted labels, for enum and list columns. */
  labels?: readonly string[];
  /** Column width in the template and the export (characters). */
  width: number;
  /** Explanation for the template's 填写说明 sheet. */
  hint: string;
}

/** Unit of an amount column, from its header: （元） or （万元）. */
export type AmountUnit = 'yuan' | 'wan';

export const AMOUNT_UNIT_LABELS: Record<AmountUnit, string> = { yuan: '元', wan: '万元' };

/** The outcome labels offices write in 整改状态 (SPEC §12); 持续整改 = ongoing, reported monthly. */
export const LEDGER_OUTCOME_LABELS = ['已整改', '部分整改', '未整改', '持续整改'] as const;
export type LedgerOutcomeLabel = (typeof LEDGER_OUTCOME_LABELS)[number];

/** Separators between several values in one cell (departments, persons, tags). */
export const LIST_SEPARATORS = /[、,，;；\n]+/;

/** Cell values that mean "nothing here" in an optional cell. */
export const NONE_MARKERS: readonly string[] = ['/', '-', '—', '——', '无', '不涉及', '—/—'];

const SOURCE_LABELS = Object.values(PROBLEM_SOURCES);
const DOCUMENT_TYPE_LABELS = Object.values(DOCUMENT_TYPES);
const CONFIDENTIALITY_LABELS = Object.values(CONFIDENTIALITY);
const TAG_LABELS = Object.values(PROBLEM_TAGS);

/** Every column, in the order the template and the export write them (SPEC §12's order). */
export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  {
    key: 'ledgerNo',
    header: '台账编号',
    names: ['台账编号', '问题编号（系统）'],
    field: '台账编号（系统生成）',
    kind: 'text',
    requirement: 'exportOnly',
    width: 18,
    hint: '系统生成的台账编号，导出时填写；导入时忽略。',
  },
  {
    key: 'itemNo',
    header: '序号',
    names: ['序号', '问题序号', '事项序号', '问题项序号'],
    field: 'itemNo',
    kind: 'text',
    requirement: 'always',
    width: 8,
    hint: '该问题在文书中的序号（如 1、2、（一））。同一文号下的序号不得重复。',
  },
  {
    key: 'documentNumber',
    header: '整改通知书/审计决定书文号',
    names: [
      '整改通知书/审计决定书文号',
      '审计决定书/整改通知书文号',
      '整改通知书文号',
      '审计决定书文号',
      '决定书文号',
      '文书文号',
      '审计文书文号',
      '发文文号',
      '文号',
    ],
    field: 'document.number',
    kind: 'text',
    requirement: 'unlessDefault',
    width: 24,
    hint: '出具问题的决定、意见、建议或整改通知书的文号，如 市审投决〔2026〕12号。',
  },
  {
    key: 'auditProject',
    header: '审计项目名称',
    names: ['审计项目名称', '审计项目', '项目名称'],
    field: 'auditProject',
    kind: 'text',
    requirement: 'optional',
    width: 24,
    hint: '审计项目的名称，可不填。',
  },
  {
    key: 'enterprise',
    header: '被审计单位',
    names: ['被审计单位', '被审计单位名称', '被审计企业', '企业名称', '所属企业'],
    field: 'enterpriseCode',
    kind: 'text',
    requirement: 'unlessDefault',
    width: 22,
    hint: '市管（委管）企业的名称或企业代码，须与系统中登记的一致。',
  },
  {
    key: 'subsidiary',
    header: '所属子企业',
    names: ['所属子企业', '子企业', '子企业名称', '所属二级企业'],
    field: 'subsidiary',
    kind: 'text',
    requirement: 'optional',
    width: 18,
    hint: '问题发生在下属子企业时填写其名称，可不填。',
  },
  {
    key: 'source',
    header: '问题来源',
    names: ['问题来源', '来源'],
    field: 'source',
    kind: 'enum',
    labels: SOURCE_LABELS,
    requirement: 'unlessDefault',
    width: 18,
    hint: `从下拉列表选择：${SOURCE_LABELS.join('、')}。`,
  },
  {
    key: 'documentType',
    header: '文书类型',
    names: ['文书类型', '文书种类'],
    field: 'document.type',
    kind: 'enum',
    labels: DOCUMENT_TYPE_LABELS,
    requirement: 'unlessDefault',
    width: 14,
    hint: `从下拉列表选择：${DOCUMENT_TYPE_LABELS.join('、')}。`,
  },
  {
    key: 'issuer',
    header: '发文机关',
    names: ['发文机关', '发文单位', '出具单位', '出具机关'],
    field: 'document.issuer',
    kind: 'text',
    requirement: 'unlessDefault',
    width: 18,
    hint: '出具文书的机关或单位，如 市审计局。',
  },
  {
    key: 'issueDate',
    header: '发文日期',
    names: ['发文日期', '出具日期', '印发日期', '下达日期'],
    field: 'document.issueDate',
    kind: 'date',
    requirement: 'unlessDefault',
    width: 13,
    hint: '文书的下达日期，整改期限自该日起算。可填写 Excel 日期或 2026-06-30、2026/6/30、2026年6月30日。',
  },
  {
    key: 'category',
    header: '问题类别',
    names: ['问题类别', '问题类型', '问题分类'],
    field: 'category',
    kind: 'text',
    requirement: 'unlessDefault',
    width: 14,
    hint: '问题的类别，如 财务管理、投资管理、选人用人。',
  },
  {
    key: 'title',
    header: '问题摘要',
    names: ['问题摘要', '问题标题', '问题名称', '问题概述'],
    field: 'title',
    kind: 'text',
    requirement: 'always',
    width: 30,
    hint: '一句话概括问题，不超过 200 字。',
  },
  {
    key: 'description',
    header: '具体描述',
    names: ['具体描述', '问题描述', '问题具体描述', '具体问题描述', '问题详情', '问题具体情况'],
    field: 'description',
    kind: 'longText',
    requirement: 'always',
    width: 50,
    hint: '问题的具体情况，不超过 5000 字。',
  },
  {
    key: 'amount',
    header: '涉及金额（元）',
    names: ['涉及金额', '问题金额', '涉及问题金额', '金额'],
    field: 'amount',
    kind: 'amount',
    requirement: 'optional',
    width: 18,
    hint:
      '问题涉及的金额。列标题须注明单位：“涉及金额（元）”或“涉及金额（万元）”，万元金额将精确换算为元；' +
      '换算为元后最多两位小数。可填写数字或 1,234,567.89 这样带千分位的文本；不涉及金额时留空。',
  },
  {
    key: 'quantity',
    header: '涉及数量',
    names: ['涉及数量', '问题数量', '数量'],
    field: 'quantity',
    kind: 'decimal',
    requirement: 'optional',
    width: 10,
    hint: '问题涉及的数量（如土地面积、人数），可不填。',
  },
  {
    key: 'quantityUnit',
    header: '数量单位',
    names: ['数量单位', '计量单位'],
    field: 'quantityUnit',
    kind: 'text',
    requirement: 'optional',
    width: 10,
    hint: '涉及数量的单位，如 平方米、人。',
  },
  {
    key: 'legalBasis',
    header: '问题定性依据',
    names: ['问题定性依据', '定性依据', '法规依据', '法律法规依据'],
    field: 'legalBasis',
    kind: 'longText',
    requirement: 'optional',
    width: 30,
    hint: '问题定性所依据的法律法规或制度条款，可不填。',
  },
  {
    key: 'recommendation',
    header: '审计建议',
    names: ['审计建议', '审计意见', '审计意见及建议', '审计处理意见'],
    field: 'recommendation',
    kind: 'longText',
    requirement: 'optional',
    width: 30,
    hint: '审计提出的处理意见或建议，可不填。',
  },
  {
    key: 'measures',
    header: '整改措施',
    names: ['整改措施', '拟采取的整改措施'],
    field: '整改方案中的措施',
    kind: 'longText',
    requirement: 'exportOnly',
    width: 30,
    hint: '整改方案中的措施，导出时填写；导入时忽略。',
  },
  {
    key: 'departments',
    header: '责任部门',
    names: ['责任部门', '整改责任部门', '责任单位'],
    field: 'responsibility.leadDepartment / cooperatingDepartments',
    kind: 'list',
    requirement: 'optional',
    width: 18,
    hint: '负责整改的业务部门。多个部门用“、”或“,”分隔，第一个为牵头部门，其余为配合部门。',
  },
  {
    key: 'responsiblePersons',
    header: '责任人',
    names: ['责任人', '整改责任人'],
    field: 'responsibility.responsiblePersons',
    kind: 'list',
    requirement: 'optional',
    width: 14,
    hint: '整改责任人，多人用“、”或“,”分隔。填写责任人时须同时填写责任部门。',
  },
  {
    key: 'deadline',
    header: '整改时限',
    names: ['整改时限', '整改期限', '整改完成时限', '完成时限', '整改截止日期'],
    field: 'deadline',
    kind: 'date',
    requirement: 'optional',
    width: 13,
    hint: '文书规定的整改完成日期，不得早于发文日期，也不得晚于发文日期后 6 个月；留空则按发文日期后 6 个月。',
  },
  {
    key: 'progress',
    header: '整改进展',
    names: ['整改进展', '整改进展情况'],
    field: '最新整改进展',
    kind: 'longText',
    requirement: 'exportOnly',
    width: 30,
    hint: '最新的整改进展，导出时填写；导入时忽略。',
  },
  {
    key: 'outcome',
    header: '整改状态',
    names: ['整改状态', '整改结果'],
    field: '整改结果认定',
    kind: 'enum',
    labels: LEDGER_OUTCOME_LABELS,
    requirement: 'exportOnly',
    width: 10,
    hint: `${LEDGER_OUTCOME_LABELS.join(' / ')}，导出时填写；导入时忽略。`,
  },
  {
    key: 'correctedAmount',
    header: '整改金额（元）',
    names: ['整改金额', '已整改金额'],
    field: '已整改金额',
    kind: 'amount',
    requirement: 'exportOnly',
    width: 18,
    hint: '已整改（调整、纠正）的金额，导出时填写；导入时忽略。',
  },
  {
    key: 'evidence',
    header: '证明材料',
    names: ['证明材料', '佐证材料', '整改证明材料'],
    field: '证明材料清单',
    kind: 'list',
    requirement: 'exportOnly',
    width: 24,
    hint: '已上传的证明材料清单，导出时填写；导入时忽略。',
  },
  {
    key: 'stage',
    header: '当前阶段',
    names: ['当前阶段', '所处阶段'],
    field: '问题所处的整改阶段',
    kind: 'text',
    requirement: 'exportOnly',
    width: 12,
    hint: '问题当前所处的阶段（问题挂号至问题销号），导出时填写；导入时忽略。',
  },
  {
    key: 'overdue',
    header: '是否逾期',
    names: ['是否逾期', '逾期'],
    field: '是否逾期',
    kind: 'text',
    requirement: 'exportOnly',
    width: 10,
    hint: '到期未整改完毕为“是”，导出时填写；导入时忽略。',
  },
  {
    key: 'confidentiality',
    header: '密级',
    names: ['密级', '是否涉密'],
    field: 'confidentiality',
    kind: 'enum',
    labels: CONFIDENTIALITY_LABELS,
    requirement: 'optional',
    width: 10,
    hint: '涉密 或 非涉密（“是否涉密”列也可填 是/否）；留空为非涉密。涉密问题仅限监督处等有权人员查看。',
  },
  {
    key: 'tags',
    header: '标签',
    names: ['标签', '问题标签'],
    field: 'tags',
    kind: 'list',
    labels: TAG_LABELS,
    requirement: 'optional',
    width: 20,
    hint: `可填写多个，用“、”或“,”分隔：${TAG_LABELS.join('、')}。标签决定问题推送给干部管理、纪检组或业绩考核部门。`,
  },
  {
    key: 'remarks',
    header: '备注',
    names: ['备注', '说明'],
    field: '备注',
    kind: 'longText',
    requirement: 'exportOnly',
    width: 20,
    hint: '备注，导出时填写；导入时忽略。',
  },
];

/** Columns the import reads, in template order. */
export const IMPORT_COLUMNS: readonly LedgerColumn[] = LEDGER_COLUMNS.filter((c) => c.requirement !== 'exportOnly');

export function ledgerColumn(key: LedgerColumnKey): LedgerColumn {
  const column = LEDGER_COLUMNS.find((c) => c.key === key);
  if (!column) throw new Error(`Unknown ledger column ${key}`);
  return column;
}

export interface NormalisedHeader {
  /** The header without spaces, required-markers or unit, parentheses made half-width. */
  name: string;
  /** The amount unit the header names, if any. */
  unit: AmountUnit | null;
}

const UNIT_IN_HEADER = /\((?:单位[:：])?(万元|万|元|人民币元)\)|\/(万元|元)$/;

/**
 * Normalises a header cell's text for matching: drops all white space (headers often wrap onto
 * two lines) and required-markers (*), makes parentheses half-width, and takes out the amount unit:
 * '涉及金额\n（万元）' → { name: '涉及金额', unit: 'wan' }.
 */
export function normaliseHeader(text: string): NormalisedHeader {
  let name = text
    .replace(/\s+/g, '')
    .replace(/[*＊]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/：/g, ':');
  let unit: AmountUnit | null = null;
  const match = UNIT_IN_HEADER.exec(name);
  if (match) {
    const word = match[1] ?? match[2];
    unit = word === '万元' || word === '万' ? 'wan' : 'yuan';
    name = name.slice(0, match.index) + name.slice(match.index + match[0].length);
  }
  return { name, unit };
}

const COLUMN_BY_NAME = new Map<string, LedgerColumn>();
for (const column of LEDGER_COLUMNS) {
  for (const name of column.names) {
    const key = normaliseHeader(name).name;
    if (COLUMN_BY_NAME.has(key)) throw new Error(`Ledger header ${name} is claimed twice`);
    COLUMN_BY_NAME.set(key, column);
  }
}

/** The column a header names, with the unit it states; null for a header the ledger does not know. */
export function matchHeader(text: string): { column: LedgerColumn; unit: AmountUnit | null } | null {
  const { name, unit } = normaliseHeader(text);
  const column = COLUMN_BY_NAME.get(name);
  return column ? { column, unit } : null;
}
