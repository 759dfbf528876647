import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource, EntityManager } from 'typeorm';
import { CONFIDENTIAL_READERS, ENTERPRISE_ROLES, type Role } from '@rectify/contracts';
import type { Stage } from '@rectify/domain';
import { isMandatory, isNoticeType } from './templates/notice-types.js';
import { renderConfidentialNotice, renderNotice } from './templates/render.js';
import type { NoticeData } from './templates/notice-data.js';
import type { Audience, EventWithNotice, EventWithNoticeReceipt, NotificationReceipt, NotificationRequest } from './notification-request.js';
import { invalidEventsFail, writeProblemEvent } from '../issues/problem.activities.js';
import { problemNoticeData, type ProblemFacts } from './notice-builder.js';
import { sendWeeklyDigest } from './weekly-digest.js';
import { isPushNotice, pushNoticeData } from './push-notice-builder.js';
import { announcementNoticeData, isAnnouncementNotice } from './announcement-notice-builder.js';

export interface NotificationActivityDeps {
  db: DataSource;
  /** Base URL of the console, for the links in notices. */
  consoleUrl: string;
}

interface Recipient {
  id: string;
  email: string | null;
  role: Role;
  enterprise_code: string | null;
}

/** Whether a recipient may read a 涉密 problem of `enterpriseCode` (the ledger's visibility rule). */
function mayRead(r: Recipient, enterpriseCode: string): boolean {
  return ENTERPRISE_ROLES.includes(r.role) ? r.enterprise_code === enterpriseCode : CONFIDENTIAL_READERS.includes(r.role);
}

/** An explanation request's topic and enterprise, read for its notices (the workflow passes its id only). */
async function explanationFacts(tx: EntityManager, explanationId: unknown): Promise<{ explanationId: string; topic: string; enterpriseName: string; confidential: boolean }> {
  const rows: { topic: string; enterprise_name: string | null; enterprise_code: string; confidential: boolean }[] =
    typeof explanationId === 'string'
      ? await tx.query(
          `SELECT e.topic, e.enterprise_code, e.confidential, d.name AS enterprise_name FROM issues.notice_explanation_facts e
           LEFT JOIN identity.enterprise_directory d ON d.code = e.enterprise_code WHERE e.explanation_id::text = $1`,
          [explanationId],
        )
      : [];
  const r = rows[0];
  if (!r) throw ApplicationFailure.nonRetryable(`explanation ${String(explanationId)} does not exist`, 'InvalidNotice');
  return { explanationId: String(explanationId), topic: r.topic, enterpriseName: r.enterprise_name ?? r.enterprise_code, confidential: r.confidential };
}

/**
 * The texts of the request a notice is about (an extension's reason, a decision's comment or
 * document number), read from the issues service's published view: workflows pass only the
 * request's id.
 */
async function requestTexts(tx: EntityManager, requestId: unknown): Promise<Record<string, string>> {
  if (typeof requestId !== 'string' || requestId === '') return {};
  const rows: { payload: Record<string, unknown>; reason: string | null }[] = await tx.query(
    'SELECT payload, reason FROM issues.notice_request_texts WHERE request_id = $1',
    [requestId],
  );
  const r = rows[0];
  if (!r) throw ApplicationFailure.nonRetryable(`request ${requestId} does not exist`, 'InvalidNotice');
  const texts: Record<string, string> = {};
  for (const key of ['reason', 'comment', 'opinion', 'documentNumber'] as const) {
    const value = key === 'reason' ? (r.payload['reason'] ?? r.reason) : r.payload[key];
    if (typeof value === 'string' && value !== '') texts[key] = value;
  }
  return texts;
}

interface FactsRow {
  problem_id: string;
  ledger_no: string;
  title: string;
  enterprise_code: string;
  enterprise_name: string | null;
  confidentiality: 'confidential' | 'non_confidential';
  deadline: string;
  stage: Stage;
  responsibility: { leadDepartment?: string; cooperatingDepartments?: string[]; responsiblePersons?: string[] } | null;
}

