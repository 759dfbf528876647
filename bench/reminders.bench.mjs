#!/usr/bin/env node
// Lateness of --problems reminders (default 1 000) due in the same second: problems on a compressed
// policy (one policy day per 864 wall seconds, one reminder 1 day before the deadline) whose policy clocks
// are set so that every reminder falls due at the same wall instant D. Lateness = delivery − due,
// where delivery is the notice reaching the inbox (notifications.notices.created_at) and the e-mail
// handed to SMTP (email_outbox.sent_at), and each workflow's due instant is read from its history
// (its policy clock starts at its first workflow task, so dues spread a little around D).
//
// Baseline, same run: the floor of the same work in raw Temporal on the same server — as many
// timerFloorWorkflows (workflows/src/timer-floor.workflow.ts), each sleeping to its due instant and then
// running one activity that writes one row; the benchmark hosts that activity itself (the services'
// ActivityWorker, same codec) on a queue of its own. Their due instants are the reminders' own, moved
// to a later instant D′ (same spread), so both bursts have the same shape, and — like a reminder's —
// count from each workflow's first task (it writes its due in its row). Lateness = row written − due.
// Also reported: the Temporal timer itself (each reminder history's TimerFired − its due).
//
// With --floorload M (an experiment, not the benchmark), M thousandths of a core of other CPU work run
// beside the floor's burst, from its due instant until its last row (bench/lib/cpu-load.mjs; counted as
// `bench client`).
//
//   node bench/reminders.bench.mjs --profile bench [--problems 1000] [--lead 120] [--floorload 0]   (lead: seconds to register them all before they fall due)
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { eventHash, GENESIS_HASH } from '@rectify/activities';
import { TASK_QUEUES } from '@rectify/contracts';
import { addDays, compressedPolicy, DAY_MS, dueAtMs, localDateOf, registeredState } from '@rectify/domain';
import { BenchError, log, stats } from './lib/bench-kit.mjs';
import { row, standalone } from './lib/run-row.mjs';
import { ActivityWorker } from '@rectify/platform';
import { startCpuBurst } from './lib/process-cpu.mjs';
import { startCpuLoad } from './lib/cpu-load.mjs';
import { payloadKeys, pool, problemInput, startProblemWorkflow, temporalClient } from './lib/temporal.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// One policy day per 864 wall seconds: the problems' overdue marks would come 864 s after the
// reminders, never while they or the floor's burst are measured; their workflows are terminated first.
const SCALE = 100;
const POLICY_DAY_WALL_MS = DAY_MS / SCALE;
/** How long the stack's idle CPU is sampled just before each burst falls due (taken off the burst's CPU). */
const IDLE_SAMPLE_MS = 2000;

/** Sleeps until just before `dueMs`, samples the idle CPU, and starts measuring the burst (process-cpu.mjs). */
async function cpuFromDue(stack, dueMs) {
  await sleep(Math.max(0, dueMs - IDLE_SAMPLE_MS - 500 - Date.now()));
  return startCpuBurst(stack, IDLE_SAMPLE_MS);
}

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

/**
 * The reminders: `opts.problems` problems registered (each pushed to `ids`), their 1-day reminders due
 * at D; waits for every notice and e-mail and answers, per problem, its due instant (from its history) and lateness.
 */
async function reminderBurst(opts, runId, stack, db, client, ids) {
  const policy = compressedPolicy(SCALE, { reminderOffsetsDays: [1] });
  const today = localDateOf(Date.now(), policy);
  const deadline = addDays(today, 30);
  const reminderPolicyMs = dueAtMs(deadline, policy) - DAY_MS; // the 1-day reminder, in policy time
  const D = Date.now() + opts.lead * 1000; // the wall instant every reminder falls due
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
  const finishCpu = await cpuFromDue(stack, D);
  await sleep(Math.max(0, D - Date.now()));
  const until = Date.now() + 10 * 60_000;
  let delivered;
  for (;;) {
    delivered = (await db.query(
      `SELECT n.problem_id, extract(epoch FROM n.created_at) * 1000 AS inbox, (SELECT max(extract(epoch FROM o.sent_at) * 1000) FROM notifications.email_outbox o WHERE o.notice_id = n.id) AS email
         FROM notifications.notices n WHERE n.type = 'reminder' AND n.problem_id = ANY($1::uuid[])`,
      [ids.map((x) => x.id)],
    )).rows;
    if (delivered.length === ids.length && delivered.every((r) => r.email !== null)) break;
    if (Date.now() > until) throw new BenchError(`only ${delivered.length} of ${ids.length} reminders delivered within 10 min of the due instant`);
    await sleep(1000);
  }
  const cpu = finishCpu(ids.length);
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
  return {
    D,
    dues: [...due.values()],
    inbox: ids.map(({ id }) => Number(byId.get(id).inbox) - due.get(id)),
    email: ids.map(({ id }) => Number(byId.get(id).email) - due.get(id)),
    timers,
    cpu,
  };
}

