import type { Actor, ResponseStep, ResponseVersionStatus, TargetStatus } from '@rectify/contracts';

/** Where one target unit stands, as the push workflow keeps it (and the tracker table mirrors it). */
export interface UnitTracker {
  unitCode: string;
  status: TargetStatus;
  /** Unanswered when the reply date fell due (stays true once set, as a record of lateness). */
  overdue: boolean;
  /** An answered unit revising its approved response: the revision's state, else null. */
  revising: 'drafting' | 'awaiting_approval' | null;
  /** Number of the unit's working response version (0 before its first draft). */
  version: number;
  /** Status of that version, null before the first draft. */
  versionStatus: ResponseVersionStatus | null;
}

/**
 * The response version a step writes. Its text (a draft's opinion and resolution, the leader's
 * comment) is read from the stored request `requestId`; versions recorded before carry it inline.
 */
export interface ResponseVersionWrite {
  number: number;
  status: ResponseVersionStatus;
  requestId?: string;
  opinion?: string;
  resolution?: string;
  attachmentIds?: string[];
  comment?: string | null;
}

/**
 * One event of a push, written by the push workflow through recordPushEvent. `key` (workflow id and
 * the workflow's event sequence) makes the write idempotent.
 */
export interface PushEventRecord {
  key: string;
  pushId: string;
  /** The unit concerned, null for events of the whole push (closed). */
  unitCode: string | null;
  kind: 'response_step' | 'reminder' | 'overdue' | 'closed';
  step: ResponseStep | null;
  /** Id and role (a name only in events recorded before names were left out of histories). */
  actor: Actor | null;
  /** A response step's stored request (joint_meeting.response_requests); null for timer events. */
  requestId?: string | null;
  reason: string | null;
  payload: Record<string, unknown>;
  /** The unit's tracker after the event. */
  target: UnitTracker | null;
  version: ResponseVersionWrite | null;
  /** Policy-time instant of the event (ms). */
  atMs: number;
}
