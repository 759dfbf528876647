import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager } from 'typeorm';
import type { NoticeData } from './templates/notice-data.js';
import type { NoticeType } from './templates/notice-types.js';
import type { NotificationRequest } from './notification-request.js';

/** Notices about a joint-meeting push (§11): the push workflow sends only ids, codes and dates. */
const PUSH_NOTICES = ['push_received', 'push_reminder', 'push_overdue', 'push_escalated', 'response_submitted', 'response_returned', 'response_approved'] as const;
type PushNotice = (typeof PUSH_NOTICES)[number];

export function isPushNotice(type: NoticeType): type is PushNotice {
  return (PUSH_NOTICES as readonly string[]).includes(type);
}

/** Who sends pushes: the office of the joint meeting, seated in the Supervision Division. */
const OFFICE_NAME = '联席会议办公室（监督处）';

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0));

/** The stored response step a notice is about (the workflow passes its id only). */
async function responseText(tx: EntityManager, f: NotificationRequest['facts']): Promise<{ actor_name: string | null; comment: string | null } | null> {
  if (!f['responseRequestId']) return null;
  const rows: { actor_name: string | null; comment: string | null }[] = await tx.query(
    'SELECT actor_name, comment FROM joint_meeting.notice_response_texts WHERE request_id = $1',
    [str(f['responseRequestId'])],
  );
  if (!rows[0]) throw ApplicationFailure.nonRetryable(`response request ${str(f['responseRequestId'])} does not exist`, 'InvalidNotice');
  return rows[0];
}

/**
 * Template data of a push notice. The subject and the unit's name are read from the views the
 * joint-meeting service publishes (joint_meeting.push_notice_facts, joint_meeting.member_directory),
 * so no push text travels through workflow histories. The console key of a push is its number.
 */
export async function pushNoticeData(tx: EntityManager, type: PushNotice, f: NotificationRequest['facts']): Promise<NoticeData> {
  const pushes: { push_no: string; subject: string; reply_by: string }[] = await tx.query(
    `SELECT push_no, subject, to_char(reply_by, 'YYYY-MM-DD') AS reply_by FROM joint_meeting.push_notice_facts WHERE push_id = $1`,
    [str(f['pushId'])],
  );
  const push = pushes[0];
  if (!push) throw ApplicationFailure.nonRetryable(`push ${str(f['pushId'])} does not exist`, 'InvalidNotice');
  const units: { name: string }[] = f['unitCode'] ? await tx.query('SELECT name FROM joint_meeting.member_directory WHERE code = $1', [str(f['unitCode'])]) : [];
  const unitName = units[0]?.name ?? str(f['unitCode']);
  const ref = { pushId: push.push_no, subject: push.subject, replyBy: push.reply_by };
  switch (type) {
    case 'push_received':
      return { ...ref, fromUnit: OFFICE_NAME };
    case 'push_reminder':
      return { ...ref, unitName, daysLeft: num(f['daysLeft']) };
    case 'push_overdue':
    case 'push_escalated':
      return { ...ref, unitName, daysOverdue: num(f['daysOverdue']) };
    case 'response_submitted':
      return { ...ref, unitName, submittedBy: (await responseText(tx, f))?.actor_name ?? str(f['submittedBy']) };
    case 'response_approved':
      return { ...ref, unitName };
    case 'response_returned':
      return { ...ref, unitName, comment: (await responseText(tx, f))?.comment ?? str(f['comment']) };
  }
}
