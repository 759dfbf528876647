import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Workbook, Worksheet } from 'exceljs';
import type { ProblemRegistration } from '@rectify/contracts';
import { LEDGER_COLUMNS } from './ledger-columns.js';
import { EXPORT_SHEET_NAME, buildLedgerExport, type LedgerExportRow } from './ledger-export.js';
import { parseLedgerWorkbook } from './ledger-import.js';

const NAMES: Record<string, string> = { E001: '示例集团有限公司', E002: '城建集团' };
const CODES: Record<string, string> = { 示例集团有限公司: 'E001', 城建集团: 'E002' };

const full: ProblemRegistration = {
  enterpriseCode: 'E001',
  subsidiary: '示例建设工程有限公司',
  source: 'routine_audit',
  document: { type: 'decision', number: '市审投决〔2026〕12号', issuer: '市审计局', issueDate: '2026-03-16' },
  itemNo: '1',
  auditProject: '2025年度财务收支审计',
  title: '违规列支业务招待费',
  description: '第一段。\n第二段：涉及金额 1,234,567.89 元。',
  category: '财务管理',
  amount: '1234567.89',
  quantity: '2.50',
  quantityUnit: '吨',
  legalBasis: '《企业财务通则》',
  recommendation: '追回款项',
  confidentiality: 'confidential',
  tags: ['personnel_violation', 'major_asset_loss_risk'],
  deadline: '2026-09-16',
  responsibility: { leadDepartment: '财务部', cooperatingDepartments: ['审计部', '综合办公室'], responsiblePersons: ['张三', '李四'] },
};

const sparse: ProblemRegistration = {
  enterpriseCode: 'E002',
  subsidiary: null,
  source: 'clue_verification',
  document: { type: 'rectification_notice', number: '国资监督〔2026〕7号', issuer: '市国资委', issueDate: '2026-01-31' },
  itemNo: '（三）',
  auditProject: null,
  title: '未按规定履行决策程序',
  description: '重大投资事项未经集体决策。',
  category: '投资管理',
  amount: null,
  quantity: null,
  quantityUnit: null,
  legalBasis: null,
  recommendation: null,
  confidentiality: 'non_confidential',
  tags: [],
  deadline: null,
  responsibility: null,
};

/** An amount of 17 significant digits: a double cannot hold it, so it goes as text. */
const huge: ProblemRegistration = {
  ...sparse,
  enterpriseCode: 'E001',
  itemNo: '4',
  amount: '123456789012345.67',
  deadline: '2026-07-31',
  responsibility: { leadDepartment: '投资部', cooperatingDepartments: [], responsiblePersons: [] },
};

function exportRow(registration: ProblemRegistration, extra: Partial<LedgerExportRow> = {}): LedgerExportRow {
  return {
    ledgerNo: `TZ-2026-${registration.itemNo}`,
    enterpriseName: NAMES[registration.enterpriseCode] ?? registration.enterpriseCode,
    registration,
    stageLabel: '推动整改',
    outcome: null,
    deadline: null,
    overdue: false,
    correctedAmount: null,
    measures: null,
    progress: null,
    evidence: [],
    remarks: null,
    ...extra,
  };
}

const rows: LedgerExportRow[] = [
  exportRow(full, {
    outcome: '部分整改',
    overdue: true,
    correctedAmount: '1000000.00',
    measures: '追回 100 万元',
    progress: '已追回部分款项',
    evidence: ['银行回单.pdf', '党委会纪要.pdf'],
    remarks: '持续跟踪',
  }),
  exportRow(sparse),
  exportRow(huge, { outcome: '持续整改' }),
];

const meta = { title: '审计整改台账', filterDescription: '企业：全部；状态：全部', generatedAt: new Date('2026-07-01T01:30:00Z') };

async function load(buffer: Buffer): Promise<Worksheet> {
  const workbook: Workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  const ws = workbook.getWorksheet(EXPORT_SHEET_NAME);
  if (!ws) throw new Error('no export sheet');
  return ws;
}

const columnOf = (key: string): number => LEDGER_COLUMNS.findIndex((c) => c.key === key) + 1;

