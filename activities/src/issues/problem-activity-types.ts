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
  actor: Actor | null;
  reason: string | null;
  /** The action's validated payload, or the timer's facts. */
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
