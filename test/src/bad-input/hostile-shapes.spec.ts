import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BACKEND_SERVICES } from '@rectify/contracts';
import { closeDb, login, stack } from '../harness/index.js';
import { register, registration } from '../ledger/fixtures.js';
import { loadOperations, type Operation } from './openapi.js';
import { namesAField, send } from './requests.js';

/**
 * Hostile shapes that once took services down or slipped through: JSON nested thousands of levels
 * deep (a stack overflow and a 500 on every JSON route), bodies over the limit, registrations whose
 * nested objects are missing or of the wrong kind, xlsx archive bombs and 100 000-row ledgers
 * (gigabytes of memory, the event loop held for seconds), and polyglot uploads (a PDF or an image
 * with a program appended, an .exe zipped and named .docx, bidi-disguised names, UTF-8 names sent
 * as RFC 5987 `filename*`). Every one must be refused with a 4xx naming the field and the limit,
 * and must leave every service answering.
 */
const RUNS = Number(process.env['RECTIFY_BAD_INPUT_RUNS'] ?? 15);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001080600000000', 'hex');

function pe(size = 1024): Buffer {
  const exe = Buffer.alloc(size, 0x90);
  exe.write('MZ', 0, 'latin1');
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write('PE\0\0', 0x80, 'latin1');
  return exe;
}
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(256)]);

const nest = (depth: number, kind: 'array' | 'object', inner: unknown = 1): string =>
  kind === 'array' ? '['.repeat(depth) + JSON.stringify(inner) + ']'.repeat(depth) : '{"a":'.repeat(depth) + JSON.stringify(inner) + '}'.repeat(depth);

const concrete = (path: string) => path.replace(/\{ledgerNo\}/g, 'E001-2026-99999').replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');

/** Everything the stack's processes have logged so far, per file (to look only at what follows). */
function logSizes(): Record<string, number> {
  const dir = stack().logDir;
  return Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => [f, statSync(join(dir, f)).size]));
}
function loggedSince(sizes: Record<string, number>): string {
  const dir = stack().logDir;
  return Object.entries(logSizes()).map(([f]) => readFileSync(join(dir, f)).subarray(sizes[f] ?? 0).toString('utf8')).join('\n');
}

function form(name: string, content: Buffer, type: string): FormData {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(content)], { type }), name);
  return f;
}

