import type { Role } from './roles.js';

/** Ledger numbers: <enterprise code>-<year>-<five digits>, e.g. E001-2026-00042. */
export const LEDGER_NO = /^[A-Z0-9-]{2,20}-\d{4}-\d{5}$/;

/** Workflow id of a problem's lifecycle workflow (DESIGN: `problem-<ledger no>`). */
export function problemWorkflowId(ledgerNo: string): string {
  return `problem-${ledgerNo}`;
}

export const PROBLEM_WORKFLOW = 'problemWorkflow';
/** Update carrying one stage action; its validator refuses an illegal transition. */
export const PROBLEM_ACT_UPDATE = 'act';
/** Query returning the workflow's view of the problem. */
export const PROBLEM_STATE_QUERY = 'state';

/**
 * Who acted. What travels to a workflow is the id and the role only (histories hold no names);
 * the activity that records the act reads the name from the request stored in PostgreSQL or from
 * identity.user_directory. `name` is present only where a service records an act itself, and in
 * commands recorded before names were left out.
 */
export interface Actor {
  id: string;
  role: Role;
  name?: string;
}
