import type { NotificationRequest } from '@rectify/activities';
import { deliverOnce } from './deliver-once.js';

/**
 * Tells the people concerned that the joint-meeting office published something (§11): a 通报 to
 * every member, a 专报 to the Commission 党委. The joint-meeting service starts it after the
 * publication is committed, once (the workflow id names the publication); the notice carries its
 * id only, and the notifications service reads the title from the service's published view.
 */
export async function announcementWorkflow(notice: Omit<NotificationRequest, 'key'>): Promise<{ recipients: number; duplicate: boolean }> {
  return deliverOnce(notice);
}
