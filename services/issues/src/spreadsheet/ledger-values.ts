/**
 * Reading and writing single ledger values: calendar dates ('YYYY-MM-DD') and exact amounts in yuan.
 * No floating-point arithmetic touches an amount: numbers from cells are first cut to the 15
 * significant digits Excel keeps, then handled with decimal.js.
 */
import { Decimal } from 'decimal.js';
import { NONE_MARKERS, type AmountUnit } from './ledger-columns.js';

/** A parse result: the value, or why the text could not be read (Chinese, for the user). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

// ---------------------------------------------------------------------------------------------
// Dates

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function formatYmd(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function checkedYmd(y: number, m: number, d: number, shown: string): Parsed<string> {
  if (y < MIN_YEAR || y > MAX_YEAR) return fail(`日期年份超出范围 "${shown}"`);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return fail(`日期不存在 "${shown}"`);
  return ok(formatYmd(y, m, d));
}

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isLocalDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && checkedYmd(Number(m[1]), Number(m[2]), Number(m[3]), s).ok;
}

/** The calendar date of a Date as exceljs gives it (the cell's wall time, expressed in UTC). */
export function dateFromCellDate(date: Date): Parsed<string> {
  if (Number.isNaN(date.getTime())) return fail('日期无效');
  // Excel stores no zone: exceljs turns serial s into the instant (s − 25569) days after the Unix
  // epoch, so the UTC fields are the wall-clock fields the user typed.
  const y = date.getUTCFullYear();
  return checkedYmd(y, date.getUTCMonth() + 1, date.getUTCDate(), String(y));
}

/**
 * The calendar date of an Excel serial number (46203 → 2026-06-30). The fraction (time of day) is
 * dropped. `date1904` is the workbook's date system (Mac Excel's legacy 1904 system).
 */
export function dateFromSerial(serial: number, date1904 = false): Parsed<string> {
  if (!Number.isFinite(serial) || serial < 1) return fail(`无法识别的日期 "${serial}"`);
  const days = Math.floor(serial) + (date1904 ? 1462 : 0);
  // 1900 system: serial 25569 is 1970-01-01 (Excel's fictitious 1900-02-29 only shifts serials < 61).
  const date = new Date((days - 25569) * 86_400_000);
  const parsed = dateFromCellDate(date);
  return parsed.ok ? parsed : fail(`无法识别的日期 "${serial}"（超出合理范围）`);
}