async function recipientsFor(tx: EntityManager, audience: Audience[], facts: FactsRow | null, enterpriseCode: string | null = null): Promise<Recipient[]> {
  const found = new Map<string, Recipient>();
  for (const a of audience) {
    const roles = a.roles.filter((r) => (a.scope === 'enterprise') === ENTERPRISE_ROLES.includes(r));
    if (roles.length === 0) continue;
    let rows: Recipient[];
    if (a.scope === 'enterprise' && !facts) {
      // A notice about no problem (an explanation): the enterprise's users of those roles.
      if (!enterpriseCode) continue;
      rows = await tx.query('SELECT id, email, role, enterprise_code FROM identity.user_directory WHERE role = ANY($1) AND enterprise_code = $2', [roles, enterpriseCode]);
    } else if (a.scope === 'enterprise' && facts) {
      const departments = [facts.responsibility?.leadDepartment, ...(facts.responsibility?.cooperatingDepartments ?? [])].filter((d): d is string => Boolean(d));
      const persons = facts.responsibility?.responsiblePersons ?? [];
      const narrow = a.responsibleDepartmentsOnly && departments.length + persons.length > 0;
      // The responsible departments and the responsible persons (matched by their names).
      rows = await tx.query(
        `SELECT id, email, role, enterprise_code FROM identity.user_directory WHERE role = ANY($1) AND enterprise_code = $2
         ${narrow ? 'AND (department = ANY($3) OR display_name = ANY($4) OR username = ANY($4))' : ''}`,
        narrow ? [roles, facts.enterprise_code, departments, persons] : [roles, facts.enterprise_code],
      );
      // Nobody in the responsible departments: the enterprise's users of those roles, rather than no one.
      if (narrow && rows.length === 0) rows = await tx.query('SELECT id, email, role, enterprise_code FROM identity.user_directory WHERE role = ANY($1) AND enterprise_code = $2', [roles, facts.enterprise_code]);
    } else if (a.scope === 'unit') {
      if (!a.unitCode) continue;
      rows = await tx.query('SELECT id, email, role, enterprise_code FROM identity.user_directory WHERE role = ANY($1) AND unit_code = $2', [roles, a.unitCode]);
    } else {
      rows = await tx.query('SELECT id, email, role, enterprise_code FROM identity.user_directory WHERE role = ANY($1)', [roles]);
    }
    for (const r of rows) found.set(r.id, r);
  }
  return [...found.values()];
}

/**
 * Records notice `req` inside the caller's transaction: the notice (unique key), one inbox item per
 * recipient and one e-mail per recipient with an address who has not turned that type off. A key
 * already recorded writes nothing and answers `duplicate`. The one writer of notices, inbox items
 * and queued e-mails for workflows' notices.
 */
