import { describe, expect, it } from '@jest/globals';
import { formatDays, formatRate, formatScore, formatYuan, NO_DATA, parseDecimal } from './format.js';

describe('formatRate', () => {
  it('writes a fraction as a percentage with two decimals', () => {
    expect(formatRate(0)).toBe('0.00%');
    expect(formatRate(1)).toBe('100.00%');
    expect(formatRate(0.66666)).toBe('66.67%');
    expect(formatRate(0.6667)).toBe('66.67%');
    expect(formatRate(0.5)).toBe('50.00%');
  });

  it('rounds half up despite binary artefacts', () => {
    expect(formatRate(0.12345)).toBe('12.35%');
    expect(formatRate(0.00005)).toBe('0.01%');
    expect(formatRate(0.00004)).toBe('0.00%');
  });

  it('says 无数据 for no data, never 0%', () => {
    expect(formatRate(null)).toBe(NO_DATA);
    expect(NO_DATA).toBe('无数据');
    expect(formatRate(Number.NaN)).toBe('无数据');
  });
});

describe('formatYuan', () => {
  it('adds thousands separators and two decimals', () => {
    expect(formatYuan('1234567.8')).toBe('1,234,567.80 元');
    expect(formatYuan('1000.5')).toBe('1,000.50 元');
    expect(formatYuan('1000.50')).toBe('1,000.50 元');
    expect(formatYuan('999')).toBe('999.00 元');
    expect(formatYuan('0')).toBe('0.00 元');
    expect(formatYuan('-1234.5')).toBe('-1,234.50 元');
  });

  it('is exact beyond what a double holds', () => {
    expect(formatYuan('12345678901234567.89')).toBe('12,345,678,901,234,567.89 元');
    expect(formatYuan('9007199254740993.01')).toBe('9,007,199,254,740,993.01 元');
  });

  it('rounds extra decimals half up, in decimal', () => {
    expect(formatYuan('1.005')).toBe('1.01 元');
    expect(formatYuan('999.995')).toBe('1,000.00 元');
    expect(formatYuan('2.344')).toBe('2.34 元');
    expect(formatYuan('-0.001')).toBe('0.00 元');
  });

  it('refuses what is not a decimal string', () => {
    expect(() => formatYuan('1e3')).toThrow(/十进制/);
    expect(() => formatYuan('1,000')).toThrow(/十进制/);
    expect(() => formatYuan('')).toThrow(/十进制/);
    expect(parseDecimal(' -12.30 ')).toEqual({ negative: true, integer: '12', fraction: '30' });
  });
});

describe('formatDays and formatScore', () => {
  it('writes days with at most one decimal', () => {
    expect(formatDays(45.5)).toBe('45.5 天');
    expect(formatDays(30)).toBe('30 天');
    expect(formatDays(12.345)).toBe('12.3 天');
    expect(formatDays(0)).toBe('0 天');
    expect(formatDays(null)).toBe('无数据');
  });

  it('writes scores with at most two decimals', () => {
    expect(formatScore(92.5)).toBe('92.5');
    expect(formatScore(1.005)).toBe('1.01');
    expect(formatScore(0)).toBe('0');
    expect(formatScore(null)).toBe('无数据');
  });
});
