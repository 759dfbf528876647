import dayjs, { type Dayjs } from 'dayjs';
import { daysBetween } from '@rectify/domain';
import { todayInShanghai } from '../i18n/time.js';

/** A DatePicker's value as the API's calendar date 'YYYY-MM-DD'. */
export const toDate = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** Days from today (in Asia/Shanghai) to a 'YYYY-MM-DD' date; negative when past. */
export const daysUntil = (date: string) => daysBetween(todayInShanghai(), date);

/** Every Dayjs value in a form's values turned into 'YYYY-MM-DD', recursively. */
export function withDates<T>(values: T): T {
  if (dayjs.isDayjs(values)) return (values as Dayjs).format('YYYY-MM-DD') as T;
  if (Array.isArray(values)) return values.map((v) => withDates(v)) as T;
  if (values && typeof values === 'object') return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, withDates(v)])) as T;
  return values;
}
