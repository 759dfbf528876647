import { download, get, post, query, upload } from './client.js';
import type { CaseRow, EvidenceFile, ImportResult, LedgerPage, ProblemDetail } from './types.js';
import type { Page, PageRequest } from '@rectify/contracts';

/** The ledger's filters, sorting and paging (GET /api/issues/problems). */
export interface LedgerFilter {
  enterpriseCode?: string;
  source?: string;
  stage?: string;
  outcome?: string;
  overdue?: boolean;
  deadlineFrom?: string;
  deadlineTo?: string;
  confidentiality?: string;
  tag?: string;
  q?: string;
  sort?: 'registeredAt' | 'deadline' | 'ledgerNo' | 'amount';
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

const base = '/api/issues';
const problem = (n: string) => `${base}/problems/${encodeURIComponent(n)}`;

export const issuesApi = {
  ledger: (f: LedgerFilter) => get<LedgerPage>(`${base}/problems${query({ ...f })}`),
  problem: (n: string) => get<ProblemDetail>(problem(n)),
  register: (body: unknown) => post<{ created: boolean; problem: ProblemDetail }>(`${base}/problems`, body),
  /** One stage action: `path` is the route under the problem (responsibility, plan, plan/approvals, …). */
  act: (n: string, path: string, body: unknown) => post<ProblemDetail>(`${problem(n)}/${path}`, body),
  evidence: (n: string) => get<EvidenceFile[]>(`${problem(n)}/evidence`),
  uploadEvidence: (n: string, file: File) => upload<EvidenceFile>(`${problem(n)}/evidence`, file),
  downloadEvidence: (n: string, f: EvidenceFile) => download(`${problem(n)}/evidence/${f.id}`, f.fileName),
  cases: (p: PageRequest = {}) => get<Page<CaseRow>>(`${base}/accountability-cases${query({ ...p })}`),
  importLedger: (file: File, defaults: Record<string, string | undefined>) => upload<ImportResult>(`${base}/ledger/import`, file, defaults),
  exportLedger: (f: LedgerFilter) => {
    const { page: _p, pageSize: _s, sort: _o, order: _d, ...filters } = f;
    return download(`${base}/ledger/export.xlsx${query({ ...filters })}`, '审计整改台账.xlsx');
  },
  template: () => download(`${base}/ledger/template.xlsx`, '审计整改台账模板.xlsx'),
  /** Transfers to discipline inspection waiting for 纪检组's decision (oldest first). */
  pendingTransfers: () => get<PendingTransfers>(`${base}/discipline-transfers?status=pending&pageSize=100`),
};

export interface PendingTransfers {
  total: number;
  items: { id: string; ledgerNo: string; title: string; enterpriseCode: string; transferredBy: string; transferredAt: string }[];
}
