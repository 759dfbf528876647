import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { CellValue, Worksheet } from 'exceljs';
import { parseLedgerWorkbook, type LedgerImportOptions } from './ledger-import.js';

/** A valid zip archive holding one text file (hello.txt), i.e. a zip that is not a workbook. */
const ZIP_WITHOUT_WORKBOOK = Buffer.from(
  'UEsDBBQAAAAAAAAAIQCsKpPYAgAAAAIAAAAJAAAAaGVsbG8udHh0aGlQSwECFAMUAAAAAAAAACEArCqT2AIAAAACAAAACQAAAAAAAAAAAAAAgAEAAAAAaGVsbG8udHh0UEsFBgAAAAABAAEANwAAACkAAAAAAA==',
  'base64',
);

const ENTERPRISES: Record<string, string> = { 示例集团有限公司: 'E001', E001: 'E001', 城建集团: 'E002', E002: 'E002' };

const options = (extra: Partial<LedgerImportOptions> = {}): LedgerImportOptions => ({
  resolveEnterprise: (text) => ENTERPRISES[text] ?? null,
  defaults: { source: 'routine_audit', documentType: 'decision', issuer: '市审计局', issueDate: '2026-03-16' },
  ...extra,
});

/** A UTC date as exceljs writes an Excel date. */
const day = (s: string): Date => new Date(`${s}T00:00:00Z`);

async function toBuffer(build: (ws: Worksheet) => void, sheetName = '台账'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet(sheetName));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The columns of an office ledger as SPEC §12 lists them, plus one column Rectify does not know. */
const OFFICE_HEADERS = [
  '序号',
  '整改通知书/审计决定书文号',
  '审计项目名称',
  '被审计单位',
  '问题类别',
  '问题摘要',
  '具体描述',
  '涉及金额\n（万元）',
  '问题定性依据',
  '审计建议',
  '整改措施',
  '责任部门',
  '责任人',
  '整改时限',
  '整改进展',
  '整改状态',
  '整改金额（万元）',
  '证明材料',
  '备注',
  '内部编码',
];

/** Title row merged across A1:T1, a subtitle row, the header in row 3. */
function officeFrame(ws: Worksheet): void {
  ws.mergeCells('A1:T1');
  ws.getCell('A1').value = 'XX集团审计整改台账';
  ws.mergeCells('A2:T2');
  ws.getCell('A2').value = '填报单位：XX集团　　填报日期：2026年7月1日　　金额单位：万元';
  ws.getRow(3).values = OFFICE_HEADERS;
}

function officeRow(ws: Worksheet, r: number, values: Partial<Record<string, CellValue>>): void {
  OFFICE_HEADERS.forEach((header, i) => {
    const v = values[header.replace('\n', '')];
    if (v !== undefined) ws.getCell(r, i + 1).value = v;
  });
}

const baseRow = {
  序号: 1,
  '整改通知书/审计决定书文号': '市审投决〔2026〕12号',
  审计项目名称: '2025年度财务收支审计',
  被审计单位: '示例集团有限公司',
  问题类别: '财务管理',
  问题摘要: '违规列支业务招待费',
  具体描述: '在管理费用中列支应由个人负担的费用。',
};

