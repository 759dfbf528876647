import { reminderPlan, type Policy } from '@rectify/domain';
import { api, db, stack, workflowView, type SeededProblem } from '../harness/index.js';

interface MaildevMail {
  subject: string;
  messageId?: string;
  headers?: Record<string, string>;
  to: { address: string }[];
}

/** Every e-mail in the SMTP sink (maildev's JSON API), by Message-ID without angle brackets. */
export async function mailsByMessageId(): Promise<Map<string, MaildevMail[]>> {
  const mailbox = stack().urls.mailbox;
  if (!mailbox) throw new Error('the stack has no maildev mailbox (SMTP_URL points elsewhere?)');
  const res = await fetch(`${mailbox}/api/email`);
  const all = (await res.json()) as MaildevMail[];
  const byId = new Map<string, MaildevMail[]>();
  for (const m of all) {
    const id = (m.headers?.['message-id'] ?? m.messageId ?? '').replace(/^<|>$/g, '');
    byId.set(id, [...(byId.get(id) ?? []), m]);
  }
  return byId;
}

/** JSON with object keys sorted (jsonb does not keep the order the workflow wrote). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

/** The reminder offsets a problem registered at `registeredAtMs` must receive before `deadline`. */
export function expectedReminderOffsets(deadline: string, policy: Policy, registeredAtMs: number): number[] {
  return reminderPlan({ deadline, policy, nowMs: registeredAtMs - 1 }).map((r) => r.offsetDays);
}

/** Whether the timers of a problem have all run to the end the test waits for (overdue, case, e-mails sent). */
export async function settled(problems: SeededProblem[]): Promise<{ pending: number }> {
  const ids = problems.map((p) => p.id);
  const rows = (await db().query(
    `SELECT p.id,
            (SELECT count(*) FROM issues.problem_events e WHERE e.problem_id = p.id AND e.kind = 'overdue')::int AS overdue,
            (SELECT count(*) FROM issues.accountability_cases c WHERE c.problem_id = p.id)::int AS cases,
            (SELECT count(*) FROM notifications.notices n WHERE n.problem_id = p.id AND n.type = 'accountability_opened')::int AS case_notices,
            (SELECT count(*) FROM notifications.email_outbox o JOIN notifications.notices n ON n.id = o.notice_id
               WHERE n.problem_id = p.id AND o.status <> 'sent')::int AS unsent
       FROM issues.problems p WHERE p.id = ANY($1::uuid[])`,
    [ids],
  )).rows as { overdue: number; cases: number; case_notices: number; unsent: number }[];
  return { pending: problems.length - rows.filter((r) => r.overdue > 0 && r.cases > 0 && r.case_notices > 0 && r.unsent === 0).length };
}

/**
 * Everything that must hold for one problem after the faults, as a list of what is wrong (empty
 * when all is well): the database equals the workflow's own view, each reminder and the overdue
 * notice are in the trail once, one T1 case, every notice in the inbox exactly once per recipient
 * and in the SMTP sink once (a re-sent copy of the same message after a crash is listed in
 * `resent`), and the audit-trail chain verifies.
 */
