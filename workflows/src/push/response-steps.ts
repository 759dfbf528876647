import { ROLES, type ResponseStep, type Role } from '@rectify/contracts';
import type { ResponseVersionWrite, UnitTracker } from '@rectify/activities';

/** Who may take each step of a unit's response (§11: the unit drafts, its division leader approves). */
const STEP_ROLES: Record<ResponseStep, Role> = {
  draft: ROLES.MEMBER_UNIT_OFFICER,
  submit: ROLES.MEMBER_UNIT_OFFICER,
  approve: ROLES.MEMBER_UNIT_LEADER,
  return: ROLES.MEMBER_UNIT_LEADER,
};

export function newTracker(unitCode: string): UnitTracker {
  return { unitCode, status: 'pending', overdue: false, revising: null, version: 0, versionStatus: null };
}

/**
 * A unit's tracker after one response step, or the reason the step is refused. Pure: the push
 * workflow calls it from the update's validator and again from its handler.
 *
 * - draft: starts a new version (after a return or an approval) or edits the current draft; not
 *   while a version waits for the leader.
 * - submit: the current draft goes to the division leader.
 * - approve: the submitted version reaches the office; the unit has answered.
 * - return: the submitted version goes back to the drafter with the leader's comment.
 * An answered unit may revise its response; the revision needs a new approval, and until then the
 * office keeps seeing the version approved before.
 */
export function applyStep(unit: UnitTracker, step: ResponseStep, role: Role): { unit: UnitTracker; version: ResponseVersionWrite } | { refusal: string } {
  if (STEP_ROLES[step] !== role) {
    return { refusal: step === 'approve' || step === 'return' ? '只有本单位分管领导可以审核书面反馈' : '只有本单位联络人可以起草和提交书面反馈' };
  }
  const answered = unit.status === 'answered';
  switch (step) {
    case 'draft': {
      if (unit.versionStatus === 'submitted') return { refusal: '书面反馈已提交分管领导审核，审核完成前不能修改' };
      const number = unit.versionStatus === 'draft' ? unit.version : unit.version + 1;
      return {
        unit: { ...unit, status: answered ? 'answered' : 'drafting', revising: answered ? 'drafting' : null, version: number, versionStatus: 'draft' },
        version: { number, status: 'draft' },
      };
    }
    case 'submit':
      if (unit.versionStatus !== 'draft') return { refusal: '没有可提交审核的书面反馈草稿' };
      return {
        unit: { ...unit, status: answered ? 'answered' : 'awaiting_approval', revising: answered ? 'awaiting_approval' : null, versionStatus: 'submitted' },
        version: { number: unit.version, status: 'submitted' },
      };
    case 'approve':
      if (unit.versionStatus !== 'submitted') return { refusal: '没有待审核的书面反馈' };
      return { unit: { ...unit, status: 'answered', revising: null, versionStatus: 'approved' }, version: { number: unit.version, status: 'approved' } };
    case 'return':
      if (unit.versionStatus !== 'submitted') return { refusal: '没有待审核的书面反馈' };
      return {
        unit: { ...unit, status: answered ? 'answered' : 'drafting', revising: answered ? 'drafting' : null, versionStatus: 'returned' },
        version: { number: unit.version, status: 'returned' },
      };
  }
}
