/** Dates as a 公文 writes them: 2026年11月30日. */

/** The calendar date of an instant in Asia/Shanghai. */
export function chineseDate(at: Date | string): string {
  return new Date(at).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });
}

/** A calendar date 'YYYY-MM-DD'. */
export function chineseCalendarDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
