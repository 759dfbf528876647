import { describe, expect, it } from '@jest/globals';
import { jsonTooDeep, MAX_JSON_DEPTH, verifyJsonDepth } from './body-limits.js';

const nested = (levels: number, open = '[', close = ']') => open.repeat(levels) + close.repeat(levels);

describe('JSON nesting bound', () => {
  it('counts arrays and objects, up to the limit inclusive', () => {
    expect(jsonTooDeep(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonTooDeep(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonTooDeep('{"a":'.repeat(MAX_JSON_DEPTH + 1) + '1' + '}'.repeat(MAX_JSON_DEPTH + 1))).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonTooDeep(JSON.stringify({ text: '['.repeat(5000), quoted: '\\"[[[' + '{'.repeat(100) }))).toBe(false);
  });

  it('scans a 2 000-level, 4 KB body and a 10 MB flat one without recursion', () => {
    expect(jsonTooDeep(`{"username":${nested(2000)}}`)).toBe(true);
    expect(jsonTooDeep(JSON.stringify({ list: Array.from({ length: 1_000_000 }, (_, i) => i) }))).toBe(false);
  });

  it('refuses through body-parser with status 400 and type entity.too.deep, naming the limit', () => {
    const body = Buffer.from(`{"a":${nested(2000)}}`);
    let thrown: unknown;
    try {
      verifyJsonDepth({} as never, {}, body, 'utf-8');
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ status: 400, type: 'entity.too.deep', message: '请求体的嵌套层数超过上限 32 层' });
    expect(() => verifyJsonDepth({} as never, {}, Buffer.from('{"a":[[1]]}'), 'utf-8')).not.toThrow();
  });
});
