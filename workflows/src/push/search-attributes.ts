import type { SearchAttributePair } from '@temporalio/common';
import { dueAtMs, type Policy } from '@rectify/domain';
import { SA } from '../problem/search-attributes.js';

/**
 * A push reuses three of Rectify's registered search attributes, so operators find late pushes with
 * `WorkflowType = 'pushWorkflow' AND Overdue = true`: Stage (open/closed), Deadline (the reply date
 * falls due) and Overdue (some unit missed it). No push text goes here.
 */
export const PUSH_SA = { Stage: SA.Stage, Deadline: SA.Deadline, Overdue: SA.Overdue };

/** The attributes a push's workflow starts with. */
export function pushSearchAttributes(replyBy: string, policy: Policy): SearchAttributePair[] {
  return [
    { key: PUSH_SA.Stage, value: 'open' },
    { key: PUSH_SA.Deadline, value: new Date(dueAtMs(replyBy, policy)) },
    { key: PUSH_SA.Overdue, value: false },
  ];
}
