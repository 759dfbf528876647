/**
 * How the reports write figures for a reader: rates as percentages with two decimals, amounts in
 * yuan with thousands separators (computed from the decimal string, never through a float), days
 * with at most one decimal. A missing figure (`null`) reads 无数据, never 0.
 */
import { DEFAULT_POLICY, localDateTimeOf } from '@rectify/domain';

/** What a report shows where a figure has no data (an empty denominator). */
export const NO_DATA = '无数据';

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** The parts of an exact decimal string; throws on anything else (a float's exponent form included). */
export function parseDecimal(s: string): { negative: boolean; integer: string; fraction: string } {
  const match = DECIMAL.exec(s.trim());
  if (!match) throw new Error(`金额不是十进制数：${JSON.stringify(s)}`);
  return { negative: match[1] === '-', integer: match[2] ?? '0', fraction: match[3] ?? '' };
}

/** Rounds a finite number half away from zero to `decimals` places, free of binary artefacts (1.005 → 1.01). */
function roundTo(n: number, decimals: number): number {
  const scaled = Number((Math.abs(n) * 10 ** decimals).toPrecision(12));
  return (Math.sign(n) * Math.round(scaled)) / 10 ** decimals;
}

/** 0.66666 → '66.67%'; null (or a non-finite value) → '无数据'. */
export function formatRate(r: number | null): string {
  if (r === null || !Number.isFinite(r)) return NO_DATA;
  return `${roundTo(r * 100, 2).toFixed(2)}%`;
}

/** '1234567.8' → '1,234,567.80 元', exactly from the string; more than two decimals round half up. */
export function formatYuan(s: string): string {
  const { negative, integer, fraction } = parseDecimal(s);
  let cents = BigInt(integer) * 100n + BigInt((fraction + '00').slice(0, 2));
  if ((fraction[2] ?? '0') >= '5') cents += 1n;
  const whole = (cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const rest = (cents % 100n).toString().padStart(2, '0');
  return `${negative && cents > 0n ? '-' : ''}${whole}.${rest} 元`;
}

/** 12.345 → '12.3 天', 30 → '30 天'; null → '无数据'. */
export function formatDays(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return NO_DATA;
  return `${roundTo(n, 1)} 天`;
}

/** A score or points with at most two decimals (92.5 → '92.5'); null → '无数据'. */
export function formatScore(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return NO_DATA;
  return String(roundTo(n, 2));
}


/** An ISO instant as documents print it: Asia/Shanghai, 'YYYY-MM-DD HH:mm', whatever the server's TZ. */
export function formatInstant(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? localDateTimeOf(ms, DEFAULT_POLICY) : iso;
}

/** What a published snapshot says about what it counts (the same words in every output). */
export const PUBLISHED_BASIS = '本数据按全部问题统计（涉密问题计入数量，不列明细）。';
