import { describe, expect, it } from '@jest/globals';
import { ROLES, type Role } from '@rectify/contracts';
import { applyAction, checkAction, registeredState, type ActionFacts, type ActionName, type LifecycleState } from './actions.js';

const AUDIT = ROLES.ENTERPRISE_AUDIT;
const BUSINESS = ROLES.ENTERPRISE_BUSINESS;
const LEADER = ROLES.ENTERPRISE_LEADER;
const OFFICER = ROLES.SUPERVISION_OFFICER;
const LEAD = ROLES.SUPERVISION_LEAD;

/** Applies each step after checking it is allowed; fails the test on a refusal. */
function run(state: LifecycleState, steps: [ActionName, Role, ActionFacts?][]): LifecycleState {
  return steps.reduce((s, [action, role, facts]) => {
    const refusal = checkAction(s, action, role, facts);
    if (refusal) throw new Error(`${action} refused: ${refusal}`);
    return applyAction(s, action, facts);
  }, state);
}

const toDetermine: [ActionName, Role, ActionFacts?][] = [
  ['assignResponsibility', AUDIT],
  ['submitPlan', BUSINESS],
  ['approvePlan', LEADER, { body: 'party_committee' }],
  ['approvePlan', LEADER, { body: 'board' }],
  ['reportProgress', BUSINESS],
  ['submitReport', AUDIT],
  ['approveReport', LEADER, { body: 'board' }],
  ['approveReport', LEADER, { body: 'party_committee' }],
];

