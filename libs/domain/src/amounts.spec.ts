import { describe, expect, it } from '@jest/globals';
import { compareAmounts, isAmount, normaliseAmount } from './amounts.js';

describe('isAmount', () => {
  it.each(['0', '1000', '1000.5', '1000.00', '1234567.89', '999999999999999.99'])('accepts %s', (s) => {
    expect(isAmount(s)).toBe(true);
  });

  it.each(['', '12.345', '-1', '+1', '1,000', ' 1', '1.', '.5', '1e3', '1000000000000000', 'abc'])(
    'rejects %j',
    (s) => {
      expect(isAmount(s)).toBe(false);
    },
  );

  it('rejects non-strings', () => {
    expect(isAmount(1000)).toBe(false);
    expect(isAmount(null)).toBe(false);
  });
});

describe('compareAmounts', () => {
  it('compares exactly, ignoring trailing zeros', () => {
    expect(compareAmounts('1000', '1000.00')).toBe(0);
    expect(compareAmounts('999.99', '1000')).toBe(-1);
    expect(compareAmounts('1000.01', '1000')).toBe(1);
  });

  it('is exact where floating point is not', () => {
    // 999999999999999.99 and 999999999999999.98 are the same double.
    expect(999999999999999.99 === 999999999999999.98).toBe(true);
    expect(compareAmounts('999999999999999.99', '999999999999999.98')).toBe(1);
  });

  it('throws on a malformed amount', () => {
    expect(() => compareAmounts('1,000', '1000')).toThrow(RangeError);
    expect(() => compareAmounts('1000', '12.345')).toThrow(RangeError);
  });
});

describe('normaliseAmount', () => {
  it.each([
    ['1,234.5', '1234.50'],
    ['1,234,567.89', '1234567.89'],
    ['1234', '1234.00'],
    [' 12.3 ', '12.30'],
    ['007', '7.00'],
    ['0', '0.00'],
  ])('%j → %s', (input, expected) => {
    expect(normaliseAmount(input)).toBe(expected);
  });

  it.each(['12.345', '1,23.4', '12,34', '-5', 'abc', '', '1.2.3', '1234567890123456'])('rejects %j', (input) => {
    expect(normaliseAmount(input)).toBeNull();
  });
});
