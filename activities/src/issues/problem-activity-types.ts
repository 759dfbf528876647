import type { Actor } from '@rectify/contracts';
import type { ActionName, LifecycleState } from '@rectify/domain';

/** One entry of a problem's audit trail, written by the workflow through recordEvent. */
export interface ProblemEventRecord {
  problemId: string;
  workflowId: string;
  /** Position in the problem's trail; 0 is the registration, written by the service. */
  seq: number;
  kind: 'action' | 'reminder' | 'overdue' | 'hard_limit' | 'accountability';
  action: ActionName | null;
  /** Id and role (a name only in events recorded before names were left out of histories). */
  actor: Actor | null;
  /**
   * An action's stored request (issues.action_requests): its payload, reason and signer's name are
   * read from there, so none of them travels through Temporal. Null for timer events.
   */
  requestId?: string | null;
  /** Null for an action with a request (its reason is the request's); the cause for a case. */
  reason: string | null;
  /** The timer's facts ({} for an action with a request, whose payload is the request's). */
  payload: Record<string, unknown>;
  stateBefore: LifecycleState;
  stateAfter: LifecycleState;
  /** Policy-time instant of the event (equal to wall time under the default policy). */
  atMs: number;
}

export interface AccountabilityCaseRecord {
  problemId: string;
  workflowId: string;
  trigger: 'T1' | 'T2' | 'T3' | 'T4';
  cause: string;
  atMs: number;
}