const TEXT_DATE_FORMS: readonly RegExp[] = [
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/**
 * A date written as text: 2026-06-30, 2026/6/30, 2026.6.30, 2026年6月30日, 20260630, an Excel
 * serial typed as text (46203), each optionally followed by a time of day (which is dropped).
 */
export function dateFromText(raw: string, date1904 = false): Parsed<string> {
  const shown = raw.trim();
  const text = shown
    .replace(/[\s\u3000]+/g, ' ')
    .replace(/^(\S+?)(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/, '$1')
    .replace(/\s/g, '');
  if (/^\d{5}(\.\d+)?$/.test(text)) return dateFromSerial(Number(text), date1904);
  for (const form of TEXT_DATE_FORMS) {
    const m = form.exec(text);
    if (m) return checkedYmd(Number(m[1]), Number(m[2]), Number(m[3]), shown);
  }
  return fail(`无法识别的日期 "${shown}"（可填写 2026-06-30、2026/6/30、2026年6月30日 或 Excel 日期）`);
}

/** The Date exceljs writes as the Excel date of a 'YYYY-MM-DD' calendar date. */
export function cellDateOf(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** Adds n calendar months, clamping to the month's end (2026-08-31 + 6 → 2027-02-28). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + n;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  return formatYmd(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

// ---------------------------------------------------------------------------------------------
// Amounts

/** Excel keeps 15 significant digits; anything beyond is binary noise from the double. */
export const EXCEL_SIGNIFICANT_DIGITS = 15;

/** At most 15 integer digits in yuan (the project's amount syntax). */
const MAX_INTEGER_DIGITS = 15;

const PLAIN_NUMBER = /^\d+(\.\d+)?$/;
const GROUPED_NUMBER = /^\d{1,3}(,\d{3})+(\.\d+)?$/;

/** True when an optional cell's text says "none" (/, -, 无, 不涉及…). */
export function isNoneMarker(text: string): boolean {
  return NONE_MARKERS.includes(text.replace(/\s/g, ''));
}

/** A number from a numeric cell, as the decimal Excel shows (0.1+0.2 → 0.3). */
export function decimalOfCellNumber(n: number): Decimal {
  return new Decimal(n).toSignificantDigits(EXCEL_SIGNIFICANT_DIGITS);
}

function toYuan(value: Decimal, unit: AmountUnit, shown: string): Parsed<string> {
  const yuan = unit === 'wan' ? value.times(10_000) : value;
  if (yuan.isNegative()) return fail(`金额不能为负数 "${shown}"`);
  if (yuan.decimalPlaces() > 2) {
    return fail(`金额 "${shown}" 换算为元后超过两位小数（${yuan.toFixed()} 元），请核对`);
  }
  if (yuan.trunc().toFixed().length > MAX_INTEGER_DIGITS) return fail(`金额过大 "${shown}"`);
  return ok(yuan.toFixed(2));
}

/**
 * An amount cell's number (the header's unit applies) as yuan with two decimals, exactly:
 * 12.3456 in a （万元） column → '123456.00'. Null unit: the header names no unit.
 */
export function amountFromNumber(n: number, unit: AmountUnit | null): Parsed<string> {
  if (!Number.isFinite(n)) return fail(`无法识别的金额 "${n}"`);
  if (unit === null) return fail(MISSING_UNIT);
  return toYuan(decimalOfCellNumber(n), unit, String(n));
}

const MISSING_UNIT = '列标题未注明金额单位，请写成“涉及金额（元）”或“涉及金额（万元）”，或在金额后注明“元”“万元”';

/**
 * An amount written as text: '1,234,567.89', '12.5万元', '¥300元', ' 8 000 ' (spaces dropped).
 * A unit written in the cell overrides the header's. Returns null for an empty or "none" cell.
 */
export function amountFromText(raw: string, headerUnit: AmountUnit | null): Parsed<string | null> {
  const shown = raw.trim();
  let text = shown.replace(/[\s\u3000]/g, '').replace(/^[¥￥]/, '');
  if (text === '' || isNoneMarker(text)) return ok(null);
  let unit = headerUnit;
  const unitMatch = /(万元|万|元)$/.exec(text);
  if (unitMatch) {
    unit = unitMatch[1] === '元' ? 'yuan' : 'wan';
    text = text.slice(0, unitMatch.index);
  }
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  if (!PLAIN_NUMBER.test(digits) && !GROUPED_NUMBER.test(digits)) return fail(`无法识别的金额 "${shown}"`);
  if (negative) return fail(`金额不能为负数 "${shown}"`);
  if (unit === null) return fail(MISSING_UNIT);
  return toYuan(new Decimal(digits.replace(/,/g, '')), unit, shown);
}

/**
 * A non-negative quantity (no unit conversion) as a plain decimal string, its digits kept as written
 * apart from grouping and leading zeros: '1,200.50' → '1200.50'.
 */
export function quantityFromText(raw: string): Parsed<string | null> {
  const shown = raw.trim();
  const text = shown.replace(/[\s\u3000]/g, '');
  if (text === '' || isNoneMarker(text)) return ok(null);
  if (!PLAIN_NUMBER.test(text) && !GROUPED_NUMBER.test(text)) return fail(`无法识别的数量 "${shown}"`);
  return ok(text.replace(/,/g, '').replace(/^0+(?=\d)/, ''));
}

export function quantityFromNumber(n: number): Parsed<string> {
  if (!Number.isFinite(n)) return fail(`无法识别的数量 "${n}"`);
  if (n < 0) return fail(`数量不能为负数 "${n}"`);
  return ok(decimalOfCellNumber(n).toFixed());
}

/**
 * What the export writes for an amount string: a number when the double holds it exactly enough to
 * give the same decimal back (at most 15 significant digits, which covers every amount below
 * 10 000 000 000 000 yuan), otherwise the text itself so that no digit is lost.
 */
export function amountCellValue(amount: string): number | string {
  const d = new Decimal(amount);
  return d.precision(true) <= EXCEL_SIGNIFICANT_DIGITS ? d.toNumber() : d.toFixed(2);
}
