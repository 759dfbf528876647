import type { Audience } from '@rectify/activities';

/** Who hears of the two party-committee approvals (SPEC §6, §7). */
export const APPROVAL_AUDIENCES = {
  /** The approval request and its reminders go to the party committee. */
  approvers: [{ scope: 'commission', roles: ['party_committee'] }],
  /** A separate project's decision goes back to the Supervision Division and the supervision group. */
  separateProjectDecided: [{ scope: 'commission', roles: ['supervision_officer', 'supervision_group'] }],
  /** An upward report's decision goes to the Supervision Division and the supervision lead. */
  upwardReportDecided: [{ scope: 'commission', roles: ['supervision_officer', 'supervision_lead'] }],
} as const satisfies Record<string, Audience[]>;
