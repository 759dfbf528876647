/** Inputs of the explanation workflow's activities; each carries its idempotency key. */
export interface ExplanationReminderRecord {
  explanationId: string;
  /** `<workflow id>:reminder:<offset days>` */
  key: string;
  offsetDays: number;
  replyBy: string;
  /** Policy-time instant of the reminder. */
  atMs: number;
}

export interface ExplanationOverdueRecord {
  explanationId: string;
  /** `<workflow id>:overdue` */
  key: string;
  replyBy: string;
  atMs: number;
}

/** What the database says after the activity: the workflow stops when it is answered. */
export interface ExplanationStanding {
  status: 'requested' | 'overdue' | 'answered';
  /** Whether this call wrote its event (false on a retry or when already answered). */
  written: boolean;
}
