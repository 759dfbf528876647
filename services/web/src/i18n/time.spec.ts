import { describe, expect, it } from '@jest/globals';
import { dateTime, daysFromToday, todayInShanghai } from './time.js';

describe('the console shows times in Asia/Shanghai', () => {
  it('formats a UTC instant from the API as Shanghai wall-clock time, whatever the machine zone', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('America/Los_Angeles'); // jest.config.js
    expect(dateTime('2026-06-30T16:30:00.000Z')).toBe('2026-07-01 00:30');
    expect(dateTime('2026-12-31T15:59:59Z')).toBe('2026-12-31 23:59');
    expect(dateTime('2027-01-01T00:00:00+08:00')).toBe('2027-01-01 00:00');
  });

  it('shows a dash for no time or an unreadable one', () => {
    expect([dateTime(null), dateTime(undefined), dateTime(''), dateTime('not a time')]).toEqual(['—', '—', '—', '—']);
  });

  it("takes today's date in Shanghai, not the browser's", () => {
    const lateEveningUtc = Date.UTC(2026, 11, 6, 17, 0); // 2026-12-07 01:00 in Shanghai, 2026-12-06 in Los Angeles
    expect(new Date(lateEveningUtc).getDate()).toBe(6);
    expect(todayInShanghai(lateEveningUtc)).toBe('2026-12-07');
    expect(daysFromToday(30, lateEveningUtc)).toBe('2027-01-06');
  });
});
