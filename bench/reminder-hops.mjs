#!/usr/bin/env node
// Where a reminder burst's lateness goes, hop by hop, after a reminders.bench.mjs run: for every
// reminder workflow and every floor workflow of run <run> (the 3 digits in E001-9<run>-1xxxx and
// bench-floor-<run>-…), from its history and its rows: due (the timer's start + its duration) →
// TimerFired → workflow task scheduled → started → completed (activity scheduled) → activity
// started → transaction begun (notices.created_at / bench_timer_floor.written_at) → activity
// completed (committed) → e-mail handed to SMTP. Prints the median and p99 of each hop's
// cumulative lateness and of each hop alone, reminders beside the floor.
//
//   node bench/reminder-hops.mjs --profile bench --run 123
import pg from 'pg';
import { log, parseArgs, readStack, stats } from './lib/bench-kit.mjs';
import { pool, temporalClient } from './lib/temporal.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const opts = parseArgs(process.argv.slice(2), { profile: 'dev', run: 0 }, 'usage: node bench/reminder-hops.mjs --profile <p> --run <3 digits>');
const stack = readStack(root, opts.profile);
const run = String(opts.run).padStart(3, '0');
const db = new pg.Pool({ connectionString: stack.databaseUrl, max: 4 });
const { client, close } = await temporalClient(stack);

const at = (e) => Number(e.eventTime.seconds) * 1000 + Math.floor((e.eventTime.nanos ?? 0) / 1e6);

/** The instants of one workflow's first timer and what followed it, from its history. */
async function hops(workflowId) {
  const { events } = await client.workflow.getHandle(workflowId).fetchHistory();
  const t = events.findIndex((e) => e.timerStartedEventAttributes);
  const started = events.slice(0, t).reverse().find((e) => e.workflowTaskStartedEventAttributes);
  const a = events[t].timerStartedEventAttributes.startToFireTimeout;
  const due = at(started) + Number(a.seconds ?? 0) * 1000 + Math.floor((a.nanos ?? 0) / 1e6);
  const fi = events.findIndex((e) => e.timerFiredEventAttributes);
  const after = events.slice(fi);
  const find = (k) => after.find((e) => e[k]);
  const wfts = find('workflowTaskScheduledEventAttributes');
  const wftst = find('workflowTaskStartedEventAttributes');
  const wftc = find('workflowTaskCompletedEventAttributes');
  const asch = find('activityTaskScheduledEventAttributes');
  const ast = find('activityTaskStartedEventAttributes');
  const ac = find('activityTaskCompletedEventAttributes');
  return {
    due,
    fired: at(events[fi]),
    wftScheduled: wfts && at(wfts),
    wftStarted: wftst && at(wftst),
    wftCompleted: wftc && at(wftc),
    actScheduled: asch && at(asch),
    actStarted: ast && at(ast),
    actCompleted: ac && at(ac),
    attempts: ast?.activityTaskStartedEventAttributes.attempt ?? null,
    // A task that waited past the worker's sticky-queue timeout (WORKER_STICKY_QUEUE_TIMEOUT_SECONDS)
    // and was moved to the shared queue: one more write in Temporal, then a wait behind its two pollers.
    stickyTimeouts: after.filter((e) => e.workflowTaskTimedOutEventAttributes).length,
  };
}

const reminders = (
  await db.query(
    `SELECT p.ledger_no, extract(epoch FROM n.created_at) * 1000 AS begun,
            (SELECT max(extract(epoch FROM o.sent_at) * 1000) FROM notifications.email_outbox o WHERE o.notice_id = n.id) AS sent,
            (SELECT count(*) FROM notifications.email_outbox o WHERE o.notice_id = n.id) AS emails
       FROM issues.problems p JOIN notifications.notices n ON n.problem_id = p.id AND n.type = 'reminder'
      WHERE p.ledger_no LIKE $1`,
    [`E001-9${run}-1%`],
  )
).rows;
const floor = (await db.query(`SELECT workflow_id, extract(epoch FROM written_at) * 1000 AS begun FROM public.bench_timer_floor WHERE workflow_id LIKE $1`, [`bench-floor-${run}-%`])).rows;
log(`${reminders.length} reminders, ${floor.length} floor workflows of run ${run}`);

async function collect(list, idOf) {
  const out = [];
  await pool(list.length, 16, async (i) => {
    const r = list[i];
    out.push({ ...(await hops(idOf(r))), begun: Number(r.begun), sent: r.sent == null ? Number.NaN : Number(r.sent), emails: Number(r.emails ?? 0) });
  });
  return out;
}
const rem = await collect(reminders, (r) => `problem-${r.ledger_no}`);
const flo = await collect(floor, (r) => r.workflow_id);

const STEPS = [
  ['timer fired', 'fired'],
  ['workflow task scheduled', 'wftScheduled'],
  ['workflow task started', 'wftStarted'],
  ['workflow task completed', 'wftCompleted'],
  ['activity started', 'actStarted'],
  ['transaction begun (inbox)', 'begun'],
  ['activity completed', 'actCompleted'],
  ['e-mail sent', 'sent'],
];
const fmt = (v) => (Number.isFinite(v) ? v.toFixed(0).padStart(7) : '      —');
const line = (label, r, f) => `${label.padEnd(28)} ${fmt(r?.median)} ${fmt(r?.p99)}   ${fmt(f?.median)} ${fmt(f?.p99)}`;
const s = (list, fn) => {
  const v = list.map(fn).filter(Number.isFinite);
  return v.length ? stats(v) : null;
};
console.log(`run ${run}: ${rem.length} reminders, ${flo.length} floor; ms, lateness after due (cumulative)`);
console.log(`${''.padEnd(28)} ${'rem p50'.padStart(7)} ${'rem p99'.padStart(7)}   ${'flo p50'.padStart(7)} ${'flo p99'.padStart(7)}`);
for (const [label, k] of STEPS) console.log(line(label, s(rem, (x) => x[k] - x.due), s(flo, (x) => x[k] - x.due)));
console.log('each hop alone');
let prev = 'due';
for (const [label, k] of STEPS) {
  const p = prev;
  console.log(line(`${p === 'due' ? 'due' : ''}→ ${label}`, s(rem, (x) => x[k] - x[p]), s(flo, (x) => x[k] - x[p])));
  prev = k === 'begun' ? 'begun' : k;
}
console.log(`activity attempts > 1: reminders ${rem.filter((x) => x.attempts > 1).length}, floor ${flo.filter((x) => x.attempts > 1).length}; e-mails per notice ${s(rem, (x) => x.emails)?.median}`);
console.log(`workflows with a task timed out on the sticky queue: reminders ${rem.filter((x) => x.stickyTimeouts > 0).length}, floor ${flo.filter((x) => x.stickyTimeouts > 0).length}`);
await close();
await db.end();