describe('the stage machine', () => {
  it('runs the eight stages in order to closed', () => {
    const closed = run(registeredState('2027-04-15', false), [
      ...toDetermine,
      ['determine', AUDIT, { criterion: 'C1', outcome: 'completed' }],
      ['reviewDetermination', OFFICER, { accept: true }],
      ['recordFollowUp', AUDIT, { holds: true }],
      ['acceptCloseOut', LEAD],
    ]);
    expect(closed).toMatchObject({ stage: 'closed', outcome: 'completed', criterion: 'C1' });
  });

  it('refuses a skipped stage, naming the current one', () => {
    expect(checkAction(registeredState('2027-04-15', false), 'submitPlan', BUSINESS)).toBe('当前处于「责任分解」阶段，不能提交整改方案');
    expect(checkAction(registeredState('2027-04-15', false), 'acceptCloseOut', LEAD)).toMatch(/责任分解/);
  });

  it('refuses the wrong role', () => {
    expect(checkAction(registeredState('2027-04-15', false), 'assignResponsibility', BUSINESS)).toBe('当前角色无权分解整改责任');
    const planned = run(registeredState('2027-04-15', true), [['submitPlan', BUSINESS]]);
    expect(checkAction(planned, 'approvePlan', BUSINESS, { body: 'board' })).toMatch(/无权/);
  });

  it('needs both 党委会 and 董事会, each once', () => {
    const once = run(registeredState('2027-04-15', true), [['submitPlan', BUSINESS], ['approvePlan', LEADER, { body: 'board' }]]);
    expect(once.stage).toBe('plan');
    expect(checkAction(once, 'approvePlan', LEADER, { body: 'board' })).toMatch(/董事会已审议通过/);
    expect(checkAction(once, 'submitPlan', BUSINESS)).toMatch(/不能再修改/);
  });

  it('sends a rejected determination back for another one, and a partial one back to rectification', () => {
    const determined = run(registeredState('2027-04-15', false), [...toDetermine, ['determine', AUDIT, { criterion: 'P1', outcome: 'partial' }]]);
    expect(checkAction(determined, 'determine', AUDIT, { criterion: 'C1' })).toMatch(/待复核/);
    expect(run(determined, [['reviewDetermination', OFFICER, { accept: false }]])).toMatchObject({ stage: 'determine', pendingDetermination: null, outcome: null });
    const partial = run(determined, [['reviewDetermination', OFFICER, { accept: true }]]);
    expect(partial).toMatchObject({ stage: 'rectify', outcome: 'partial', reportSubmitted: false });
  });

  it('lets only a partial problem ask for an extension, and moves the deadline on approval', () => {
    const start = registeredState('2027-04-15', false);
    expect(checkAction(start, 'requestExtension', AUDIT, { requestedDeadline: '2027-06-30' })).toMatch(/部分整改/);
    const partial = run(start, [...toDetermine, ['determine', AUDIT, { criterion: 'P1', outcome: 'partial' }], ['reviewDetermination', OFFICER, { accept: true }]]);
    const asked = run({ ...partial, overdue: true }, [['requestExtension', AUDIT, { requestedDeadline: '2027-06-30' }]]);
    expect(checkAction(asked, 'requestExtension', AUDIT, { requestedDeadline: '2027-07-30' })).toMatch(/待审批/);
    expect(run(asked, [['decideExtension', LEAD, { approve: true }]])).toMatchObject({ deadline: '2027-06-30', extended: true, overdue: false, pendingExtension: null });
    expect(run(asked, [['decideExtension', LEAD, { approve: false }]])).toMatchObject({ deadline: '2027-04-15', extended: false });
  });

  it('asks a handling proposal of a problem confirmed not rectified before it reports again (§8)', () => {
    const notRectified = run(registeredState('2027-04-15', false), [...toDetermine, ['determine', AUDIT, { criterion: 'N2', outcome: 'not_rectified' }], ['reviewDetermination', OFFICER, { accept: true }]]);
    expect(checkAction(notRectified, 'submitReport', AUDIT)).toMatch(/处理建议/);
    const proposed = run(notRectified, [['proposeHandling', AUDIT]]);
    expect(checkAction(proposed, 'submitReport', AUDIT)).toBeNull();
    expect(checkAction(registeredState('2027-04-15', true), 'proposeHandling', AUDIT)).toMatch(/未整改/);
  });

  it('sends a result that does not hold at the follow-up audit back to rectification', () => {
    const followUp = run(registeredState('2027-04-15', false), [...toDetermine, ['determine', AUDIT, { criterion: 'C2', outcome: 'completed' }], ['reviewDetermination', OFFICER, { accept: true }]]);
    expect(run(followUp, [['recordFollowUp', OFFICER, { holds: false }]])).toMatchObject({ stage: 'rectify', outcome: null });
  });

  it('changes nothing once closed', () => {
    const closed: LifecycleState = { ...registeredState('2027-04-15', true), stage: 'closed' };
    expect(checkAction(closed, 'reportProgress', BUSINESS)).toBe('问题已销号，不能再变更');
  });

  it('allows C3 only on a transfer to discipline inspection that was accepted (§7)', () => {
    const atDetermine = run(registeredState('2027-04-15', false), toDetermine);
    expect(checkAction(atDetermine, 'determine', AUDIT, { criterion: 'C3' })).toMatch(/^criterion：C3/);
    const sent = run(atDetermine, [['transferToDiscipline', OFFICER]]);
    expect(checkAction(sent, 'transferToDiscipline', AUDIT)).toMatch(/待纪检组受理/);
    expect(checkAction(sent, 'decideTransfer', OFFICER, { accept: true })).toMatch(/无权/);
    const declined = run(sent, [['decideTransfer', ROLES.DISCIPLINE_GROUP, { accept: false }]]);
    expect(checkAction(declined, 'determine', AUDIT, { criterion: 'C3' })).toMatch(/^criterion：C3/);
    const accepted = run(declined, [['transferToDiscipline', AUDIT], ['decideTransfer', ROLES.DISCIPLINE_GROUP, { accept: true }]]);
    expect(checkAction(accepted, 'determine', AUDIT, { criterion: 'C3' })).toBeNull();
    expect(checkAction(accepted, 'transferToDiscipline', OFFICER)).toMatch(/已被纪检组受理/);
  });
});

