import { describe, expect, it } from '@jest/globals';
import {
  addMonths,
  amountCellValue,
  amountFromNumber,
  amountFromText,
  dateFromCellDate,
  dateFromSerial,
  dateFromText,
  quantityFromText,
} from './ledger-values.js';
import { matchHeader, normaliseHeader } from './ledger-columns.js';

const value = <T>(p: { ok: true; value: T } | { ok: false; reason: string }): T | string =>
  p.ok ? p.value : `ERR ${p.reason}`;

describe('dates', () => {
  it('reads Excel serial numbers in both date systems', () => {
    expect(value(dateFromSerial(46203))).toBe('2026-06-30');
    expect(value(dateFromSerial(46203.75))).toBe('2026-06-30');
    expect(value(dateFromSerial(46203 - 1462, true))).toBe('2026-06-30');
    expect(dateFromSerial(0).ok).toBe(false);
  });

  it('reads the text forms offices write', () => {
    for (const text of ['2026-06-30', '2026/6/30', '2026.6.30', '2026年6月30日', '2026 年 6 月 30 日', '20260630', '46203', '2026-06-30 00:00:00']) {
      expect([text, value(dateFromText(text))]).toEqual([text, '2026-06-30']);
    }
  });

  it('refuses impossible and unreadable dates with the text in the reason', () => {
    expect(value(dateFromText('2026-02-30'))).toBe('ERR 日期不存在 "2026-02-30"');
    expect(value(dateFromText('2026-13-01'))).toMatch(/^ERR 日期不存在/);
    expect(value(dateFromText('下月底'))).toMatch(/^ERR 无法识别的日期 "下月底"/);
    expect(value(dateFromText('2026-6/30'))).toMatch(/^ERR 无法识别的日期/);
  });

  it('takes the calendar date of an exceljs Date from its UTC fields', () => {
    expect(value(dateFromCellDate(new Date(Date.UTC(2026, 5, 30, 23, 59))))).toBe('2026-06-30');
  });

  it('adds months clamping to the end of the month', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2026-03-16', 6)).toBe('2026-09-16');
  });
});

describe('amounts', () => {
  it('converts 万元 exactly to yuan with two decimals', () => {
    expect(value(amountFromNumber(12.3456, 'wan'))).toBe('123456.00');
    expect(value(amountFromText('12.3456', 'wan'))).toBe('123456.00');
    expect(value(amountFromText('1,234.5678', 'wan'))).toBe('12345678.00');
    expect(value(amountFromNumber(0.1 + 0.2, 'wan'))).toBe('3000.00');
  });

  it('reads yuan text with thousands separators, spaces, currency signs and units', () => {
    expect(value(amountFromText('1,234,567.89', 'yuan'))).toBe('1234567.89');
    expect(value(amountFromText(' ¥1,234,567.89 ', 'yuan'))).toBe('1234567.89');
    expect(value(amountFromText('12.5万元', 'yuan'))).toBe('125000.00');
    expect(value(amountFromText('300元', 'wan'))).toBe('300.00');
    expect(value(amountFromText('300元', null))).toBe('300.00');
    expect(value(amountFromNumber(1234567.89, 'yuan'))).toBe('1234567.89');
  });

  it('treats none-markers as no amount', () => {
    expect(value(amountFromText('/', 'yuan'))).toBeNull();
    expect(value(amountFromText('不涉及', 'wan'))).toBeNull();
  });

  it('refuses what it cannot read exactly', () => {
    expect(value(amountFromText('12,3a', 'wan'))).toBe('ERR 无法识别的金额 "12,3a"');
    expect(value(amountFromText('1,23,4', 'yuan'))).toMatch(/^ERR 无法识别的金额/);
    expect(value(amountFromText('1.234', 'yuan'))).toMatch(/超过两位小数/);
    expect(value(amountFromNumber(1.2345678, 'wan'))).toMatch(/超过两位小数/);
    expect(value(amountFromText('-5', 'yuan'))).toMatch(/不能为负数/);
    expect(value(amountFromNumber(100, null))).toMatch(/未注明金额单位/);
    expect(value(amountFromText('1234567890123456', 'yuan'))).toMatch(/金额过大/);
  });

  it('writes amounts as numbers only while a double keeps them exact', () => {
    expect(amountCellValue('1234567.89')).toBe(1234567.89);
    expect(amountCellValue('9999999999999.99')).toBe(9999999999999.99);
    expect(amountCellValue('123456789012345.67')).toBe('123456789012345.67');
  });

  it('reads quantities as plain decimals', () => {
    expect(value(quantityFromText('1,200.50'))).toBe('1200.50');
    expect(value(quantityFromText('007'))).toBe('7');
    expect(value(quantityFromText('约100'))).toMatch(/^ERR 无法识别的数量/);
  });
});

describe('headers', () => {
  it('normalises line breaks, required marks, parentheses and units', () => {
    expect(normaliseHeader('*涉及金额\n（万元）')).toEqual({ name: '涉及金额', unit: 'wan' });
    expect(normaliseHeader('金额(单位：元)')).toEqual({ name: '金额', unit: 'yuan' });
    expect(matchHeader('审计决定书文号')?.column.key).toBe('documentNumber');
    expect(matchHeader('整改金额（元）')?.column.key).toBe('correctedAmount');
    expect(matchHeader('整改情况说明')).toBeNull();
  });
});
