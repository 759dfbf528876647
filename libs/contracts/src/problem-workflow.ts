import type { Role } from './roles.js';

/** Workflow id of a problem's lifecycle workflow (DESIGN: `problem-<ledger no>`). */
export function problemWorkflowId(ledgerNo: string): string {
  return `problem-${ledgerNo}`;
}

export const PROBLEM_WORKFLOW = 'problemWorkflow';
/** Update carrying one stage action; its validator refuses an illegal transition. */
export const PROBLEM_ACT_UPDATE = 'act';
/** Query returning the workflow's view of the problem. */
export const PROBLEM_STATE_QUERY = 'state';

export interface Actor {
  id: string;
  name: string;
  role: Role;
}