/** A multipart body written by hand, for headers FormData cannot produce (RFC 5987 `filename*`). */
function rawMultipart(disposition: string, content: Buffer, type: string): { raw: Buffer; contentType: string } {
  const boundary = '----rectify-bad-input-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\nContent-Type: ${type}\r\n\r\n`;
  return { raw: Buffer.concat([Buffer.from(head, 'utf8'), content, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}
async function postRaw(path: string, token: string, body: { raw: Buffer; contentType: string }) {
  const res = await fetch(`${stack().urls.gateway}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': body.contentType }, body: new Uint8Array(body.raw) });
  const text = await res.text();
  return { status: res.status, json: JSON.parse(text) as Record<string, unknown> };
}

async function docxWith(extra: Record<string, Buffer | string>): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships/>');
  zip.file('word/document.xml', '<?xml version="1.0"?><w:document/>');
  for (const [name, content] of Object.entries(extra)) zip.file(name, content);
  return Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}

/** A real workbook whose parts are then replaced (a 50 MB shared string, a 100 000-row sheet). */
async function workbookWith(parts: Record<string, string>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('台账').addRow(['序号', '问题摘要', '具体描述']);
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  for (const [name, xml] of Object.entries(parts)) zip.file(name, xml);
  return Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}
const sheet = (rows: number) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${Array.from(
    { length: rows },
    (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c><c r="B${i + 1}" t="inlineStr"><is><t>违规发放补贴${i}</t></is></c></row>`,
  ).join('')}</sheetData></worksheet>`;

let operations: Operation[];
let jsonOperations: Operation[];
let logsBefore: Record<string, number>;

beforeAll(async () => {
  operations = await loadOperations(BACKEND_SERVICES);
  jsonOperations = operations.filter((op) => op.jsonBody);
  logsBefore = logSizes();
});

afterAll(async () => {
  await closeDb();
});

describe('deeply nested JSON', () => {
  it('is refused 400 naming the body and the 32-level limit on every JSON route of every service, login included', async () => {
    const token = await login('jiandu');
    expect(jsonOperations.map((op) => op.key)).toContain('POST /api/auth/login');
    const body = `{"username":${nest(2000, 'array')},"password":"x"}`;
    expect(body.length).toBeLessThan(5000);
    const wrong: string[] = [];
    for (const op of jsonOperations) {
      const res = await send(op.method, concrete(op.path), { token, raw: body });
      const reasons = (res.json as { fields?: { field: string; reasons: string[] }[] } | undefined)?.fields?.[0];
      if (res.status !== 400 || reasons?.field !== 'body' || !reasons.reasons[0]?.includes('32')) wrong.push(`${op.key} → ${res.status} ${res.text.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('is refused whatever its shape, depth and place in the body (property-based)', async () => {
    const token = await login('jiandu');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...jsonOperations),
        fc.integer({ min: 33, max: 20_000 }),
        fc.constantFrom('array' as const, 'object' as const),
        fc.constantFrom('top', 'field', 'string-inside'),
        async (op, depth, kind, place) => {
          const inner = place === 'string-inside' ? '[[[[{{{{"' : 1;
          const nested = nest(depth, kind, inner);
          const body = place === 'top' ? nested : `{"title":"x","document":${nested}}`;
          const res = await send(op.method, concrete(op.path), { token, raw: body });
          expect([op.key, depth, res.status < 500, body.length > 1024 * 1024 ? [400, 413].includes(res.status) : res.status === 400, namesAField(res.json)]).toEqual([op.key, depth, true, true, true]);
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });

  it('lets nesting below the limit through to validation (a 400 about fields, not the depth)', async () => {
    const res = await send('POST', '/api/issues/problems', { token: await login('e001-audit'), raw: JSON.stringify({ ...registration(), extra: JSON.parse(nest(20, 'object')) }) });
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('嵌套');
    expect(res.text).toContain('extra');
  });

  it('refuses a body over 1 MiB with 413 naming the limit, and takes a meeting record of the largest size its fields allow', async () => {
    const res = await send('POST', '/api/auth/login', { raw: JSON.stringify({ username: 'x'.repeat(1100 * 1024), password: 'x' }) });
    expect([res.status, (res.json as { message: string[] }).message]).toEqual([413, ['body: 请求体过大，上限为 1 MiB']]);
    const meeting = { title: '会议', attendees: ['监督处'], agenda: '议'.repeat(10_000), minutes: '纪'.repeat(50_000), decisions: Array.from({ length: 50 }, () => '定'.repeat(2000)), extra: 1 };
    expect(Buffer.byteLength(JSON.stringify(meeting))).toBeGreaterThan(400 * 1024);
    // (an unknown field, so that nothing is written: the refusal must be the validator's, not the parser's)
    const big = await send('POST', '/api/joint-meeting/meetings', { token: await login('lianxi'), json: meeting });
    expect([big.status, big.text.includes('extra'), big.text.includes('请求体过大')]).toEqual([400, true, false]);
  });

  it('refuses a form body nested past 5 levels or with over 1 000 fields, naming the limit', async () => {
    const deep = await send('POST', '/api/auth/login', { raw: `username${'[a]'.repeat(50)}=x&password=y`, contentType: 'application/x-www-form-urlencoded' });
    expect([deep.status, (deep.json as { message: string[] }).message]).toEqual([400, ['body: 表单的嵌套层数超过上限 5 层']]);
    const many = await send('POST', '/api/auth/login', { raw: Array.from({ length: 1500 }, (_, i) => `f${i}=1`).join('&'), contentType: 'application/x-www-form-urlencoded' });
    expect([many.status, (many.json as { message: string[] }).message]).toEqual([413, ['body: 表单字段过多，上限 1000 个']]);
  });

  it('logged no stack overflow and no error stack for any of it', () => {
    expect(loggedSince(logsBefore)).not.toMatch(/Maximum call stack|RangeError|TypeError/);
  });
});

describe('nested objects of a registration', () => {
  it.each([
    ['without document', undefined, '审计文书为必填项'],
    ['with document: []', [], '审计文书必须是对象'],
    ['with document: "x"', 'x', '审计文书必须是对象'],
    ['with document: null', null, '审计文书为必填项'],
  ])('a registration %s is a 400 naming document', async (_what, document, reason) => {
    const body = { ...registration({ enterpriseCode: 'E002' }), document };
    const res = await send('POST', '/api/issues/problems', { token: await login('jiandu'), json: body });
    expect(res.status).toBe(400);
    expect((res.json as { fields: { field: string; reasons: string[] }[] }).fields.find((f) => f.field === 'document')?.reasons).toContain(reason);
  });

  it('a responsibility assignment without its responsibility, or a plan whose milestones are not objects, is a 400 naming the field', async () => {
    const token = await login('jiandu');
    const assign = await send('POST', '/api/issues/problems/E001-2026-99999/responsibility', { token, json: {} });
    expect([assign.status, namesAField(assign.json)]).toEqual([400, true]);
    expect(assign.text).toContain('responsibility');
  });
});

describe('xlsx archive bombs and huge ledgers', () => {
  /** Issues-service requests timed while `work` runs: every one must answer, none wait for seconds. */
  async function whileOtherRequestsRun<T>(work: () => Promise<T>): Promise<{ result: T; statuses: number[]; slowestMs: number }> {
    const token = await login('jiandu');
    let done = false;
    const statuses: number[] = [];
    let slowestMs = 0;
    const probe = (async () => {
      while (!done) {
        const started = Date.now();
        const res = await fetch(`${stack().urls.gateway}/api/issues/problems?pageSize=1`, { headers: { authorization: `Bearer ${token}` } });
        await res.arrayBuffer();
        statuses.push(res.status);
        slowestMs = Math.max(slowestMs, Date.now() - started);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const result = await work();
    done = true;
    await probe;
    return { result, statuses, slowestMs };
  }

  it('refuses a 52 KB workbook holding one 50 MB cell, naming the limit, while other requests are answered', async () => {
    const bomb = await workbookWith({ 'xl/sharedStrings.xml': `<sst><si><t>${'A'.repeat(50 * 1024 * 1024)}</t></si></sst>` });
    expect(bomb.length).toBeLessThan(200 * 1024);
    const token = await login('e001-audit');
    const { result, statuses, slowestMs } = await whileOtherRequestsRun(() => send('POST', '/api/issues/ledger/import', { token, form: form('台账.xlsx', bomb, XLSX) }));
    expect(result.status).toBe(422);
    expect(result.text).toContain('压缩比超过上限 100:1');
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(slowestMs).toBeLessThan(3000);
  });

  it('refuses a 100 000-row ledger at once, naming the 5 000-row limit, without holding the service', async () => {
    const big = await workbookWith({ 'xl/worksheets/sheet1.xml': sheet(100_000) });
    const token = await login('e001-audit');
    const started = Date.now();
    const { result, statuses, slowestMs } = await whileOtherRequestsRun(() => send('POST', '/api/issues/ledger/import', { token, form: form('台账.xlsx', big, XLSX) }));
    expect(result.status).toBe(422);
    expect(result.text).toContain('一次最多导入 5000 行');
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
    // Before: the event loop was held 11–25 s before the limit was noticed.
    expect(slowestMs).toBeLessThan(3000);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('refuses archive bombs and oversized cells of any size and shape (property-based)', async () => {
    const token = await login('e001-audit');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 33_000, max: 3_000_000 }), fc.constantFrom('shared', 'inline'), async (chars, where) => {
        const text = '整'.repeat(chars);
        const parts: Record<string, string> =
          where === 'shared'
            ? { 'xl/sharedStrings.xml': `<sst><si><t>${text}</t></si></sst>` }
            : { 'xl/worksheets/sheet1.xml': `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${text}</t></is></c></row></sheetData></worksheet>` };
        const res = await send('POST', '/api/issues/ledger/import', { token, form: form('台账.xlsx', await workbookWith(parts), XLSX) });
        expect([chars, res.status, /单元格内容过长|压缩比超过上限/.test(res.text), namesAField(res.json)]).toEqual([chars, 422, true, true]);
      }),
      { numRuns: Math.max(3, Math.ceil(RUNS / 3)) },
    );
  });
});

describe('polyglot uploads and disguised names', () => {
  let ledgerNo: string;
  beforeAll(async () => {
    ledgerNo = (await register('e001-audit')).ledgerNo;
  });
  const evidence = () => `/api/issues/problems/${ledgerNo}/evidence`;

  it.each([
    ['a PDF with a Windows program appended', '报告.pdf', () => Promise.resolve(Buffer.concat([PDF, pe()])), 'application/pdf', '可执行程序（PE'],
    ['a PNG with an ELF program appended', '现场.png', () => Promise.resolve(Buffer.concat([PNG, ELF])), 'image/png', '可执行程序（ELF'],
    ['a zip holding setup.exe named .docx', '说明.docx', () => docxWith({ 'setup.exe': pe() }), DOCX, '可执行文件 setup.exe'],
    ['a docx whose image is a program', '说明.docx', () => docxWith({ 'word/media/image1.png': pe() }), DOCX, '可执行程序（PE'],
    ['a plain zip named .docx', '说明.docx', async () => Buffer.from(await new JSZip().file('a.txt', 'x').generateAsync({ type: 'uint8array' })), DOCX, '缺少'],
    ['a docx with data after the archive', '说明.docx', async () => Buffer.concat([await docxWith({}), pe()]), DOCX, '附加'],
    ['a name with a right-to-left override', '合同\u202Egpj.pdf', () => Promise.resolve(PDF), 'application/pdf', '双向文本控制字符'],
  ])('refuses %s with 400 naming file', async (_what, name, content, type, reason) => {
    const res = await send('POST', evidence(), { token: await login('e001-business'), form: form(name, await content(), type) });
    expect([res.status, res.text.includes(reason), namesAField(res.json)]).toEqual([400, true, true]);
  });

  it('refuses the same in joint-meeting attachments', async () => {
    const res = await send('POST', '/api/joint-meeting/attachments', { token: await login('lianxi'), form: form('情况说明.pdf', Buffer.concat([PDF, pe()]), 'application/pdf') });
    expect([res.status, res.text.includes('可执行程序')]).toEqual([400, true]);
  });

  it('stores UTF-8 names as written: RFC 5987 filename*, raw UTF-8, and NFC', async () => {
    const token = await login('e001-business');
    const star = await postRaw(evidence(), token, rawMultipart(`filename*=UTF-8''${encodeURIComponent('整改证明.txt')}`, Buffer.from('已整改'), 'text/plain'));
    expect([star.status, star.json['fileName']]).toEqual([201, '整改证明.txt']);
    const raw = await postRaw(evidence(), token, rawMultipart('filename="整改说明.txt"', Buffer.from('已整改'), 'text/plain'));
    expect([raw.status, raw.json['fileName']]).toEqual([201, '整改说明.txt']);
    const decomposed = await postRaw(evidence(), token, rawMultipart(`filename*=UTF-8''${encodeURIComponent('cafe\u0301.txt')}`, Buffer.from('x'), 'text/plain'));
    expect([decomposed.status, decomposed.json['fileName']]).toEqual([201, 'caf\u00e9.txt']);
  });

  it('still accepts a real docx and a real xlsx as evidence', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('附表').addRow(['整改金额', 100]);
    const res = await send('POST', evidence(), { token: await login('e001-business'), form: form('附表.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), XLSX) });
    expect(res.status).toBe(201);
  });
});
