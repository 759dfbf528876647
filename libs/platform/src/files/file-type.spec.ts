import { describe, expect, it } from '@jest/globals';
import { DOCUMENT_FILE_TYPES, recogniseFile, safeFileName } from './file-type.js';

const pdf = Buffer.from('%PDF-1.7\n...');
const recognise = (name: string, declared: string, content: Buffer) => recogniseFile(DOCUMENT_FILE_TYPES, name, declared, content);

describe('file type checks', () => {
  it('accepts a file whose content matches its name', () => {
    expect(recognise('整改报告.pdf', 'application/pdf', pdf)).toMatchObject({ type: { mime: 'application/pdf' } });
    expect(recognise('说明.txt', '', Buffer.from('中文说明'))).toMatchObject({ type: { mime: 'text/plain' } });
  });

  it('refuses content that does not match the name (a renamed executable)', () => {
    expect(recognise('报告.pdf', 'application/pdf', Buffer.from('MZ\x90\x00binary'))).toEqual({ refusal: '文件内容不是 .pdf 格式' });
  });

  it('refuses a declared type that contradicts the name, and unknown types', () => {
    expect(recognise('报告.pdf', 'image/png', pdf)).toEqual({ refusal: '文件类型 image/png 与文件名 报告.pdf 不符' });
    expect(recognise('run.sh', 'text/x-sh', Buffer.from('#!/bin/sh'))).toEqual({
      refusal: '不支持的文件类型（run.sh），仅接受 PDF、PNG、JPEG、DOCX、XLSX、TXT',
    });
  });

  it('accepts only the types it is given', () => {
    const pdfOnly = DOCUMENT_FILE_TYPES.filter((t) => t.label === 'PDF');
    expect(recogniseFile(pdfOnly, '说明.txt', '', Buffer.from('文字'))).toEqual({ refusal: '不支持的文件类型（说明.txt），仅接受 PDF' });
  });

  it('accepts UTF-8 text and refuses binary called text', () => {
    expect(recognise('说明.txt', 'text/plain', Buffer.from('整改说明：已完成'))).toHaveProperty('type');
    expect(recognise('说明.txt', 'text/plain', Buffer.from([0xff, 0xfe, 0x00, 0x41]))).toHaveProperty('refusal');
  });

  it('strips folders and control characters from file names', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('..\\..\\证明\u0000材料.pdf')).toBe('证明材料.pdf');
    expect(safeFileName('..')).toBeNull();
    expect(safeFileName('a'.repeat(300) + '.pdf')).toHaveLength(200);
  });
});
