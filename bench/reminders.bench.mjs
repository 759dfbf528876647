#!/usr/bin/env node
// Lateness of --problems reminders (default 1 000) due in the same second: problems on a compressed
// policy (one policy day per 144 wall seconds, one reminder 1 day before the deadline) whose policy clocks
// are set so that every reminder falls due at the same wall instant D. Lateness = delivery − D,
// where delivery is the notice reaching the inbox (notifications.notices.created_at) and the e-mail
// handed to SMTP (email_outbox.sent_at), and each workflow's due instant is read from its history
// (its policy clock starts at its first workflow task, so dues spread a little around D).
// Baseline, same run: the Temporal timer itself — each history's TimerFired time minus that due.
//
//   node bench/reminders.bench.mjs --profile bench [--problems 1000] [--lead 120]   (seconds to register them all before they fall due)
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { eventHash, GENESIS_HASH } from '@rectify/activities';
import { addDays, compressedPolicy, DAY_MS, dueAtMs, localDateOf, registeredState } from '@rectify/domain';
import { BenchError, log, stats } from './lib/bench-kit.mjs';
import { row, standalone } from './lib/run-row.mjs';
import { pool, problemInput, startProblemWorkflow, temporalClient } from './lib/temporal.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// One policy day per 144 wall seconds: the overdue marks (and their cases and e-mails) come
// 144 s after the reminders, not while they are being delivered.
const SCALE = 600;

/** The row and first trail event registration writes, so that the workflow's activities find the problem. */
async function insertProblem(db, { id, ledgerNo, input, policy }) {
  const state = registeredState(input.deadline, false);
  const at = new Date().toISOString();
  const event = { problemId: id, seq: 0, kind: 'action', action: 'register', actorId: 'bench', actorName: '基准测试', actorRole: 'supervision_officer', reason: null, payload: {}, stateBefore: null, stateAfter: state, at };
  const hash = eventHash(GENESIS_HASH, event);
  await db.query(
    `WITH p AS (INSERT INTO issues.problems (id, ledger_no, enterprise_code, source, doc_type, doc_number, doc_issuer, doc_issue_date, item_no,
       title, description, category, amount, confidentiality, deadline, original_deadline, hard_limit, stage, state, last_seq, last_hash,
       workflow_started, policy, registered_by, registered_at)
     VALUES ($1,$2,'E001','routine_audit','decision',$3,'市审计局',$4,'1','提醒延迟基准','同一秒到期的提醒','提醒基准','1000.00','non_confidential',
       $5,$5,$6,$7,$8,0,$9,true,$10,'00000000-0000-0000-0000-000000000000',$11) RETURNING id)
     INSERT INTO issues.problem_events (problem_id, seq, kind, action, actor_id, actor_name, actor_role, reason, payload, state_before, state_after, at, prev_hash, hash)
     SELECT id, 0, 'action', 'register', 'bench', '基准测试', 'supervision_officer', NULL, '{}', NULL, $8, $11, $12, $9 FROM p`,
    [id, ledgerNo, `提醒基准〔${id.slice(0, 8)}〕`, input.issueDate, input.deadline, input.hardLimit, state.stage, JSON.stringify(state), hash, JSON.stringify(policy), at, GENESIS_HASH],
  );
}

