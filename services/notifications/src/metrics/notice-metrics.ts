import { Counter, Histogram } from 'prom-client';
import type { EventWithNotice, EventWithNoticeReceipt, NotificationReceipt, NotificationRequest } from '@rectify/activities';
import { metricsRegistry, registeredMetric } from '@rectify/platform';

const noticesSent = registeredMetric(
  'rectify_notices_sent_total',
  () => new Counter({ name: 'rectify_notices_sent_total', help: 'Notices recorded (inbox items and queued e-mails), by notice type; a repeated request counts once', labelNames: ['type'] as const, registers: [metricsRegistry] }),
);
const lateness = registeredMetric(
  'rectify_reminder_lateness_seconds',
  () =>
    new Histogram({
      name: 'rectify_reminder_lateness_seconds',
      help: 'Seconds from the moment a deadline reminder or overdue notice fell due to its inbox items being written, by notice type',
      labelNames: ['type'] as const,
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 21600, 86400],
      registers: [metricsRegistry],
    }),
);

/** Notice types whose lateness is measured: the problem's deadline reminders and its overdue notice. */
const TIMED = new Set(['reminder', 'overdue']);

/** Counts a notice that was recorded (not a duplicate) and, for a timed one, how late it is. */
export function recordNotice(req: Pick<NotificationRequest, 'type' | 'facts'>, receipt: NotificationReceipt, nowMs = Date.now()): void {
  if (receipt.duplicate) return;
  noticesSent.inc({ type: req.type });
  const due = req.facts['dueAtMs'];
  if (TIMED.has(req.type) && typeof due === 'number' && Number.isFinite(due)) lateness.observe({ type: req.type }, Math.max(0, nowMs - due) / 1000);
}

type Counted = {
  sendNotification(req: NotificationRequest): Promise<NotificationReceipt>;
  recordEventWithNotice(input: EventWithNotice): Promise<EventWithNoticeReceipt>;
};

/** The notification activities with every notice they record counted (the activities themselves stay free of metrics). */
export function withNoticeMetrics<A extends Counted>(activities: A): A {
  return {
    ...activities,
    async sendNotification(req: NotificationRequest): Promise<NotificationReceipt> {
      const receipt = await activities.sendNotification(req);
      recordNotice(req, receipt);
      return receipt;
    },
    async recordEventWithNotice(input: EventWithNotice): Promise<EventWithNoticeReceipt> {
      const receipt = await activities.recordEventWithNotice(input);
      recordNotice(input.notice, receipt);
      return receipt;
    },
  };
}