/**
 * The floor: one timerFloorWorkflow per reminder, due at D′ + (that reminder's due − D) counted from
 * its first task as a reminder is, each then running writeFloorRow — hosted here, by the
 * ActivityWorker every service uses, with a pool of a service's size — which inserts one row with
 * its due. Answers each workflow's lateness (row written − due).
 */
async function floorBurst({ offsets, leadMs, runId, load }, stack, db, client) {
  await db.query('CREATE TABLE IF NOT EXISTS public.bench_timer_floor (workflow_id text PRIMARY KEY, due_at timestamptz NOT NULL, written_at timestamptz NOT NULL DEFAULT now())');
  const taskQueue = `bench-timer-floor-${runId}-${process.pid}`;
  const rows = new pg.Pool({ connectionString: stack.databaseUrl, max: 10 });
  const worker = new ActivityWorker({
    address: stack.raw.infra.temporalAddress,
    namespace: stack.raw.infra.temporalNamespace ?? 'default',
    taskQueue,
    activities: {
      async writeFloorRow(workflowId, dueAtMs) {
        await rows.query('INSERT INTO public.bench_timer_floor (workflow_id, due_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [workflowId, new Date(dueAtMs).toISOString()]);
      },
    },
    payloadKeys: payloadKeys(stack.raw),
  });
  await worker.start();
  let stopLoad = async () => {};
  try {
    const D = Date.now() + leadMs;
    const runs = offsets.map((offset, i) => ({ workflowId: `bench-floor-${runId}-${process.pid}-${i}`, dueAtMs: D + offset }));
    log(`floor: ${runs.length} raw workflows sleeping to ${new Date(D).toISOString()} (the reminders' spread), then writing one row each`);
    await pool(runs.length, 8, async (i) => {
      const { workflowId, dueAtMs } = runs[i];
      // Like a problem's policy clock, the delay runs from the workflow's first task: its due is that + delay.
      await client.workflow.start('timerFloorWorkflow', { taskQueue: TASK_QUEUES.workflows, workflowId, args: [{ delayMs: dueAtMs - Date.now(), taskQueue }] });
    });
    const first = Math.min(...runs.map((r) => r.dueAtMs));
    if (Date.now() > first - 5000) throw new BenchError(`starting the floor's workflows took past their due instant: raise --lead (now ${leadMs * 2 / 1000} s)`);
    const finishCpu = await cpuFromDue(stack, D);
    await sleep(Math.max(0, D - Date.now()));
    stopLoad = startCpuLoad(load);
    const until = Date.now() + 10 * 60_000;
    for (;;) {
      const written = (await db.query(
        'SELECT workflow_id, extract(epoch FROM written_at - due_at) * 1000 AS late, extract(epoch FROM written_at) * 1000 AS at FROM public.bench_timer_floor WHERE workflow_id = ANY($1)',
        [runs.map((r) => r.workflowId)],
      )).rows;
      if (written.length === runs.length) {
        await stopLoad();
        return { lateness: written.map((r) => Number(r.late)), lastMs: Math.max(...written.map((r) => Number(r.at))), cpu: finishCpu(runs.length) };
      }
      if (Date.now() > until) throw new BenchError(`only ${written.length} of ${runs.length} floor rows written within 10 min of the due instant`);
      await sleep(1000);
    }
  } finally {
    await stopLoad();
    await worker.stop();
    await rows.end();
  }
}

/** The CPU each stack process spent per workflow over the two bursts (the floor's activity runs in `bench client`). */
function cpuNote(reminders, floor) {
  const names = Object.keys(reminders.perOp).filter((n) => Math.abs(reminders.perOp[n]) >= 0.5 || Math.abs(floor.perOp[n] ?? 0) >= 0.5);
  const all = (c) => Object.values(c.perOp).reduce((s, ms) => s + ms, 0);
  const pair = (r, f) => `${r.toFixed(1)} / ${f.toFixed(1)}`;
  return `reminder lateness: CPU per workflow over each burst — from just before its due instant until its last delivery — in ms of user + system time (/proc), less the idle use sampled for ${IDLE_SAMPLE_MS / 1000} s before it, reminders / floor: ` +
    `${names.map((n) => `${n} ${pair(reminders.perOp[n], floor.perOp[n] ?? 0)}`).join('; ')}; all ${pair(all(reminders), all(floor))}. ` +
    `The stack used ${reminders.cores.toFixed(2)} cores on average over the reminders' ${(reminders.wallMs / 1000).toFixed(1)} s and ${floor.cores.toFixed(2)} over the floor's ${(floor.wallMs / 1000).toFixed(1)} s`;
}

export async function run(opts, stack) {
  const runId = String(Date.now()).slice(-3); // ledger numbers E001-9<runId>-1xxxx: a year no real registration uses
  const db = new pg.Pool({ connectionString: stack.databaseUrl, max: 8 });
  const { client, close } = await temporalClient(stack);
  const ids = []; // the problems registered: { id, workflowId, registeredAtMs }
  try {
    const reminders = await reminderBurst(opts, runId, stack, db, client, ids);
    const { D, dues } = reminders;
    // The reminders' overdue marks fall due one policy day after them: the floor must be done by then.
    const overdueAt = Math.min(...dues) + POLICY_DAY_WALL_MS;
    const floor = await floorBurst({ offsets: dues.map((d) => d - D), leadMs: (opts.lead * 1000) / 2, runId, load: opts.floorload / 1000 }, stack, db, client);
    const timer = stats(reminders.timers);
    const base = stats(floor.lateness);
    const inbox = stats(reminders.inbox);
    const email = stats(reminders.email);
    const baseline = 'timer floor (raw workflow + one row)';
    const vsFloor = (s) => ({ baseline, baselineMedian: base.median, baselineP99: base.p99, ratio: s.median / base.median, ratioP99: s.p99 / base.p99 });
    return {
      rows: [
        row({ benchmark: `Temporal timer fired (the same ${opts.problems} workflows)`, n: timer.n, median: timer.median, p95: timer.p95, p99: timer.p99, unit: 'ms' }),
        row({ benchmark: `timer floor: ${base.n} raw workflows sleeping to one instant, then one activity writing one row`, n: base.n, median: base.median, p95: base.p95, p99: base.p99, unit: 'ms', note: 'lateness = row written − due' }),
        row({ benchmark: `reminder in the inbox, ${opts.problems} due in the same second`, n: inbox.n, median: inbox.median, p95: inbox.p95, p99: inbox.p99, unit: 'ms', ...vsFloor(inbox), note: 'lateness = delivery − due' }),
        row({ benchmark: `reminder e-mail handed to SMTP, ${opts.problems} due in the same second`, n: email.n, median: email.median, p95: email.p95, p99: email.p99, unit: 'ms', ...vsFloor(email), note: 'lateness = sent − due' }),
      ],
      notes: [
        `reminder lateness: the ${dues.length} due instants (each workflow's own, from its history) spread over ${(Math.max(...dues) - Math.min(...dues)).toFixed(0)} ms around the target instant; the floor's workflows fall due with the same spread`,
        `reminder lateness: problems E001-9${runId}-1xxxx, category 提醒基准 (their workflows terminated at the end); floor rows in public.bench_timer_floor`,
        cpuNote(reminders.cpu, floor.cpu),
        ...(opts.floorload > 0 ? [`⚠ reminder lateness: an experiment — ${opts.floorload / 1000} cores of other CPU work (--floorload ${opts.floorload}) ran beside the floor's burst, in the bench client: the floor here is not the benchmark's baseline`] : []),
        ...(floor.lastMs > overdueAt ? [`⚠ reminder lateness: the floor's last row was written after the reminders' overdue marks fell due (it shared the machine with them): raise the policy day or lower --lead`] : []),
      ],
    };
  } finally {
    // Their overdue marks, cases and e-mails would otherwise follow a policy day later, into whatever runs next.
    await pool(ids.length, 16, async (i) => {
      await client.workflow.getHandle(ids[i].workflowId).terminate('benchmark done').catch(() => undefined);
    });
    await close();
    await db.end();
  }
}

export const DEFAULTS = { problems: 1000, lead: 120, floorload: 0 };
await standalone(import.meta, DEFAULTS, run);