export async function auditProblem(problem: SeededProblem, policy: Policy, mails: Map<string, MaildevMail[]>, officerToken: string, resent: string[] = []): Promise<string[]> {
  const wrong: string[] = [];
  const say = (m: string) => wrong.push(`${problem.ledgerNo}: ${m}`);
  const view = await workflowView(problem);
  const row = (await db().query('SELECT state, stage, overdue, last_seq FROM issues.problems WHERE id = $1', [problem.id])).rows[0] as
    | { state: unknown; stage: string; overdue: boolean; last_seq: number }
    | undefined;
  if (!row) return [`${problem.ledgerNo}: no row in issues.problems`];
  if (canonical(row.state) !== canonical(view.state)) say(`DB state ${JSON.stringify(row.state)} ≠ workflow state ${JSON.stringify(view.state)}`);
  if (row.stage !== view.state.stage || row.overdue !== view.state.overdue) say(`DB stage/overdue ${row.stage}/${row.overdue} ≠ workflow ${view.state.stage}/${view.state.overdue}`);
  if (row.last_seq !== view.seq) say(`DB last_seq ${row.last_seq} ≠ workflow seq ${view.seq}`);

  const events = (await db().query('SELECT seq, kind, payload FROM issues.problem_events WHERE problem_id = $1 ORDER BY seq', [problem.id])).rows as { seq: number; kind: string; payload: Record<string, unknown> }[];
  if (events.map((e) => e.seq).join() !== Array.from({ length: view.seq + 1 }, (_, i) => i).join()) say(`trail seqs ${events.map((e) => e.seq).join()} ≠ 0…${view.seq}`);
  const offsets = events.filter((e) => e.kind === 'reminder').map((e) => Number(e.payload['offsetDays']));
  const expectedOffsets = expectedReminderOffsets(problem.input.deadline, policy, problem.input.registeredAtMs);
  if (offsets.join() !== expectedOffsets.join()) say(`reminders in the trail [${offsets.join()}] ≠ expected [${expectedOffsets.join()}]`);
  if (events.filter((e) => e.kind === 'overdue').length !== 1) say(`${events.filter((e) => e.kind === 'overdue').length} overdue events, expected 1`);

  const cases = (await db().query('SELECT trigger FROM issues.accountability_cases WHERE problem_id = $1 ORDER BY trigger', [problem.id])).rows.map((r: { trigger: string }) => r.trigger);
  if (cases.join() !== 'T1' || [...view.triggers].sort().join() !== 'T1') say(`accountability cases [${cases.join()}], workflow triggers [${view.triggers.join()}], expected [T1]`);

  const notices = (await db().query(
    `SELECT n.id, n.type, n.key, n.recipients,
            (SELECT count(*) FROM notifications.inbox_items i WHERE i.notice_id = n.id)::int AS inbox,
            (SELECT count(DISTINCT i.user_id) FROM notifications.inbox_items i WHERE i.notice_id = n.id)::int AS inbox_users,
            coalesce((SELECT json_agg(json_build_object('to', o.to_address, 'messageId', o.message_id, 'status', o.status, 'attempts', o.attempts)) FROM notifications.email_outbox o WHERE o.notice_id = n.id), '[]') AS emails
       FROM notifications.notices n WHERE n.problem_id = $1`,
    [problem.id],
  )).rows as { type: string; key: string; recipients: number; inbox: number; inbox_users: number; emails: { to: string; messageId: string; status: string; attempts: number }[] }[];
  const count = (type: string) => notices.filter((n) => n.type === type).length;
  if (count('reminder') !== expectedOffsets.length) say(`${count('reminder')} reminder notices, expected ${expectedOffsets.length}`);
  if (count('overdue') !== 1) say(`${count('overdue')} overdue notices, expected 1`);
  if (count('accountability_opened') !== 1) say(`${count('accountability_opened')} accountability notices, expected 1`);
  for (const n of notices) {
    if (n.recipients === 0) say(`notice ${n.key} reached nobody`);
    if (n.inbox !== n.recipients || n.inbox_users !== n.recipients) say(`notice ${n.key}: ${n.inbox} inbox items for ${n.inbox_users} users, expected ${n.recipients}`);
    if (new Set(n.emails.map((e) => e.to)).size !== n.emails.length) say(`notice ${n.key}: an address queued twice`);
    for (const e of n.emails) {
      const delivered = mails.get(e.messageId.replace(/^<|>$/g, ''))?.length ?? 0;
      // A second copy is the same message (same Message-ID) sent again because its sender was
      // killed between the SMTP server's answer and the outbox update: only a recorded re-attempt
      // explains it (see docs/reliability.md); anything else is a duplicate.
      const resentAfterCrash = delivered > 1 && delivered <= e.attempts;
      if (e.status !== 'sent' || delivered === 0 || (delivered > 1 && !resentAfterCrash)) {
        say(`notice ${n.key} to ${e.to}: outbox ${e.status} after ${e.attempts} attempt(s), ${delivered} copies in the SMTP sink (expected sent, 1)`);
      } else if (resentAfterCrash) resent.push(`${n.key} to ${e.to}: ${delivered} copies of one message after ${e.attempts} attempts`);
    }
  }
  const outboxIds = new Set(notices.flatMap((n) => n.emails.map((e) => e.messageId.replace(/^<|>$/g, ''))));
  const strays = [...mails.entries()].filter(([id, list]) => !outboxIds.has(id) && list.some((m) => m.subject.includes(problem.ledgerNo)));
  if (strays.length > 0) say(`${strays.length} e-mails in the SMTP sink that no outbox row explains`);

  const verify = await api<{ intact: boolean }>('GET', `/api/issues/audit/verify?ledgerNo=${problem.ledgerNo}`, { token: officerToken });
  if (verify.status !== 200 || verify.body.intact !== true) say(`audit trail verify answered ${verify.status} ${JSON.stringify(verify.body).slice(0, 300)}`);
  return wrong;
}

