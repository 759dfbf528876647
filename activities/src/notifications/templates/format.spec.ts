import { describe, expect, it } from '@jest/globals';
import { escapeHtml, formatDaysLeft, formatDaysOverdue, oneLine, truncate } from './format.js';

describe('days wording', () => {
  it.each([
    [0, '今天到期'],
    [1, '还剩 1 天'],
    [7, '还剩 7 天'],
    [30, '还剩 30 天'],
    [-1, '已逾期 1 天'],
    [-12, '已逾期 12 天'],
  ])('daysLeft %i reads %s', (days, wording) => {
    expect(formatDaysLeft(days)).toBe(wording);
  });

  it('words days overdue, and refuses a negative count', () => {
    expect(formatDaysOverdue(3)).toBe('已逾期 3 天');
    expect(() => formatDaysOverdue(-1)).toThrow(RangeError);
  });

  it('refuses a day count that is not a whole number', () => {
    expect(() => formatDaysLeft(1.5)).toThrow(RangeError);
    expect(() => formatDaysLeft(Number.NaN)).toThrow(RangeError);
  });
});

describe('escapeHtml', () => {
  it('escapes the five significant characters and nothing else', () => {
    expect(escapeHtml(`<a href="x" title='y'>R&D 整改</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;R&amp;D 整改&lt;/a&gt;',
    );
  });
});

describe('oneLine', () => {
  it('turns every run of line breaks or control characters into one space', () => {
    expect(oneLine('a\r\nb\nc\rd\u2028e\tf\u0000g')).toBe('a b c d e f g');
  });
});

describe('truncate', () => {
  it('keeps a short string and cuts a long one to the limit with an ellipsis', () => {
    expect(truncate('短标题', 10)).toBe('短标题');
    const cut = truncate('问'.repeat(20), 10);
    expect(cut).toBe(`${'问'.repeat(9)}…`);
    expect(cut.length).toBe(10);
  });

  it('never splits a surrogate pair', () => {
    const cut = truncate('𠀀'.repeat(10), 6);
    expect(cut).toBe('𠀀𠀀…');
    expect(cut.length).toBeLessThanOrEqual(6);
  });
});
