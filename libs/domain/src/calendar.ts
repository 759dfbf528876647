/**
 * Calendar dates ('YYYY-MM-DD') in the policy's zone, and the instants (UTC epoch milliseconds)
 * that bound them. Pure integer arithmetic on the proleptic Gregorian calendar: no Date object,
 * no host time zone, so the results are the same in a workflow sandbox and everywhere else.
 */
import type { Policy } from './policy.js';

/** Milliseconds in one calendar day (the policy's zone has no daylight saving). */
export const DAY_MS = 86_400_000;

/** What the calendar needs from a policy. */
export type ZonePolicy = Pick<Policy, 'utcOffsetMinutes'>;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function parse(s: unknown): Ymd | null {
  if (typeof s !== 'string') return null;
  const match = DATE_PATTERN.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

function parseOrThrow(s: string, name: string): Ymd {
  const ymd = parse(s);
  if (!ymd) throw new RangeError(`${name} is not a calendar date YYYY-MM-DD: ${JSON.stringify(s)}`);
  return ymd;
}

function format({ y, m, d }: Ymd): string {
  if (y < 1 || y > 9999) throw new RangeError(`Date out of range (years 0001–9999): year ${y}`);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
function toDays({ y, m, d }: Ymd): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of toDays (H. Hinnant's civil_from_days). */
function fromDays(days: number): Ymd {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

function requireInteger(n: number, name: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${name} must be an integer: ${n}`);
}

/** True for a real calendar date written 'YYYY-MM-DD' (rejects 2026-02-30, 2026-13-01, 2026-1-5). */
export function isLocalDate(s: unknown): s is string {
  return parse(s) !== null;
}

/**
 * Adds n calendar months, clamping to the end of the target month:
 * 2026-08-31 + 6 → 2027-02-28; 2027-08-31 + 6 → 2028-02-29; 2026-03-31 + 6 → 2026-09-30.
 */
export function addMonths(date: string, n: number): string {
  requireInteger(n, 'n');
  const { y, m, d } = parseOrThrow(date, 'date');
  const index = y * 12 + (m - 1) + n;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  if (ty < 1 || ty > 9999) throw new RangeError(`Date out of range (years 0001–9999): year ${ty}`);
  return format({ y: ty, m: tm, d: Math.min(d, daysInMonth(ty, tm)) });
}

/** Adds n calendar days (n may be negative). */
export function addDays(date: string, n: number): string {
  requireInteger(n, 'n');
  return format(fromDays(toDays(parseOrThrow(date, 'date')) + n));
}

/** -1 when a is earlier than b, 0 when the same day, 1 when later. */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
  const diff = daysBetween(a, b);
  return diff > 0 ? -1 : diff < 0 ? 1 : 0;
}

/** b − a in whole days (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return toDays(parseOrThrow(b, 'b')) - toDays(parseOrThrow(a, 'a'));
}

/** The calendar date in the policy's zone of a UTC instant (e.g. 2026-06-30T16:30Z → 2026-07-01). */
export function localDateOf(instantMs: number, policy: ZonePolicy): string {
  if (!Number.isFinite(instantMs)) throw new RangeError(`instantMs must be a finite number: ${instantMs}`);
  return format(fromDays(Math.floor((instantMs + policy.utcOffsetMinutes * 60_000) / DAY_MS)));
}

/**
 * The wall-clock time in the policy's zone of a UTC instant, as documents print it:
 * 'YYYY-MM-DD HH:mm' (2026-06-30T16:30Z → '2026-07-01 00:30'). Independent of the server's TZ.
 */
export function localDateTimeOf(instantMs: number, policy: ZonePolicy): string {
  const date = localDateOf(instantMs, policy);
  const minuteOfDay = Math.floor((((instantMs + policy.utcOffsetMinutes * 60_000) % DAY_MS) + DAY_MS) % DAY_MS / 60_000);
  return `${date} ${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}

/** 00:00 of `date` in the policy's zone, as UTC epoch milliseconds. */
export function startOfDayMs(date: string, policy: ZonePolicy): number {
  return toDays(parseOrThrow(date, 'date')) * DAY_MS - policy.utcOffsetMinutes * 60_000;
}

/**
 * The instant a deadline date falls due. A deadline D allows the whole of day D, so it is due at
 * the end of D, i.e. at 00:00 of D+1 in the policy's zone (UTC epoch milliseconds).
 */
export function dueAtMs(date: string, policy: ZonePolicy): number {
  return startOfDayMs(date, policy) + DAY_MS;
}
