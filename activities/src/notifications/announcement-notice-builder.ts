import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager } from 'typeorm';
import type { NoticePublishedData, SpecialReportReceivedData } from './templates/notice-data.js';
import type { NoticeType } from './templates/notice-types.js';
import type { NotificationRequest } from './notification-request.js';

/** Notices of what the joint-meeting office published (§11): the announcement workflow sends the id only. */
const ANNOUNCEMENT_NOTICES = ['notice_published', 'special_report_received'] as const;
type AnnouncementNotice = (typeof ANNOUNCEMENT_NOTICES)[number];

export function isAnnouncementNotice(type: NoticeType): type is AnnouncementNotice {
  return (ANNOUNCEMENT_NOTICES as readonly string[]).includes(type);
}

export interface AnnouncementContent {
  data: NoticePublishedData | SpecialReportReceivedData;
  /** A 通报 naming a 涉密 problem: its e-mail says only that there is a 通报 (members read it in the console). */
  confidential: boolean;
}

const idOf = (f: NotificationRequest['facts'], key: string): string => {
  const id = f[key];
  if (typeof id !== 'string' || id === '') throw ApplicationFailure.nonRetryable(`announcement without ${key}`, 'InvalidNotice');
  return id;
};

/**
 * Template data of an announcement, read from the views the joint-meeting service publishes
 * (joint_meeting.notice_announcement_facts, joint_meeting.special_report_announcement_facts).
 */
export async function announcementNoticeData(tx: EntityManager, type: AnnouncementNotice, f: NotificationRequest['facts']): Promise<AnnouncementContent> {
  if (type === 'notice_published') {
    const noticeId = idOf(f, 'noticeId');
    const rows: { title: string; published_on: string; ledger_nos: string[] }[] = await tx.query(
      'SELECT title, published_on, ledger_nos FROM joint_meeting.notice_announcement_facts WHERE notice_id::text = $1',
      [noticeId],
    );
    const n = rows[0];
    if (!n) throw ApplicationFailure.nonRetryable(`notice ${noticeId} does not exist`, 'InvalidNotice');
    const secret: { confidential: boolean }[] = n.ledger_nos.length
      ? await tx.query(`SELECT bool_or(confidentiality = 'confidential') AS confidential FROM issues.notice_facts WHERE ledger_no = ANY($1)`, [n.ledger_nos])
      : [];
    return { data: { noticeId, title: n.title, publishedOn: n.published_on, problems: n.ledger_nos.length }, confidential: secret[0]?.confidential === true };
  }
  const reportId = idOf(f, 'reportId');
  const rows: { title: string; period_from: string; period_to: string }[] = await tx.query(
    'SELECT title, period_from, period_to FROM joint_meeting.special_report_announcement_facts WHERE report_id::text = $1',
    [reportId],
  );
  const r = rows[0];
  if (!r) throw ApplicationFailure.nonRetryable(`special report ${reportId} does not exist`, 'InvalidNotice');
  return { data: { reportId, title: r.title, periodFrom: r.period_from, periodTo: r.period_to }, confidential: false };
}
