/**
 * Accountability triggers (§12, SPEC §6). Any one of them opens an accountability case.
 *
 * The clause, and how it is read here:
 *   “对无特殊理由未按照相关决定、意见、建议在期限内全部‘整改完毕’的” → T1. Evaluated when a
 *     deadline falls due: the problem is not completed, no special reason is recorded, and the
 *     deadline was not extended. An extended (partial) problem is judged by T2 instead.
 *   “因客观原因并单独上报延长整改时限的‘部分整改’事项，至相关决定、意见、建议下达后6个月无特殊
 *     事由仍未整改完毕的” → T2. Evaluated at the hard limit (issue date + 6 months): the deadline
 *     was extended, the problem is still not completed and no special reason is recorded. An
 *     extension that itself ends before the hard limit does not trigger T2 when it lapses; the
 *     hard limit check does.
 *   “对相关决定、意见、建议‘不认账’、‘未整改’的” → T3 for N1 (不认账) and for the not-rectified
 *     criteria N2 and N4.
 *   “虚假整改敷衍应付的” → T4 for N3, which §7 files under 未整改 but §12 names separately.
 */
import type { CriterionCode } from './criteria.js';

export const TRIGGERS = {
  T1: '无特殊理由未按期全部整改完毕',
  T2: '部分整改延期事项至下达后6个月仍未整改完毕',
  T3: '不认账或未整改',
  T4: '虚假整改敷衍应付',
} as const;
export type TriggerCode = keyof typeof TRIGGERS;

/** The trigger a determination opens by its criterion alone: T3 for N1, N2, N4; T4 for N3. */
export function triggerForCriterion(code: CriterionCode): TriggerCode | null {
  switch (code) {
    case 'N1':
    case 'N2':
    case 'N4':
      return 'T3';
    case 'N3':
      return 'T4';
    default:
      return null;
  }
}

/** The facts of one problem at the moment a deadline (its current one, or the hard limit) falls due. */
export interface DeadlineFacts {
  /** The result has been determined 整改完毕. */
  completed: boolean;
  /** A special reason (特殊理由/特殊事由) is on record for not finishing. */
  specialReason: boolean;
  /** The deadline was extended on a separate request (单独上报延长整改时限). */
  extended: boolean;
  /** The moment being evaluated is the hard limit (issue date + the policy's limit). */
  atHardLimit: boolean;
}

/**
 * The trigger that a deadline falling due opens, or null. Call it when the problem's current
 * deadline passes and again at the hard limit.
 */
export function deadlineTrigger({ completed, specialReason, extended, atHardLimit }: DeadlineFacts): TriggerCode | null {
  if (completed || specialReason) return null;
  if (!extended) return 'T1';
  if (atHardLimit) return 'T2';
  return null;
}
