import { describe, expect, it } from '@jest/globals';
import { monthLabel, monthRange, previousMonthOf } from '@rectify/contracts';

describe('summary months', () => {
  it('spans whole calendar months, leap years included', () => {
    expect(monthRange('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('names the month before, across the year end', () => {
    expect(previousMonthOf('2026-12-01')).toBe('2026-11');
    expect(previousMonthOf('2027-01-01')).toBe('2026-12');
    expect(previousMonthOf('2026-10-31')).toBe('2026-09');
  });

  it('labels months in Chinese', () => {
    expect(monthLabel('2026-01')).toBe('2026年1月');
    expect(monthLabel('2026-11')).toBe('2026年11月');
  });
});
