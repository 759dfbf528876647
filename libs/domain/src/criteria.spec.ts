import { describe, expect, it } from '@jest/globals';
import {
  CRITERIA,
  CRITERION_CODES,
  isCriterionCode,
  OUTCOMES,
  outcomeOf,
  validateDetermination,
  type CriterionCode,
  type DeterminationInput,
  type DeterminationProblem,
} from './criteria.js';
import { DEFAULT_POLICY } from './policy.js';

const today = '2026-05-20';
const withAmount: DeterminationProblem = { amount: '1000.00', issueDate: '2026-01-15' };
const noAmount: DeterminationProblem = { amount: null, issueDate: '2026-01-15' };
const basis = '经后续审计核实，相关账务已调整';

function check(input: Partial<DeterminationInput> & { criterion: CriterionCode }, problem = withAmount): string[] {
  return validateDetermination({ basis, ...input }, problem, DEFAULT_POLICY, today);
}

/** Asserts exactly one message, naming `field`. */
function expectOne(messages: string[], field: string): void {
  expect(messages).toHaveLength(1);
  expect(messages[0].startsWith(`${field}：`)).toBe(true);
}

describe('the criteria as data', () => {
  it('has the three outcomes of §7', () => {
    expect(OUTCOMES).toEqual({ completed: '整改完毕', partial: '部分整改', not_rectified: '未整改' });
  });

  it('has ten criteria, each under its own code and with Chinese text', () => {
    expect(Object.keys(CRITERIA)).toEqual([...CRITERION_CODES]);
    for (const code of CRITERION_CODES) {
      expect(CRITERIA[code].code).toBe(code);
      expect(CRITERIA[code].label).toMatch(/[\u4e00-\u9fff]/);
      expect(CRITERIA[code].requirement).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('quotes the policy text', () => {
    expect(CRITERIA.C3.label).toBe('移送纪检部门并已受理');
    expect(CRITERIA.N3.label).toBe('虚假整改敷衍应付');
    expect(CRITERIA.N1.label).toBe('无正当理由不接受审计意见或建议');
  });

  it.each([
    ['C1', 'completed'],
    ['C2', 'completed'],
    ['C3', 'completed'],
    ['C4', 'completed'],
    ['P1', 'partial'],
    ['P2', 'partial'],
    ['N1', 'not_rectified'],
    ['N2', 'not_rectified'],
    ['N3', 'not_rectified'],
    ['N4', 'not_rectified'],
  ] as [CriterionCode, string][])('outcomeOf(%s) = %s', (code, outcome) => {
    expect(outcomeOf(code)).toBe(outcome);
    expect(CRITERIA[code].outcome).toBe(outcome);
  });

  it('refuses an unknown code', () => {
    expect(isCriterionCode('C5')).toBe(false);
    expect(isCriterionCode('N4')).toBe(true);
    expect(() => outcomeOf('X9' as CriterionCode)).toThrow(RangeError);
  });
});

describe('validateDetermination: common requirements', () => {
  it('always requires a basis', () => {
    for (const code of ['N1', 'N2', 'N3'] as CriterionCode[]) {
      expectOne(check({ criterion: code, basis: '' }), 'basis');
      expectOne(check({ criterion: code, basis: '  \n ' }), 'basis');
    }
    const c1 = check({ criterion: 'C1', basis: '', correctedAmount: '1000' });
    expectOne(c1, 'basis');
  });

  it('refuses an unknown criterion, naming the field', () => {
    expectOne(check({ criterion: 'C9' as CriterionCode }), 'criterion');
  });

  it('checks the syntax of any corrected amount', () => {
    expectOne(check({ criterion: 'N2', correctedAmount: '12.345' }), 'correctedAmount');
    expectOne(check({ criterion: 'N2', correctedAmount: '1,000' }), 'correctedAmount');
    expectOne(check({ criterion: 'N2', correctedAmount: '-5' }), 'correctedAmount');
  });

  it("checks the syntax of the problem's amount", () => {
    expectOne(check({ criterion: 'N2' }, { amount: '10.001', issueDate: '2026-01-15' }), 'amount');
  });

  it('lists every missing requirement at once', () => {
    const messages = check({ criterion: 'C4', basis: '' });
    expect(messages.map((m) => m.split('：')[0])).toEqual(['basis', 'accountabilityRecord', 'controlsImprovement']);
  });
});

describe('C1 金额或事实已调整或纠正完毕', () => {
  it('passes when the corrected amount equals the amount exactly', () => {
    expect(check({ criterion: 'C1', correctedAmount: '1000.00' })).toEqual([]);
    expect(check({ criterion: 'C1', correctedAmount: '1000' })).toEqual([]);
    expect(check({ criterion: 'C1', correctedAmount: '1000.0' })).toEqual([]);
    expect(check({ criterion: 'C1', correctedAmount: '1234567.89' }, { amount: '1234567.89', issueDate: '2026-01-15' })).toEqual([]);
  });

  it('refuses a different corrected amount, naming the field and the amount', () => {
    const messages = check({ criterion: 'C1', correctedAmount: '999.99' });
    expectOne(messages, 'correctedAmount');
    expect(messages[0]).toContain('1000.00');
    expectOne(check({ criterion: 'C1', correctedAmount: '1000.01' }), 'correctedAmount');
  });

  it('tells 15-digit amounts apart that a float would confuse', () => {
    const big = { amount: '999999999999999.99', issueDate: '2026-01-15' };
    expectOne(check({ criterion: 'C1', correctedAmount: '999999999999999.98' }, big), 'correctedAmount');
  });

  it('requires the corrected amount when the problem has an amount', () => {
    expectOne(check({ criterion: 'C1' }), 'correctedAmount');
    expectOne(check({ criterion: 'C1', correctedAmount: null, correctionDescription: '已纠正' }), 'correctedAmount');
  });

  it('refuses a malformed corrected amount once', () => {
    expectOne(check({ criterion: 'C1', correctedAmount: '1000.000' }), 'correctedAmount');
  });

  it('without an amount, requires a description of the correction', () => {
    expect(check({ criterion: 'C1', correctionDescription: '已重新履行招标程序' }, noAmount)).toEqual([]);
    expectOne(check({ criterion: 'C1' }, noAmount), 'correctionDescription');
    expectOne(check({ criterion: 'C1', correctionDescription: ' ' }, noAmount), 'correctionDescription');
    expectOne(check({ criterion: 'C1' }, { issueDate: '2026-01-15' }), 'correctionDescription');
  });
});

describe('C2 即查即改并完善内部管控', () => {
  const full = { criterion: 'C2' as const, correctionDescription: '已收回违规款项', controlsImprovement: '修订资金审批制度' };

  it('passes with a correction and a controls improvement', () => {
    expect(check(full)).toEqual([]);
  });

  it('requires correctionDescription', () => {
    expectOne(check({ ...full, correctionDescription: null }), 'correctionDescription');
  });

  it('requires controlsImprovement', () => {
    expectOne(check({ ...full, controlsImprovement: '' }), 'controlsImprovement');
  });
});

describe('C3 移送纪检部门并已受理', () => {
  it('passes with a transfer accepted on a date', () => {
    expect(check({ criterion: 'C3', transfer: { transferId: 'YS-2026-007', acceptedDate: '2026-04-02' } })).toEqual([]);
  });

  it('requires the transfer', () => {
    expectOne(check({ criterion: 'C3' }), 'transfer');
    expectOne(check({ criterion: 'C3', transfer: null }), 'transfer');
  });

  it('requires a transfer id', () => {
    expectOne(check({ criterion: 'C3', transfer: { transferId: '', acceptedDate: '2026-04-02' } }), 'transfer.transferId');
  });

  it('requires acceptance by discipline inspection', () => {
    expectOne(check({ criterion: 'C3', transfer: { transferId: 'YS-2026-007', acceptedDate: null } }), 'transfer.acceptedDate');
  });

  it('requires a real acceptance date', () => {
    expectOne(check({ criterion: 'C3', transfer: { transferId: 'YS-2026-007', acceptedDate: '2026-02-30' } }), 'transfer.acceptedDate');
  });
});

describe('C4 既成事实，完成追责问责且完善管控', () => {
  const full = { criterion: 'C4' as const, accountabilityRecord: '对责任人给予诫勉谈话', controlsImprovement: '建立投资后评价制度' };

  it('passes with accountability and controls records', () => {
    expect(check(full)).toEqual([]);
  });

  it('requires accountabilityRecord', () => {
    expectOne(check({ ...full, accountabilityRecord: null }), 'accountabilityRecord');
  });

  it('requires controlsImprovement', () => {
    expectOne(check({ ...full, controlsImprovement: undefined }), 'controlsImprovement');
  });
});

describe('P1 客观因素无法按期整改但有确切计划', () => {
  const plan = { measures: '分期收回欠款', responsiblePerson: '张三', newDeadline: '2026-06-30' };

  it('passes with measures, a responsible person and a later date', () => {
    expect(check({ criterion: 'P1', plan })).toEqual([]);
    expect(check({ criterion: 'P1', plan: { ...plan, newDeadline: '2026-05-21' } })).toEqual([]);
  });

  it('requires the plan', () => {
    expectOne(check({ criterion: 'P1' }), 'plan');
  });

  it('requires measures', () => {
    expectOne(check({ criterion: 'P1', plan: { ...plan, measures: '' } }), 'plan.measures');
  });

  it('requires a responsible person', () => {
    expectOne(check({ criterion: 'P1', plan: { ...plan, responsiblePerson: ' ' } }), 'plan.responsiblePerson');
  });

  it('requires a real new deadline', () => {
    expectOne(check({ criterion: 'P1', plan: { ...plan, newDeadline: '2026-09-31' } }), 'plan.newDeadline');
    expectOne(check({ criterion: 'P1', plan: { ...plan, newDeadline: '' } }), 'plan.newDeadline');
  });

  it('requires the new deadline to be after today', () => {
    const messages = check({ criterion: 'P1', plan: { ...plan, newDeadline: today } });
    expectOne(messages, 'plan.newDeadline');
    expect(messages[0]).toContain(today);
    expectOne(check({ criterion: 'P1', plan: { ...plan, newDeadline: '2026-01-01' } }), 'plan.newDeadline');
  });

  it('requires a special reason for a new deadline past the hard limit (issue date + 6 months), as an extension does', () => {
    // Issued 2026-01-15: the hard limit is 2026-07-15.
    expect(check({ criterion: 'P1', plan: { ...plan, newDeadline: '2026-07-15' } })).toEqual([]);
    const messages = check({ criterion: 'P1', plan: { ...plan, newDeadline: '2026-07-16' } });
    expectOne(messages, 'plan.specialReason');
    expect(messages[0]).toContain('2026-07-15');
    expect(check({ criterion: 'P1', plan: { ...plan, newDeadline: '2026-07-16', specialReason: ' ' } })).toHaveLength(1);
    expect(check({ criterion: 'P1', plan: { ...plan, newDeadline: '2026-12-31', specialReason: '涉诉资产须待判决' } })).toEqual([]);
  });
});

describe('P2 金额或数量部分调整或纠正', () => {
  it('passes with a corrected amount strictly between 0 and the amount', () => {
    expect(check({ criterion: 'P2', correctedAmount: '400' })).toEqual([]);
    expect(check({ criterion: 'P2', correctedAmount: '0.01' })).toEqual([]);
    expect(check({ criterion: 'P2', correctedAmount: '999.99' })).toEqual([]);
  });

  it('refuses zero, the full amount and more', () => {
    for (const correctedAmount of ['0', '0.00', '1000', '1000.00', '1500']) {
      const messages = check({ criterion: 'P2', correctedAmount });
      expectOne(messages, 'correctedAmount');
      expect(messages[0]).toContain('1000.00');
    }
  });

  it('requires the corrected amount', () => {
    expectOne(check({ criterion: 'P2' }), 'correctedAmount');
  });

  it('requires the problem to have an amount', () => {
    expectOne(check({ criterion: 'P2', correctedAmount: '10' }, noAmount), 'amount');
  });
});

describe('N1–N3 未整改 on the basis alone', () => {
  it.each(['N1', 'N2', 'N3'] as CriterionCode[])('%s passes with a basis and nothing else', (code) => {
    expect(check({ criterion: code })).toEqual([]);
    expect(check({ criterion: code }, noAmount)).toEqual([]);
  });
});

describe('N4 既成事实，未追责、未完善管控，不利影响仍继续', () => {
  it('passes when the harm continues', () => {
    expect(check({ criterion: 'N4', harmContinues: true })).toEqual([]);
  });

  it('requires harmContinues to be true', () => {
    expectOne(check({ criterion: 'N4' }), 'harmContinues');
    expectOne(check({ criterion: 'N4', harmContinues: false }), 'harmContinues');
  });
});
