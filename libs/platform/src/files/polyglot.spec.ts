import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Document, Packer, Paragraph } from 'docx';
import { DOCUMENT_FILE_TYPES, recogniseFile, uploadFileName } from './file-type.js';
import { findExecutable } from './executables.js';
import { readZipDirectory, zipLimitRefusal } from './zip-archive.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const recognise = (name: string, content: Buffer) => recogniseFile(DOCUMENT_FILE_TYPES, name, '', content);

/** The smallest Windows program header: `MZ`, e_lfanew at 0x3c pointing at `PE\0\0`. */
export function peExecutable(size = 512): Buffer {
  const exe = Buffer.alloc(size, 0x90);
  exe.write('MZ', 0, 'latin1');
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write('PE\0\0', 0x80, 'latin1');
  return exe;
}
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);

async function docx(extra: Record<string, Buffer | string> = {}, options: { compression?: 'STORE' | 'DEFLATE' } = {}): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships/>');
  zip.file('word/document.xml', '<?xml version="1.0"?><w:document/>');
  for (const [name, content] of Object.entries(extra)) zip.file(name, content);
  return Buffer.from(await zip.generateAsync({ type: 'uint8array', compression: options.compression ?? 'DEFLATE' }));
}

describe('Office files are checked as whole containers', () => {
  it('accepts real documents written by Word-compatible libraries', async () => {
    const word = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('整改报告')] }] }));
    expect(recognise('整改报告.docx', Buffer.from(word))).toMatchObject({ type: { mime: DOCX } });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('台账').addRow(['序号', '问题摘要']);
    expect(recognise('台账.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))).toMatchObject({ type: { label: 'XLSX' } });
    expect(recognise('最小.docx', await docx())).toHaveProperty('type');
  }, 60_000);

  it('refuses a zip holding an .exe named .docx, and an executable under an innocent name', async () => {
    expect(recognise('说明.docx', await docx({ 'setup.exe': peExecutable() }))).toEqual({ refusal: '文件内容不是有效的 .docx 文件：文档中夹带可执行文件 setup.exe' });
    const disguised = recognise('说明.docx', await docx({ 'word/media/image1.png': peExecutable() }));
    expect(disguised).toEqual({ refusal: '文件内容不是有效的 .docx 文件：文档中夹带可执行程序（PE，条目 word/media/image1.png）' });
    expect(recognise('说明.docx', await docx({ 'word/embeddings/oleObject1.bin': Buffer.concat([Buffer.alloc(3000, 1), ELF]) }))).toHaveProperty('refusal', expect.stringContaining('ELF'));
  }, 60_000);

  it('looks inside embedded packages, and bounds what it inflates', async () => {
    const inner = await docx({ 'payload.exe': peExecutable() });
    expect(recognise('说明.docx', await docx({ 'word/embeddings/Microsoft_Word_Document.docx': inner }))).toEqual({
      refusal: '文件内容不是有效的 .docx 文件：嵌入文档 word/embeddings/Microsoft_Word_Document.docx：文档中夹带可执行文件 payload.exe',
    });
    expect(recognise('说明.docx', await docx({ 'word/embeddings/Microsoft_Word_Document.docx': await docx() }))).toHaveProperty('type');
    const big = await docx({ 'word/embeddings/oleObject1.bin': randomBytes(33 * 1024 * 1024) }, { compression: 'STORE' });
    expect(recognise('说明.docx', big)).toHaveProperty('refusal', expect.stringContaining('嵌入对象 word/embeddings/oleObject1.bin 过大'));
  }, 60_000);

  it('refuses a zip that is no OOXML package, macros, traversal names and foreign parts', async () => {
    const plain = new JSZip();
    plain.file('readme.txt', 'hello');
    expect(recognise('说明.docx', Buffer.from(await plain.generateAsync({ type: 'uint8array' })))).toHaveProperty('refusal', expect.stringContaining('缺少'));
    expect(recognise('表.xlsx', await docx())).toHaveProperty('refusal', expect.stringContaining('xl/workbook.xml'));
    expect(recognise('说明.docx', await docx({ 'word/vbaProject.bin': 'x' }))).toHaveProperty('refusal', expect.stringContaining('宏'));
    expect(recognise('说明.docx', await docx({ 'word/script.py': 'print(1)' }))).toHaveProperty('refusal', expect.stringContaining('不是 Office 文档的组成部分'));
  }, 60_000);

  it('refuses data appended after the archive', async () => {
    expect(recognise('说明.docx', Buffer.concat([await docx(), peExecutable()]))).toHaveProperty('refusal', expect.stringContaining('附加'));
  }, 60_000);

  it('reads sizes from the central directory and refuses bombs before inflating', async () => {
    const bomb = await docx({ 'word/bomb.xml': 'A'.repeat(60 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(200 * 1024);
    const directory = readZipDirectory(bomb);
    expect('entries' in directory && directory.entries.find((e) => e.name === 'word/bomb.xml')?.uncompressedSize).toBe(60 * 1024 * 1024);
    expect(recognise('说明.docx', bomb)).toHaveProperty('refusal', expect.stringContaining('压缩比超过上限 200:1'));
    if (!('entries' in directory)) throw new Error('no directory');
    expect(zipLimitRefusal(directory.entries, { maxEntries: 2, maxEntryBytes: 1e9, maxTotalBytes: 1e9, maxRatio: 1e9 })).toBe('压缩包内条目过多：6 个，上限 2 个');
  }, 60_000);
});

describe('PDFs and images with a program appended', () => {
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

  it('refuses a PDF or PNG followed by a PE or ELF image', () => {
    expect(recognise('报告.pdf', Buffer.concat([pdf, peExecutable()]))).toEqual({ refusal: `文件中夹带可执行程序（PE，位于第 ${pdf.length} 字节），不予接收` });
    expect(recognise('图.png', Buffer.concat([png, ELF]))).toHaveProperty('refusal', expect.stringContaining('ELF'));
  });

  it('does not mistake an ordinary "MZ" or random bytes for a program', () => {
    expect(recognise('报告.pdf', Buffer.concat([pdf, Buffer.from('MZ is a pair of letters in text, not a program header at all......'), pdf]))).toHaveProperty('type');
    let seed = 1;
    const noise = Buffer.alloc(4 * 1024 * 1024, 0).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
    expect(findExecutable(Buffer.from(noise))).toBeUndefined();
  });
});

describe('upload file names', () => {
  it('decodes UTF-8 names that busboy read as Latin-1, and keeps names sent with filename*', () => {
    expect(uploadFileName(Buffer.from('整改证明.txt', 'utf8').toString('latin1'))).toEqual({ name: '整改证明.txt' });
    expect(uploadFileName('整改证明.txt')).toEqual({ name: '整改证明.txt' });
    expect(uploadFileName('café.txt')).toEqual({ name: 'café.txt' });
  });

  it('normalises to NFC', () => {
    expect(uploadFileName('cafe\u0301.txt')).toEqual({ name: 'caf\u00e9.txt' });
  });

  it('refuses bidirectional controls that disguise the extension', () => {
    expect(uploadFileName('报告\u202Efdp.exe')).toEqual({ refusal: '文件名不能包含双向文本控制字符（如 U+202E），它们会使文件的扩展名显示得与实际不同' });
    expect(uploadFileName(Buffer.from('报告\u2067.pdf', 'utf8').toString('latin1'))).toHaveProperty('refusal');
  });
});

export { DOCX };
