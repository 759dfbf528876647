import { addDays, DEFAULT_POLICY, localDateOf, localDateTimeOf } from '@rectify/domain';

/**
 * Every time the console shows is wall-clock time in Asia/Shanghai (the policy's zone), whatever
 * the browser's own time zone: an instant from the API ('2026-06-30T16:30:00.000Z') reads
 * '2026-07-01 00:30'.
 */
export const dateTime = (v: string | null | undefined): string => {
  const ms = v ? Date.parse(v) : Number.NaN;
  return Number.isFinite(ms) ? localDateTimeOf(ms, DEFAULT_POLICY) : '—';
};

/** Today's calendar date in Asia/Shanghai, 'YYYY-MM-DD' (not the browser's date). */
export const todayInShanghai = (nowMs: number = Date.now()): string => localDateOf(nowMs, DEFAULT_POLICY);

/** The Shanghai calendar date `days` after today. */
export const daysFromToday = (days: number, nowMs: number = Date.now()): string => addDays(todayInShanghai(nowMs), days);
