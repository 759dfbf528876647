import { describe, expect, it } from '@jest/globals';
import { recogniseEvidence, safeFileName } from './file-type.js';

const pdf = Buffer.from('%PDF-1.7\n...');

describe('evidence file checks', () => {
  it('accepts a PDF whose content is a PDF', () => {
    expect(recogniseEvidence('整改报告.pdf', 'application/pdf', pdf)).toMatchObject({ type: { mime: 'application/pdf' } });
  });

  it('refuses content that does not match the name (a renamed executable)', () => {
    const result = recogniseEvidence('报告.pdf', 'application/pdf', Buffer.from('MZ\x90\x00binary'));
    expect(result).toEqual({ refusal: expect.stringMatching(/^file：文件内容不是 \.pdf 格式/) });
  });

  it('refuses a declared type that contradicts the name, and unknown types', () => {
    expect(recogniseEvidence('报告.pdf', 'image/png', pdf)).toHaveProperty('refusal');
    expect(recogniseEvidence('run.sh', 'text/x-sh', Buffer.from('#!/bin/sh'))).toHaveProperty('refusal');
  });

  it('accepts UTF-8 text and refuses binary called text', () => {
    expect(recogniseEvidence('说明.txt', 'text/plain', Buffer.from('整改说明：已完成'))).toHaveProperty('type');
    expect(recogniseEvidence('说明.txt', 'text/plain', Buffer.from([0xff, 0xfe, 0x00, 0x41]))).toHaveProperty('refusal');
  });

  it('strips folders and control characters from file names', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('..\\..\\证明\u0000材料.pdf')).toBe('证明材料.pdf');
    expect(safeFileName('..')).toBeNull();
    expect(safeFileName('a'.repeat(300) + '.pdf')).toHaveLength(200);
  });
});
