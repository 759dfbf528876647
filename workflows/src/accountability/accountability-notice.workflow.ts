import type { NotificationRequest } from '@rectify/activities';
import { deliverOnce } from '../notices/deliver-once.js';

/**
 * Delivers the notice of one step of an accountability case (§12) to the people it concerns,
 * durably: the issues service starts it after the step is committed, once per step (the workflow
 * id is the step's key, and the notice's idempotency key).
 */
export async function accountabilityNoticeWorkflow(notice: Omit<NotificationRequest, 'key'>): Promise<{ recipients: number; duplicate: boolean }> {
  return deliverOnce(notice);
}