describe('parseLedgerWorkbook: a ledger as offices keep it', () => {
  async function officeLedger(): Promise<Buffer> {
    return toBuffer((ws) => {
      officeFrame(ws);
      // The document number is merged down over rows 4–5: both problems come from it.
      officeRow(ws, 4, {
        ...baseRow,
        '涉及金额（万元）': 12.3456,
        问题定性依据: '《企业财务通则》',
        审计建议: '追回款项',
        整改措施: '已追回',
        责任部门: '财务部、审计部,综合办公室',
        责任人: '张三，李四',
        整改时限: 46203,
        整改状态: '部分整改',
        '整改金额（万元）': 5,
        内部编码: 'X-1',
      });
      officeRow(ws, 5, {
        ...baseRow,
        '整改通知书/审计决定书文号': undefined,
        序号: '2',
        被审计单位: 'E001',
        问题摘要: '工程款超付',
        '涉及金额（万元）': '1,234.56',
        整改时限: '2026年6月30日',
      });
      ws.mergeCells('B4:B5');
      // Row 6 is empty.
      officeRow(ws, 7, {
        ...baseRow,
        序号: 3,
        '整改通知书/审计决定书文号': '市审投意〔2026〕3号',
        被审计单位: '城建集团',
        具体描述: { richText: [{ text: '第一段，' }, { font: { bold: true }, text: '加粗的第二段。' }] },
        '涉及金额（万元）': { formula: '0.25*2', result: 0.5 },
        整改时限: '2026/6/30',
      });
      officeRow(ws, 8, {
        ...baseRow,
        序号: 4,
        问题摘要: { formula: 'CONCATENATE("选人","用人")', result: '选人用人' },
        问题类别: '选人用人',
        '涉及金额（万元）': '/',
        整改时限: day('2026-09-16'),
      });
      officeRow(ws, 9, {
        ...baseRow,
        序号: 5,
        '涉及金额（万元）': '1,234,567.89元',
        整改时限: '2026.6.30',
      });
      // A totals line at the foot is not a problem.
      ws.getCell('A10').value = '合计';
      ws.getCell('H10').value = { formula: 'SUM(H4:H9)', result: 1247.3456 };
    });
  }

  it('finds the header under merged title rows and reads every valid row', async () => {
    const result = await parseLedgerWorkbook(await officeLedger(), options());
    expect(result.errors).toEqual([]);
    expect(result.sheetName).toBe('台账');
    expect(result.headerRowNumber).toBe(3);
    expect(result.rows.map((r) => r.rowNumber)).toEqual([4, 5, 7, 8, 9]);
  });

  it('builds complete registrations, applying the file-wide defaults', async () => {
    const [first] = (await parseLedgerWorkbook(await officeLedger(), options())).rows;
    expect(first?.registration).toEqual({
      enterpriseCode: 'E001',
      subsidiary: null,
      source: 'routine_audit',
      document: { type: 'decision', number: '市审投决〔2026〕12号', issuer: '市审计局', issueDate: '2026-03-16' },
      itemNo: '1',
      auditProject: '2025年度财务收支审计',
      title: '违规列支业务招待费',
      description: '在管理费用中列支应由个人负担的费用。',
      category: '财务管理',
      amount: '123456.00',
      quantity: null,
      quantityUnit: null,
      legalBasis: '《企业财务通则》',
      recommendation: '追回款项',
      confidentiality: 'non_confidential',
      tags: [],
      deadline: '2026-06-30',
      responsibility: {
        leadDepartment: '财务部',
        cooperatingDepartments: ['审计部', '综合办公室'],
        responsiblePersons: ['张三', '李四'],
      },
    });
  });

  it('reads amounts exactly in every form, in yuan', async () => {
    const { rows } = await parseLedgerWorkbook(await officeLedger(), options());
    expect(rows.map((r) => r.registration.amount)).toEqual([
      '123456.00', // 12.3456 万元 as a number
      '12345600.00', // '1,234.56' 万元 as text
      '5000.00', // a formula's result, 0.5 万元
      null, // '/'
      '1234567.89', // '1,234,567.89元': the cell's unit wins over the header's
    ]);
  });

  it('reads serial, text and Excel dates', async () => {
    const { rows } = await parseLedgerWorkbook(await officeLedger(), options());
    expect(rows.map((r) => r.registration.deadline)).toEqual([
      '2026-06-30',
      '2026-06-30',
      '2026-06-30',
      '2026-09-16',
      '2026-06-30',
    ]);
  });

  it('reads merged cells, rich text and formula results', async () => {
    const { rows } = await parseLedgerWorkbook(await officeLedger(), options());
    const byRow = new Map(rows.map((r) => [r.rowNumber, r.registration]));
    expect(byRow.get(5)?.document.number).toBe('市审投决〔2026〕12号');
    expect(byRow.get(5)?.itemNo).toBe('2');
    expect(byRow.get(5)?.enterpriseCode).toBe('E001');
    expect(byRow.get(7)?.description).toBe('第一段，加粗的第二段。');
    expect(byRow.get(7)?.enterpriseCode).toBe('E002');
    expect(byRow.get(8)?.title).toBe('选人用人');
  });

  it('reads the Rectify columns when an office adds them, in any order', async () => {
    const buffer = await toBuffer((ws) => {
      ws.getRow(1).values = [
        '是否涉密',
        '标签',
        '问题摘要',
        '具体描述',
        '问题类别',
        '序号',
        '文号',
        '被审计单位',
        '所属子企业',
        '问题来源',
        '文书类型',
        '发文机关',
        '发文日期',
        '涉及金额(元)',
        '涉及数量',
        '数量单位',
      ];
      ws.getRow(2).values = [
        '是',
        '虚增业绩、人员违纪违法',
        '虚增收入',
        '通过虚假贸易虚增收入。',
        '经营管理',
        '1',
        '国资专调〔2026〕1号',
        'E002',
        '城建贸易公司',
        '专项审计调查',
        '调查报告',
        '市国资委',
        '2026年1月5日',
        8000,
        '1,200.50',
        '吨',
      ];
    });
    const result = await parseLedgerWorkbook(buffer, { resolveEnterprise: (t) => ENTERPRISES[t] ?? null });
    expect(result.errors).toEqual([]);
    expect(result.rows[0]?.registration).toMatchObject({
      enterpriseCode: 'E002',
      subsidiary: '城建贸易公司',
      source: 'special_audit_investigation',
      document: { type: 'investigation_report', number: '国资专调〔2026〕1号', issuer: '市国资委', issueDate: '2026-01-05' },
      confidentiality: 'confidential',
      tags: ['inflated_performance', 'personnel_violation'],
      amount: '8000.00',
      quantity: '1200.50',
      quantityUnit: '吨',
      deadline: null,
      responsibility: null,
    });
  });

  it('takes the header row with the most known columns when the header spans two rows', async () => {
    const buffer = await toBuffer((ws) => {
      ws.getRow(1).values = ['序号', '文号', '问题摘要', '具体描述', '问题类别', '被审计单位', '整改情况', '', ''];
      ws.getRow(2).values = ['', '', '', '', '', '', '整改措施', '整改进展', '整改状态'];
      for (const col of ['A', 'B', 'C', 'D', 'E', 'F']) ws.mergeCells(`${col}1:${col}2`);
      ws.mergeCells('G1:I1');
      ws.getRow(3).values = [1, '市审〔2026〕1号', '摘要', '描述', '类别', 'E001', '措施', '进展', '未整改'];
    });
    const result = await parseLedgerWorkbook(buffer, options());
    expect(result.errors).toEqual([]);
    expect(result.headerRowNumber).toBe(2);
    expect(result.rows.map((r) => [r.rowNumber, r.registration.title])).toEqual([[3, '摘要']]);
  });
});

