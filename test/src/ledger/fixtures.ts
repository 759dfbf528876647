import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { problemWorkflowId } from '@rectify/contracts';
import { api, db, login, stack, temporal } from '../harness/index.js';

/** A registration body with a document number no other test uses. */
export function registration(overrides: Record<string, unknown> = {}) {
  const unique = randomUUID().slice(0, 8);
  return {
    enterpriseCode: 'E001',
    source: 'routine_audit',
    document: { type: 'decision', number: `测试审决〔2026〕${unique}号`, issuer: '市审计局', issueDate: '2026-10-15' },
    itemNo: '1',
    title: '违规发放交通补贴',
    description: '2025 年度违规向职工发放交通补贴，未履行决策程序。',
    category: '财务管理',
    amount: '1000000.00',
    confidentiality: 'non_confidential',
    tags: [],
    ...overrides,
  };
}

export async function register(as: string, overrides: Record<string, unknown> = {}) {
  const res = await api('POST', '/api/issues/problems', { token: await login(as), body: registration(overrides) });
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.problem as { ledgerNo: string; id: string; stage: string };
}

/** POST a stage action on a problem as `as`. */
export async function act(as: string, ledgerNo: string, path: string, body: unknown) {
  return api('POST', `/api/issues/problems/${ledgerNo}/${path}`, { token: await login(as), body });
}

export const approval = (body: 'party_committee' | 'board') => ({
  body,
  meeting: body === 'board' ? '2026年第8次董事会' : '2026年第9次党委会',
  meetingDate: '2026-11-20',
  resolutionNo: `${body === 'board' ? '董决' : '党决'}〔2026〕18号`,
});

/** POST a multipart form with one file, as the console's upload does. */
export async function upload(path: string, token: string, file: { name: string; type: string; content: Buffer }, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([file.content], { type: file.type }), file.name);
  const res = await fetch(`${stack().urls.gateway}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response bodies loosely
  return { status: res.status, body: (await res.json()) as any };
}

/** A ledger as offices keep it: a merged title row, a header row, then one row per problem (序号 first, the document number added). */
export async function ledgerWorkbook(docNumber: string, rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.mergeCells('A1:J1');
  ws.getCell('A1').value = '市城市建设投资集团有限公司审计整改台账';
  ws.addRow([]);
  ws.getRow(2).values = ['序号', '整改通知书/审计决定书文号', '被审计单位', '问题类别', '问题摘要', '具体描述', '涉及金额（万元）', '整改时限', '责任部门', '责任人'];
  rows.forEach((r, i) => (ws.getRow(3 + i).values = [r[0]!, docNumber, ...r.slice(1)]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const IMPORT_DEFAULTS = { source: 'routine_audit', documentType: 'decision', issuer: '市审计局', issueDate: '2026-10-15' };

/** Imports `count` generated problems of E001 on document `docNumber` as e001-audit; returns the answer. */
export async function importGenerated(docNumber: string, count: number) {
  const rows = Array.from({ length: count }, (_, i) => [i + 1, 'E001', '财务管理', `导入问题 ${i + 1}`, `导入台账第 ${i + 1} 行的问题`, '1.5', '2027-03-31', '财务部', '张三']);
  return upload('/api/issues/ledger/import', await login('e001-audit'), { name: '台账.xlsx', type: XLSX_TYPE, content: await ledgerWorkbook(docNumber, rows) }, IMPORT_DEFAULTS);
}

/**
 * Checks that each problem's workflow has started exactly once: one execution with its id in
 * Temporal, running; the problem marked started; one registration entry in its trail.
 * Returns the problems that are not (yet) so, with why.
 */
export async function workflowsNotStartedOnce(ledgerNos: string[]): Promise<string[]> {
  const wrong: string[] = [];
  const client = await temporal();
  const marked = (await db().query('SELECT ledger_no, workflow_started FROM issues.problems WHERE ledger_no = ANY($1)', [ledgerNos])).rows as { ledger_no: string; workflow_started: boolean }[];
  const registered = (await db().query(
    `SELECT p.ledger_no, count(*)::int AS n FROM issues.problem_events e JOIN issues.problems p ON p.id = e.problem_id
     WHERE p.ledger_no = ANY($1) AND e.action = 'register' GROUP BY p.ledger_no`,
    [ledgerNos],
  )).rows as { ledger_no: string; n: number }[];
  for (const ledgerNo of ledgerNos) {
    if (!marked.find((m) => m.ledger_no === ledgerNo)?.workflow_started) wrong.push(`${ledgerNo}: not marked started`);
    if (registered.find((r) => r.ledger_no === ledgerNo)?.n !== 1) wrong.push(`${ledgerNo}: not one registration entry`);
    const runs: string[] = [];
    for await (const w of client.workflow.list({ query: `WorkflowId = '${problemWorkflowId(ledgerNo)}'` })) runs.push(w.status.name);
    if (runs.length !== 1 || runs[0] !== 'RUNNING') wrong.push(`${ledgerNo}: executions ${JSON.stringify(runs)}`);
  }
  return wrong;
}
