import type { Role } from '@rectify/contracts';
import type { NoticeType } from './templates/notice-types.js';
import type { ProblemEventRecord } from '../issues/problem-activity-types.js';

/** Who should receive a notice: users of the problem's enterprise, or of the Commission side. */
export interface Audience {
  scope: 'enterprise' | 'commission' | 'unit';
  roles: Role[];
  /** Unit scope only: the joint-meeting member unit whose users of those roles receive the notice. */
  unitCode?: string;
  /** Enterprise scope only: narrow to the problem's lead and cooperating departments when it has them. */
  responsibleDepartmentsOnly?: boolean;
}

/**
 * What a workflow asks the notifications service to deliver. Only ids and non-confidential facts
 * travel here (workflow histories are not encrypted); titles and names are read by the service.
 */
export interface NotificationRequest {
  /** Idempotency key: `<workflow id>:<event>:<sequence>`; the same key never notifies twice. */
  key: string;
  type: NoticeType;
  problemId: string | null;
  /** The enterprise an enterprise-scope audience belongs to when the notice is about no problem (e.g. an explanation). */
  enterpriseCode?: string | null;
  audience: Audience[];
  /** Facts of the event: days left, deadline, trigger, criterion, decision … */
  facts: Record<string, string | number | boolean | null>;
}

export interface NotificationReceipt {
  duplicate: boolean;
  recipients: number;
  emails: number;
  undeliverable: boolean;
}

/**
 * A problem workflow's timer event and the notice about it, written together in one transaction by
 * recordEventWithNotice (the notice's key is `<workflow id>:<notice type>:<event seq>`).
 */
export interface EventWithNotice {
  event: ProblemEventRecord;
  notice: NotificationRequest;
}

/** What recordEventWithNotice did: whether the trail event was new, and the notice's receipt. */
export interface EventWithNoticeReceipt extends NotificationReceipt {
  written: boolean;
}