describe('parseLedgerWorkbook: errors', () => {
  async function badLedger(): Promise<Buffer> {
    return toBuffer((ws) => {
      officeFrame(ws);
      officeRow(ws, 4, { ...baseRow, '涉及金额（万元）': '12,3a' });
      officeRow(ws, 5, { ...baseRow, 序号: 2, 整改时限: '2026-02-30', '涉及金额（万元）': 1.2345678 });
      officeRow(ws, 6, { ...baseRow, 序号: 3, 问题摘要: '  ', 被审计单位: '不存在的公司' });
      officeRow(ws, 7, { ...baseRow, 序号: 4 }); // valid
      officeRow(ws, 8, { ...baseRow, 序号: 5, 问题摘要: '长'.repeat(201), 具体描述: '详'.repeat(5001) });
      officeRow(ws, 9, { ...baseRow, 序号: 6, 整改时限: '2026-09-17', 问题类别: { error: '#N/A' } });
      officeRow(ws, 10, { ...baseRow, 序号: 7, 整改时限: '2026-03-15', 责任人: '王五' });
      officeRow(ws, 11, { ...baseRow, 序号: 8, '涉及金额（万元）': { formula: 'X1*2' } as CellValue });
    });
  }

  it('reports every bad cell with its row, cell address and column', async () => {
    const result = await parseLedgerWorkbook(await badLedger(), options());
    expect(result.errors.map(({ rowNumber, cell, column }) => [rowNumber, cell, column])).toEqual([
      [4, 'H4', '涉及金额（万元）'],
      [5, 'H5', '涉及金额（万元）'],
      [5, 'N5', '整改时限'],
      [6, 'D6', '被审计单位'],
      [6, 'F6', '问题摘要'],
      [8, 'F8', '问题摘要'],
      [8, 'G8', '具体描述'],
      [9, 'E9', '问题类别'],
      [9, 'N9', '整改时限'],
      [10, 'L10', '责任部门'],
      [10, 'N10', '整改时限'],
      [11, 'H11', '涉及金额（万元）'],
    ]);
    expect(result.rows.map((r) => r.rowNumber)).toEqual([7]);
  });

  it('says in Chinese what is wrong, naming row, cell and column in the message', async () => {
    const messages = (await parseLedgerWorkbook(await badLedger(), options())).errors.map((e) => e.message);
    expect(messages[0]).toBe('第4行 H4「涉及金额（万元）」：无法识别的金额 "12,3a"');
    expect(messages[1]).toMatch(/^第5行 H5「涉及金额（万元）」：金额 "1.2345678" 换算为元后超过两位小数/);
    expect(messages[2]).toBe('第5行 N5「整改时限」：日期不存在 "2026-02-30"');
    expect(messages[3]).toBe('第6行 D6「被审计单位」：系统中没有名称或代码为 "不存在的公司" 的企业');
    expect(messages[4]).toBe('第6行 F6「问题摘要」：必填项为空');
    expect(messages[5]).toBe('第8行 F8「问题摘要」：超过 200 字（现有 201 字）');
    expect(messages[6]).toBe('第8行 G8「具体描述」：超过 5000 字（现有 5001 字）');
    expect(messages[7]).toBe('第9行 E9「问题类别」：单元格是错误值 #N/A，请更正');
    expect(messages[8]).toBe('第9行 N9「整改时限」：整改时限 2026-09-17 晚于发文日期后 6 个月（最迟 2026-09-16）；延长整改时限须另行报批');
    expect(messages[9]).toBe('第10行 L10「责任部门」：填写了责任人但未填写责任部门');
    expect(messages[10]).toBe('第10行 N10「整改时限」：整改时限 2026-03-15 早于发文日期 2026-03-16');
    expect(messages[11]).toMatch(/^第11行 H11「涉及金额（万元）」：公式 =X1\*2 没有计算结果/);
  });

  it('names unknown labels and lists the accepted ones', async () => {
    const buffer = await toBuffer((ws) => {
      ws.getRow(1).values = ['序号', '文号', '问题摘要', '具体描述', '问题类别', '被审计单位', '问题来源', '密级', '标签', '发文日期'];
      ws.getRow(2).values = [1, '文〔2026〕1号', '摘要', '描述', '类别', 'E001', '巡视发现', '绝密', '重大风险、虚增业绩', 46100];
    });
    const { errors, rows } = await parseLedgerWorkbook(buffer, options());
    expect(rows).toEqual([]);
    expect(errors.map((e) => e.cell)).toEqual(['G2', 'H2', 'I2']);
    expect(errors[0]?.message).toBe(
      '第2行 G2「问题来源」：无法识别的值 "巡视发现"，应为：审计机关日常审计、专项审计调查、重大资产损失调查、移送事项处置、问题线索核查、督办发现单独立项',
    );
    expect(errors[1]?.message).toBe('第2行 H2「密级」：无法识别的值 "绝密"，应为：涉密、非涉密');
    expect(errors[2]?.message).toMatch(/^第2行 I2「标签」：无法识别的标签 "重大风险"，应为：人员违纪违法、虚增业绩、重大国有资产损失风险$/);
  });

  it('asks for the unit when an amount header names none and the cell does not either', async () => {
    const buffer = await toBuffer((ws) => {
      ws.getRow(1).values = ['序号', '文号', '问题摘要', '具体描述', '问题类别', '被审计单位', '涉及金额'];
      ws.getRow(2).values = [1, '文〔2026〕1号', '摘要', '描述', '类别', 'E001', 100];
      ws.getRow(3).values = [2, '文〔2026〕1号', '摘要', '描述', '类别', 'E001', '100万元'];
    });
    const { errors, rows } = await parseLedgerWorkbook(buffer, options());
    expect(errors.map((e) => [e.cell, e.message.includes('未注明金额单位')])).toEqual([['G2', true]]);
    expect(rows.map((r) => r.registration.amount)).toEqual(['1000000.00']);
  });

  it('flags a document number and 序号 that occur twice in the file', async () => {
    const buffer = await toBuffer((ws) => {
      officeFrame(ws);
      officeRow(ws, 4, { ...baseRow, 序号: 1 });
      officeRow(ws, 5, { ...baseRow, 序号: 2 });
      officeRow(ws, 6, { ...baseRow, 序号: '1' });
      officeRow(ws, 7, { ...baseRow, 序号: 1, '整改通知书/审计决定书文号': '另一文号〔2026〕1号' });
    });
    const { errors, rows } = await parseLedgerWorkbook(buffer, options());
    expect(errors).toEqual([
      {
        rowNumber: 6,
        cell: 'A6',
        column: '序号',
        message: '第6行 A6「序号」：与第4行重复：同一文号（市审投决〔2026〕12号）下序号 1 出现了两次',
      },
    ]);
    expect(rows.map((r) => r.rowNumber)).toEqual([4, 5, 7]);
  });

  it('names every missing required column in one error', async () => {
    const buffer = await toBuffer((ws) => {
      ws.getRow(1).values = ['序号', '问题摘要', '被审计单位', '问题类别'];
      ws.getRow(2).values = [1, '摘要', 'E001', '类别'];
    });
    const { errors, rows } = await parseLedgerWorkbook(buffer, { resolveEnterprise: () => 'E001' });
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      {
        rowNumber: 1,
        cell: null,
        column: null,
        message: '第1行（表头）缺少必需的列：「整改通知书/审计决定书文号」「问题来源」「文书类型」「发文机关」「发文日期」「具体描述」',
      },
    ]);
  });

  it('refuses the same column twice in the header', async () => {
    const buffer = await toBuffer((ws) => {
      ws.getRow(1).values = ['序号', '文号', '问题摘要', '具体描述', '问题类别', '被审计单位', '涉及金额（元）', '涉及金额（万元）'];
      ws.getRow(2).values = [1, '文〔2026〕1号', '摘要', '描述', '类别', 'E001', 100, 0.01];
    });
    const { errors } = await parseLedgerWorkbook(buffer, options());
    expect(errors.map((e) => [e.rowNumber, e.cell, e.column])).toEqual([[1, 'H1', '涉及金额（万元）']]);
  });

  it('gives one clear error for a file that is not an xlsx workbook', async () => {
    const cases: [Buffer, RegExp][] = [
      [Buffer.from('序号,问题摘要\n1,摘要\n'), /不是 xlsx 格式/],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), /旧版 Excel（\.xls）/],
      [Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), /无法读取该文件/],
      [Buffer.alloc(0), /文件为空/],
      [ZIP_WITHOUT_WORKBOOK, /不是有效的 xlsx 工作簿/],
    ];
    for (const [buffer, pattern] of cases) {
      const result = await parseLedgerWorkbook(buffer, options());
      expect(result.rows).toEqual([]);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatchObject({ rowNumber: 0, cell: null, column: null });
      expect(result.errors[0]?.message).toMatch(pattern);
    }
  });

  it('says so when no sheet has a ledger header', async () => {
    const buffer = await toBuffer((ws) => {
      ws.getRow(1).values = ['姓名', '电话'];
    });
    const { errors } = await parseLedgerWorkbook(buffer, options());
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^未找到表头行/);
  });

  it('refuses more than 5000 data rows with one error', async () => {
    const buffer = await toBuffer((ws) => {
      ws.getRow(1).values = ['序号', '文号', '问题摘要', '具体描述', '问题类别', '被审计单位'];
      for (let i = 1; i <= 5001; i++) ws.getRow(i + 1).values = [i, '文〔2026〕1号', '摘要', '描述', '类别', 'E001'];
    });
    const { errors, rows } = await parseLedgerWorkbook(buffer, options());
    expect(rows).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe('数据行过多：共 5001 行，一次最多导入 5000 行，请拆分为多个文件');
  }, 60_000);

  it('refuses malformed defaults instead of applying them', async () => {
    const buffer = await toBuffer((ws) => {
      ws.getRow(1).values = ['序号', '文号', '问题摘要'];
    });
    const { errors } = await parseLedgerWorkbook(buffer, options({ defaults: { issueDate: '2026/3/16' } }));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/默认发文日期 "2026\/3\/16"/);
  });
});

