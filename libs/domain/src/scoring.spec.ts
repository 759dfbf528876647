import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SCORING, scoreEnterprise, validateScoring, type ScoredIndicators } from './scoring.js';

const base: ScoredIndicators = {
  due: 4, notRectified: 1, rectificationRate: 0.5, rectificationRateByAmount: 0.4003, onTimeRate: 0.25, closeOutRate: 0.5, meanDaysToCompletion: 177.5, accountabilityCases: 1,
};

describe('scoreEnterprise', () => {
  it('adds the lines: 20 + 8.01 + 5 + 5 + 0.28 − 5 − 2 = 31.29', () => {
    const { score, lines } = scoreEnterprise(base);
    expect(lines.map((l) => [l.item, l.value, l.points])).toEqual([
      ['整改率（按数量）', '50.00%', 20],
      ['整改率（按金额）', '40.03%', 8.01],
      ['按期整改率', '25.00%', 5],
      ['销号率', '50.00%', 5],
      ['平均整改用时', '177.5 天', 0.28],
      ['问责事项扣分', '1 件', -5],
      ['未整改问题扣分', '1 个', -2],
    ]);
    expect(score).toBe(31.29);
  });

  it('gives full marks to a perfect year and caps the deductions', () => {
    expect(scoreEnterprise({ ...base, notRectified: 0, rectificationRate: 1, rectificationRateByAmount: 1, onTimeRate: 1, closeOutRate: 1, meanDaysToCompletion: 30, accountabilityCases: 0 }).score).toBe(100);
    const bad = scoreEnterprise({ ...base, accountabilityCases: 50, notRectified: 50, rectificationRate: 0, rectificationRateByAmount: 0, onTimeRate: 0, closeOutRate: null, meanDaysToCompletion: null });
    expect(bad.lines.find((l) => l.item === '问责事项扣分')?.points).toBe(-30);
    expect(bad.lines.find((l) => l.item === '未整改问题扣分')?.points).toBe(-20);
    expect(bad.score).toBe(0);
  });

  it('has no score, not zero, when nothing was due', () => {
    const { score, lines } = scoreEnterprise({ ...base, due: 0, rectificationRate: null, rectificationRateByAmount: null, onTimeRate: null, closeOutRate: null, meanDaysToCompletion: null });
    expect(score).toBeNull();
    expect(lines[0]).toEqual({ item: '整改率（按数量）', value: '无数据', points: 0 });
  });

  it('follows an overridden policy', () => {
    expect(scoreEnterprise({ ...base, accountabilityCases: 0, notRectified: 0 }, { ...DEFAULT_SCORING, rateByCount: 80 }).lines[0]!.points).toBe(40);
  });
});

describe('validateScoring', () => {
  it('accepts the defaults and names a bad weight', () => {
    expect(validateScoring(DEFAULT_SCORING)).toEqual([]);
    expect(validateScoring({ ...DEFAULT_SCORING, perCase: -1 })).toEqual(['perCase must be a non-negative number (default 5)']);
    expect(validateScoring({ ...DEFAULT_SCORING, slowDays: 10 })).toEqual(['slowDays must be greater than fastDays']);
  });
});
