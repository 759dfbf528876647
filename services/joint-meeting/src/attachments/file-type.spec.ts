import { describe, expect, it } from '@jest/globals';
import { recogniseAttachment, safeFileName } from './file-type.js';

describe('attachment types', () => {
  it('accepts a file whose content matches its name', () => {
    expect(recogniseAttachment('说明.pdf', 'application/pdf', Buffer.from('%PDF-1.7\n'))).toEqual({ mime: 'application/pdf' });
    expect(recogniseAttachment('说明.txt', '', Buffer.from('中文说明'))).toEqual({ mime: 'text/plain' });
  });

  it('refuses unknown types, mismatched declarations and disguised content', () => {
    expect(recogniseAttachment('a.exe', '', Buffer.from('MZ'))).toHaveProperty('refusal');
    expect(recogniseAttachment('a.pdf', 'image/png', Buffer.from('%PDF-1.7'))).toHaveProperty('refusal');
    expect(recogniseAttachment('a.pdf', 'application/pdf', Buffer.from('hello'))).toEqual({ refusal: '文件内容不是 .pdf 格式' });
  });

  it('keeps only a safe base name', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('..')).toBeNull();
  });
});
