/**
 * Exact amounts in yuan. Amounts travel as decimal strings ('1234567.89'): at most 15 integer
 * digits and at most two decimals (fen). They are compared with decimal.js, never as floats.
 */
import { Decimal } from 'decimal.js';

/** The canonical amount syntax: up to 15 integer digits, optionally one or two decimals. */
export const AMOUNT_PATTERN = /^\d{1,15}(\.\d{1,2})?$/;

/** Thousands-grouped input such as '1,234,567.8' (accepted by normaliseAmount only). */
const GROUPED_PATTERN = /^\d{1,3}(,\d{3})+(\.\d+)?$/;

/** True when `s` is an amount string in the canonical syntax (no grouping, no sign, no spaces). */
export function isAmount(s: unknown): s is string {
  return typeof s === 'string' && AMOUNT_PATTERN.test(s);
}

function toDecimal(s: string, name: string): Decimal {
  if (!isAmount(s)) throw new RangeError(`${name} is not an amount string: ${JSON.stringify(s)}`);
  return new Decimal(s);
}

/**
 * Compares two amounts exactly: -1 when a < b, 0 when equal ('1000' equals '1000.00'), 1 when
 * a > b. Throws a RangeError when either is not an amount string; check with isAmount first.
 */
export function compareAmounts(a: string, b: string): -1 | 0 | 1 {
  const c = toDecimal(a, 'a').comparedTo(toDecimal(b, 'b'));
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

/**
 * Normalises user input to the canonical two-decimal form: trims spaces, accepts correct
 * thousands grouping ('1,234.5' → '1234.50'), drops leading zeros ('007' → '7.00').
 * Returns null for anything that is not an amount (more than two decimals, a sign, bad grouping,
 * more than 15 integer digits).
 */
export function normaliseAmount(s: string): string | null {
  if (typeof s !== 'string') return null;
  let t = s.trim();
  if (GROUPED_PATTERN.test(t)) t = t.replace(/,/g, '');
  if (!isAmount(t)) return null;
  return new Decimal(t).toFixed(2);
}