describe('parseLedgerWorkbook: who may be named and when a document may be dated', () => {
  async function ledger(): Promise<Buffer> {
    return toBuffer((ws) => {
      officeFrame(ws);
      officeRow(ws, 4, { ...baseRow });
      officeRow(ws, 5, { ...baseRow, 序号: 2, 被审计单位: '城建集团' });
    });
  }

  it('reports a row naming another enterprise than the importer\'s own as a cell error, not a refusal of the whole file', async () => {
    const result = await parseLedgerWorkbook(await ledger(), options({ ownEnterprise: 'E001' }));
    expect(result.errors.map((e) => e.message)).toEqual(['第5行 D5「被审计单位」：只能为本企业登记问题，"城建集团" 不是本企业']);
    expect(result.rows.map((r) => r.rowNumber)).toEqual([4]);
    // The Commission imports for any enterprise.
    expect((await parseLedgerWorkbook(await ledger(), options())).errors).toEqual([]);
  });

  it('names an issue date the policy refuses, and a date no user may enter', async () => {
    const refuse = (d: string) => (d > '2026-03-01' ? `下达日期 ${d} 晚于今天 2026-03-01，不能登记尚未下达的文书` : null);
    const result = await parseLedgerWorkbook(await ledger(), options({ issueDateProblem: refuse }));
    expect(result.errors.map((e) => [e.rowNumber, e.message])).toEqual([
      [4, '第4行：下达日期 2026-03-16 晚于今天 2026-03-01，不能登记尚未下达的文书'],
      [5, '第5行：下达日期 2026-03-16 晚于今天 2026-03-01，不能登记尚未下达的文书'],
    ]);
    const far = await toBuffer((ws) => {
      officeFrame(ws);
      officeRow(ws, 4, { ...baseRow, 整改时限: '2150-06-30' });
    });
    expect((await parseLedgerWorkbook(far, options())).errors.map((e) => e.message)).toEqual([
      '第4行 N4「整改时限」：日期 2150-06-30 超出可受理的范围（1950-01-01 至 2099-12-31）',
    ]);
  });
});
