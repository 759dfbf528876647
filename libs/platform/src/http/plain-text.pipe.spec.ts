import { describe, expect, it } from '@jest/globals';
import { BadRequestException } from '@nestjs/common';
import { PlainTextPipe } from './plain-text.pipe.js';

const pipe = new PlainTextPipe();
const body = { type: 'body' as const };
const refusal = (value: unknown) => {
  try {
    pipe.transform(value, body);
  } catch (err) {
    return (err as BadRequestException).getResponse();
  }
  return undefined;
};

describe('PlainTextPipe', () => {
  it('lets ordinary Chinese text, tabs, line breaks and surrogate pairs through unchanged', () => {
    const value = { title: '整改措施\n第二行\t缩进', emoji: '𠮷', list: ['甲', '乙'], n: 3, nested: { ok: '是' } };
    expect(pipe.transform(value, body)).toBe(value);
  });

  it('names every field holding a control character or a lone surrogate', () => {
    expect(refusal({ title: 'a\u0000b', nested: { items: ['ok', '\ud800'] }, tail: 'x\udc00' })).toMatchObject({
      statusCode: 400,
      fields: [
        { field: 'title', reasons: ['不能包含控制字符'] },
        { field: 'nested.items[1]', reasons: ['包含无效的 Unicode 字符（孤立的代理项）'] },
        { field: 'tail', reasons: ['包含无效的 Unicode 字符（孤立的代理项）'] },
      ],
    });
  });

  it('checks query strings and path parameters too, by name', () => {
    expect(() => pipe.transform({ q: '\u001b[31m' }, { type: 'query' })).toThrow(BadRequestException);
    expect(() => pipe.transform('E001\u0007', { type: 'param', data: 'ledgerNo' })).toThrow(BadRequestException);
  });

  it('walks a value nested 100 000 levels deep without overflowing the stack, refusing it by its depth', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(refusal({ deep })).toMatchObject({ statusCode: 400, fields: [{ field: expect.stringMatching(/^deep(\[0\])+$/), reasons: ['嵌套层数超过上限 32 层'] }] });
  });

  it('accepts nesting up to the limit', () => {
    let value: unknown = '是';
    for (let i = 0; i < 31; i++) value = { a: value };
    expect(refusal(value)).toBeUndefined();
  });
});