describe('buildLedgerExport', () => {
  it('round-trips: export → import gives the same registrations', async () => {
    const result = await parseLedgerWorkbook(await buildLedgerExport(rows, meta), {
      resolveEnterprise: (text) => CODES[text] ?? null,
    });
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.rowNumber)).toEqual([4, 5, 6]);
    expect(result.rows.map((r) => r.registration)).toEqual([full, sparse, huge]);
  });

  it('writes the title, the filter and time, and the import headers', async () => {
    const ws = await load(await buildLedgerExport(rows, meta));
    expect(ws.getCell('A1').value).toBe('审计整改台账');
    expect(ws.getCell(1, LEDGER_COLUMNS.length).master.address).toBe('A1');
    expect(String(ws.getCell('A2').value)).toMatch(/筛选条件：企业：全部；状态：全部.*生成时间：2026-07-01 09:30.*共 3 条/);
    expect(LEDGER_COLUMNS.map((_, i) => ws.getCell(3, i + 1).value)).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  });

  it('prints the time of the export in Asia/Shanghai, whatever the server’s TZ', async () => {
    const saved = process.env['TZ'];
    try {
      for (const tz of ['UTC', 'America/New_York', 'Asia/Shanghai']) {
        process.env['TZ'] = tz;
        const ws = await load(await buildLedgerExport(rows, { ...meta, generatedAt: new Date('2026-06-30T16:30:00Z') }));
        expect([tz, String(ws.getCell('A2').value)]).toEqual([tz, expect.stringContaining('生成时间：2026-07-01 00:30')]);
      }
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
  });

  it('writes amounts in yuan as formatted numbers, or as text beyond 15 significant digits', async () => {
    const ws = await load(await buildLedgerExport(rows, meta));
    const amount = ws.getCell(4, columnOf('amount'));
    expect(amount.value).toBe(1234567.89);
    expect(amount.numFmt).toBe('#,##0.00');
    expect(ws.getCell(4, columnOf('correctedAmount')).value).toBe(1000000);
    expect(ws.getCell(5, columnOf('amount')).value).toBeNull();
    expect(ws.getCell(6, columnOf('amount')).value).toBe('123456789012345.67');
  });

  it('writes the follow-up columns and highlights overdue rows', async () => {
    const ws = await load(await buildLedgerExport(rows, meta));
    expect(ws.getCell(4, columnOf('ledgerNo')).value).toBe('TZ-2026-1');
    expect(ws.getCell(4, columnOf('outcome')).value).toBe('部分整改');
    expect(ws.getCell(4, columnOf('stage')).value).toBe('推动整改');
    expect(ws.getCell(4, columnOf('evidence')).value).toBe('银行回单.pdf\n党委会纪要.pdf');
    expect(ws.getCell(4, columnOf('tags')).value).toBe('人员违纪违法、重大国有资产损失风险');
    expect(ws.getCell(4, columnOf('overdue')).value).toBe('是');
    expect(ws.getCell(5, columnOf('overdue')).value).toBe('否');
    expect(ws.getCell(4, columnOf('deadline')).value).toEqual(new Date(Date.UTC(2026, 8, 16)));
    const fillOf = (row: number, col: number): unknown => {
      const fill = ws.getCell(row, col).fill;
      return fill?.type === 'pattern' ? fill.fgColor?.argb : undefined;
    };
    expect(fillOf(4, columnOf('title'))).toBe('FFFFC7CE');
    expect(fillOf(5, columnOf('title'))).toBeUndefined();
  });

  it('writes the deadline in force, which a re-import then checks against the 6-month limit', async () => {
    const extended = exportRow(full, { deadline: '2026-12-31' });
    const buffer = await buildLedgerExport([extended], meta);
    const ws = await load(buffer);
    expect(ws.getCell(4, columnOf('deadline')).value).toEqual(new Date(Date.UTC(2026, 11, 31)));
    const { errors } = await parseLedgerWorkbook(buffer, { resolveEnterprise: (text) => CODES[text] ?? null });
    expect(errors.map((e) => e.column)).toEqual(['整改时限']);
  });
});
