import { describe, expect, it } from '@jest/globals';
import {
  addDays,
  addMonths,
  compareDates,
  DAY_MS,
  daysBetween,
  dueAtMs,
  isLocalDate,
  localDateOf,
  localDateTimeOf,
  startOfDayMs,
} from './calendar.js';
import { DEFAULT_POLICY } from './policy.js';

const SH = DEFAULT_POLICY;

describe('isLocalDate', () => {
  it.each(['2026-01-01', '2026-02-28', '2028-02-29', '2000-02-29', '2026-12-31', '2026-04-30'])('accepts %s', (s) => {
    expect(isLocalDate(s)).toBe(true);
  });

  it.each([
    '2026-02-30',
    '2026-02-29', // 2026 is not a leap year
    '2100-02-29', // divisible by 100, not by 400
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-01-00',
    '2026-1-5',
    '26-01-05',
    '2026/01/05',
    '2026-01-05T00:00:00Z',
    '0000-01-01',
    '',
  ])('rejects %j', (s) => {
    expect(isLocalDate(s)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isLocalDate(20260101)).toBe(false);
    expect(isLocalDate(undefined)).toBe(false);
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-03-31', 6, '2026-09-30'],
    ['2099-08-31', 6, '2100-02-28'],
    ['2399-08-31', 6, '2400-02-29'],
    ['2026-01-15', 6, '2026-07-15'],
    ['2026-07-01', 6, '2027-01-01'],
    ['2026-12-31', 1, '2027-01-31'],
    ['2026-06-30', 6, '2026-12-30'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-05-31', 0, '2026-05-31'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-01-15', 24, '2028-01-15'],
  ])('%s + %i months = %s', (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
  });

  it('refuses an invalid date or a fractional count', () => {
    expect(() => addMonths('2026-02-30', 6)).toThrow(RangeError);
    expect(() => addMonths('2026-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2000-02-28', 1, '2000-02-29'],
    ['2026-01-01', 365, '2027-01-01'],
    ['2028-01-01', 365, '2028-12-31'],
    ['2026-07-01', -30, '2026-06-01'],
    ['2026-07-01', 0, '2026-07-01'],
  ])('%s + %i days = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it('agrees with the Gregorian calendar of Date for every day from 1899 to 2201', () => {
    let date = '1899-01-01';
    let ms = Date.UTC(1899, 0, 1);
    while (ms < Date.UTC(2201, 0, 1)) {
      const next = addDays(date, 1);
      ms += DAY_MS;
      const expected = new Date(ms).toISOString().slice(0, 10);
      if (next !== expected) throw new Error(`${date} + 1 = ${next}, expected ${expected}`);
      date = next;
    }
    expect(date).toBe('2201-01-01');
  });

  it('refuses an invalid date', () => {
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
  });
});

describe('compareDates and daysBetween', () => {
  it('orders dates', () => {
    expect(compareDates('2026-01-01', '2026-01-02')).toBe(-1);
    expect(compareDates('2026-01-02', '2026-01-01')).toBe(1);
    expect(compareDates('2026-05-05', '2026-05-05')).toBe(0);
    expect(compareDates('2026-12-31', '2027-01-01')).toBe(-1);
  });

  it('counts b − a in days', () => {
    expect(daysBetween('2026-01-01', '2026-01-31')).toBe(30);
    expect(daysBetween('2026-01-31', '2026-01-01')).toBe(-30);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29);
    expect(daysBetween('2100-02-01', '2100-03-01')).toBe(28);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-06-15', '2026-06-15')).toBe(0);
  });

  it('refuses an invalid date', () => {
    expect(() => daysBetween('2026-02-30', '2026-03-01')).toThrow(RangeError);
    expect(() => compareDates('2026-01-01', 'tomorrow')).toThrow(RangeError);
  });
});

describe('Asia/Shanghai dates', () => {
  it('gives the Shanghai date of a UTC instant', () => {
    expect(localDateOf(Date.UTC(2026, 5, 30, 16, 30, 0), SH)).toBe('2026-07-01');
    expect(localDateOf(Date.UTC(2026, 5, 30, 15, 59, 59, 999), SH)).toBe('2026-06-30');
    expect(localDateOf(Date.UTC(2026, 5, 30, 16, 0, 0), SH)).toBe('2026-07-01');
    expect(localDateOf(Date.UTC(2026, 11, 31, 16, 0, 0), SH)).toBe('2027-01-01');
    expect(localDateOf(Date.UTC(2028, 1, 28, 20, 0, 0), SH)).toBe('2028-02-29');
    expect(localDateOf(0, SH)).toBe('1970-01-01');
    expect(localDateOf(-8 * 3_600_000 - 1, SH)).toBe('1969-12-31');
  });

  it('gives the Shanghai wall-clock time of a UTC instant, as documents print it', () => {
    expect(localDateTimeOf(Date.UTC(2026, 5, 30, 16, 30, 0), SH)).toBe('2026-07-01 00:30');
    expect(localDateTimeOf(Date.UTC(2026, 11, 31, 15, 59, 59), SH)).toBe('2026-12-31 23:59');
    expect(localDateTimeOf(-8 * 3_600_000 - 60_000, SH)).toBe('1969-12-31 23:59');
  });

  it('uses the policy offset, not the host zone', () => {
    expect(localDateOf(Date.UTC(2026, 5, 30, 16, 30, 0), { utcOffsetMinutes: 0 })).toBe('2026-06-30');
    expect(localDateOf(Date.UTC(2026, 6, 1, 3, 0, 0), { utcOffsetMinutes: -300 })).toBe('2026-06-30');
  });

  it('starts a Shanghai day at 16:00 UTC the day before', () => {
    expect(startOfDayMs('2026-07-01', SH)).toBe(Date.UTC(2026, 5, 30, 16, 0, 0));
    expect(startOfDayMs('2027-01-01', SH)).toBe(Date.UTC(2026, 11, 31, 16, 0, 0));
    expect(localDateOf(startOfDayMs('2028-02-29', SH), SH)).toBe('2028-02-29');
    expect(localDateOf(startOfDayMs('2028-02-29', SH) - 1, SH)).toBe('2028-02-28');
  });

  it('makes a deadline due at the end of its date', () => {
    expect(dueAtMs('2026-06-30', SH)).toBe(Date.UTC(2026, 5, 30, 16, 0, 0));
    expect(dueAtMs('2026-12-31', SH)).toBe(Date.UTC(2026, 11, 31, 16, 0, 0));
    expect(dueAtMs('2028-02-28', SH)).toBe(Date.UTC(2028, 1, 28, 16, 0, 0));
    expect(dueAtMs('2026-06-30', SH)).toBe(startOfDayMs('2026-07-01', SH));
    expect(localDateOf(dueAtMs('2026-06-30', SH) - 1, SH)).toBe('2026-06-30');
  });

  it('refuses bad input', () => {
    expect(() => localDateOf(Number.NaN, SH)).toThrow(RangeError);
    expect(() => startOfDayMs('2026-02-30', SH)).toThrow(RangeError);
    expect(() => dueAtMs('2026-06-31', SH)).toThrow(RangeError);
  });
});
