/**
 * Live events (`GET /api/events`, server-sent events): what changed, as ids and new values —
 * never a title, a description or any other text, so an event can carry nothing 涉密.
 * The gateway sends each one only to the subscribers the visibility rule lets see it.
 */
export type LiveEvent =
  /** A problem registered, or its stage, outcome, overdue mark or deadline changed. */
  | { type: 'problem'; ledgerNo: string; stage: string; outcome: string | null; overdue: boolean; deadline: string }
  /** A new trail event of a problem. */
  | { type: 'trail'; ledgerNo: string; seq: number; kind: string; action: string | null }
  /** An accountability case opened or moved on. */
  | { type: 'case'; caseId: string; ledgerNo: string; trigger: string; status: string; eventCount: number }
  /** An inbox item of the subscriber: new, or read. */
  | { type: 'inbox'; itemId: string; read: boolean }
  /** A joint-meeting push's status for one member unit. */
  | { type: 'push'; pushNo: string; unitCode: string; status: string; overdue: boolean };

export type LiveEventType = LiveEvent['type'];

/** The gateway's stream of live events. */
export const LIVE_EVENTS_PATH = '/api/events';

/** The PostgreSQL channel the triggers NOTIFY on; the payload is only the schema name (a wake-up, never data). */
export const LIVE_CHANNEL = 'rectify_live';

/** The schemas that keep a `live_events` table, in the order of the stream's cursor (Last-Event-ID). */
export const LIVE_SOURCES = ['issues', 'notifications', 'joint_meeting'] as const;
export type LiveSource = (typeof LIVE_SOURCES)[number];
