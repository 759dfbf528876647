import { describe, expect, it } from '@jest/globals';
import { applyStep, newTracker } from '@rectify/workflows';

const OFFICER = 'member_unit_officer' as const;
const LEADER = 'member_unit_leader' as const;

function run(steps: [Parameters<typeof applyStep>[1], Parameters<typeof applyStep>[2]][]) {
  let unit = newTracker('U-REFORM');
  for (const [step, role] of steps) {
    const r = applyStep(unit, step, role);
    if ('refusal' in r) throw new Error(r.refusal);
    unit = r.unit;
  }
  return unit;
}

describe('response steps of a member unit (§11: the unit drafts, its division leader approves)', () => {
  it('answers only after the leader approves', () => {
    expect(run([['draft', OFFICER]])).toMatchObject({ status: 'drafting', version: 1, versionStatus: 'draft' });
    expect(run([['draft', OFFICER], ['submit', OFFICER]])).toMatchObject({ status: 'awaiting_approval', version: 1 });
    expect(run([['draft', OFFICER], ['submit', OFFICER], ['approve', LEADER]])).toMatchObject({ status: 'answered', version: 1, versionStatus: 'approved', revising: null });
  });

  it('a returned response goes back to drafting and the next draft is a new version', () => {
    const returned = run([['draft', OFFICER], ['submit', OFFICER], ['return', LEADER]]);
    expect(returned).toMatchObject({ status: 'drafting', version: 1, versionStatus: 'returned' });
    expect(run([['draft', OFFICER], ['submit', OFFICER], ['return', LEADER], ['draft', OFFICER]])).toMatchObject({ version: 2, versionStatus: 'draft' });
    expect(run([['draft', OFFICER], ['draft', OFFICER]])).toMatchObject({ version: 1 }); // editing a draft keeps its version
  });

  it('an edit after approval stays answered but needs a new approval', () => {
    const revising = run([['draft', OFFICER], ['submit', OFFICER], ['approve', LEADER], ['draft', OFFICER]]);
    expect(revising).toMatchObject({ status: 'answered', revising: 'drafting', version: 2 });
    expect(run([['draft', OFFICER], ['submit', OFFICER], ['approve', LEADER], ['draft', OFFICER], ['submit', OFFICER]])).toMatchObject({ status: 'answered', revising: 'awaiting_approval' });
    expect(run([['draft', OFFICER], ['submit', OFFICER], ['approve', LEADER], ['draft', OFFICER], ['submit', OFFICER], ['approve', LEADER]])).toMatchObject({ status: 'answered', revising: null, version: 2 });
  });

  it('refuses steps out of order or by the wrong role, with a Chinese reason', () => {
    const fresh = newTracker('U-REFORM');
    expect(applyStep(fresh, 'submit', OFFICER)).toEqual({ refusal: '没有可提交审核的书面反馈草稿' });
    expect(applyStep(fresh, 'approve', LEADER)).toEqual({ refusal: '没有待审核的书面反馈' });
    expect(applyStep(fresh, 'draft', LEADER)).toEqual({ refusal: '只有本单位联络人可以起草和提交书面反馈' });
    const submitted = run([['draft', OFFICER], ['submit', OFFICER]]);
    expect(applyStep(submitted, 'approve', OFFICER)).toEqual({ refusal: '只有本单位分管领导可以审核书面反馈' });
    expect(applyStep(submitted, 'draft', OFFICER)).toEqual({ refusal: '书面反馈已提交分管领导审核，审核完成前不能修改' });
    expect(applyStep(submitted, 'approve', 'joint_office')).toHaveProperty('refusal');
  });
});
