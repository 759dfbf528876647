import type { DataSource } from 'typeorm';
import { daysBetween, DEFAULT_POLICY, localDateOf } from '@rectify/domain';
import { renderNotice } from './templates/render.js';
import type { DigestItem, WeeklyDigestData } from './templates/notice-data.js';

interface DigestRow {
  ledger_no: string;
  title: string;
  enterprise_code: string;
  enterprise_name: string | null;
  deadline: string;
  overdue: boolean;
  confidentiality: 'confidential' | 'non_confidential';
}

/** What e-mail says in place of a 涉密 problem's title. */
export const CONFIDENTIAL_TITLE = '（涉密问题，请登录系统查看）';

interface Reader {
  id: string;
  display_name: string;
  email: string | null;
  enterprise_code: string | null;
}

const LIST_LIMIT = 20;
const SOON_DAYS = 30;

/**
 * The weekly digest (SPEC §5): each Supervision Division officer gets the overdue and soon-due
 * problems of every enterprise; each enterprise's internal audit gets its own. One notice per
 * reader, under the key `<run key>:<user id>`, so a repeated run sends nothing twice.
 */
export async function sendWeeklyDigest(db: DataSource, consoleUrl: string, runKey: string, asOfMs: number): Promise<{ notices: number }> {
  const today = localDateOf(asOfMs, DEFAULT_POLICY);
  const rows: DigestRow[] = await db.query(
    `SELECT f.ledger_no, f.title, f.enterprise_code, d.name AS enterprise_name, f.deadline, f.overdue, f.confidentiality
     FROM issues.notice_facts f LEFT JOIN identity.enterprise_directory d ON d.code = f.enterprise_code
     WHERE f.stage <> 'closed' AND (f.overdue OR f.deadline <= ($1::date + ${SOON_DAYS}))
     ORDER BY f.deadline, f.ledger_no`,
    [today],
  );
  const totals: { enterprise_code: string; open: number }[] = await db.query(
    `SELECT enterprise_code, count(*)::int AS open FROM issues.notice_facts WHERE stage <> 'closed' GROUP BY enterprise_code`,
  );
  const readers: Reader[] = await db.query(
    `SELECT id, display_name, email, enterprise_code FROM identity.user_directory WHERE role IN ('supervision_officer', 'enterprise_audit')`,
  );
  // E-mail never carries a 涉密 problem's title; the inbox (behind login; every digest reader may read them) does.
  const item = (forMail: boolean) => (r: DigestRow): DigestItem => ({
    ledgerNo: r.ledger_no,
    title: forMail && r.confidentiality === 'confidential' ? CONFIDENTIAL_TITLE : r.title,
    enterpriseName: r.enterprise_name ?? r.enterprise_code,
    deadline: r.deadline,
    daysLeft: daysBetween(today, r.deadline),
  });
  let notices = 0;
  for (const reader of readers) {
    const mine = rows.filter((r) => reader.enterprise_code === null || r.enterprise_code === reader.enterprise_code);
    const overdue = mine.filter((r) => r.overdue);
    const dueSoon = mine.filter((r) => !r.overdue);
    const data = (forMail: boolean): WeeklyDigestData => ({
      recipientName: reader.display_name,
      periodLabel: `截至 ${today}`,
      overdue: overdue.slice(0, LIST_LIMIT).map(item(forMail)),
      dueSoon: dueSoon.slice(0, LIST_LIMIT).map(item(forMail)),
      totals: {
        open: totals.filter((t) => reader.enterprise_code === null || t.enterprise_code === reader.enterprise_code).reduce((n, t) => n + t.open, 0),
        overdue: overdue.length,
        dueWithin30Days: dueSoon.length,
      },
    });
    const rendered = renderNotice('weekly_digest', data(true), { consoleUrl });
    const inbox = renderNotice('weekly_digest', data(false), { consoleUrl });
    const written = await db.transaction(async (tx) => {
      const inserted: { id: string }[] = await tx.query(
        `INSERT INTO notifications.notices (key, type, enterprise_code, subject, recipients, status)
         VALUES ($1, 'weekly_digest', $2, $3, 1, 'queued') ON CONFLICT (key) DO NOTHING RETURNING id`,
        [`${runKey}:${reader.id}`, reader.enterprise_code, rendered.subject],
      );
      const noticeId = inserted[0]?.id;
      if (!noticeId) return false;
      await tx.query(
        `INSERT INTO notifications.inbox_items (notice_id, user_id, type, title, body, link) VALUES ($1, $2, 'weekly_digest', $3, $4, $5)`,
        [noticeId, reader.id, inbox.inboxTitle, inbox.inboxBody, inbox.link],
      );
      const optedOut: unknown[] = await tx.query(`SELECT 1 FROM notifications.preferences WHERE user_id = $1 AND type = 'weekly_digest' AND NOT email_enabled`, [reader.id]);
      if (reader.email && optedOut.length === 0) {
        await tx.query(
          `INSERT INTO notifications.email_outbox (notice_id, user_id, to_address, subject, text_body, html_body, message_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [noticeId, reader.id, reader.email, rendered.subject, rendered.text, rendered.html, `<notice-${noticeId}-${reader.id}@rectify>`],
        );
      }
      return true;
    });
    if (written) notices += 1;
  }
  return { notices };
}