export async function run(opts, stack) {
  const policy = compressedPolicy(SCALE, { reminderOffsetsDays: [1] });
  const runId = String(Date.now()).slice(-3); // ledger numbers E001-9<runId>-1xxxx: a year no real registration uses
  const db = new pg.Pool({ connectionString: stack.databaseUrl, max: 8 });
  const { client, close } = await temporalClient(stack);
  try {
    const today = localDateOf(Date.now(), policy);
    const deadline = addDays(today, 30);
    const reminderPolicyMs = dueAtMs(deadline, policy) - DAY_MS; // the 1-day reminder, in policy time
    const D = Date.now() + opts.lead * 1000; // the wall instant every reminder falls due
    const ids = [];
    log(`reminders: ${opts.problems} problems whose 1-day reminder falls due at ${new Date(D).toISOString()}`);
    await pool(opts.problems, 8, async (i) => {
      const id = randomUUID();
      const ledgerNo = `E001-9${runId}-${10000 + i}`;
      // Policy time runs from registeredAtMs at the workflow's start: set it so that the reminder is
      // due at wall time D (to within the workflow's first-task delay, which counts as lateness).
      const registeredAtMs = reminderPolicyMs - (D - Date.now()) * SCALE;
      const input = problemInput({ policy, issueDate: today, deadline, hardLimit: addDays(today, 180), registeredAtMs, problemId: id, ledgerNo, enterpriseCode: 'E001' });
      await insertProblem(db, { id, ledgerNo, input, policy });
      await startProblemWorkflow(client, `problem-${ledgerNo}`, input);
      ids.push({ id, workflowId: `problem-${ledgerNo}`, registeredAtMs });
    });
    if (Date.now() > D - 5000) throw new BenchError(`registering took past the due instant: raise --lead (now ${opts.lead} s)`);
    log(`registered; waiting for the due instant and the deliveries`);
    await sleep(Math.max(0, D - Date.now()));
    const until = Date.now() + 5 * 60_000;
    let delivered;
    for (;;) {
      delivered = (await db.query(
        `SELECT n.problem_id, extract(epoch FROM n.created_at) * 1000 AS inbox, (SELECT max(extract(epoch FROM o.sent_at) * 1000) FROM notifications.email_outbox o WHERE o.notice_id = n.id) AS email
           FROM notifications.notices n WHERE n.type = 'reminder' AND n.problem_id = ANY($1::uuid[])`,
        [ids.map((x) => x.id)],
      )).rows;
      if (delivered.length === ids.length && delivered.every((r) => r.email !== null)) break;
      if (Date.now() > until) throw new BenchError(`only ${delivered.length} of ${ids.length} reminders delivered within 5 min of the due instant`);
      await sleep(1000);
    }
    // Each workflow's own due instant: its policy clock starts at its first workflow task (the
    // WorkflowTaskStarted event), so due = that instant + (reminder − registeredAtMs) ÷ scale.
    const byId = new Map(delivered.map((r) => [r.problem_id, r]));
    const due = new Map();
    const timers = [];
    await pool(ids.length, 16, async (i) => {
      const { id, workflowId, registeredAtMs } = ids[i];
      const { events } = await client.workflow.getHandle(workflowId).fetchHistory();
      const at = (e) => Number(e.eventTime.seconds) * 1000 + Math.floor((e.eventTime.nanos ?? 0) / 1e6);
      const firstTask = events.find((e) => e.workflowTaskStartedEventAttributes);
      const fired = events.find((e) => e.timerFiredEventAttributes);
      if (!firstTask || !fired) throw new BenchError(`${workflowId}: no workflow task or no fired timer in its history`);
      const dueAt = at(firstTask) + Math.ceil((reminderPolicyMs - registeredAtMs) / SCALE);
      due.set(id, dueAt);
      timers.push(at(fired) - dueAt);
    });
    const dues = [...due.values()];
    const inbox = stats(ids.map(({ id }) => Number(byId.get(id).inbox) - due.get(id)));
    const email = stats(ids.map(({ id }) => Number(byId.get(id).email) - due.get(id)));
    const timer = stats(timers);
    return {
      rows: [
        row({ benchmark: `Temporal timer fired (the same ${opts.problems} workflows)`, n: timer.n, median: timer.median, p95: timer.p95, unit: 'ms' }),
        row({ benchmark: `reminder in the inbox, ${opts.problems} due in the same second`, n: inbox.n, median: inbox.median, p95: inbox.p95, unit: 'ms', baseline: 'Temporal timer fired', baselineMedian: timer.median, ratio: inbox.median / timer.median, note: 'lateness = delivery − due' }),
        row({ benchmark: `reminder e-mail handed to SMTP, ${opts.problems} due in the same second`, n: email.n, median: email.median, p95: email.p95, unit: 'ms', baseline: 'Temporal timer fired', baselineMedian: timer.median, ratio: email.median / timer.median, note: 'lateness = sent − due' }),
      ],
      notes: [`reminder lateness: the ${ids.length} due instants (each workflow's own, from its history) spread over ${(Math.max(...dues) - Math.min(...dues)).toFixed(0)} ms around the target instant`, `reminder lateness: problems E001-9${runId}-1xxxx, category 提醒基准; their overdue notices and T1 cases follow 144 s after the reminders`],
    };
  } finally {
    await close();
    await db.end();
  }
}

export const DEFAULTS = { problems: 1000, lead: 120 };
await standalone(import.meta, DEFAULTS, run);
