import { describe, expect, it } from '@jest/globals';
import { CRITERION_CODES, type CriterionCode } from './criteria.js';
import { deadlineTrigger, triggerForCriterion, TRIGGERS } from './triggers.js';

describe('TRIGGERS', () => {
  it('lists the four triggers of §12', () => {
    expect(TRIGGERS).toEqual({
      T1: '无特殊理由未按期全部整改完毕',
      T2: '部分整改延期事项至下达后6个月仍未整改完毕',
      T3: '不认账或未整改',
      T4: '虚假整改敷衍应付',
    });
  });
});

describe('triggerForCriterion', () => {
  it.each([
    ['N1', 'T3'],
    ['N2', 'T3'],
    ['N4', 'T3'],
    ['N3', 'T4'],
  ] as [CriterionCode, string][])('%s opens %s', (code, trigger) => {
    expect(triggerForCriterion(code)).toBe(trigger);
  });

  it.each(['C1', 'C2', 'C3', 'C4', 'P1', 'P2'] as CriterionCode[])('%s opens nothing', (code) => {
    expect(triggerForCriterion(code)).toBeNull();
  });

  it('covers every criterion', () => {
    const opened = CRITERION_CODES.filter((c) => triggerForCriterion(c) !== null);
    expect(opened).toEqual(['N1', 'N2', 'N3', 'N4']);
  });
});

describe('deadlineTrigger', () => {
  const facts = { completed: false, specialReason: false, extended: false, atHardLimit: false };

  it('T1: the deadline passed, not completed, no special reason, not extended', () => {
    expect(deadlineTrigger(facts)).toBe('T1');
    // The default deadline is the hard limit itself.
    expect(deadlineTrigger({ ...facts, atHardLimit: true })).toBe('T1');
  });

  it('T2: extended, still not completed at the hard limit, no special reason', () => {
    expect(deadlineTrigger({ ...facts, extended: true, atHardLimit: true })).toBe('T2');
  });

  it('no trigger when the problem is completed', () => {
    expect(deadlineTrigger({ ...facts, completed: true })).toBeNull();
    expect(deadlineTrigger({ ...facts, completed: true, extended: true, atHardLimit: true })).toBeNull();
  });

  it('no trigger with a special reason', () => {
    expect(deadlineTrigger({ ...facts, specialReason: true })).toBeNull();
    expect(deadlineTrigger({ ...facts, specialReason: true, extended: true, atHardLimit: true })).toBeNull();
  });

  it('no trigger when an extended deadline lapses before the hard limit', () => {
    expect(deadlineTrigger({ ...facts, extended: true })).toBeNull();
  });
});
