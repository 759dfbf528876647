/**
 * The problem ledger's shared vocabulary (SPEC §2–§4): what a problem records, its stages and
 * outcomes. Dates are calendar dates 'YYYY-MM-DD' in Asia/Shanghai; amounts are exact decimal
 * strings in yuan ('1234567.89'), never floating-point numbers.
 */

/** Where a problem comes from (SPEC §2). */
export const PROBLEM_SOURCES = {
  routine_audit: '审计机关日常审计',
  special_audit_investigation: '专项审计调查',
  major_asset_loss_investigation: '重大资产损失调查',
  transferred_matter: '移送事项处置',
  clue_verification: '问题线索核查',
  supervision_project: '督办发现单独立项',
} as const;
export type ProblemSource = keyof typeof PROBLEM_SOURCES;

/** Kinds of document that issue problems; the issue date starts the clock. */
export const DOCUMENT_TYPES = {
  decision: '审计决定书',
  opinion: '审计意见书',
  recommendation: '审计建议书',
  rectification_notice: '整改通知书',
  investigation_report: '调查报告',
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

export const CONFIDENTIALITY = { confidential: '涉密', non_confidential: '非涉密' } as const;
export type Confidentiality = keyof typeof CONFIDENTIALITY;

/** Routing tags (SPEC §2, §9). */
export const PROBLEM_TAGS = {
  personnel_violation: '人员违纪违法',
  inflated_performance: '虚增业绩',
  major_asset_loss_risk: '重大国有资产损失风险',
} as const;
export type ProblemTag = keyof typeof PROBLEM_TAGS;

/** The source document of a problem. */
export interface SourceDocument {
  type: DocumentType;
  /** 文号, e.g. 市审投决〔2026〕12号 */
  number: string;
  issuer: string;
  /** 'YYYY-MM-DD' */
  issueDate: string;
}

export interface ResponsibilityAssignment {
  leadDepartment: string;
  cooperatingDepartments: string[];
  responsiblePersons: string[];
}

/** What registering one problem takes (API body, spreadsheet row, and the workflow's input). */
export interface ProblemRegistration {
  enterpriseCode: string;
  subsidiary?: string | null;
  source: ProblemSource;
  document: SourceDocument;
  /** The item's number within its document; with the document number it identifies the problem. */
  itemNo: string;
  auditProject?: string | null;
  title: string;
  description: string;
  category: string;
  /** Yuan, exact decimal string with at most two decimals. */
  amount?: string | null;
  quantity?: string | null;
  quantityUnit?: string | null;
  legalBasis?: string | null;
  recommendation?: string | null;
  confidentiality: Confidentiality;
  tags: ProblemTag[];
  /** 'YYYY-MM-DD'; defaults to issue date + the policy's limit and may not be later. */
  deadline?: string | null;
  responsibility?: ResponsibilityAssignment | null;
  /** The problem this one was found from (e.g. a separate project's origin); must be visible to the registrant. */
  originLedgerNo?: string | null;
  /** The approved separate project (单独立项) whose work revealed this problem. */
  separateProjectId?: string | null;
}
