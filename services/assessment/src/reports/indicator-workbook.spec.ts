import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Row, Workbook, Worksheet } from 'exceljs';
import JSZip from 'jszip';
import { buildIndicatorWorkbook, exactAmount } from './indicator-workbook.js';
import { sampleReport } from './report-fixture.js';

async function load(buffer: Buffer): Promise<Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its parameter as its own Buffer (an ArrayBuffer); at run time it takes Node's.
  await workbook.xlsx.load(buffer as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  return workbook;
}

function sheet(workbook: Workbook, name: string): Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

function headers(ws: Worksheet): string[] {
  const values = ws.getRow(2).values as unknown[];
  return values.slice(1).map(String);
}

/** The row whose first cell reads `label`. */
function rowOf(ws: Worksheet, label: string): Row {
  for (let n = 3; n <= ws.rowCount; n++) if (ws.getRow(n).getCell(1).value === label) return ws.getRow(n);
  throw new Error(`no row ${label} in ${ws.name}`);
}

/** The cell of a row under a header. */
function at(ws: Worksheet, label: string, header: string) {
  const column = headers(ws).indexOf(header);
  if (column < 0) throw new Error(`no column ${header} in ${ws.name}`);
  return rowOf(ws, label).getCell(column + 1);
}

describe('buildIndicatorWorkbook', () => {
  it('has the six sheets, each with a title row naming the period and a bold, frozen header row', async () => {
    const workbook = await load(await buildIndicatorWorkbook(sampleReport()));
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['总体', '按企业', '按来源', '按类别', '问责', '评分']);
    for (const ws of workbook.worksheets) {
      expect(String(ws.getCell('A1').value)).toContain('2026年度审计整改情况报告');
      expect(String(ws.getCell('A1').value)).toContain('统计期间：2026-01-01 至 2026-12-31');
      expect(ws.getCell('A2').font?.bold).toBe(true);
      expect(ws.getRow(2).getCell(2).font?.bold).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    }
  });

  it('gives the grouped sheets their label column and every indicator', async () => {
    const workbook = await load(await buildIndicatorWorkbook(sampleReport()));
    const indicators = ['应整改', '已整改', '按期整改', '逾期', '部分整改', '未整改', '已销号', '应整改金额（元）', '已整改金额（元）', '整改率', '按金额整改率', '按期整改率', '平均整改天数', '销号率', '问责案件'];
    expect(headers(sheet(workbook, '按企业'))).toEqual(['企业', '编码', ...indicators]);
    expect(headers(sheet(workbook, '按来源'))).toEqual(['来源', '编码', ...indicators]);
    expect(headers(sheet(workbook, '按类别'))).toEqual(['类别', '编码', ...indicators]);
    expect(headers(sheet(workbook, '问责'))).toEqual(['情形', '说明', '案件数']);
    expect(headers(sheet(workbook, '评分'))).toEqual(['企业编码', '企业名称', '得分', '评分项', '指标值', '分项得分']);
  });

  it('writes counts, rates and amounts as numbers with their formats', async () => {
    const ws = sheet(await load(await buildIndicatorWorkbook(sampleReport())), '按企业');
    const name = '市城市建设投资集团有限公司';
    expect(at(ws, name, '编码').value).toBe('CJT');
    expect(at(ws, name, '应整改').value).toBe(6);
    expect(at(ws, name, '整改率').value).toBe(0.66666);
    expect(at(ws, name, '整改率').numFmt).toBe('0.00%');
    expect(at(ws, name, '按期整改率').value).toBe(0.5);
    expect(at(ws, name, '应整改金额（元）').value).toBe(1234567.8);
    expect(at(ws, name, '应整改金额（元）').numFmt).toBe('#,##0.00');
    expect(at(ws, name, '已整改金额（元）').value).toBe(1000.5);
    expect(at(ws, name, '平均整改天数').value).toBe(30);
    expect(at(ws, name, '平均整改天数').numFmt).toBe('0.0');
  });

  it('leaves a rate without data empty, never 0, while a true 0% stays 0', async () => {
    const ws = sheet(await load(await buildIndicatorWorkbook(sampleReport())), '按企业');
    for (const header of ['整改率', '按金额整改率', '按期整改率', '销号率', '平均整改天数']) {
      const cell = at(ws, '市公交集团 & 子公司', header);
      expect(cell.value).toBeNull();
      expect(cell.type).toBe(ExcelJS.ValueType.Null);
    }
    expect(at(ws, '市投资控股有限公司', '按期整改率').value).toBe(0);
    expect(at(ws, '市投资控股有限公司', '按期整改率').numFmt).toBe('0.00%');
  });

  it('keeps amounts exact: in the file as written, and as text beyond 15 significant digits', async () => {
    const buffer = await buildIndicatorWorkbook(sampleReport());
    const ws = sheet(await load(buffer), '按企业');
    const big = at(ws, '市投资控股有限公司', '应整改金额（元）');
    expect(big.value).toBe('12345678901234567.89');
    expect(big.type).toBe(ExcelJS.ValueType.String);
    const zip = await JSZip.loadAsync(buffer);
    const xml = (await zip.file('xl/worksheets/sheet2.xml')?.async('string')) ?? '';
    expect(xml).toContain('<v>1234567.8</v>');
    expect(xml).toContain('<v>1000.5</v>');
  });

  it('ends each grouped sheet with the totals', async () => {
    const workbook = await load(await buildIndicatorWorkbook(sampleReport()));
    const ws = sheet(workbook, '按来源');
    expect(at(ws, '合计', '应整改').value).toBe(12);
    expect(at(ws, '合计', '整改率').value).toBe(0.6667);
    expect(rowOf(ws, '合计').getCell(1).font?.bold).toBe(true);
    expect(ws.rowCount).toBe(2 + 2 + 1);
    expect(at(sheet(workbook, '按类别'), '财务收支', '已整改').value).toBe(8);
  });

  it('lists the totals on 总体, each value in its own format', async () => {
    const ws = sheet(await load(await buildIndicatorWorkbook(sampleReport())), '总体');
    expect(headers(ws)).toEqual(['指标', '数值']);
    const value = (label: string) => rowOf(ws, label).getCell(2);
    expect(value('应整改').value).toBe(12);
    expect(value('整改率').value).toBe(0.6667);
    expect(value('整改率').numFmt).toBe('0.00%');
    expect(value('应整改金额（元）').value).toBe(1234567.8);
    expect(value('应整改金额（元）').numFmt).toBe('#,##0.00');
    expect(value('平均整改天数').value).toBe(45.5);
    expect(value('问责案件').value).toBe(3);
    expect(value('报告生成时间').value).toBe('2027-01-15 09:30');
  });

  it('counts accountability cases by trigger with a total', async () => {
    const ws = sheet(await load(await buildIndicatorWorkbook(sampleReport())), '问责');
    expect(rowOf(ws, 'T1').getCell(3).value).toBe(2);
    expect(rowOf(ws, 'T3').getCell(2).value).toBe('拒不认账或未整改');
    expect(rowOf(ws, 'T4').getCell(3).value).toBe(0);
    expect(rowOf(ws, '合计').getCell(3).value).toBe(3);
  });

  it('lists score lines, leaving a missing score empty', async () => {
    const ws = sheet(await load(await buildIndicatorWorkbook(sampleReport())), '评分');
    expect([3, 4, 5].map((n) => (ws.getRow(n).values as unknown[]).slice(1))).toEqual([
      ['CJT', '市城市建设投资集团有限公司', 92.5, '整改率', '66.67%', 40],
      ['CJT', '市城市建设投资集团有限公司', undefined, '按期整改率', '50.00%', 52.5],
      ['BUS', '市公交集团 & 子公司'],
    ]);
    expect(ws.getCell('C3').numFmt).toBe('0.00');
    expect(ws.getCell('C5').value).toBeNull();
  });
});

describe('exactAmount', () => {
  it('gives the number when a double holds the decimal exactly', () => {
    expect(exactAmount('1000.50')).toBe(1000.5);
    expect(exactAmount('1234567.8')).toBe(1234567.8);
    expect(exactAmount('1234567890123.45')).toBe(1234567890123.45);
    expect(exactAmount('-0.00')).toBe(0);
    expect(Object.is(exactAmount('-0.00'), -0)).toBe(false);
    expect(exactAmount('100000000000000000000.00')).toBe(1e20);
  });

  it('gives null beyond 15 significant digits, and refuses non-decimals', () => {
    expect(exactAmount('12345678901234.567')).toBeNull();
    expect(exactAmount('9007199254740993')).toBeNull();
    expect(() => exactAmount('1e3')).toThrow();
  });
});
