import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { randomBytes } from 'node:crypto';
import { closeDb, login } from '../harness/index.js';
import { register } from '../ledger/fixtures.js';
import { writtenState } from './db-snapshot.js';
import { namesAField, send, type Sent } from './requests.js';

/**
 * Bad uploads: evidence files that are empty, oversized, mislabelled or nameless, and ledger
 * imports that are not xlsx, are broken zips, are too big, or are real workbooks with unreadable
 * cells. Each answers 4xx naming the field (or the cells), and nothing is written. Path traversal
 * in file names never escapes the evidence store.
 */
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'), randomBytes(64)]);
const EXE = Buffer.concat([Buffer.from('MZ'), randomBytes(512)]);

function form(name: string, content: Buffer, type: string, field = 'file'): FormData {
  const f = new FormData();
  f.append(field, new Blob([new Uint8Array(content)], { type }), name);
  return f;
}

let ledgerNo: string;
let before: Record<string, string>;
let misses: { what: string; status: number; body: string }[] = [];
function expect4xxNamingField(what: string, res: Sent): void {
  if (res.status < 400 || res.status >= 500 || !namesAField(res.json)) misses.push({ what, status: res.status, body: res.text.slice(0, 300) });
}

async function templateWith(rows: (string | number)[][]): Promise<Buffer> {
  const res = await fetch(`${(await import('../harness/index.js')).stack().urls.gateway}/api/issues/ledger/template.xlsx`, { headers: { authorization: `Bearer ${await login('e001-audit')}` } });
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  const sheet = wb.worksheets[0]!;
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeEach(() => {
  misses = []; // each test reports its own
});

beforeAll(async () => {
  ledgerNo = (await register('e001-audit')).ledgerNo;
  before = await writtenState();
});

afterAll(async () => {
  await closeDb();
});

describe('bad uploads', () => {
  it('refuses bad evidence files with 4xx naming the file field', async () => {
    const token = await login('e001-business');
    const path = `/api/issues/problems/${ledgerNo}/evidence`;
    const cases: [string, FormData][] = [
      ['empty file', form('空.pdf', Buffer.alloc(0), 'application/pdf')],
      ['executable labelled as PDF', form('整改报告.pdf', EXE, 'application/pdf')],
      ['PDF named .xlsx', form('台账.xlsx', PDF, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')],
      ['random bytes named .docx', form('说明.docx', randomBytes(2048), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')],
      ['name of only dots', form('..', PDF, 'application/pdf')],
      ['name of control characters', form('\u0001\u0002', PDF, 'application/pdf')],
      ['file under another field', form('整改报告.pdf', PDF, 'application/pdf', 'attachment')],
      ['over the 20 MiB limit', form('大文件.pdf', Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024)]), 'application/pdf')],
    ];
    for (const [what, body] of cases) expect4xxNamingField(`evidence: ${what}`, await send('POST', path, { token, form: body }));
    expect(misses).toEqual([]);
  });

  it('refuses ledger imports that are not readable workbooks, or whose cells are wrong, naming the file or each cell', async () => {
    const token = await login('e001-audit');
    const notXlsxZip = new JSZip();
    notXlsxZip.file('hello.txt', '不是台账');
    const badCells = await templateWith([
      [1, '审决〔2026〕1号', '项目', '市城市建设投资集团有限公司', '财务管理', '摘要', '描述', '-12.5万', '依据', '建议', '措施', '财务部', '张三', '2026年2月30日'],
      [2, '', '', '不存在的企业', '', '', '', '1,2,3', '', '', '', '', '', '明天'],
    ]);
    const cases: [string, FormData][] = [
      ['random bytes named .xlsx', form('台账.xlsx', randomBytes(4096), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')],
      ['a zip that is not a workbook', form('台账.xlsx', Buffer.from(await notXlsxZip.generateAsync({ type: 'uint8array' })), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')],
      ['a truncated workbook', form('台账.xlsx', badCells.subarray(0, Math.floor(badCells.length / 2)), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')],
      ['a PDF labelled as xlsx', form('台账.xlsx', PDF, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')],
      ['a workbook with unreadable cells', form('台账.xlsx', badCells, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')],
      ['an empty file', form('台账.xlsx', Buffer.alloc(0), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')],
      ['over the 10 MiB limit', form('台账.xlsx', randomBytes(11 * 1024 * 1024), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')],
    ];
    for (const [what, body] of cases) expect4xxNamingField(`import: ${what}`, await send('POST', '/api/issues/ledger/import', { token, form: body }));
    expect(misses).toEqual([]);
  });

  it('has written nothing', async () => {
    const after = await writtenState();
    expect({ changed: Object.keys(before).filter((t) => before[t] !== after[t]) }).toEqual({ changed: [] });
  });

  it('never lets a file name leave the evidence store: traversal names are reduced to their last part', async () => {
    const token = await login('e001-business');
    for (const name of ['../../../../etc/passwd.pdf', '..\\..\\windows\\win.ini.pdf', '/etc/cron.d/x.pdf', 'a/../../b.pdf', '%2e%2e%2fsecret.pdf']) {
      const res = await send('POST', `/api/issues/problems/${ledgerNo}/evidence`, { token, form: form(name, PDF, 'application/pdf') });
      expect([name, res.status < 500]).toEqual([name, true]);
      if (res.status === 201) {
        const stored = (res.json as { fileName: string; id: string }).fileName;
        expect([name, /[\\/]/.test(stored) || stored.startsWith('..')]).toEqual([name, false]);
        const back = await fetch(`${(await import('../harness/index.js')).stack().urls.gateway}/api/issues/problems/${ledgerNo}/evidence/${(res.json as { id: string }).id}`, { headers: { authorization: `Bearer ${token}` } });
        expect(Buffer.from(await back.arrayBuffer()).equals(PDF)).toBe(true);
      } else {
        expect([name, res.status, namesAField(res.json)]).toEqual([name, res.status, true]);
      }
    }
  });
});