describe('refusing the Commission opinion (§13)', () => {
  it('is recorded once by the enterprise leadership while the problem is open, and only then', () => {
    const planning = run(registeredState('2027-04-15', false), [['assignResponsibility', AUDIT]]);
    expect(checkAction(planning, 'rejectOpinion', AUDIT)).toBe('当前角色无权登记不采纳市国资委监管意见');
    expect(checkAction(planning, 'rejectOpinion', OFFICER)).toBe('当前角色无权登记不采纳市国资委监管意见');
    const refused = run(planning, [['rejectOpinion', LEADER]]);
    expect(refused).toMatchObject({ stage: 'plan', opinionRejected: true });
    expect(checkAction(refused, 'rejectOpinion', LEADER)).toBe('已登记不采纳市国资委监管意见');
    const followUp = run(registeredState('2027-04-15', false), [
      ...toDetermine,
      ['determine', AUDIT, { criterion: 'C1', outcome: 'completed' }],
      ['reviewDetermination', OFFICER, { accept: true }],
    ]);
    expect(checkAction(followUp, 'rejectOpinion', LEADER)).toMatch(/后续审计/);
  });
});

describe('responsibility reassigned after 责任分解 (with the trail keeping who and why)', () => {
  const assigned = run(registeredState('2026-12-31', false), [['assignResponsibility', AUDIT]]);

  it('is refused before responsibility was first assigned', () => {
    expect(checkAction(registeredState('2026-12-31', false), 'reassignResponsibility', AUDIT)).toContain('「责任分解」阶段');
  });

  it('is allowed to internal audit from 制定方案 to 后续审计, and changes no stage', () => {
    const after = run(assigned, [['reassignResponsibility', AUDIT]]);
    expect(after.stage).toBe('plan');
    const determining = run(registeredState('2026-12-31', false), [...toDetermine, ['reassignResponsibility', AUDIT]]);
    expect(determining.stage).toBe('determine');
    expect(checkAction(assigned, 'reassignResponsibility', BUSINESS)).toBe('当前角色无权调整整改责任');
  });

  it('is refused while the problem awaits close-out', () => {
    const closeOut = run(registeredState('2026-12-31', false), [
      ...toDetermine,
      ['determine', AUDIT, { criterion: 'C2', outcome: 'completed' }],
      ['reviewDetermination', OFFICER, { accept: true }],
      ['recordFollowUp', AUDIT, { holds: true }],
    ]);
    expect(closeOut.stage).toBe('close_out');
    expect(checkAction(closeOut, 'reassignResponsibility', AUDIT)).toContain('问题销号');
  });
});

describe('the supervision lead refuses a close-out', () => {
  const closeOut = run(registeredState('2026-12-31', false), [
    ...toDetermine,
    ['determine', AUDIT, { criterion: 'C2', outcome: 'completed' }],
    ['reviewDetermination', OFFICER, { accept: true }],
    ['recordFollowUp', AUDIT, { holds: true }],
  ]);

  it('sends the problem back to follow-up audit, from where it may come again', () => {
    const refused = run(closeOut, [['refuseCloseOut', LEAD]]);
    expect(refused.stage).toBe('follow_up');
    expect(checkAction(refused, 'acceptCloseOut', LEAD)).toContain('后续审计');
    const again = run(refused, [['recordFollowUp', AUDIT, { holds: true }], ['acceptCloseOut', LEAD]]);
    expect(again.stage).toBe('closed');
  });

  it('is the supervision lead\'s alone, and only at close-out', () => {
    expect(checkAction(closeOut, 'refuseCloseOut', OFFICER)).toBe('当前角色无权退回销号（不予销号）');
    expect(checkAction(registeredState('2026-12-31', false), 'refuseCloseOut', LEAD)).toContain('「责任分解」阶段');
  });
});

describe('a deadline past the hard limit asked for at registration', () => {
  it('waits as a pending extension for the supervision lead; only approval sets the special-reason flag', () => {
    const state = registeredState('2026-07-15', false, '2027-03-31');
    expect(state.deadline).toBe('2026-07-15');
    expect(state.pendingExtension).toEqual({ requestedDeadline: '2027-03-31' });
    expect(state.specialReason).toBe(false);
    expect(checkAction(state, 'decideExtension', AUDIT)).toBe('当前角色无权审批延长整改时限');
    const refused = run(state, [['decideExtension', LEAD, { approve: false, specialReason: true }]]);
    expect([refused.deadline, refused.specialReason, refused.pendingExtension]).toEqual(['2026-07-15', false, null]);
    const approved = run(state, [['decideExtension', LEAD, { approve: true, specialReason: true }]]);
    expect([approved.deadline, approved.specialReason, approved.extended]).toEqual(['2027-03-31', true, true]);
  });
});
