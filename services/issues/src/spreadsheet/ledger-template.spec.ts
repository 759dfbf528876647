import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Workbook } from 'exceljs';
import { IMPORT_COLUMNS } from './ledger-columns.js';
import { parseLedgerWorkbook } from './ledger-import.js';
import { TEMPLATE_EXAMPLE, TEMPLATE_GUIDE_SHEET_NAME, TEMPLATE_SHEET_NAME, buildLedgerTemplate } from './ledger-template.js';

async function load(buffer: Buffer): Promise<Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  return workbook;
}

describe('buildLedgerTemplate', () => {
  it('parses back: header found, the example row valid', async () => {
    const result = await parseLedgerWorkbook(await buildLedgerTemplate(), {
      resolveEnterprise: (text) => (text === TEMPLATE_EXAMPLE.enterprise ? 'E001' : null),
    });
    expect(result.errors).toEqual([]);
    expect(result.sheetName).toBe(TEMPLATE_SHEET_NAME);
    expect(result.headerRowNumber).toBe(3);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toEqual({
      rowNumber: 4,
      registration: {
        enterpriseCode: 'E001',
        subsidiary: TEMPLATE_EXAMPLE.subsidiary,
        source: 'routine_audit',
        document: { type: 'decision', number: TEMPLATE_EXAMPLE.documentNumber, issuer: '市审计局', issueDate: '2026-03-16' },
        itemNo: '1',
        auditProject: TEMPLATE_EXAMPLE.auditProject,
        title: TEMPLATE_EXAMPLE.title,
        description: TEMPLATE_EXAMPLE.description,
        category: '财务管理',
        amount: '123456.78',
        quantity: null,
        quantityUnit: null,
        legalBasis: TEMPLATE_EXAMPLE.legalBasis,
        recommendation: TEMPLATE_EXAMPLE.recommendation,
        confidentiality: 'non_confidential',
        tags: [],
        deadline: '2026-09-16',
        responsibility: { leadDepartment: '财务部', cooperatingDepartments: ['综合办公室'], responsiblePersons: ['张三', '李四'] },
      },
    });
  });

  it('has a merged title, a bold frozen header with widths, and typed example cells', async () => {
    const workbook = await load(await buildLedgerTemplate());
    const ws = workbook.getWorksheet(TEMPLATE_SHEET_NAME);
    if (!ws) throw new Error('no ledger sheet');
    expect(ws.getCell('A1').value).toBe('审计整改问题台账');
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.getCell(1, IMPORT_COLUMNS.length).master.address).toBe('A1');
    const headers = IMPORT_COLUMNS.map((_, i) => ws.getCell(3, i + 1).value);
    expect(headers).toContain('*序号');
    expect(headers).toContain('涉及金额（元）');
    expect(headers).toHaveLength(IMPORT_COLUMNS.length);
    expect(ws.getCell('A3').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.getColumn(IMPORT_COLUMNS.findIndex((c) => c.key === 'description') + 1).width).toBe(50);

    const issueDate = ws.getCell(4, IMPORT_COLUMNS.findIndex((c) => c.key === 'issueDate') + 1);
    expect(issueDate.value).toEqual(new Date(Date.UTC(2026, 2, 16)));
    expect(issueDate.numFmt).toBe('yyyy-mm-dd');
    const amount = ws.getCell(4, IMPORT_COLUMNS.findIndex((c) => c.key === 'amount') + 1);
    expect(amount.value).toBe(123456.78);
    expect(amount.numFmt).toBe('#,##0.00');
  });

  it('offers drop-down lists for 问题来源, 文书类型 and 密级', async () => {
    const workbook = await load(await buildLedgerTemplate());
    const ws = workbook.getWorksheet(TEMPLATE_SHEET_NAME);
    if (!ws) throw new Error('no ledger sheet');
    const validationOf = (key: string, row: number) =>
      ws.getCell(row, IMPORT_COLUMNS.findIndex((c) => c.key === key) + 1).dataValidation;
    expect(validationOf('source', 10)).toMatchObject({ type: 'list', formulae: [expect.stringContaining('专项审计调查')] });
    expect(validationOf('documentType', 5003)).toMatchObject({ type: 'list', formulae: ['"审计决定书,审计意见书,审计建议书,整改通知书,调查报告"'] });
    expect(validationOf('confidentiality', 4)).toMatchObject({ type: 'list', formulae: ['"涉密,非涉密"'] });
    expect(validationOf('title', 4)).toBeUndefined();
  });

  it('explains every column in a 填写说明 sheet', async () => {
    const workbook = await load(await buildLedgerTemplate());
    const guide = workbook.getWorksheet(TEMPLATE_GUIDE_SHEET_NAME);
    if (!guide) throw new Error('no guide sheet');
    const explained = new Map<string, string>();
    guide.eachRow((row) => explained.set(String(row.getCell(1).value).replace('*', ''), String(row.getCell(3).value)));
    for (const column of IMPORT_COLUMNS) expect([column.header, explained.has(column.header)]).toEqual([column.header, true]);
    expect(explained.has('整改状态')).toBe(true);
    expect(explained.get('涉及金额（元）')).toMatch(/涉及金额（万元）.*精确换算为元/);
    expect(explained.get('整改通知书/审计决定书文号')).toMatch(/也可使用列名：.*审计决定书文号/);
  });
});
