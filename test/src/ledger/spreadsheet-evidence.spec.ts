import { afterAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { api, closeDb, closeTemporal, db, eventually, login, stack } from '../harness/index.js';
import { importGenerated, ledgerWorkbook, register, upload, workflowsNotStartedOnce } from './fixtures.js';

afterAll(async () => {
  await closeDb();
  await closeTemporal();
});

describe('spreadsheet ledger and evidence over HTTP', () => {
  const defaults = { source: 'routine_audit', documentType: 'decision', issuer: '市审计局', issueDate: '2026-10-15' };

  it('imports a ledger with a title row, 万元 amounts and text dates, and exports it again', async () => {
    const token = await login('e001-audit');
    const doc = `台账导入〔2026〕${randomUUID().slice(0, 8)}号`;
    const xlsx = await ledgerWorkbook(doc, [
      [1, '市城市建设投资集团有限公司', '财务管理', '超标准列支招待费', '2025 年超标准列支业务招待费', '12.3456', '2027年3月31日', '财务部、办公室', '张三'],
      [2, 'E001', '资产管理', '闲置资产未盘活', '两处房产闲置超过两年', '1,200', '2027-04-15', '资产部', '李四'],
    ]);
    const res = await upload('/api/issues/ledger/import', token, { name: '台账.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: xlsx }, defaults);
    expect(res.status).toBe(201);
    expect(res.body.imported).toBe(2);
    const rows = (await db().query('SELECT item_no, amount, deadline::text AS deadline, responsibility FROM issues.problems WHERE doc_number = $1 ORDER BY item_no', [doc])).rows;
    expect(rows.map((r) => [r.item_no, r.amount, r.deadline])).toEqual([['1', '123456.00', '2027-03-31'], ['2', '12000000.00', '2027-04-15']]);
    expect(rows[0].responsibility).toEqual({ leadDepartment: '财务部', cooperatingDepartments: ['办公室'], responsiblePersons: ['张三'] });

    // Importing the same file again duplicates nothing.
    const again = await upload('/api/issues/ledger/import', token, { name: '台账.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: xlsx }, defaults);
    expect(again.body).toMatchObject({ imported: 0, alreadyRegistered: 2 });

    const exported = await fetch(`${stack().urls.gateway}/api/issues/ledger/export.xlsx?q=${encodeURIComponent(res.body.ledgerNos[0])}`, { headers: { authorization: `Bearer ${token}` } });
    expect(exported.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await exported.arrayBuffer()) as never);
    const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    expect(text).toContain(res.body.ledgerNos[0]);
    expect(text).toContain('超标准列支招待费');
  });

  it('answers an import before its workflows run, shows them starting, and starts each exactly once', async () => {
    const doc = `台账导入〔2026〕${randomUUID().slice(0, 8)}号`;
    const res = await importGenerated(doc, 60);
    expect(res.status).toBe(201);
    expect(res.body.imported).toBe(60);
    const ledgerNos = res.body.ledgerNos as string[];
    // The API tells each problem's state of its workflow (the console shows 时限监控启动中 while false).
    const page = await api('GET', `/api/issues/problems?q=${encodeURIComponent(ledgerNos.at(-1)!)}`, { token: await login('jiandu') });
    expect(typeof page.body.items[0].workflowStarted).toBe('boolean');
    expect(typeof (await api('GET', `/api/issues/problems/${ledgerNos.at(-1)}`, { token: await login('jiandu') })).body.workflowStarted).toBe('boolean');
    const wrong = await eventually('every imported workflow started once', async () => {
      const found = await workflowsNotStartedOnce(ledgerNos);
      return found.length === 0 ? found : undefined;
    }, 120_000, 1000);
    expect(wrong).toEqual([]);
    // Importing the same file again starts nothing more.
    expect((await importGenerated(doc, 60)).body).toMatchObject({ imported: 0, alreadyRegistered: 60 });
    expect(await workflowsNotStartedOnce(ledgerNos)).toEqual([]);
  });

  it('imports nothing when one row is bad, and names the cell', async () => {
    const doc = `台账导入〔2026〕${randomUUID().slice(0, 8)}号`;
    const xlsx = await ledgerWorkbook(doc, [
      [1, 'E001', '财务管理', '问题一', '描述一', '10', '2027-03-31', '财务部', '张三'],
      [2, 'E001', '财务管理', '问题二', '描述二', '12,3a', '2027-02-30', '财务部', '李四'],
    ]);
    const res = await upload('/api/issues/ledger/import', await login('e001-audit'), { name: '台账.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: xlsx }, defaults);
    expect(res.status).toBe(422);
    const cells = (res.body.errors as { cell: string }[]).map((e) => e.cell).sort();
    expect(cells).toEqual(['G4', 'H4']);
    expect((await db().query('SELECT count(*) FROM issues.problems WHERE doc_number = $1', [doc])).rows[0].count).toBe('0');
  });

  it('refuses a file that is not a spreadsheet with one clear error', async () => {
    const res = await upload('/api/issues/ledger/import', await login('e001-audit'), { name: '台账.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: Buffer.from('not a workbook') }, defaults);
    expect(res.status).toBe(422);
    expect(res.body.errors).toHaveLength(1);
  });

  it('serves a template that the import understands', async () => {
    const res = await fetch(`${stack().urls.gateway}/api/issues/ledger/template.xlsx`, { headers: { authorization: `Bearer ${await login('e001-audit')}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(wb.worksheets.map((w) => w.name)).toContain('填写说明');
  });

  it('stores evidence with its checksum and lets only those who see the problem download it', async () => {
    const problem = await register('e001-audit');
    const content = Buffer.from('%PDF-1.7\n整改证明\n%%EOF');
    const up = await upload(`/api/issues/problems/${problem.ledgerNo}/evidence`, await login('e001-business'), { name: '../../证明材料.pdf', type: 'application/pdf', content });
    expect(up.status).toBe(201);
    expect(up.body.fileName).toBe('证明材料.pdf');
    const download = async (who: string) =>
      fetch(`${stack().urls.gateway}/api/issues/problems/${problem.ledgerNo}/evidence/${up.body.id}`, { headers: { authorization: `Bearer ${await login(who)}` } });
    const mine = await download('jiandu');
    expect(mine.status).toBe(200);
    expect(Buffer.from(await mine.arrayBuffer()).equals(content)).toBe(true);
    expect(mine.headers.get('x-content-sha256')).toBe(up.body.sha256);
    expect((await download('e002-audit')).status).toBe(404);

    const disguised = await upload(`/api/issues/problems/${problem.ledgerNo}/evidence`, await login('e001-business'), { name: '报告.pdf', type: 'application/pdf', content: Buffer.from('MZ\u0090binary') });
    expect(disguised.status).toBe(400);
    expect(disguised.body.message).toMatch(/^file：/);
  });
});