export async function writeNotice(tx: EntityManager, consoleUrl: string, req: NotificationRequest): Promise<NotificationReceipt> {
  if (!isNoticeType(req.type)) throw ApplicationFailure.nonRetryable(`unknown notice type ${String(req.type)}`, 'InvalidNotice');
  const seen: unknown[] = await tx.query('SELECT 1 FROM notifications.notices WHERE key = $1', [req.key]);
  if (seen.length > 0) return { duplicate: true, recipients: 0, emails: 0, undeliverable: false };

  let facts: FactsRow | null = null;
  if (req.problemId) {
    const rows: FactsRow[] = await tx.query(
      `SELECT f.*, d.name AS enterprise_name FROM issues.notice_facts f
       LEFT JOIN identity.enterprise_directory d ON d.code = f.enterprise_code WHERE f.problem_id = $1`,
      [req.problemId],
    );
    facts = rows[0] ?? null;
    if (!facts) throw ApplicationFailure.nonRetryable(`problem ${req.problemId} does not exist`, 'InvalidNotice');
  }
  const problem: ProblemFacts | null = facts && {
    ledgerNo: facts.ledger_no,
    title: facts.title,
    enterpriseName: facts.enterprise_name ?? facts.enterprise_code,
    deadline: facts.deadline,
    stage: facts.stage,
  };
  const explanation = req.type.startsWith('explanation_') ? await explanationFacts(tx, req.facts['requestId']) : null;
  const eventFacts = {
    ...req.facts,
    ...(explanation ? { topic: explanation.topic, enterpriseName: explanation.enterpriseName } : {}),
    ...(await requestTexts(tx, req.facts['actionRequestId'])),
  };
  const announcement = isAnnouncementNotice(req.type) ? await announcementNoticeData(tx, req.type, eventFacts) : null;
  const data = (
    problem ? problemNoticeData(req.type, problem, eventFacts) : isPushNotice(req.type) ? await pushNoticeData(tx, req.type, eventFacts) : (announcement?.data ?? eventFacts)
  ) as NoticeData;
  const full = renderNotice(req.type, data as never, { consoleUrl });
  // A 涉密 problem's notice: e-mail, the notice's subject (delivery log, undeliverable list) and
  // the inbox of anyone who may not read the problem say only that there is a notice about it.
  const secret =
    facts?.confidentiality === 'confidential'
      ? renderConfidentialNotice({ ledgerNo: facts.ledger_no }, { consoleUrl })
      : explanation?.confidential
        ? renderConfidentialNotice({ explanationId: explanation.explanationId }, { consoleUrl })
        : announcement?.confidential
          ? renderConfidentialNotice({ jointNotice: true }, { consoleUrl })
          : null;
  const rendered = secret ?? full;
  const recipients = await recipientsFor(tx, req.audience, facts, req.enterpriseCode ?? null);

  // Concurrent duplicates: the unique key lets exactly one transaction through.
  const inserted: { id: string }[] = await tx.query(
    `INSERT INTO notifications.notices (key, type, problem_id, ledger_no, enterprise_code, subject, recipients, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (key) DO NOTHING RETURNING id`,
    [req.key, req.type, req.problemId, facts?.ledger_no ?? null, facts?.enterprise_code ?? req.enterpriseCode ?? null, rendered.subject, recipients.length, recipients.length === 0 ? 'undeliverable' : 'queued'],
  );
  const noticeId = inserted[0]?.id;
  if (!noticeId) return { duplicate: true, recipients: 0, emails: 0, undeliverable: false };
  if (recipients.length === 0) return { duplicate: false, recipients: 0, emails: 0, undeliverable: true };

  const ids = recipients.map((r) => r.id);
  const readers = secret && facts ? recipients.filter((r) => mayRead(r, facts.enterprise_code)) : recipients;
  const others = recipients.filter((r) => !readers.includes(r));
  for (const [group, inbox] of [[readers, full], [others, rendered]] as const) {
    if (group.length === 0) continue;
    await tx.query(
      `INSERT INTO notifications.inbox_items (notice_id, user_id, type, title, body, link)
       SELECT $1, u, $2, $3, $4, $5 FROM unnest($6::uuid[]) AS u`,
      [noticeId, req.type, inbox.inboxTitle, inbox.inboxBody, inbox.link, group.map((r) => r.id)],
    );
  }
  const optedOut: { user_id: string }[] = isMandatory(req.type)
    ? []
    : await tx.query('SELECT user_id FROM notifications.preferences WHERE type = $1 AND NOT email_enabled AND user_id = ANY($2)', [req.type, ids]);
  const mailTo = recipients.filter((r) => r.email && !optedOut.some((o) => o.user_id === r.id));
  for (const r of mailTo) {
    await tx.query(
      `INSERT INTO notifications.email_outbox (notice_id, user_id, to_address, subject, text_body, html_body, message_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [noticeId, r.id, r.email, rendered.subject, rendered.text, rendered.html, `<notice-${noticeId}-${r.id}@rectify>`],
    );
  }
  return { duplicate: false, recipients: recipients.length, emails: mailTo.length, undeliverable: false };
}

/**
 * Activities of the notifications service, on task queue `notifications`. sendNotification records
 * the notice, its inbox items and its e-mails in ONE transaction under the request's idempotency
 * key: a retried activity or a restarted service finds the key and sends nothing again. E-mails
 * leave through the outbox (services/notifications/src/mail), never from inside the activity.
 */
export function createNotificationActivities({ db, consoleUrl }: NotificationActivityDeps) {
  return {
    /** One weekly digest run; `runKey` (the scheduled run's workflow id) makes it idempotent. */
    async sendWeeklyDigest(input: { runKey: string; asOfMs: number }): Promise<{ notices: number }> {
      return sendWeeklyDigest(db, consoleUrl, input.runKey, input.asOfMs);
    },

    async sendNotification(req: NotificationRequest): Promise<NotificationReceipt> {
      return db.transaction((tx) => writeNotice(tx, consoleUrl, req));
    },

    /**
     * A problem workflow's timer event (a reminder, the overdue mark) and the notice about it, in
     * ONE transaction: the trail entry and ledger row through the problem-event writer
     * (activities/src/issues, which keeps the hash chain), the notice, inbox items and e-mails
     * through writeNotice. Idempotent under the event's number and the notice's key; a crash
     * half-way commits neither.
     */
    async recordEventWithNotice({ event, notice }: EventWithNotice): Promise<EventWithNoticeReceipt> {
      if (notice.problemId !== event.problemId) throw ApplicationFailure.nonRetryable(`the notice ${notice.key} is not about problem ${event.problemId}`, 'InvalidNotice');
      return invalidEventsFail(() =>
        db.transaction(async (tx) => {
          const { written } = await writeProblemEvent(tx, event);
          return { written, ...(await writeNotice(tx, consoleUrl, notice)) };
        }),
      );
    },
  };
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
