import { canSeeProblem, CASE_READERS, JOINT_OFFICE_READERS, MEMBER_UNIT_ROLES, type Principal } from '@rectify/contracts';

/** The facts of a live event row that decide who may receive it (written by the owning service's trigger). */
export interface LiveAudience {
  kind: string;
  enterpriseCode: string | null;
  confidential: boolean;
  userId: string | null;
  unitCode: string | null;
}

/**
 * Whether `user` may receive an event: the same rules the services apply to the objects themselves
 * — the ledger's visibility rule for problems and their trail, CASE_READERS as well for cases, the
 * recipient alone for inbox items, the joint-meeting office and the unit concerned for pushes.
 * An event of an unknown kind goes to no one.
 */
export function mayReceive(user: Principal, event: LiveAudience): boolean {
  const problem = () =>
    event.enterpriseCode !== null &&
    canSeeProblem(user, { enterpriseCode: event.enterpriseCode, confidentiality: event.confidential ? 'confidential' : 'non_confidential' });
  switch (event.kind) {
    case 'problem':
    case 'trail':
      return problem();
    case 'case':
      return CASE_READERS.includes(user.role) && problem();
    case 'inbox':
      return event.userId !== null && event.userId === user.sub;
    case 'push':
      return JOINT_OFFICE_READERS.includes(user.role) || (MEMBER_UNIT_ROLES.includes(user.role) && event.unitCode !== null && event.unitCode === user.unitCode);
    default:
      return false;
  }
}
