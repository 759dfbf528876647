import { ACTIONS, APPROVAL_BODIES, checkAction, type ActionName, type ApprovalBody, type LifecycleState } from '@rectify/domain';
import type { Role } from '@rectify/contracts';

/**
 * The route of each stage action under /api/issues/problems/{ledgerNo}/ (services/issues
 * actions.controller.ts). An action of libs/domain without a route (and a form) here is not offered.
 */
export const ACTION_ROUTES: Partial<Record<ActionName, string>> = {
  assignResponsibility: 'responsibility',
  reassignResponsibility: 'responsibility/reassignment',
  submitPlan: 'plan',
  approvePlan: 'plan/approvals',
  reportProgress: 'progress',
  submitReport: 'report',
  approveReport: 'report/approvals',
  determine: 'determination',
  reviewDetermination: 'determination/review',
  proposeHandling: 'handling-proposal',
  recordFollowUp: 'follow-up',
  acceptCloseOut: 'close-out',
  refuseCloseOut: 'close-out/refusal',
  transferToDiscipline: 'discipline-transfers',
  decideTransfer: 'discipline-transfers/decision',
  requestExtension: 'extensions',
  decideExtension: 'extensions/decision',
  rejectOpinion: 'opinion-rejection',
};

/** The approval bodies still to approve the plan or report now. */
export function openBodies(state: LifecycleState, action: 'approvePlan' | 'approveReport'): ApprovalBody[] {
  const done = action === 'approvePlan' ? state.planApprovals : state.reportApprovals;
  return (Object.keys(APPROVAL_BODIES) as ApprovalBody[]).filter((b) => !done.includes(b));
}

/**
 * The actions `role` may take on a problem in `state` now, by the same rule the workflow's update
 * validators apply (libs/domain checkAction). An approval only lacks its body here: it is open
 * while one of 党委会 / 董事会 has not yet approved.
 */
export function availableActions(state: LifecycleState, role: Role): ActionName[] {
  return (Object.keys(ACTIONS) as ActionName[]).filter((action) => {
    if (!ACTION_ROUTES[action]) return false;
    if (action === 'approvePlan' || action === 'approveReport') {
      const bodies = openBodies(state, action);
      return bodies.length > 0 && checkAction(state, action, role, { body: bodies[0] }) === null;
    }
    return checkAction(state, action, role) === null;
  });
}
