import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parseLedgerWorkbook } from './ledger-import.js';
import { parseLedgerWorkbookOffThread } from './ledger-import-thread.js';
import { buildLedgerTemplate } from './ledger-template.js';
import { workbookLimitRefusal } from './workbook-limits.js';

const LIMITS = { maxDataRows: 5000, otherRows: 50 };
const resolveEnterprise = (text: string) => (text === 'E001' ? 'E001' : null);

/** A real workbook (exceljs) whose first sheet's XML or shared strings are then replaced. */
async function workbookWith(parts: Record<string, string>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('台账').addRow(['序号', '问题摘要', '具体描述']);
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  for (const [name, xml] of Object.entries(parts)) zip.file(name, xml);
  return Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}

const sheet = (rows: string) => `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
const inlineRows = (count: number) => Array.from({ length: count }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>问题${i}</t></is></c><c r="B${i + 1}"><v>${i}</v></c></row>`).join('');

describe('an xlsx is measured before it is loaded', () => {
  it('refuses a 50 MB cell in a small file by its compression ratio, without inflating it', async () => {
    const bomb = await workbookWith({ 'xl/sharedStrings.xml': `<sst><si><t>${'A'.repeat(50 * 1024 * 1024)}</t></si></sst>` });
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(workbookLimitRefusal(bomb, LIMITS)).toMatch(/^文件超出导入上限：压缩包内条目 xl\/sharedStrings\.xml 的压缩比超过上限 100:1/);
    expect((await parseLedgerWorkbook(bomb, { resolveEnterprise })).errors[0]?.message).toMatch(/压缩比超过上限/);
  }, 60_000);

  it('refuses 100 000 rows at the first row over the limit, naming the limit', async () => {
    const big = await workbookWith({ 'xl/worksheets/sheet1.xml': sheet(inlineRows(100_000)) });
    expect(workbookLimitRefusal(big, LIMITS)).toBe('数据行过多：工作表中超过 5000 行，一次最多导入 5000 行，请拆分为多个文件');
    const { errors } = await parseLedgerWorkbook(big, { resolveEnterprise });
    expect(errors).toEqual([{ rowNumber: 0, cell: null, column: null, message: '数据行过多：工作表中超过 5000 行，一次最多导入 5000 行，请拆分为多个文件' }]);
  }, 60_000);

  it('refuses a cell longer than Excel allows, and too many cells', async () => {
    const long = await workbookWith({ 'xl/worksheets/sheet1.xml': sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${'整改'.repeat(20_000)}</t></is></c></row>`) });
    expect(workbookLimitRefusal(long, LIMITS)).toBe('单元格内容过长：有一个单元格 40000 字，每个单元格最多 32767 字（Excel 的上限）');
    const wide = await workbookWith({ 'xl/worksheets/sheet1.xml': sheet(inlineRows(3000)) });
    expect(workbookLimitRefusal(wide, { ...LIMITS, maxCells: 5000 })).toBe('单元格过多：超过 5000 个有内容的单元格，请拆分为多个文件');
  }, 60_000);

  it('lets real ledgers through: the template, and 5 000 rows with title and header', async () => {
    expect(workbookLimitRefusal(await buildLedgerTemplate(), LIMITS)).toBeUndefined();
    const full = await workbookWith({ 'xl/worksheets/sheet1.xml': sheet(inlineRows(5003)) });
    expect(workbookLimitRefusal(full, LIMITS)).toBeUndefined();
  }, 60_000);
});

describe('parsing off the event loop', () => {
  it('answers what parseLedgerWorkbook answers', async () => {
    const template = await buildLedgerTemplate();
    const here = await parseLedgerWorkbook(template, { resolveEnterprise, defaults: { source: 'routine_audit' } });
    const there = await parseLedgerWorkbookOffThread({ file: template, enterprises: [{ code: 'E001', name: '示例' }], defaults: { source: 'routine_audit' } });
    expect(there).toEqual(here);
  }, 60_000);

  it('keeps the event loop free while a large workbook is read', async () => {
    const big = await workbookWith({ 'xl/worksheets/sheet1.xml': sheet(inlineRows(5003)) });
    let last = Date.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = Date.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 10);
    const started = Date.now();
    const result = await parseLedgerWorkbookOffThread({ file: big, enterprises: [] });
    const took = Date.now() - started;
    clearInterval(ticker);
    expect(result.errors.length).toBeGreaterThan(0);
    // The parse itself takes a while; the loop was never held for more than a fraction of it.
    expect(longestGap).toBeLessThan(Math.max(500, took / 4));
  }, 60_000);

  it('answers a file error, not a crash, when the worker cannot read the file', async () => {
    const result = await parseLedgerWorkbookOffThread({ file: Buffer.from('PK\x03\x04 not really'), enterprises: [] });
    expect(result.errors[0]?.message).toMatch(/^无法读取该文件/);
  }, 60_000);
});
